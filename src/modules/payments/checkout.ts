import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { fixedQuery } from '../../db/fixed-query.js'
import { AppError } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { billingContactOf, keepStripeCustomer, type BillingContact } from '../auth/users.js'
import { spendCredits } from '../credits/ledger.js'
import { isPurchase } from '../pricing/quote.js'
import { reservationById } from '../reservations/reads.js'
import { holdExpired, holdLapsed, type ReservationService } from '../reservations/service.js'
import { HOLD_STATES } from '../reservations/state.js'
import type { VenueService } from '../venues/service.js'
import { FakeGateway } from './fake-gateway.js'
import { GatewayRejection, gatewayFailure } from './gateway.js'
import { isSettled, lockPaymentOf, logPayment, paymentEvent, type Payment } from './records.js'
import { payments } from './schema.js'

/**
 * The smallest card charge we ask for, in minor units: Stripe refuses less than about 0.50
 * in most currencies. A card part below it would make a checkout that can never be paid.
 */
const MIN_CARD_CHARGE = 50

export interface CheckoutInput {
  auto_confirm?: boolean
  use_credits?: boolean
}

export interface CheckoutResult {
  payment: Payment
  reservationStatus: string
}

const p = sql.placeholder

// A checkout's payment, pending: built once (fixedQuery).
const opening = fixedQuery(
  (ex) =>
    ex
      .insert(payments)
      .values({
        reservationId: p('reservationId'),
        venueId: p('venueId'),
        userId: p('userId'),
        gateway: p('gateway'),
        status: 'pending',
        currency: p('currency'),
        amount: p('amount'),
        createdAt: p('now'),
        updatedAt: p('now'),
      })
      .returning(),
  'reservoir_payment_opened',
)

/**
 * Checkout turns a hold into a payment: credits first, then a PaymentIntent for the rest
 * (the full amount or the venue's deposit). The payment row is written and the reservation
 * moved to `awaiting_payment` in one transaction; the intent is created after commit with
 * the key `"{reservation_id}-checkout"`, so a repeat, a concurrent second call or a retry
 * after a crash all get the same intent.
 */
export class CheckoutService {
  constructor(
    private readonly deps: Deps,
    private readonly reservations: ReservationService,
    private readonly venues: VenueService,
  ) {}

  async checkout(who: AccessClaims, reservationId: string, input: CheckoutInput): Promise<CheckoutResult> {
    const { gateway } = this.deps
    this.assertAllowed(input)
    const now = this.deps.clock()
    const opened = await this.deps.db.transaction(async (tx) => {
      const { r } = await this.reservations.lockVisible(tx, who, reservationId)
      const existing = await lockPaymentOf(tx, r.id)
      // A repeat answers with the same intent while there is still something to pay for.
      if (existing) {
        if (isSettled(existing) || HOLD_STATES.includes(r.status)) return { payment: existing, lapsed: false }
        if (r.status === 'expired') return { payment: null, lapsed: true }
        throw new AppError('invalid_transition', `A ${r.status} reservation cannot be checked out`, { from: r.status })
      }
      if (r.status === 'expired') return { payment: null, lapsed: true }
      if (r.status !== 'pending') throw new AppError('invalid_transition', `A ${r.status} reservation cannot be checked out`, { from: r.status })
      if (holdLapsed(r, now)) {
        await this.reservations.move(tx, r, 'expired', null, 'hold lapsed', now)
        return { payment: null, lapsed: true }
      }
      const venue = await this.venues.get(r.venueId, tx)
      // A purchase of a package is paid in full: its entitlements are granted on payment.
      const due = venue.depositPercent && !isPurchase(r.quote) ? Math.ceil((r.totalAmount * venue.depositPercent) / 100) : r.totalAmount
      const [created] = await opening(tx, {
        reservationId: r.id,
        venueId: r.venueId,
        userId: r.userId,
        gateway: gateway.name,
        currency: r.currency,
        amount: due,
        now,
      })
      let payment: Payment = created!
      // Credits never leave the card a remainder below what a card network will charge.
      const credits =
        input.use_credits !== false && r.userId
          ? await spendCredits(tx, {
              userId: r.userId,
              currency: r.currency,
              upTo: due,
              leaveAtLeast: MIN_CARD_CHARGE,
              reservationId: r.id,
              paymentId: payment.id,
              now,
            })
          : 0
      if (credits === due) {
        // Paid in full with credits: nothing for the card, and nothing to wait for.
        const [paid] = await tx
          .update(payments)
          .set({ amount: 0, creditAmount: credits, gateway: 'credits', method: 'credits', status: 'succeeded', updatedAt: now })
          .where(eq(payments.id, payment.id))
          .returning()
        await paymentEvent(tx, now, 'payment.succeeded', paid!, {})
        await this.reservations.move(tx, r, 'confirmed', who.userId, due === 0 ? 'nothing to pay' : 'paid with credits', now)
        return { payment: paid!, lapsed: false }
      }
      if (credits > 0) {
        const [reduced] = await tx
          .update(payments)
          .set({ amount: due - credits, creditAmount: credits })
          .where(eq(payments.id, payment.id))
          .returning()
        payment = reduced!
      }
      await this.reservations.move(tx, r, 'awaiting_payment', who.userId, null, now)
      return { payment, lapsed: false }
    })
    if (opened.lapsed) throw holdExpired(reservationId)
    let payment = opened.payment!
    if (!payment.intentId && payment.amount > 0 && payment.status === 'pending') payment = await this.createIntent(payment)
    if (input.auto_confirm && payment.status === 'pending' && payment.intentId) {
      // The development shortcut: the fake gateway's test card pays, and its signed webhooks
      // come back through the real endpoint before we answer.
      await (gateway as FakeGateway).pay(payment.intentId)
      const [after] = await this.deps.db.select().from(payments).where(eq(payments.id, payment.id))
      payment = after!
    }
    return { payment, reservationStatus: (await reservationById(this.deps.db, reservationId))!.status }
  }

