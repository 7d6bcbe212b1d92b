import type { Executor, Tx } from '../../db/client.js'
import { EVENT_VERSIONS, type DomainEvent } from './domain-events.js'
import { outboxEvents } from './schema.js'

export type { DomainEvent, DomainEventType } from './domain-events.js'

/**
 * The one writer of the outbox: inserts `events` (at least one), run by the caller in the
 * transaction of the change they describe, each stamped with its type's payload version.
 * `recordTransitions` passes a `with` query so the audit rows and their events are one statement.
 */
export function emit(ex: Pick<Executor, 'insert'>, now: Date, events: readonly DomainEvent[]) {
  return ex.insert(outboxEvents).values(
    events.map((e) => ({
      type: e.type,
      version: EVENT_VERSIONS[e.type],
      aggregateId: e.aggregateId,
      venueId: e.venueId,
      payload: e.payload,
      createdAt: now,
    })),
  )
}

/** `emit` as a data-modifying CTE named `events`, for the caller's `tx.with(…)`: a reservation's birth is one statement. */
export function emitting(tx: Tx, now: Date, events: readonly DomainEvent[]) {
  return tx.$with('events').as(emit(tx, now, events).returning({ id: outboxEvents.id }))
}
