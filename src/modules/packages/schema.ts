import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { services } from '../catalog/schema.js'
import { practitioners } from '../practitioners/schema.js'
import { venues } from '../venues/schema.js'

export const packageKinds = ['package', 'bundle'] as const
export type PackageKind = (typeof packageKinds)[number]

/**
 * A set of a practitioner's services sold ahead: a `package` at a discount off the services'
 * prices at the time of purchase, a `bundle` at a fixed price. Bought as a reservation with one
 * `package` item, so checkout, webhooks, holds and refunds are the reservations'.
 */
export const packages = pgTable(
  'packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    kind: text('kind', { enum: packageKinds }).notNull(),
    name: text('name').notNull(),
    discountPercent: integer('discount_percent'),
    priceAmount: integer('price_amount'),
    currency: text('currency').notNull(),
    validForDays: integer('valid_for_days').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('packages_practitioner_idx').on(t.practitionerId, t.kind),
    check('packages_kind_check', sql`${t.kind} in (${literalList(packageKinds)})`),
    check(
      'packages_price_check',
      sql`(${t.kind} = 'package' and ${t.discountPercent} between 0 and 100 and ${t.priceAmount} is null)
        or (${t.kind} = 'bundle' and ${t.priceAmount} >= 0 and ${t.discountPercent} is null)`,
    ),
    check('packages_validity_check', sql`${t.validForDays} between 1 and 3650`),
  ],
)

/** How many sessions of each service a package or bundle holds. */
export const packageItems = pgTable(
  'package_items',
  {
    packageId: uuid('package_id')
      .notNull()
      .references(() => packages.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    sessions: integer('sessions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.serviceId] }), check('package_items_sessions_check', sql`${t.sessions} between 1 and 100`)],
)

/**
 * Sessions of one service a buyer may book without paying, from one paid purchase (the
 * reservation that bought them). Redeeming raises `used` with a conditional update and the
 * CHECK keeps it within `total`, so concurrent bookings cannot redeem one session twice.
 */
export const entitlements = pgTable(
  'entitlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    packageId: uuid('package_id')
      .notNull()
      .references(() => packages.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    // The purchase (a reservation with a `package` item); no foreign key, as reservation items
    // point here and a cycle of foreign keys would order every insert.
    purchaseId: uuid('purchase_id').notNull(),
    total: integer('total').notNull(),
    used: integer('used').notNull().default(0),
    // What one session of it was bought for: its share of the price paid, for the practitioner's earnings.
    unitValue: integer('unit_value').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Set by the lapse job; redemption checks `expires_at` itself and never waits for it.
    lapsedAt: timestamp('lapsed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('entitlements_purchase_service_key').on(t.purchaseId, t.serviceId),
    index('entitlements_user_idx').on(t.userId, t.expiresAt),
    index('entitlements_open_idx')
      .on(t.expiresAt)
      .where(sql`${t.lapsedAt} is null`),
    check('entitlements_used_check', sql`${t.used} >= 0 and ${t.used} <= ${t.total}`),
    check('entitlements_total_check', sql`${t.total} between 1 and 10000`),
  ],
)