  /** Refuses the development shortcut where it is off, before anything is written. */
  assertAllowed(input: CheckoutInput): void {
    assertAutoConfirm(this.deps, input.auto_confirm)
  }

  private async createIntent(payment: Payment): Promise<Payment> {
    const now = this.deps.clock()
    const user = payment.userId ? await billingContactOf(this.deps.db, payment.userId) : undefined
    try {
      const customerId = user ? await customerFor(this.deps, user) : null
      const intent = await this.deps.gateway.createIntent({
        metadata: { reservation_id: payment.reservationId },
        amount: payment.amount,
        currency: payment.currency,
        description: `Reservation ${payment.reservationId}`,
        receiptEmail: user?.email ?? null,
        customerId,
        idempotencyKey: `${payment.reservationId}-checkout`,
      })
      return await this.deps.db.transaction(async (tx) => {
        const [stored] = await tx
          .update(payments)
          .set({ intentId: intent.id, clientSecret: intent.clientSecret, customerId, updatedAt: now })
          .where(and(eq(payments.id, payment.id), isNull(payments.intentId)))
          .returning()
        if (stored) await logPayment(tx, now, { kind: 'intent_created', paymentId: payment.id, reservationId: payment.reservationId, raw: intent.raw })
        // A concurrent checkout stored the same intent first (same key, same intent).
        return stored ?? (await tx.select().from(payments).where(eq(payments.id, payment.id)))[0]!
      })
    } catch (error) {
      await logPayment(this.deps.db, now, {
        kind: 'error',
        paymentId: payment.id,
        reservationId: payment.reservationId,
        code: error instanceof GatewayRejection ? (error.code ?? 'intent_rejected') : 'gateway_unavailable',
        raw: error instanceof GatewayRejection ? error.raw : { message: (error as Error).message },
      })
      throw gatewayFailure(error)
    }
  }
}

/** The development shortcut pays with the fake gateway's test card; refused unless enabled, never in production. */
export function assertAutoConfirm({ config, gateway }: Deps, autoConfirm: boolean | undefined): void {
  if (autoConfirm && !(config.allowAutoConfirm && config.env !== 'production' && gateway instanceof FakeGateway)) {
    throw new AppError('auto_confirm_disabled', 'Auto-confirm is turned off on this server')
  }
}

/**
 * The payer's customer at the provider, made at their first card payment and kept on the
 * account (by the auth module, which owns it). Two first payments at once send one idempotency
 * key and get one customer; should two customers still be made (the key expired between a
 * crash and a retry), the first kept wins and the other stays unused at the provider.
 */
export async function customerFor(deps: Deps, user: BillingContact): Promise<string> {
  if (user.stripeCustomerId) return user.stripeCustomerId
  const created = await deps.gateway.createCustomer({ userId: user.id, email: user.email, name: user.name, idempotencyKey: `${user.id}-customer` })
  return keepStripeCustomer(deps.db, user.id, created.id)
}
