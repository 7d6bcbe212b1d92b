import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import type { CancellationPolicy } from '../pricing/cancellation-policy.js'
import { venues } from '../venues/schema.js'

/** A room type is a pool: interchangeable units sold per night, counted in `inventory_nights`. */
export const roomTypes = pgTable(
  'room_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // The units a newly loaded night gets; each night keeps its own count after that.
    totalUnits: integer('total_units').notNull(),
    maxOccupancy: integer('max_occupancy').notNull(),
    baseRate: integer('base_rate').notNull(),
    amenities: jsonb('amenities').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('room_types_venue_idx').on(t.venueId),
    check('room_types_units_check', sql`${t.totalUnits} between 0 and 10000`),
    check('room_types_occupancy_check', sql`${t.maxOccupancy} between 1 and 100`),
    check('room_types_rate_check', sql`${t.baseRate} >= 0`),
  ],
)

/**
 * A way of selling a room type (flexible, non-refundable…): its own cancellation policy
 * (null: the venue's) and a price adjustment applied after the pricing rules.
 */
export const ratePlans = pgTable(
  'rate_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomTypeId: uuid('room_type_id')
      .notNull()
      .references(() => roomTypes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    cancellationPolicy: jsonb('cancellation_policy').$type<CancellationPolicy>(),
    adjustmentPercent: integer('adjustment_percent').notNull().default(0),
    // The order plans are offered in; the first is the one a stay gets when it names none.
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rate_plans_room_type_idx').on(t.roomTypeId, t.position),
    check('rate_plans_adjustment_check', sql`${t.adjustmentPercent} between -100 and 1000`),
  ],
)

/**
 * One row per room type and night (a venue-local date). The fit check is the overselling
 * guard: claims add to `held` (holds) or `sold` (confirmed) with a conditional update, and
 * whatever slips past the condition is refused by the database.
 */
export const inventoryNights = pgTable(
  'inventory_nights',
  {
    roomTypeId: uuid('room_type_id')
      .notNull()
      .references(() => roomTypes.id, { onDelete: 'cascade' }),
    night: date('night', { mode: 'string' }).notNull(),
    units: integer('units').notNull(),
    held: integer('held').notNull().default(0),
    sold: integer('sold').notNull().default(0),
    closed: boolean('closed').notNull().default(false),
    // The shortest stay that may arrive on this night.
    minStay: integer('min_stay').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.roomTypeId, t.night] }),
    check('inventory_nights_fit_check', sql`${t.held} + ${t.sold} <= ${t.units}`),
    check('inventory_nights_counts_check', sql`${t.units} >= 0 and ${t.held} >= 0 and ${t.sold} >= 0`),
    check('inventory_nights_min_stay_check', sql`${t.minStay} between 1 and 90`),
  ],
)
