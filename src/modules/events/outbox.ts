import { sql, type Placeholder, type SQL } from 'drizzle-orm'
import { pgArray, type Executor, type Tx } from '../../db/client.js'
import { placeholderRow } from '../../db/fixed-query.js'
import { EVENT_VERSIONS, type DomainEvent } from './domain-events.js'
import { outboxEvents } from './schema.js'

export type { DomainEvent, DomainEventType } from './domain-events.js'

/**
 * The one writer of the outbox: inserts `events` (at least one), run by the caller in the
 * transaction of the change they describe, each stamped with its type's payload version.
 * `recordTransitions` passes a `with` query so the audit rows and their events are one statement.
 */
export function emit(ex: Pick<Executor, 'insert'>, now: Date, events: readonly DomainEvent[]) {
  return ex.insert(outboxEvents).values(events.map((e) => eventRow(e, now)))
}

/** The outbox row of an event, stamped with its type's payload version. */
const eventRow = (e: DomainEvent, now: Date) => ({
  type: e.type,
  version: EVENT_VERSIONS[e.type],
  aggregateId: e.aggregateId,
  venueId: e.venueId,
  payload: e.payload,
  createdAt: now,
})

/** `emit` as a data-modifying CTE named `events`, for the caller's `tx.with(…)`: a reservation's birth is one statement. */
export function emitting(tx: Tx, now: Date, events: readonly DomainEvent[]) {
  return tx.$with('events').as(emit(tx, now, events).returning({ id: outboxEvents.id }))
}

/**
 * `emitting` of one event for a statement built once (`fixedQuery`): its values are the
 * placeholders that `oneEvent` fills.
 */
export function emittingOne(ex: Executor) {
  return ex.$with('events').as(emitOne(ex).returning({ id: outboxEvents.id }))
}

const EVENT = placeholderRow('event', ['type', 'version', 'aggregateId', 'venueId', 'payload', 'createdAt'])

/** `emit` of one event for a statement built once: the placeholders of `emittingOne`. */
export const emitOne = (ex: Pick<Executor, 'insert'>) => ex.insert(outboxEvents).values(EVENT.slots)

/** The values of `emittingOne`'s and `emitOne`'s placeholders. */
export const oneEvent = (e: DomainEvent, now: Date) => EVENT.values(eventRow(e, now))

/** The placeholders of `eventsIf`: the events as parallel arrays (`eventColumns` fills them). */
export type EventPlaceholders = Record<'types' | 'versions' | 'aggregates' | 'venues' | 'payloads' | 'createdAt', SQL | Placeholder>

/**
 * `emit` for a statement whose text is fixed once: a data-modifying CTE body that inserts the
 * events (passed as the arrays `eventColumns` makes) only if `condition` holds, so they go in
 * with the change they describe or not at all.
 */
export const eventsIf = (p: EventPlaceholders, condition: SQL) =>
  sql`insert into ${outboxEvents} (type, version, aggregate_id, venue_id, payload, created_at)
    select e.type, e.version, e.aggregate_id, e.venue_id, e.payload, ${p.createdAt}::timestamptz
    from unnest(${p.types}::text[], ${p.versions}::int[], ${p.aggregates}::uuid[], ${p.venues}::uuid[], ${p.payloads}::jsonb[])
      as e(type, version, aggregate_id, venue_id, payload)
    where ${condition}`

/** The values of `eventsIf`'s placeholders, each event stamped with its type's payload version. */
export function eventColumns(events: readonly DomainEvent[], now: Date): Record<keyof EventPlaceholders, string> {
  return {
    types: pgArray(events.map((e) => e.type)),
    versions: pgArray(events.map((e) => String(EVENT_VERSIONS[e.type]))),
    aggregates: pgArray(events.map((e) => e.aggregateId)),
    venues: `{${events.map((e) => (e.venueId === null ? 'NULL' : `"${e.venueId}"`)).join(',')}}`,
    payloads: pgArray(events.map((e) => JSON.stringify(e.payload))),
    createdAt: now.toISOString(),
  }
}
