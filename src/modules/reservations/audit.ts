import type { Tx } from '../../db/client.js'
import type { DomainEvent } from '../events/domain-events.js'
import { emit } from '../events/outbox.js'
import { reservationTransitions, type ReservationStatus } from './schema.js'

/** One row of the audit trail (who, when, from, to, why) and the events it announces. */
export interface TransitionRecord {
  reservationId: string
  /** null: the reservation was born in `to`. A reschedule records its status as both. */
  from: ReservationStatus | null
  to: ReservationStatus
  actorId: string | null
  reason: string | null
  events: DomainEvent[]
}

/**
 * Writes the audit rows and their domain events in one statement: a booking pays one round
 * trip for both, and neither can exist without the other. Only `moveReservations`,
 * `createReservation` and `reschedule` call it.
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
  await emit(
    tx.with(audit),
    now,
    records.flatMap((r) => r.events),
  )
}
