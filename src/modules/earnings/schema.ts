import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { practitioners } from '../practitioners/schema.js'

/**
 * A practitioner's side of the money: their Stripe Connect account, whether it may receive
 * payouts, and an admin's hold. One row per practitioner, made on first use; its row lock
 * serialises the practitioner's earnings (the month's tier) and payouts.
 */
export const payoutAccounts = pgTable('payout_accounts', {
  practitionerId: uuid('practitioner_id')
    .primaryKey()
    .references(() => practitioners.id),
  stripeAccountId: text('stripe_account_id').unique(),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  detailsSubmitted: boolean('details_submitted').notNull().default(false),
  heldAt: timestamp('held_at', { withTimezone: true }),
  heldReason: text('held_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
})

export const earningKinds = ['earning', 'adjustment'] as const
export const earningStatuses = ['pending', 'available', 'paid'] as const
export type EarningStatus = (typeof earningStatuses)[number]

/**
 * The ledger: one `earning` per completed booking (unique), and an `adjustment` for each
 * refund after it, negative; rows are never edited except to move along pending → available
 * → paid and into (or, when a transfer fails, back out of) a payout.
 */
export const earnings = pgTable(
  'earnings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    reservationId: uuid('reservation_id').notNull(),
    // The refund an adjustment answers, once.
    refundId: uuid('refund_id').unique(),
    kind: text('kind', { enum: earningKinds }).notNull(),
    currency: text('currency').notNull(),
    // What the customer paid, by means: card, credits, and the share of a package's price.
    cardAmount: integer('card_amount').notNull(),
    creditAmount: integer('credit_amount').notNull(),
    packageAmount: integer('package_amount').notNull(),
    gross: integer('gross').notNull(),
    // Basis points: 500 = 5 %.
    rateBp: integer('rate_bp').notNull(),
    commission: integer('commission').notNull(),
    net: integer('net').notNull(),
    // The practitioner-local calendar month the booking completed in, for the tier.
    month: text('month').notNull(),
    status: text('status', { enum: earningStatuses }).notNull(),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull(),
    payoutId: uuid('payout_id').references(() => payouts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('earnings_booking_key')
      .on(t.reservationId)
      .where(sql`${t.kind} = 'earning'`),
    index('earnings_practitioner_idx').on(t.practitionerId, t.createdAt),
    index('earnings_open_idx')
      .on(t.practitionerId, t.currency)
      .where(sql`${t.payoutId} is null and ${t.status} <> 'paid'`),
    check('earnings_kind_check', sql`${t.kind} in (${literalList(earningKinds)})`),
    check('earnings_status_check', sql`${t.status} in (${literalList(earningStatuses)})`),
    check('earnings_sums_check', sql`${t.gross} = ${t.cardAmount} + ${t.creditAmount} + ${t.packageAmount} and ${t.net} = ${t.gross} - ${t.commission}`),
    check('earnings_sign_check', sql`(${t.kind} = 'earning') = (${t.gross} >= 0)`),
    check('earnings_refund_check', sql`(${t.kind} = 'adjustment') = (${t.refundId} is not null)`),
    check('earnings_rate_check', sql`${t.rateBp} between 0 and 10000`),
    check('earnings_paid_check', sql`${t.status} <> 'paid' or ${t.payoutId} is not null`),
  ],
)

export const payoutStatuses = ['pending', 'paid', 'failed'] as const
export type PayoutStatus = (typeof payoutStatuses)[number]

/**
 * Money sent to a practitioner's connected account: its earnings are reserved in the
 * transaction that creates it, and the transfer (key `payout-{id}`) is made after commit.
 * At most one pending payout per practitioner and currency.
 */
export const payouts = pgTable(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    status: text('status', { enum: payoutStatuses }).notNull(),
    trigger: text('trigger', { enum: ['request', 'weekly'] }).notNull(),
    destination: text('destination').notNull(),
    transferId: text('transfer_id').unique(),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    // The earnings it held when it failed (they went back to available), for the record.
    earningCount: integer('earning_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payouts_one_pending_key')
      .on(t.practitionerId, t.currency)
      .where(sql`${t.status} = 'pending'`),
    index('payouts_practitioner_idx').on(t.practitionerId, t.createdAt),
    check('payouts_status_check', sql`${t.status} in (${literalList(payoutStatuses)})`),
    check('payouts_amount_check', sql`${t.amount} > 0`),
  ],
)
