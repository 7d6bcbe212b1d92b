import type { Tx } from '../../db/client.js'
import { fixedQuery, placeholderRow } from '../../db/fixed-query.js'
import type { DomainEvent } from '../events/domain-events.js'
import { emit, emitOne, emitting, oneEvent } from '../events/outbox.js'
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
 * Writes the audit rows and their domain events in one statement: a transition pays one round
 * trip for both, and neither can exist without the other. Only `moveReservations` and
 * `reschedule` call it; a reservation's birth writes them with `withTransitions`.
 */
export async function recordTransitions(tx: Tx, now: Date, records: readonly TransitionRecord[]): Promise<void> {
  if (records.length === 0) return
  const [one] = records
  if (records.length === 1 && one!.events.length === 1) {
    await recordOne(tx, {
      ...AUDIT.values(auditRow(one!, now)),
      ...oneEvent(one!.events[0]!, now),
    })
    return
  }
  await emit(
    tx.with(auditRows(tx, now, records)),
    now,
    records.flatMap((r) => r.events),
  )
}

/**
 * The audit rows and their events as data-modifying CTEs of the caller's next statement, so
 * `createReservation` inserts a reservation, its birth's audit row and its events in one
 * round trip (the rows' foreign keys are checked at the end of that statement).
 */
export function withTransitions(tx: Tx, now: Date, records: readonly TransitionRecord[]) {
  return tx.with(
    auditRows(tx, now, records),
    emitting(
      tx,
      now,
      records.flatMap((r) => r.events),
    ),
  )
}

// One transition with one event is the hot path (a payment confirming its hold): its statement
// is built once (fixedQuery), the same text `auditRows` and `emit` build for one of each.
const AUDIT = placeholderRow('audit', ['reservationId', 'fromStatus', 'toStatus', 'actorId', 'reason', 'createdAt'])
const recordOne = fixedQuery((ex) => {
  const audit = ex.$with('audit').as(ex.insert(reservationTransitions).values(AUDIT.slots).returning({ id: reservationTransitions.id }))
  return emitOne(ex.with(audit))
}, 'reservoir_record_transition')

function auditRows(tx: Tx, now: Date, records: readonly TransitionRecord[]) {
  return tx.$with('audit').as(
    tx
      .insert(reservationTransitions)
      .values(records.map((r) => auditRow(r, now)))
      .returning({ id: reservationTransitions.id }),
  )
}

/** The audit row of a transition. */
const auditRow = (r: TransitionRecord, now: Date) => ({
  reservationId: r.reservationId,
  fromStatus: r.from,
  toStatus: r.to,
  actorId: r.actorId,
  reason: r.reason,
  createdAt: now,
})
