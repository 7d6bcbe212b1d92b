import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { reservationsByIds } from '../reservations/reads.js'
import { isHold } from '../reservations/state.js'
import type { CreditPurchaseService } from './credit-purchases.js'
import { GatewayRejection, type GatewayIntent } from './gateway.js'
import { lockWithReservation, logPayment, type Payment } from './records.js'
import { sendRefund, sendRefunds } from './refunds.js'
import { payments, refunds } from './schema.js'
import { cancelPayment, type Settlement } from './settlement.js'

// A webhook normally lands within seconds; the job asks the gateway only after this long.
const GRACE_MS = 60_000
const KEY_LIFETIME_MS = 23 * 3600_000
// An intent for credit that nobody has paid in a day is not going to be.
const ABANDON_PURCHASE_MS = 24 * 3600_000
/** Outcomes that changed a payment or a reservation; the job reports how many it had. */
const MOVES = new Set(['confirmed', 'confirmed_late', 'refunded_inventory_gone', 'refunded_late', 'canceled', 'credits_granted'])

/**
 * The safety net under the webhooks: asks the gateway about payments still open, so a lost
 * webhook can strand neither money nor inventory, cancels intents nobody will pay, and
 * resends refunds that did not reach the gateway.
 */
export class Reconciler {
  constructor(
    private readonly deps: Deps,
    private readonly settlement: Settlement,
    private readonly creditPurchases: CreditPurchaseService,
  ) {}

  /** One pass; answers how many payments and refunds it moved. */
  async run(limit = 50): Promise<number> {
    const now = this.deps.clock()
    const cutoff = new Date(now.getTime() - GRACE_MS)
    const open = await this.deps.db
      .select()
      .from(payments)
      .where(
        and(
          inArray(payments.status, ['pending', 'failed']),
          lt(payments.createdAt, cutoff),
          or(isNull(payments.checkedAt), lt(payments.checkedAt, cutoff)),
          // Money that did not match what was asked waits for a person; asking again changes nothing.
          sql`${payments.failureCode} is distinct from 'payment_mismatch'`,
        ),
      )
      .orderBy(sql`${payments.checkedAt} nulls first`)
      .limit(limit)
    const booked = await reservationsByIds(
      this.deps.db,
      open.map((p) => p.reservationId),
    )
    let moved = 0
    for (const payment of open) {
      await this.deps.db.update(payments).set({ checkedAt: now }).where(eq(payments.id, payment.id))
      // Still a hold: the intent may yet be paid, so ask. Anything else: nobody will pay it.
      const outcome = isHold(booked.get(payment.reservationId)!.status) ? await this.check(payment) : await this.abandon(payment)
      if (MOVES.has(outcome)) moved++
    }
    // Credit bought by card whose webhook never came is granted once the gateway says it was
    // paid; one nobody paid within a day is given up, its intent cancelled first.
    for (const purchase of await this.creditPurchases.open(cutoff, limit)) {
      await this.creditPurchases.markChecked(purchase.id)
      const intent = purchase.intentId ? await this.deps.gateway.retrieveIntent(purchase.intentId).catch(() => null) : null
      if (intent?.status === 'succeeded') {
        if (MOVES.has(await this.settle(intent))) moved++
      } else if (purchase.createdAt.getTime() < now.getTime() - ABANDON_PURCHASE_MS && (await this.creditPurchases.abandon(purchase))) moved++
    }
    const stuck = await this.deps.db
      .select({ id: refunds.id })
      .from(refunds)
      // Stripe keeps idempotency keys for 24 h: past that a resend could refund twice, so
      // older ones are left to a person (they show as pending refunds).
      .where(
        and(
          eq(refunds.status, 'pending'),
          isNull(refunds.gatewayRefundId),
          lt(refunds.createdAt, cutoff),
          gt(refunds.createdAt, new Date(now.getTime() - KEY_LIFETIME_MS)),
        ),
      )
      .limit(limit)
    for (const { id } of stuck) if ((await sendRefund(this.deps, id)) === 'sent') moved++
    return moved
  }

  /** A payment whose reservation still waits for it: did the money arrive without telling us? */
  async check(p: Payment): Promise<string> {
    if (!p.intentId) return 'unchanged'
    const intent = await this.retrieve(p)
    if (intent?.status === 'succeeded') return this.settle(intent)
    if (intent?.status === 'canceled') return this.cancelHere(p)
    return intent ? 'unchanged' : 'retry'
  }

  /**
   * A payment nobody will complete (the reservation expired or was cancelled): the intent is
   * cancelled at the gateway first, so money cannot arrive after its credits went back. If
   * the gateway says it was paid after all, the late-payment rules take over.
   */
  async abandon(p: Payment): Promise<string> {
    if (!p.intentId) return this.cancelHere(p)
    try {
      const intent = await this.deps.gateway.cancelIntent(p.intentId, `${p.reservationId}-cancel`)
      await logPayment(this.deps.db, this.deps.clock(), {
        kind: 'intent_failed',
        paymentId: p.id,
        reservationId: p.reservationId,
        code: 'intent_canceled',
        raw: intent.raw,
      })
      return this.cancelHere(p)
    } catch (error) {
      if (!(error instanceof GatewayRejection)) return this.gatewayDown(p, error)
      const intent = await this.retrieve(p)
      if (intent?.status === 'succeeded') return this.settle(intent)
      if (intent?.status === 'canceled' || error.code === 'resource_missing') return this.cancelHere(p)
      return 'retry'
    }
  }

  /** Runs a gateway answer through the same handler as the webhook it stands in for. */
  async settle(intent: GatewayIntent): Promise<string> {
    const now = this.deps.clock()
    const { raw } = intent
    const settled = await this.deps.db.transaction(async (tx) => {
      await logPayment(tx, now, { kind: 'intent_succeeded', code: 'reconciled', raw })
      const outcome = await this.settlement.intentSucceeded(tx, raw, now)
      // The charge (card, receipt) comes expanded with the intent, standing in for charge.succeeded.
      if (typeof raw.latest_charge === 'object' && raw.latest_charge !== null) await this.settlement.chargeSucceeded(tx, raw.latest_charge, now)
      return outcome
    })
    await sendRefunds(this.deps, settled.refundIds)
    return settled.outcome
  }

  private async cancelHere(p: Payment): Promise<string> {
    const now = this.deps.clock()
    await this.deps.db.transaction(async (tx) => {
      const locked = await lockWithReservation(tx, p.reservationId)
      if (locked) await cancelPayment(tx, locked.p, now)
    })
    return 'canceled'
  }

  private async retrieve(p: Payment): Promise<GatewayIntent | null> {
    try {
      return await this.deps.gateway.retrieveIntent(p.intentId!)
    } catch (error) {
      if (error instanceof GatewayRejection && error.code === 'resource_missing') return null
      await this.gatewayDown(p, error)
      return null
    }
  }

  private async gatewayDown(p: Payment, error: unknown): Promise<string> {
    await logPayment(this.deps.db, this.deps.clock(), {
      kind: 'error',
      paymentId: p.id,
      reservationId: p.reservationId,
      code: 'reconcile_retry',
      raw: { message: (error as Error).message },
    })
    return 'retry'
  }
}
