import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { media, type MediaPurpose } from './schema.js'

/**
 * The ids among `ids` that `ownerId` uploaded for `purpose`: what another module checks before
 * attaching uploads to its object, so nobody attaches someone else's file.
 */
export async function ownMedia(ex: Executor, ownerId: string, ids: readonly string[], purpose: MediaPurpose): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await ex
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.ownerId, ownerId), eq(media.purpose, purpose), inArray(media.id, [...ids])))
  return rows.map((r) => r.id)
}
