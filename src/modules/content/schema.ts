import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { venues } from '../venues/schema.js'

/** What a venue tells its guests, one row per venue, replaced as a whole. */
export const venueInfo = pgTable('venue_info', {
  venueId: uuid('venue_id')
    .primaryKey()
    .references(() => venues.id, { onDelete: 'cascade' }),
  hoursText: text('hours_text'),
  phone: text('phone'),
  address: text('address'),
  // Network name → URL, e.g. { "instagram": "https://…" }.
  socials: jsonb('socials').$type<Record<string, string>>().notNull().default({}),
  policies: text('policies'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A venue's menu, grouped by category and ordered by position within it. */
export const menuItems = pgTable(
  'menu_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    price: integer('price').notNull(),
    category: text('category').notNull(),
    available: boolean('available').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('menu_items_venue_idx').on(t.venueId, t.category, t.position),
    check('menu_items_price_check', sql`${t.price} >= 0`),
    check('menu_items_position_check', sql`${t.position} >= 0`),
  ],
)
