/** The Stripe events that pay the bench's checkouts, in Stripe's own shape. */
import { randomBytes } from 'node:crypto'
import type { Checkout } from './checkouts.js'

export type StripeEvent = { id: string; type: string; data: { object: Record<string, any> } }

/**
 * A payment_intent.succeeded for `c` in Stripe's shape (the fake gateway's, without a charge:
 * latest_charge null): the whole intent under data.object, pretty-printed JSON. Amount,
 * currency (lower case) and metadata.reservation_id match the payment, so it confirms the
 * reservation.
 */
export function succeededEvent(c: Checkout, at: Date): { event: StripeEvent; payload: string } {
  const created = Math.floor(at.getTime() / 1000)
  const hex = (n: number) => randomBytes(n).toString('hex')
  const intent = {
    id: c.intentId,
    object: 'payment_intent',
    amount: c.amount,
    amount_received: c.amount,
    currency: c.currency.toLowerCase(),
    status: 'succeeded',
    client_secret: c.clientSecret,
    metadata: { reservation_id: c.reservationId },
    description: `Reservation ${c.reservationId}`,
    receipt_email: 'bench@reservoir.local',
    latest_charge: null,
    last_payment_error: null,
    customer: null,
    livemode: false,
    created,
  }
  const event = {
    id: `evt_${hex(12)}`,
    object: 'event',
    api_version: '2025-10-29',
    created,
    data: { object: intent },
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${hex(12)}`, idempotency_key: null },
    type: 'payment_intent.succeeded',
  }
  return { event, payload: JSON.stringify(event, null, 2) }
}
