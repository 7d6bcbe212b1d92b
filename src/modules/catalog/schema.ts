import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { practitioners } from '../practitioners/schema.js'
import { venues } from '../venues/schema.js'

export const serviceTypes = ['session', 'workshop', 'course'] as const
export type ServiceType = (typeof serviceTypes)[number]

/**
 * What a practitioner sells: a 1:1 `session` on their calendar, a `workshop` (occurrences
 * with seats) or a `course` (a series of occurrences sold as one). Deleting archives it, so
 * bookings keep their reference; the venue is the practitioner's, for access and currency.
 */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    type: text('type', { enum: serviceTypes }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    maxParticipants: integer('max_participants').notNull(),
    isVirtual: boolean('is_virtual').notNull().default(false),
    location: text('location'),
    isActive: boolean('is_active').notNull().default(true),
    // Kept by reviews in the same transaction as the review, never recounted.
    ratingCount: integer('rating_count').notNull().default(0),
    ratingTotal: integer('rating_total').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('services_practitioner_idx').on(t.practitionerId),
    index('services_discovery_idx').on(t.type, t.category),
    check('services_type_check', sql`${t.type} in (${literalList(serviceTypes)})`),
    check('services_rating_check', sql`${t.ratingCount} >= 0 and ${t.ratingTotal} between ${t.ratingCount} and 5 * ${t.ratingCount}`),
    check('services_price_check', sql`${t.priceAmount} >= 0`),
    check('services_duration_check', sql`${t.durationMinutes} between 5 and 1440`),
    check('services_participants_check', sql`${t.maxParticipants} between 1 and 1000 and (${t.type} <> 'session' or ${t.maxParticipants} = 1)`),
  ],
)

/**
 * A scheduled time of a workshop or a course, with its seats. `taken` moves only by a
 * conditional update under the CHECK below, so seats can never be sold past capacity.
 */
export const serviceOccurrences = pgTable(
  'service_occurrences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_occurrences_service_idx').on(t.serviceId, t.startsAt),
    check('service_occurrences_span_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('service_occurrences_capacity_check', sql`${t.capacity} between 1 and 1000`),
    check('service_occurrences_taken_check', sql`${t.taken} between 0 and ${t.capacity}`),
  ],
)

/** Whether a participant came to an occurrence, as its practitioner marked it. */
export const attendance = pgTable(
  'attendance',
  {
    occurrenceId: uuid('occurrence_id')
      .notNull()
      .references(() => serviceOccurrences.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id').notNull(),
    attended: boolean('attended').notNull(),
    markedBy: uuid('marked_by').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.occurrenceId, t.participantId] })],
)
