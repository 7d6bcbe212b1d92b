import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'
import { services } from '../catalog/schema.js'
import { practitioners } from '../practitioners/schema.js'
import { reservations } from '../reservations/schema.js'

/**
 * One review per completed booking, by its customer, of the practitioner and the service
 * booked. The averages on practitioners and services are counts and totals moved in the
 * same transaction as a review is written or hidden.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    rating: integer('rating').notNull(),
    text: text('text').notNull().default(''),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('reviews_reservation_key').on(t.reservationId),
    index('reviews_practitioner_idx').on(t.practitionerId, t.createdAt),
    check('reviews_rating_check', sql`${t.rating} between 1 and 5`),
  ],
)
