import { sql } from 'drizzle-orm'
import { literalList } from '../../db/sql-list.js'
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'
import { creditGrants } from '../credits/schema.js'
import { reservations } from '../reservations/schema.js'
import { venues } from '../venues/schema.js'

export const paymentStatuses = ['pending', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded'] as const
export type PaymentStatus = (typeof paymentStatuses)[number]
export const paymentMethods = ['card', 'paypal', 'apple_pay', 'google_pay', 'credits'] as const
export type PaymentMethod = (typeof paymentMethods)[number]
export const refundStatuses = ['pending', 'succeeded', 'failed'] as const
export type RefundStatus = (typeof refundStatuses)[number]
export const refundSources = ['policy', 'staff', 'venue_cancel', 'late_payment', 'gateway'] as const
export type RefundSource = (typeof refundSources)[number]
export const logKinds = ['intent_created', 'intent_succeeded', 'intent_failed', 'charge_created', 'refund_created', 'webhook_received', 'error'] as const
export type LogKind = (typeof logKinds)[number]

/**
 * The money of one reservation: one row, one PaymentIntent (Stripe lets a customer retry
 * another card on the same intent). `amount` is what the card is asked for after credits;
 * the checks keep every refund within what was really captured.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    userId: uuid('user_id').references(() => users.id),
    gateway: text('gateway', { enum: ['fake', 'stripe', 'credits'] }).notNull(),
    status: text('status', { enum: paymentStatuses }).notNull(),
    method: text('method', { enum: paymentMethods }),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    creditAmount: integer('credit_amount').notNull().default(0),
    capturedAmount: integer('captured_amount').notNull().default(0),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    creditRefundedAmount: integer('credit_refunded_amount').notNull().default(0),
    intentId: text('intent_id').unique(),
    clientSecret: text('client_secret'),
    chargeId: text('charge_id'),
    customerId: text('customer_id'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    cardExpMonth: integer('card_exp_month'),
    cardExpYear: integer('card_exp_year'),
    receiptUrl: text('receipt_url'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    // Last time the reconciliation job asked the gateway about this payment.
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('payments_reservation_key').on(t.reservationId),
    index('payments_user_idx').on(t.userId, t.createdAt),
    index('payments_venue_idx').on(t.venueId, t.createdAt),
    index('payments_open_idx')
      .on(t.checkedAt)
      .where(sql`${t.status} in ('pending', 'failed')`),
    check('payments_status_check', sql`${t.status} in (${literalList(paymentStatuses)})`),
    check('payments_method_check', sql`${t.method} is null or ${t.method} in (${literalList(paymentMethods)})`),
    check('payments_amounts_check', sql`${t.amount} >= 0 and ${t.creditAmount} >= 0 and ${t.capturedAmount} between 0 and ${t.amount}`),
    check('payments_refund_check', sql`${t.refundedAmount} between 0 and ${t.capturedAmount} and ${t.creditRefundedAmount} between 0 and ${t.creditAmount}`),
  ],
)

/**
 * One refund. The card part is reserved on the payment row first (conditional update) and
 * sent to the gateway after the transaction commits; `pending` rows are retried by the
 * reconciliation job with the same idempotency key, so a crash in between loses nothing.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    reservationId: uuid('reservation_id').notNull(),
    seq: integer('seq').notNull(),
    amount: integer('amount').notNull(),
    creditAmount: integer('credit_amount').notNull().default(0),
    currency: text('currency').notNull(),
    status: text('status', { enum: refundStatuses }).notNull(),
    source: text('source', { enum: refundSources }).notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    gatewayRefundId: text('gateway_refund_id').unique(),
    failureMessage: text('failure_message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('refunds_payment_seq_key').on(t.paymentId, t.seq),
    index('refunds_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    check('refunds_status_check', sql`${t.status} in (${literalList(refundStatuses)})`),
    check('refunds_source_check', sql`${t.source} in (${literalList(refundSources)})`),
    check('refunds_amount_check', sql`${t.amount} >= 0 and ${t.creditAmount} >= 0 and ${t.amount} + ${t.creditAmount} > 0`),
  ],
)

/** Every gateway event and response, raw, for support and audits. */
export const paymentLog = pgTable(
  'payment_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'cascade' }),
    reservationId: uuid('reservation_id'),
    kind: text('kind', { enum: logKinds }).notNull(),
    // What went wrong or what was decided, for `error` and for webhook outcomes.
    code: text('code'),
    raw: jsonb('raw').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('payment_log_payment_idx').on(t.paymentId, t.id), check('payment_log_kind_check', sql`${t.kind} in (${literalList(logKinds)})`)],
)

/**
 * Each Stripe event once, under its own id. The insert happens in the transaction that acts
 * on the event, so an event is either stored and acted on, or neither.
 */
export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  outcome: text('outcome').notNull(),
  duplicates: integer('duplicates').notNull().default(0),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
})

export const creditPurchaseStatuses = ['pending', 'succeeded', 'failed', 'canceled'] as const

/**
 * Credit bought by card (`POST /credits/purchase`): money to the platform, not to a venue, so
 * it has no reservation. Its intent goes through the same gateway and the same verified
 * webhook; the payment grants the credit once (the conditional move out of `pending` or
 * `failed`, and `grant_id` set in the same statement).
 */
export const creditPurchases = pgTable(
  'credit_purchases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    gateway: text('gateway', { enum: ['fake', 'stripe'] }).notNull(),
    status: text('status', { enum: creditPurchaseStatuses }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    intentId: text('intent_id').unique(),
    clientSecret: text('client_secret'),
    customerId: text('customer_id'),
    grantId: uuid('grant_id').references(() => creditGrants.id),
    failureCode: text('failure_code'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_purchases_user_idx').on(t.userId, t.createdAt),
    index('credit_purchases_open_idx')
      .on(t.checkedAt)
      .where(sql`${t.status} in ('pending', 'failed')`),
    check('credit_purchases_status_check', sql`${t.status} in (${literalList(creditPurchaseStatuses)})`),
    check('credit_purchases_amount_check', sql`${t.amount} between 50 and 5000000`),
    check('credit_purchases_granted_check', sql`(${t.status} = 'succeeded') = (${t.grantId} is not null)`),
  ],
)
