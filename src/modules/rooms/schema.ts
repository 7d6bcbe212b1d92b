import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { venues } from '../venues/schema.js'

/** A room is an exclusive resource: one active claim at a time, enforced on reservation_items. */
export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    hourlyRate: integer('hourly_rate').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    minMinutes: integer('min_minutes').notNull().default(60),
    maxMinutes: integer('max_minutes').notNull().default(240),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    amenities: jsonb('amenities').$type<string[]>().notNull().default([]),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rooms_venue_idx').on(t.venueId),
    check('rooms_capacity_check', sql`${t.capacity} > 0`),
    check('rooms_rate_check', sql`${t.hourlyRate} >= 0`),
    check('rooms_slot_check', sql`${t.slotMinutes} between 5 and 240 and 1440 % ${t.slotMinutes} = 0`),
    check(
      'rooms_length_check',
      sql`${t.minMinutes} >= ${t.slotMinutes} and ${t.maxMinutes} >= ${t.minMinutes} and ${t.maxMinutes} <= 1440
        and ${t.minMinutes} % ${t.slotMinutes} = 0 and ${t.maxMinutes} % ${t.slotMinutes} = 0`,
    ),
    check('rooms_buffer_check', sql`${t.bufferMinutes} between 0 and 240`),
  ],
)
