import { money } from '../../http/schemas.js'
import type { Deps } from '../../deps.js'
import type { FullReservation } from '../reservations/service.js'
import type { VenueService } from '../venues/service.js'
import type { CancellationService, RefundPreview } from './cancellation.js'
import type { CheckoutResult } from './checkout.js'
import type { PaymentQueries } from './history.js'
import { refundable, type Payment, type Refund } from './records.js'

export const paymentOut = (p: Payment, refunds: readonly Refund[]) => ({
  id: p.id,
  reservation_id: p.reservationId,
  venue_id: p.venueId,
  user_id: p.userId,
  gateway: p.gateway,
  status: p.status,
  method: p.method,
  amount: money(p.amount, p.currency),
  credits: money(p.creditAmount, p.currency),
  captured: money(p.capturedAmount, p.currency),
  refunded: money(p.refundedAmount + p.creditRefundedAmount, p.currency),
  refundable: money(p.status === 'succeeded' || p.status === 'partially_refunded' ? refundable(p) : 0, p.currency),
  payment_intent_id: p.intentId,
  charge_id: p.chargeId,
  customer_id: p.customerId,
  card: p.cardLast4 ? { brand: p.cardBrand, last4: p.cardLast4, exp_month: p.cardExpMonth, exp_year: p.cardExpYear } : null,
  receipt_url: p.receiptUrl,
  failure: p.failureCode ? { code: p.failureCode, message: p.failureMessage } : null,
  refunds: refunds.map((r) => ({
    id: r.id,
    amount: money(r.amount, r.currency),
    credit_amount: money(r.creditAmount, r.currency),
    status: r.status,
    source: r.source,
    reason: r.reason,
    gateway_refund_id: r.gatewayRefundId,
    created_at: r.createdAt.toISOString(),
  })),
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
})

export const checkoutOut = ({ payment: p, reservationStatus }: CheckoutResult) => ({
  payment_id: p.id,
  payment_intent_id: p.intentId,
  client_secret: p.clientSecret,
  amount: money(p.amount, p.currency),
  credits_applied: money(p.creditAmount, p.currency),
  status: p.status,
  reservation_status: reservationStatus,
})

export const refundPreviewOut = (p: RefundPreview) => ({
  amount: money(p.amount, p.currency),
  percent: p.percent,
  tier: p.tier,
  deadline: p.deadline?.toISOString() ?? null,
  basis: p.basis,
})

/** A reservation's payment and what cancelling it now would refund, for its detail view. */
export function moneyView(deps: Deps, venues: VenueService, queries: PaymentQueries, cancellations: CancellationService) {
  return async (r: FullReservation) => {
    const view = await queries.ofReservation(r.id)
    const { timezone } = await venues.get(r.venueId)
    const preview = cancellations.preview(r, view?.payment, timezone, deps.clock())
    return { payment: view ? paymentOut(view.payment, view.refunds) : null, refund_preview: preview ? refundPreviewOut(preview) : null }
  }
}
