import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'
import type { CancellationPolicy } from '../pricing/cancellation-policy.js'

export interface OpeningRange {
  weekday: number
  open: string
  close: string
}

export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    kind: text('kind', { enum: ['venue', 'hotel', 'practitioner'] }).notNull(),
    timezone: text('timezone').notNull(),
    currency: text('currency').notNull(),
    address: text('address'),
    // The weekly hours are replaced as a whole by PUT /hours, so they live with the venue
    // and arrive with it in the same read.
    openingHours: jsonb('opening_hours').$type<OpeningRange[]>().notNull().default([]),
    holdTtlMinutes: integer('hold_ttl_minutes'),
    // Null means the default policy; a reservation keeps a copy of the one it was made under.
    cancellationPolicy: jsonb('cancellation_policy').$type<CancellationPolicy>(),
    // Null charges the full amount at checkout; otherwise this share of it as a deposit.
    depositPercent: integer('deposit_percent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('venues_kind_check', sql`${t.kind} in ('venue', 'hotel', 'practitioner')`),
    check('venues_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('venues_hold_ttl_check', sql`${t.holdTtlMinutes} is null or ${t.holdTtlMinutes} between 1 and 1440`),
    check('venues_deposit_check', sql`${t.depositPercent} is null or ${t.depositPercent} between 1 and 100`),
  ],
)

export const venueClosures = pgTable(
  'venue_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('venue_closures_venue_date_key').on(t.venueId, t.date)],
)

export const memberships = pgTable(
  'memberships',
  {
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'manager', 'staff'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.venueId, t.userId] }),
    // "Where does this user work?" is asked for every signed-in caller's rate-limit tier.
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_check', sql`${t.role} in ('owner', 'manager', 'staff')`),
  ],
)
