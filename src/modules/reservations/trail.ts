import { asc, count, eq } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import { reservationTransitions } from './schema.js'

export type TransitionRow = typeof reservationTransitions.$inferSelect

/** A reservation's audit trail, oldest first: every move with who made it, when and why. */
export async function trailOf(ex: Executor, reservationId: string, page: PageParams): Promise<{ rows: TransitionRow[]; count: number }> {
  const where = eq(reservationTransitions.reservationId, reservationId)
  const [rows, [total]] = await Promise.all([
    ex.select().from(reservationTransitions).where(where).orderBy(asc(reservationTransitions.id)).limit(page.pageSize).offset(offsetOf(page)),
    ex.select({ n: count() }).from(reservationTransitions).where(where),
  ])
  return { rows, count: total!.n }
}

export const transitionOut = (t: TransitionRow) => ({
  id: t.id,
  from: t.fromStatus,
  to: t.toStatus,
  actor_id: t.actorId,
  reason: t.reason,
  at: t.createdAt.toISOString(),
})
