import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { refreshTokens } from './schema.js'

/**
 * Revokes every refresh token of the user in one statement, so every session ends when its
 * access token lapses. Answers how many sessions were live: a session is a family whose newest
 * token could still be used.
 */
export async function endSessions(ex: Executor, userId: string, now: Date): Promise<number> {
  const revoked = await ex
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ familyId: refreshTokens.familyId, usedAt: refreshTokens.usedAt, expiresAt: refreshTokens.expiresAt })
  const live = revoked.filter((r) => !r.usedAt && r.expiresAt > now)
  return new Set(live.map((r) => r.familyId)).size
}
