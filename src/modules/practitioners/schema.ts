import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { venues } from '../venues/schema.js'

export const verificationStatuses = ['pending', 'verified', 'rejected'] as const
export type VerificationStatus = (typeof verificationStatuses)[number]

/**
 * A practitioner's public profile. Their business (time zone, currency, weekly schedule,
 * closures, policies, members) is the venue of kind `practitioner` it points to, one each.
 */
export const practitioners = pgTable(
  'practitioners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    // Who applied: one profile per person.
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    displayName: text('display_name').notNull(),
    bio: text('bio').notNull().default(''),
    specializations: text('specializations')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    certifications: text('certifications')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    verificationStatus: text('verification_status', { enum: verificationStatuses }).notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    isFeatured: boolean('is_featured').notNull().default(false),
    // Kept by reviews (a later issue) in the same transaction as the review, never recounted.
    ratingCount: integer('rating_count').notNull().default(0),
    ratingTotal: integer('rating_total').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('practitioners_venue_key').on(t.venueId),
    uniqueIndex('practitioners_user_key').on(t.userId),
    index('practitioners_public_idx').on(t.verificationStatus, t.isFeatured),
    check('practitioners_status_check', sql`${t.verificationStatus} in (${literalList(verificationStatuses)})`),
    check('practitioners_rejection_check', sql`${t.verificationStatus} <> 'rejected' or ${t.rejectionReason} is not null`),
    check('practitioners_rating_check', sql`${t.ratingCount} >= 0 and ${t.ratingTotal} between ${t.ratingCount} and 5 * ${t.ratingCount}`),
  ],
)

/** Where a practitioner works; a virtual location has no address. At most one is primary. */
export const practitionerLocations = pgTable(
  'practitioner_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    address: text('address'),
    city: text('city'),
    isVirtual: boolean('is_virtual').notNull(),
    isPrimary: boolean('is_primary').notNull(),
  },
  (t) => [
    index('practitioner_locations_practitioner_idx').on(t.practitionerId),
    index('practitioner_locations_city_idx').on(sql`lower(${t.city})`),
    uniqueIndex('practitioner_locations_primary_key')
      .on(t.practitionerId)
      .where(sql`${t.isPrimary}`),
    check('practitioner_locations_place_check', sql`${t.isVirtual} or ${t.city} is not null`),
  ],
)

export interface DayHours {
  open: string
  close: string
}

/**
 * A date on which the weekly schedule does not apply: no hours is a day off, otherwise these
 * ranges (venue-local, close ≤ open ending the next day) replace the weekday's.
 */
export const scheduleExceptions = pgTable(
  'schedule_exceptions',
  {
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    hours: jsonb('hours').$type<DayHours[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.practitionerId, t.date] })],
)
