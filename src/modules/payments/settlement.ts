import { and, eq, inArray, or, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import type { Tx } from '../../db/client.js'
import { fixedQuery, valueSlot } from '../../db/fixed-query.js'
import { AppError } from '../../http/errors.js'
import { sqlState } from '../../db/errors.js'
import type { Reservation, ReservationService } from '../reservations/service.js'
import { lockReservation } from '../reservations/reads.js'
import { HOLD_STATES } from '../reservations/state.js'
import { restoreCredits } from '../credits/ledger.js'
import { accountUpdated } from '../earnings/accounts.js'
import { transferReversed } from '../earnings/payouts.js'
import { subscriptionChanged } from '../subscriptions/billing.js'
import { creditPurchasePaid, creditPurchaseUnpaid } from './credit-purchases.js'
import { closeIfRefunded, failRefund, reserveRefund } from './refunds.js'
import { expandableId } from './gateway.js'
import { isSettled, lockByIntent, loggingOne, logPayment, logValues, paymentEvent, paymentEventOf, refundable, type Payment } from './records.js'
import { emittingOne, oneEvent } from '../events/outbox.js'
import { payments, refunds, type PaymentMethod } from './schema.js'

const ph = sql.placeholder

// A payment succeeds, with its log entry and its event: the hot path's statement (every paid
// booking's), its text built once (fixedQuery).
const paymentSucceeded = fixedQuery((ex) => {
  const succeeded = ex.$with('succeeded').as(
    ex
      .update(payments)
      .set({
        status: 'succeeded',
        capturedAmount: valueSlot<number>('captured'),
        chargeId: valueSlot<string | null>('chargeId'),
        failureCode: null,
        failureMessage: null,
        updatedAt: valueSlot<Date>('now'),
      })
      .where(and(eq(payments.id, ph('id')), eq(payments.status, ph('status'))))
      .returning(),
  )
  return ex.with(succeeded, loggingOne(ex), emittingOne(ex)).select().from(succeeded)
}, 'reservoir_payment_succeeded')

/** What handling one gateway event did; refunds it reserved are sent after commit. */
export interface Settled {
  outcome: string
  paymentId: string | null
  refundIds: string[]
}

const LOST = new Set(['sold_out', 'entitlement_used_up', 'entitlement_expired'])

const done = (outcome: string, paymentId: string | null = null, refundIds: string[] = []): Settled => ({ outcome, paymentId, refundIds })

/**
 * Acts on gateway events. Every handler reads the current state under a row lock and moves
 * only forward, so a duplicate, a late or an out-of-order event changes nothing it should not.
 *
 * Objects come typed as the SDK declares them, but an event is rendered in the API version of
 * the endpoint, not of the SDK, and is only signed JSON: the reads that decide money fall back
 * (`?? 0`, `?.`) so a missing field ends as a mismatch or an unknown id, never as a 500.
 */
export class Settlement {
  constructor(private readonly reservations: ReservationService) {}

  /** Routes one verified event; `type` narrows `data.object` to the SDK's type for it. */
  async apply(tx: Tx, event: Stripe.Event, now: Date): Promise<Settled> {
    switch (event.type) {
      case 'payment_intent.succeeded':
        return this.intentSucceeded(tx, event.data.object, now)
      case 'payment_intent.payment_failed':
        return this.intentFailed(tx, event.data.object, now)
      case 'payment_intent.canceled':
        return this.intentCanceled(tx, event.data.object, now)
      case 'charge.succeeded':
      case 'charge.updated':
        return this.chargeSucceeded(tx, event.data.object, now)
      case 'charge.refunded':
        return this.chargeRefunded(tx, event.data.object, now)
      case 'refund.created':
      case 'refund.updated':
      case 'charge.refund.updated':
        return this.refundUpdated(tx, event.data.object, now)
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return done((await subscriptionChanged(tx, event.data.object, now)) ?? 'unknown_subscription')
      case 'transfer.reversed':
        return done((await transferReversed(tx, event.data.object, now)) ?? 'unknown_transfer')
      case 'account.updated':
        return done((await accountUpdated(tx, event.data.object, now)) ?? 'unknown_account')
      default:
        return done('ignored')
    }
  }

  /**
   * Money arrived. It confirms the reservation only if it is the amount and currency asked
   * for the reservation it names. A payment later than its hold takes the inventory back if
   * still free; if not (or the guest cancelled meanwhile), it goes back in full.
   */
  async intentSucceeded(tx: Tx, intent: Stripe.PaymentIntent, now: Date): Promise<Settled> {
    const bought = await creditPurchasePaid(tx, intent, now)
    if (bought) return done(bought)
    const locked = await lockByIntent(tx, intent.id)
    if (!locked) {
      await logPayment(tx, now, { kind: 'error', code: 'unknown_intent', raw: intent })
      return done('unknown_intent')
    }
    const { p, r } = locked
    if (p.status !== 'pending' && p.status !== 'failed' && p.status !== 'canceled') return done('already_settled', p.id)
    const received = intent.amount_received ?? 0
    const currency = (intent.currency ?? '').toUpperCase()
    if (intent.metadata?.reservation_id !== p.reservationId || received !== p.amount || currency !== p.currency) {
      await tx
        .update(payments)
        .set({ failureCode: 'payment_mismatch', failureMessage: `received ${received} ${currency}, expected ${p.amount} ${p.currency}`, updatedAt: now })
        .where(eq(payments.id, p.id))
      await logPayment(tx, now, {
        kind: 'error',
        code: 'payment_mismatch',
        paymentId: p.id,
        reservationId: p.reservationId,
        raw: { expected: { amount: p.amount, currency: p.currency, reservation_id: p.reservationId }, intent },
      })
      return done('payment_mismatch', p.id)
    }
    // One statement: the payment succeeds, with its log entry and its event. The event's facts
    // (amounts, currency, ids) are the locked row's; the update changes none of them.
    const [paid] = await paymentSucceeded(tx, {
      captured: received,
      chargeId: expandableId(intent.latest_charge) ?? p.chargeId,
      now,
      id: p.id,
      status: p.status,
      ...logValues(now, { kind: 'intent_succeeded', paymentId: p.id, reservationId: p.reservationId, raw: intent }),
      ...oneEvent(paymentEventOf('payment.succeeded', p, {}), now),
    })
    // Cannot happen under the row lock, and the log row and event written beside it must not commit.
    if (!paid) throw new Error(`payment ${p.id} changed under its lock`)
    // The intent was thought dead and its credits went back: return the card money too.
    if (p.status === 'canceled') return this.refundAll(tx, paid, r, 'the payment arrived after it was cancelled', now)
    return this.confirmPaid(tx, r, paid, now)
  }

  private async confirmPaid(tx: Tx, r: Reservation, p: Payment, now: Date): Promise<Settled> {
    if (HOLD_STATES.includes(r.status)) {
      // Even past hold_expires_at, an unswept hold still owns its claims: nobody took them.
      await this.reservations.move(tx, r, 'confirmed', null, 'payment received', now)
      return done('confirmed', p.id)
    }
    if (r.status === 'expired') {
      try {
        // A savepoint, so losing the inventory leaves the rest of the transaction usable.
        await tx.transaction((sp) => this.reservations.move(sp, r, 'confirmed', null, 'payment received after the hold expired; inventory still free', now))
        return done('confirmed_late', p.id)
      } catch (error) {
        // The room, the seats or the redeemed sessions went to someone else meanwhile.
        const lost = sqlState(error) === '23P01' || (error instanceof AppError && LOST.has(error.code))
        if (!lost) throw error
        return this.refundAll(tx, p, r, 'inventory_gone', now)
      }
    }
    if (r.status === 'cancelled') return this.refundAll(tx, p, r, 'cancelled before the payment arrived', now)
    return done('already_confirmed', p.id)
  }

  /** Gives back everything paid, and ends the reservation `refunded` with the reason. */
  private async refundAll(tx: Tx, p: Payment, r: Reservation, reason: string, now: Date): Promise<Settled> {
    const { refund } = await reserveRefund(tx, p, { total: refundable(p), source: 'late_payment', reason, actorId: null }, now)
    await closeIfRefunded(tx, r.id, null, reason, now)
    return done(reason === 'inventory_gone' ? 'refunded_inventory_gone' : 'refunded_late', p.id, refund.status === 'pending' ? [refund.id] : [])
  }

  /** A declined card: recorded; the intent waits for another card, the hold keeps running. */
  async intentFailed(tx: Tx, intent: Stripe.PaymentIntent, now: Date): Promise<Settled> {
    const unpaid = await creditPurchaseUnpaid(tx, intent, 'failed', now)
    if (unpaid) return done(unpaid)
    const p = (await lockByIntent(tx, intent.id))?.p
    if (!p) return done('unknown_intent')
    await logPayment(tx, now, { kind: 'intent_failed', paymentId: p.id, reservationId: p.reservationId, raw: intent })
    if (p.status !== 'pending' && p.status !== 'failed') return done('stale', p.id)
    const error = intent.last_payment_error
    const [failed] = await tx
      .update(payments)
      .set({
        status: 'failed',
        failureCode: (error?.decline_code ?? error?.code ?? 'failed').slice(0, 100),
        failureMessage: error?.message?.slice(0, 500) || null,
        updatedAt: now,
      })
      .where(eq(payments.id, p.id))
      .returning()
    await paymentEvent(tx, now, 'payment.failed', failed!, { failure_code: failed!.failureCode })
    return done('failed', p.id)
  }

  /** The intent can no longer be paid: the credits it held go back to the customer. */
  async intentCanceled(tx: Tx, intent: Stripe.PaymentIntent, now: Date): Promise<Settled> {
    const unpaid = await creditPurchaseUnpaid(tx, intent, 'canceled', now)
    if (unpaid) return done(unpaid)
    const p = (await lockByIntent(tx, intent.id))?.p
    if (!p) return done('unknown_intent')
    if (p.status !== 'pending' && p.status !== 'failed') return done('stale', p.id)
    await cancelPayment(tx, p, now)
    return done('canceled', p.id)
  }

  /** Card details, receipt and method arrive with the charge, in either order with the intent. */
  async chargeSucceeded(tx: Tx, charge: Stripe.Charge, now: Date): Promise<Settled> {
    const p = await this.paymentOfCharge(tx, charge)
    if (!p) return done('unknown_intent')
    const details = charge.payment_method_details
    const card = details?.card
    await tx
      .update(payments)
      .set({
        chargeId: charge.id ?? p.chargeId,
        customerId: expandableId(charge.customer) ?? p.customerId,
        method: methodOf(details),
        cardBrand: card?.brand ?? p.cardBrand,
        cardLast4: card?.last4 ?? p.cardLast4,
        cardExpMonth: card?.exp_month ?? p.cardExpMonth,
        cardExpYear: card?.exp_year ?? p.cardExpYear,
        receiptUrl: charge.receipt_url ?? p.receiptUrl,
        updatedAt: now,
      })
      .where(eq(payments.id, p.id))
    await logPayment(tx, now, { kind: 'charge_created', paymentId: p.id, reservationId: p.reservationId, raw: charge })
    return done('charge_recorded', p.id)
  }

  /** A refund we asked for settles, or fails and its amount becomes refundable again. */
  async refundUpdated(tx: Tx, refund: Stripe.Refund, now: Date): Promise<Settled> {
    const ours = refund.metadata?.refund_id
    const [found] = await tx
      .select({ id: refunds.id, reservationId: refunds.reservationId })
      .from(refunds)
      .where(or(eq(refunds.gatewayRefundId, refund.id), typeof ours === 'string' && /^[0-9a-f-]{36}$/.test(ours) ? eq(refunds.id, ours) : undefined))
    if (!found) return done('unknown_refund')
    // The reservation first, as every change to its money locks it: the payment log's row
    // below share-locks the payment, and a refund being reserved holds the reservation and
    // waits for the payment (a deadlock CI met with twenty refunds at once).
    await lockReservation(tx, found.reservationId)
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, found.id)).for('update')
    if (!row) return done('unknown_refund')
    await logPayment(tx, now, { kind: 'refund_created', paymentId: row.paymentId, reservationId: row.reservationId, raw: refund })
    if (refund.status === 'failed' || refund.status === 'canceled') {
      await failRefund(tx, row.id, refund.failure_reason ? `refund ${refund.failure_reason}` : `refund ${refund.status}`, now)
      return done('refund_failed', row.paymentId)
    }
    if (row.status === 'pending') {
      await tx
        .update(refunds)
        .set({ gatewayRefundId: refund.id, status: refund.status === 'succeeded' ? 'succeeded' : 'pending', updatedAt: now })
        .where(eq(refunds.id, row.id))
      await closeIfRefunded(tx, row.reservationId, row.actorId, row.reason, now)
    }
    return done('refund_recorded', row.paymentId)
  }

  /**
   * The charge's refunded total. Refunds we made are already counted; a refund made in the
   * Stripe dashboard shows up as a difference and is recorded as a `gateway` refund.
   */
  async chargeRefunded(tx: Tx, charge: Stripe.Charge, now: Date): Promise<Settled> {
    const p = await this.paymentOfCharge(tx, charge)
    if (!p) return done('unknown_intent')
    await logPayment(tx, now, { kind: 'refund_created', paymentId: p.id, reservationId: p.reservationId, code: 'charge_refunded', raw: charge })
    const outside = (charge.amount_refunded ?? 0) - p.refundedAmount
    if (outside <= 0) return done('refunds_in_step', p.id)
    if (!isSettled(p)) {
      // The refund overtook the payment's own webhook. Refusing makes Stripe deliver it
      // again later, when the payment it refunds is on record.
      throw new AppError('conflict', 'The payment this refund belongs to has not been recorded yet', { retryable: true })
    }
    if (p.capturedAmount - p.refundedAmount < outside) {
      await logPayment(tx, now, {
        kind: 'error',
        code: 'refund_mismatch',
        paymentId: p.id,
        reservationId: p.reservationId,
        raw: { refunded_here: p.refundedAmount, captured: p.capturedAmount, charge },
      })
      return done('refund_mismatch', p.id)
    }
    const { refund } = await reserveRefund(tx, p, { total: outside, source: 'gateway', reason: 'refunded at the gateway', actorId: null }, now)
    // The gateway has already made it: nothing to send.
    await tx.update(refunds).set({ status: 'succeeded', updatedAt: now }).where(eq(refunds.id, refund.id))
    await closeIfRefunded(tx, p.reservationId, null, 'refunded at the gateway', now)
    return done('external_refund_recorded', p.id)
  }

  /** The locked payment of the intent a charge belongs to, whether the intent comes as an id or expanded. */
  private async paymentOfCharge(tx: Tx, charge: Stripe.Charge): Promise<Payment | undefined> {
    const intentId = expandableId(charge.payment_intent)
    return intentId ? (await lockByIntent(tx, intentId))?.p : undefined
  }
}

/** Marks an unpaid payment cancelled and gives its credits back, once; they count as refunded. */
export async function cancelPayment(tx: Tx, p: Payment, now: Date): Promise<void> {
  const [canceled] = await tx
    .update(payments)
    .set({ status: 'canceled', creditRefundedAmount: p.creditAmount, updatedAt: now })
    .where(and(eq(payments.id, p.id), inArray(payments.status, ['pending', 'failed'])))
    .returning()
  if (canceled && canceled.creditAmount > 0) await restoreCredits(tx, { paymentId: p.id, now })
}

function methodOf(details: Stripe.Charge.PaymentMethodDetails | null): PaymentMethod {
  const wallet = details?.card?.wallet?.type
  if (wallet === 'apple_pay') return 'apple_pay'
  if (wallet === 'google_pay') return 'google_pay'
  if (details?.type === 'paypal') return 'paypal'
  return 'card'
}
