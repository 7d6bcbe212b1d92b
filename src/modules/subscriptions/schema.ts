import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { practitioners } from '../practitioners/schema.js'

export const planIntervals = ['month', 'year'] as const

/** A platform plan practitioners subscribe to through Stripe Billing; its price lives at Stripe. */
export const subscriptionPlans = pgTable(
  'subscription_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    interval: text('interval', { enum: planIntervals }).notNull(),
    // Taken off the tier's rate while the subscription is active: 100 = one percentage point.
    commissionDiscountBp: integer('commission_discount_bp').notNull().default(0),
    // An active subscriber is featured in the practitioner listing.
    features: boolean('features').notNull().default(false),
    stripePriceId: text('stripe_price_id').notNull().unique(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('subscription_plans_interval_check', sql`${t.interval} in (${literalList(planIntervals)})`),
    check('subscription_plans_amount_check', sql`${t.amount} >= 0`),
    check('subscription_plans_discount_check', sql`${t.commissionDiscountBp} between 0 and 500`),
  ],
)

export const subscriptionStatuses = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'paused'] as const
export type SubscriptionStatus = (typeof subscriptionStatuses)[number]

/**
 * A practitioner's subscription to a plan: its status is Stripe's, as the latest
 * `customer.subscription.*` webhook reported it. One live subscription per practitioner.
 */
export const practitionerSubscriptions = pgTable(
  'practitioner_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => subscriptionPlans.id),
    stripeSubscriptionId: text('stripe_subscription_id').unique(),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('practitioner_subscriptions_live_key')
      .on(t.practitionerId)
      .where(sql`${t.status} not in ('canceled', 'incomplete_expired')`),
    index('practitioner_subscriptions_practitioner_idx').on(t.practitionerId, t.createdAt),
    check('practitioner_subscriptions_status_check', sql`${t.status} in (${literalList(subscriptionStatuses)})`),
  ],
)
