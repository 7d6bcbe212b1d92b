import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm'
import type Stripe from 'stripe'
import type { Deps } from '../../deps.js'
import type { Tx } from '../../db/client.js'
import { notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { billingContactOf } from '../auth/users.js'
import { grantCredits } from '../credits/ledger.js'
import { assertAutoConfirm, customerFor } from './checkout.js'
import type { FakeGateway } from './fake-gateway.js'
import { GatewayRejection, gatewayFailure } from './gateway.js'
import { logPayment } from './records.js'
import { creditPurchases } from './schema.js'

export type CreditPurchase = typeof creditPurchases.$inferSelect

export interface CreditPurchaseInput {
  amount: { amount: number; currency: string }
  auto_confirm?: boolean
}

/**
 * Credit bought by card. The row is written first, the intent made after with the key
 * `"credits-{id}"` (a retry gets the same intent), and the credit is granted only by the
 * verified `payment_intent.succeeded` (or the reconciliation job standing in for a lost one).
 */
export class CreditPurchaseService {
  constructor(private readonly deps: Deps) {}

  async purchase(who: AccessClaims, input: CreditPurchaseInput): Promise<CreditPurchase> {
    assertAutoConfirm(this.deps, input.auto_confirm)
    const { db, gateway } = this.deps
    const now = this.deps.clock()
    const [row] = await db
      .insert(creditPurchases)
      .values({
        userId: who.userId,
        gateway: gateway.name,
        status: 'pending',
        amount: input.amount.amount,
        currency: input.amount.currency,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    let purchase = await this.openIntent(row!)
    if (input.auto_confirm && purchase.intentId) {
      // As at checkout: the test card pays, and the signed webhooks come back before we answer.
      await (gateway as FakeGateway).pay(purchase.intentId)
      purchase = (await db.select().from(creditPurchases).where(eq(creditPurchases.id, purchase.id)))[0]!
    }
    return purchase
  }

  private async openIntent(purchase: CreditPurchase): Promise<CreditPurchase> {
    const now = this.deps.clock()
    try {
      const user = await billingContactOf(this.deps.db, purchase.userId)
      const customerId = user ? await customerFor(this.deps, user) : null
      const intent = await this.deps.gateway.createIntent({
        metadata: { credit_purchase_id: purchase.id },
        amount: purchase.amount,
        currency: purchase.currency,
        description: `Credit ${purchase.id}`,
        receiptEmail: user?.email ?? null,
        customerId,
        idempotencyKey: `credits-${purchase.id}`,
      })
      const [stored] = await this.deps.db
        .update(creditPurchases)
        .set({ intentId: intent.id, clientSecret: intent.clientSecret, customerId, updatedAt: now })
        .where(eq(creditPurchases.id, purchase.id))
        .returning()
      await logPayment(this.deps.db, now, { kind: 'intent_created', code: 'credit_purchase', raw: intent.raw })
      return stored!
    } catch (error) {
      const rejected = error instanceof GatewayRejection
      await this.deps.db
        .update(creditPurchases)
        .set({ status: 'canceled', failureCode: rejected ? (error.code ?? 'intent_rejected') : 'gateway_unavailable', updatedAt: now })
        .where(eq(creditPurchases.id, purchase.id))
      await logPayment(this.deps.db, now, {
        kind: 'error',
        code: rejected ? (error.code ?? 'intent_rejected') : 'gateway_unavailable',
        raw: rejected ? error.raw : { message: (error as Error).message, credit_purchase_id: purchase.id },
      })
      throw gatewayFailure(error)
    }
  }

  /** A purchase of the caller's (admins: anyone's); others get 404. */
  async get(who: AccessClaims, id: string): Promise<CreditPurchase> {
    const [row] = await this.deps.db.select().from(creditPurchases).where(eq(creditPurchases.id, id))
    if (!row || (row.userId !== who.userId && who.role !== 'admin')) throw notFound('Credit purchase')
    return row
  }

  /** Purchases still open past `cutoff` that nobody asked the gateway about since: the reconciliation job's list. */
  async open(cutoff: Date, limit: number): Promise<CreditPurchase[]> {
    return this.deps.db
      .select()
      .from(creditPurchases)
      .where(
        and(
          inArray(creditPurchases.status, ['pending', 'failed']),
          lt(creditPurchases.createdAt, cutoff),
          or(isNull(creditPurchases.checkedAt), lt(creditPurchases.checkedAt, cutoff)),
        ),
      )
      .limit(limit)
  }

  /**
   * Gives up a purchase nobody paid: the intent is cancelled at the gateway first, so money
   * cannot arrive after; if the gateway refuses (paid meanwhile), the webhook or the next pass
   * grants it. Answers whether it gave up.
   */
  async abandon(purchase: CreditPurchase): Promise<boolean> {
    if (purchase.intentId) {
      try {
        await this.deps.gateway.cancelIntent(purchase.intentId, `credits-${purchase.id}-cancel`)
      } catch {
        return false
      }
    }
    const gaveUp = await this.deps.db
      .update(creditPurchases)
      .set({ status: 'canceled', failureCode: purchase.failureCode ?? 'abandoned', updatedAt: this.deps.clock() })
      .where(and(eq(creditPurchases.id, purchase.id), inArray(creditPurchases.status, ['pending', 'failed'])))
      .returning({ id: creditPurchases.id })
    return gaveUp.length > 0
  }

  async markChecked(id: string): Promise<void> {
    await this.deps.db.update(creditPurchases).set({ checkedAt: this.deps.clock() }).where(eq(creditPurchases.id, id))
  }
}

/** The purchase an intent pays for, locked; undefined when the intent is not a credit purchase's. */
async function lockPurchase(tx: Tx, intent: Stripe.PaymentIntent): Promise<CreditPurchase | undefined> {
  if (!intent.metadata?.credit_purchase_id) return undefined
  const [row] = await tx.select().from(creditPurchases).where(eq(creditPurchases.intentId, intent.id)).for('update')
  return row
}

/**
 * The card paid: the credit is granted once, for the amount and currency asked. A purchase
 * whose intent was given up as cancelled is granted too: the customer's money arrived.
 * Answers the outcome, or null when the intent is not a credit purchase's.
 */
export async function creditPurchasePaid(tx: Tx, intent: Stripe.PaymentIntent, now: Date): Promise<string | null> {
  const p = await lockPurchase(tx, intent)
  if (!p) return intent.metadata?.credit_purchase_id ? 'unknown_intent' : null
  if (p.status === 'succeeded') return 'already_settled'
  const received = intent.amount_received ?? 0
  const currency = (intent.currency ?? '').toUpperCase()
  if (received !== p.amount || currency !== p.currency) {
    await tx.update(creditPurchases).set({ failureCode: 'payment_mismatch', updatedAt: now }).where(eq(creditPurchases.id, p.id))
    await logPayment(tx, now, {
      kind: 'error',
      code: 'payment_mismatch',
      raw: { expected: { amount: p.amount, currency: p.currency, credit_purchase_id: p.id }, intent },
    })
    return 'payment_mismatch'
  }
  const grant = await grantCredits(tx, {
    userId: p.userId,
    kind: 'purchase',
    currency: p.currency,
    amount: p.amount,
    expiresAt: null,
    note: 'bought by card',
    createdBy: p.userId,
    now,
  })
  await tx
    .update(creditPurchases)
    .set({ status: 'succeeded', grantId: grant.id, failureCode: null, updatedAt: now })
    .where(and(eq(creditPurchases.id, p.id), eq(creditPurchases.status, p.status)))
  await logPayment(tx, now, { kind: 'intent_succeeded', code: 'credits_granted', raw: intent })
  return 'credits_granted'
}

/** A declined card (the intent waits for another) or an intent that can no longer be paid. */
export async function creditPurchaseUnpaid(tx: Tx, intent: Stripe.PaymentIntent, status: 'failed' | 'canceled', now: Date): Promise<string | null> {
  const p = await lockPurchase(tx, intent)
  if (!p) return intent.metadata?.credit_purchase_id ? 'unknown_intent' : null
  await logPayment(tx, now, { kind: 'intent_failed', code: status, raw: intent })
  if (p.status !== 'pending' && p.status !== 'failed') return 'stale'
  const error = intent.last_payment_error
  await tx
    .update(creditPurchases)
    .set({ status, failureCode: (error?.decline_code ?? error?.code ?? status).slice(0, 100), updatedAt: now })
    .where(eq(creditPurchases.id, p.id))
  return status
}
