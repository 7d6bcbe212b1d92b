import { eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paymentLog, payments, refunds, webhookEvents } from '../../src/modules/payments/schema.js'
import { reservations } from '../../src/modules/reservations/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, factories, local, slot } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'
import { stripeStandIn, type Recorded, type Reply, type StripeStandIn } from '../helpers/stripe-standin.js'

/*
 * The whole flow with the real adapter: the app is configured for Stripe and the official SDK
 * talks to a local HTTP server standing in for api.stripe.com. Checkout creates one intent with
 * the reservation's key, a webhook signed with the configured secret confirms, and a
 * cancellation refunds through POST /v1/refunds with its own key.
 */

const WEBHOOK_SECRET = 'whsec_test_secret_123456'
const CLIENT_SECRET_SUFFIX = '_secret_Canned0123456789'

const requests: Recorded[] = []
const intents = new Map<string, Record<string, unknown>>()
let stripe: StripeStandIn, ctx: TestContext
let sequence = 0

/** Just enough of Stripe's API for checkout and refunds, answering as Stripe does. */
function answer(req: Recorded): Reply {
  const metadata = (prefix = 'metadata') =>
    Object.fromEntries([...req.form.entries()].filter(([k]) => k.startsWith(`${prefix}[`)).map(([k, v]) => [k.slice(prefix.length + 1, -1), v]))
  if (req.method === 'POST' && req.path === '/v1/customers') {
    const customer = { id: `cus_Stub${String(++sequence).padStart(10, '0')}`, object: 'customer', created: Math.floor(Date.now() / 1000), livemode: false }
    return { status: 200, body: { ...customer, email: req.form.get('email'), name: req.form.get('name'), metadata: metadata() } }
  }
  if (req.method === 'POST' && req.path === '/v1/payment_intents') {
    const id = `pi_3Stub${String(++sequence).padStart(18, '0')}`
    const intent = {
      id,
      object: 'payment_intent',
      amount: Number(req.form.get('amount')),
      amount_received: 0,
      automatic_payment_methods: { enabled: req.form.get('automatic_payment_methods[enabled]') === 'true' },
      capture_method: 'automatic',
      client_secret: `${id}${CLIENT_SECRET_SUFFIX}`,
      created: Math.floor(Date.now() / 1000),
      currency: req.form.get('currency'),
      customer: req.form.get('customer'),
      description: req.form.get('description'),
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: metadata(),
      receipt_email: req.form.get('receipt_email'),
      status: 'requires_payment_method',
    }
    intents.set(id, intent)
    return { status: 200, body: intent }
  }
  const retrieve = /^\/v1\/payment_intents\/([^/]+)$/.exec(req.path)
  if (req.method === 'GET' && retrieve && intents.has(retrieve[1]!)) return { status: 200, body: intents.get(retrieve[1]!) }
  if (req.method === 'POST' && req.path === '/v1/refunds') {
    return {
      status: 200,
      body: {
        id: `re_3Stub${String(++sequence).padStart(18, '0')}`,
        object: 'refund',
        amount: Number(req.form.get('amount')),
        charge: 'ch_3Stub000000000000000001',
        created: Math.floor(Date.now() / 1000),
        currency: 'usd',
        metadata: metadata(),
        payment_intent: req.form.get('payment_intent'),
        reason: null,
        status: 'succeeded',
      },
    }
  }
  return {
    status: 404,
    body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `Unrecognized request URL (${req.method}: ${req.path})` } },
  }
}

beforeAll(async () => {
  stripe = await stripeStandIn(answer, requests)
  ;({ ctx } = await scene({
    at: '2027-01-04T12:00:00Z',
    config: { paymentGateway: 'stripe', stripe: { secretKey: 'sk_test_123', webhookSecret: WEBHOOK_SECRET, apiBase: stripe.apiBase } },
  }))
})

afterAll(async () => {
  await ctx?.close()
  await stripe.close()
})

/** Signs as Stripe signs, with the SDK's own helper, and posts the exact bytes as Stripe does. */
async function deliverSigned(event: unknown, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event, null, 2)
  const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(ctx.clock().getTime() / 1000) })
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhook',
    payload,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': signature,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
  })
  return { status: res.statusCode, body: JSON.parse(res.body) }
}

const stripeEvent = (type: string, object: Record<string, unknown>) => ({
  id: `evt_3Stub${String(++sequence).padStart(18, '0')}`,
  object: 'event',
  api_version: '2025-10-29',
  created: Math.floor(ctx.clock().getTime() / 1000),
  data: { object },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
})

