import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { serviceOccurrences } from '../catalog/schema.js'
import { reservationItems } from '../reservations/schema.js'
import { venues } from '../venues/schema.js'

/**
 * A practitioner's one calendar: every span they are busy, from a scheduled occurrence or a
 * booked 1:1 session. Migration 0009 puts an exclusion constraint over (venue, span) for
 * active rows, the same guard that keeps rooms from double booking, so a workshop cannot be
 * scheduled over a session, nor a session booked over a workshop, whichever commits first.
 */
export const calendarClaims = pgTable(
  'calendar_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    occurrenceId: uuid('occurrence_id').references(() => serviceOccurrences.id, { onDelete: 'cascade' }),
    reservationItemId: uuid('reservation_item_id').references(() => reservationItems.id, { onDelete: 'cascade' }),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('calendar_claims_occurrence_key').on(t.occurrenceId),
    uniqueIndex('calendar_claims_item_key').on(t.reservationItemId),
    index('calendar_claims_venue_idx').on(t.venueId, t.startsAt),
    check('calendar_claims_span_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('calendar_claims_source_check', sql`num_nonnulls(${t.occurrenceId}, ${t.reservationItemId}) = 1`),
  ],
)
