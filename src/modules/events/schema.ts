import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'

/** The transactional outbox: written with the change it describes, relayed later at-least-once. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    version: integer('version').notNull().default(1),
    aggregateId: uuid('aggregate_id').notNull(),
    venueId: uuid('venue_id'),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_events_unpublished_idx')
      .on(t.id)
      .where(sql`${t.publishedAt} is null`),
    // The relay's per-aggregate order check: is an earlier event of this aggregate still pending?
    index('outbox_events_pending_aggregate_idx')
      .on(t.aggregateId, t.id)
      .where(sql`${t.publishedAt} is null`),
  ],
)

/**
 * Events waiting for the broker (NATS), queued by the relay in its transaction when a broker
 * is configured and deleted once JetStream has them. A queue of its own, drained by its own
 * loop, so a broker that is down holds up only itself, never sockets, webhooks or messages.
 */
export const brokerOutbox = pgTable(
  'broker_outbox',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .primaryKey()
      .references(() => outboxEvents.id, { onDelete: 'cascade' }),
    aggregateId: uuid('aggregate_id').notNull(),
  },
  (t) => [index('broker_outbox_aggregate_idx').on(t.aggregateId, t.eventId)],
)