describe('the app on the Stripe adapter', () => {
  it('checkout → one intent with the checkout key; signed webhook → confirmed; cancel → refund with the refund key', async () => {
    expect(ctx.deps.gateway.name).toBe('stripe')
    const f = factories(ctx)
    const venue = await f.newVenue()
    const room = await f.newRoom(venue)
    const customer = await f.newCustomer()
    const c = client(ctx, customer.access)

    const created = await c.post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(venue.timezone, '2027-01-08T19:00'), local(venue.timezone, '2027-01-08T21:00'))],
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const total = created.body.total.amount as number
    expect(total).toBe(8000)

    // Checkout: the user's first, so a POST /v1/customers with the user's key, then one POST
    // /v1/payment_intents carrying the reservation's key and that customer.
    requests.length = 0
    const checkout = await c.post(`/reservations/${id}/checkout`, {})
    expect(checkout.status).toBe(200)
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/customers', 'POST /v1/payment_intents'])
    const customerCall = requests[0]!
    expect(customerCall.headers['idempotency-key']).toBe(`${customer.id}-customer`)
    expect(customerCall.form.get('email')).toBe(customer.email)
    expect(customerCall.form.get('name')).toBe('Test User')
    expect(customerCall.form.get('metadata[user_id]')).toBe(customer.id)
    const create = requests[1]!
    expect(create.form.get('customer')).toMatch(/^cus_Stub/)
    expect(create.method).toBe('POST')
    expect(create.path).toBe('/v1/payment_intents')
    expect(create.headers['idempotency-key']).toBe(`${id}-checkout`)
    expect(create.headers.authorization).toBe('Bearer sk_test_123')
    expect(create.form.get('amount')).toBe(String(total))
    expect(create.form.get('currency')).toBe('usd')
    expect(create.form.get('metadata[reservation_id]')).toBe(id)
    expect(create.form.get('receipt_email')).toBe(customer.email)

    const intentId = checkout.body.payment_intent_id as string
    expect(intentId).toMatch(/^pi_3Stub/)
    expect(checkout.body).toMatchObject({
      client_secret: `${intentId}${CLIENT_SECRET_SUFFIX}`,
      amount: { amount: total, currency: 'USD' },
      status: 'pending',
      reservation_status: 'awaiting_payment',
    })
    const [stored] = await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, id))
    expect(stored).toMatchObject({
      gateway: 'stripe',
      status: 'pending',
      intentId,
      clientSecret: `${intentId}${CLIENT_SECRET_SUFFIX}`,
      amount: total,
      currency: 'USD',
      customerId: create.form.get('customer'),
    })
    const created_ = await ctx.deps.db.select().from(paymentLog).where(eq(paymentLog.paymentId, stored!.id))
    expect(created_.map((l) => l.kind)).toEqual(['intent_created'])

    // A repeat answers with the same intent, without asking Stripe again.
    const again = await c.post(`/reservations/${id}/checkout`, {})
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ payment_intent_id: intentId, client_secret: `${intentId}${CLIENT_SECRET_SUFFIX}` })
    expect(requests).toHaveLength(2)

    // Stripe tells us the customer paid.
    const paidIntent = { ...intents.get(intentId)!, status: 'succeeded', amount_received: total, latest_charge: 'ch_3Stub000000000000000001' }
    const event = stripeEvent('payment_intent.succeeded', paidIntent)
    const forged = await deliverSigned(event, 'whsec_not_the_configured_secret')
    expect(forged.status).toBe(400)
    expect(forged.body.code).toBe('invalid_signature')
    expect(await ctx.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id))).toEqual([])

    const delivered = await deliverSigned(event)
    expect(delivered.status).toBe(200)
    expect(delivered.body).toEqual({ received: true, duplicate: false, outcome: 'confirmed' })
    const [confirmed] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id))
    expect(confirmed!.status).toBe('confirmed')
    const [paid] = await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, id))
    expect(paid).toMatchObject({ status: 'succeeded', capturedAmount: total, chargeId: 'ch_3Stub000000000000000001' })
    expect(requests).toHaveLength(2)

    // Four days ahead of the start: the default policy refunds everything.
    const cancelled = await c.post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('refunded')
    const refundCalls = requests.filter((r) => r.path === '/v1/refunds')
    expect(refundCalls).toHaveLength(1)
    const refundCall = refundCalls[0]!
    expect(refundCall.method).toBe('POST')
    expect(refundCall.headers['idempotency-key']).toBe(`${id}-refund-1`)
    expect(refundCall.form.get('amount')).toBe(String(total))
    expect(refundCall.form.get('payment_intent')).toBe(intentId)
    expect(refundCall.form.get('metadata[reservation_id]')).toBe(id)

    const [refund] = await ctx.deps.db.select().from(refunds).where(eq(refunds.reservationId, id))
    expect(refund).toMatchObject({ seq: 1, amount: total, source: 'policy', status: 'succeeded' })
    expect(refund!.gatewayRefundId).toMatch(/^re_3Stub/)
    expect(refundCall.form.get('metadata[refund_id]')).toBe(refund!.id)
    const [after] = await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, id))
    expect(after).toMatchObject({ status: 'refunded', refundedAmount: total })
    const [ended] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id))
    expect(ended!.status).toBe('refunded')
  })
})
