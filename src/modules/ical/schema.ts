import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { reservations } from '../reservations/schema.js'

export const feedKinds = ['customer', 'room', 'practitioner'] as const
export type FeedKind = (typeof feedKinds)[number]

/**
 * A private iCalendar feed URL: whose bookings it lists (`kind` and `subject_id`: the
 * customer's user id, a room's id, a practitioner's id) and who made it. Only the token's
 * SHA-256 is kept, so the table leaks no working URL; revoking sets `revoked_at`, and the URL
 * answers 404 from then on. Rotating is revoking and creating anew.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: feedKinds }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    index('calendar_feeds_owner_idx').on(t.ownerId, t.createdAt),
    check('calendar_feeds_kind_check', sql`${t.kind} in (${literalList(feedKinds)})`),
    check('calendar_feeds_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('calendar_feeds_customer_check', sql`${t.kind} <> 'customer' or ${t.subjectId} = ${t.ownerId}`),
  ],
)

/**
 * The invite state of one booking as its customer's calendar knows it: the SEQUENCE of the
 * last invite sent and the outbox event that sent it. The sequence is a counter kept here,
 * moved only by the relay's transaction, so it never depends on a clock and a batch relayed
 * again (after a crash before its commit) does not count twice.
 */
export const calendarInvites = pgTable(
  'calendar_invites',
  {
    reservationId: uuid('reservation_id')
      .primaryKey()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
    // The last invite's method: a booking whose CANCEL went out gets no further invites.
    method: text('method', { enum: ['REQUEST', 'CANCEL'] }).notNull(),
  },
  (t) => [check('calendar_invites_sequence_check', sql`${t.sequence} >= 0`), check('calendar_invites_method_check', sql`${t.method} in ('REQUEST', 'CANCEL')`)],
)
