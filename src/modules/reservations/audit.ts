import type { Tx } from '../../db/client.js'
import { outboxInsert, type DomainEventType } from '../events/outbox.js'
import { reservationTransitions, type ReservationStatus } from './schema.js'

export interface TransitionRecord {
  reservationId: string
  venueId: string
  from: ReservationStatus | null
  to: ReservationStatus
  actorId: string | null
  reason: string | null
  event: DomainEventType
  payload: Record<string, unknown>
}

/**
 * Writes the audit rows and their domain events in one statement: a booking pays one round
 * trip for both, and neither can exist without the other.
 */
export async function recordTransitions(tx: Tx, now: Date, records: readonly TransitionRecord[]): Promise<void> {
  if (records.length === 0) return
  const audit = tx.$with('audit').as(
    tx
      .insert(reservationTransitions)
      .values(
        records.map((r) => ({ reservationId: r.reservationId, fromStatus: r.from, toStatus: r.to, actorId: r.actorId, reason: r.reason, createdAt: now })),
      )
      .returning({ id: reservationTransitions.id }),
  )
  await outboxInsert(
    tx.with(audit),
    now,
    records.map((r) => ({ type: r.event, aggregateId: r.reservationId, venueId: r.venueId, payload: r.payload })),
  )
}
