import { sql } from 'drizzle-orm'
import { literalList } from '../../db/sql-list.js'
import { bigserial, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'

export const grantKinds = ['purchase', 'refund', 'promotion'] as const
export type GrantKind = (typeof grantKinds)[number]

export const entryKinds = ['purchase', 'refund', 'promotion', 'spend', 'restore', 'expiry'] as const
export type EntryKind = (typeof entryKinds)[number]

/**
 * One amount of credit given to a user. Spending raises `used_amount` with a conditional
 * update, and the check keeps it within `amount`, so two checkouts cannot spend it twice.
 */
export const creditGrants = pgTable(
  'credit_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: grantKinds }).notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    usedAmount: integer('used_amount').notNull().default(0),
    // Past this instant the rest of the grant is worth nothing, swept or not.
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    // Set by the expiry job when it writes the expiry entry for what was left.
    expiredAt: timestamp('expired_at', { withTimezone: true }),
    note: text('note'),
    reservationId: uuid('reservation_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_grants_user_idx').on(t.userId, t.currency),
    index('credit_grants_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.expiredAt} is null and ${t.expiresAt} is not null`),
    check('credit_grants_kind_check', sql`${t.kind} in (${literalList(grantKinds)})`),
    check('credit_grants_amount_check', sql`${t.amount} > 0 and ${t.usedAmount} >= 0 and ${t.usedAmount} <= ${t.amount}`),
    check('credit_grants_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
)

/** The ledger a user reads: every grant, spend, restore and expiry, signed. */
export const creditEntries = pgTable(
  'credit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    grantId: uuid('grant_id').references(() => creditGrants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: entryKinds }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reservationId: uuid('reservation_id'),
    paymentId: uuid('payment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_entries_user_idx').on(t.userId, t.id),
    index('credit_entries_payment_idx')
      .on(t.paymentId)
      .where(sql`${t.paymentId} is not null`),
    check('credit_entries_kind_check', sql`${t.kind} in (${literalList(entryKinds)})`),
    check('credit_entries_amount_check', sql`${t.amount} <> 0`),
  ],
)
