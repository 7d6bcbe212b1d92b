import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { reservations } from '../reservations/schema.js'
import { rooms } from '../rooms/schema.js'
import { venues } from '../venues/schema.js'

export const waitlistStatuses = ['waiting', 'notified', 'seated', 'left', 'no_show', 'archived'] as const
export type WaitlistStatus = (typeof waitlistStatuses)[number]

/**
 * A party in a venue's walk-in queue. Position and estimated wait are computed when read,
 * never stored, so they cannot go stale. `token` is the customer's status link.
 */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    token: text('token').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    partySize: integer('party_size').notNull(),
    notes: text('notes'),
    quotedWaitMinutes: integer('quoted_wait_minutes'),
    status: text('status', { enum: waitlistStatuses }).notNull().default('waiting'),
    roomId: uuid('room_id').references(() => rooms.id),
    reservationId: uuid('reservation_id').references(() => reservations.id),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    seatedAt: timestamp('seated_at', { withTimezone: true }),
    // When the party left the queue (seated, left or no-show); the archive TTL counts from here or from joining.
    endedAt: timestamp('ended_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('waitlist_entries_token_key').on(t.token),
    index('waitlist_entries_venue_idx').on(t.venueId, t.status, t.createdAt),
    // One party per reservation: two seat actions cannot both attach the same booking.
    uniqueIndex('waitlist_entries_reservation_key')
      .on(t.reservationId)
      .where(sql`${t.reservationId} is not null`),
    check('waitlist_entries_status_check', sql`${t.status} in (${literalList(waitlistStatuses)})`),
    check('waitlist_entries_party_check', sql`${t.partySize} between 1 and 1000`),
    check('waitlist_entries_quoted_check', sql`${t.quotedWaitMinutes} is null or ${t.quotedWaitMinutes} between 0 and 1440`),
  ],
)
