import type { Executor } from '../../db/client.js'
import { outboxEvents } from './schema.js'

/** Every domain event, named as the SPEC names them. Payloads are versioned with `version`. */
export type DomainEventType =
  | 'reservation.created'
  | 'reservation.confirmed'
  | 'reservation.awaiting_payment'
  | 'reservation.pending'
  | 'reservation.checked_in'
  | 'reservation.completed'
  | 'reservation.cancelled'
  | 'reservation.refunded'
  | 'reservation.expired'
  | 'reservation.no_show'
  | 'reservation.rescheduled'
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.refunded'
  | 'inventory.changed'
  | 'waitlist.updated'

export interface DomainEvent {
  type: DomainEventType
  aggregateId: string
  venueId: string | null
  payload: Record<string, unknown>
}

/**
 * The insert of `events` (at least one), run by the caller in the transaction of the change
 * it describes; `recordTransitions` folds it into the audit row's statement.
 */
export function outboxInsert(ex: Pick<Executor, 'insert'>, now: Date, events: DomainEvent[]) {
  return ex
    .insert(outboxEvents)
    .values(events.map((e) => ({ type: e.type, aggregateId: e.aggregateId, venueId: e.venueId, payload: e.payload, createdAt: now })))
}
