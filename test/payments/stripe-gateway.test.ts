import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GatewayRejection } from '../../src/modules/payments/gateway.js'
import { StripeGateway } from '../../src/modules/payments/stripe-gateway.js'
import { stripeStandIn, type Recorded, type Reply, type StripeStandIn } from '../helpers/stripe-standin.js'

/*
 * The adapter against a local HTTP server standing in for api.stripe.com: what the SDK puts on
 * the wire (paths, idempotency keys, form-encoded params) and how answers and errors come back.
 */

const RID = '4f9c2d1e-8a7b-4c3d-9e2f-1a2b3c4d5e6f'
const requests: Recorded[] = []
let reply: (req: Recorded) => Reply = () => ({ status: 500, body: { error: { type: 'api_error', message: 'no reply set' } } })
let stripe: StripeStandIn

function paymentIntent(overrides: Record<string, unknown> = {}) {
  return {
    id: 'pi_3QxYz2LkdIwHu7ix0abc1234',
    object: 'payment_intent',
    amount: 12_500,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    capture_method: 'automatic',
    client_secret: 'pi_3QxYz2LkdIwHu7ix0abc1234_secret_k3Jd93kdLq0s',
    confirmation_method: 'automatic',
    created: 1_799_999_000,
    currency: 'usd',
    customer: null,
    description: 'Reservation R-1042',
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: { reservation_id: RID },
    payment_method: null,
    receipt_email: null,
    status: 'requires_payment_method',
    ...overrides,
  }
}

function stripeError(status: number, type: string, code: string, message: string): Reply {
  return {
    status,
    body: {
      error: { type, code, message, doc_url: `https://stripe.com/docs/error-codes/${code}`, request_log_url: 'https://dashboard.stripe.com/test/logs/req_x' },
    },
  }
}

beforeAll(async () => {
  stripe = await stripeStandIn((req) => reply(req), requests)
})

afterAll(async () => {
  await stripe.close()
})

beforeEach(() => {
  requests.length = 0
})

const gateway = () => new StripeGateway({ secretKey: 'sk_test_123', apiBase: stripe.apiBase })

function only(): Recorded {
  expect(requests).toHaveLength(1)
  return requests[0]!
}

describe('StripeGateway requests and answers', () => {
  it('createIntent posts the amount, lower-case currency, metadata and the checkout key', async () => {
    reply = () => ({ status: 200, body: paymentIntent({ receipt_email: 'ada@example.com' }) })

    const intent = await gateway().createIntent({
      metadata: { reservation_id: RID },
      amount: 12_500,
      currency: 'USD',
      description: 'Reservation R-1042',
      receiptEmail: 'ada@example.com',
      idempotencyKey: `${RID}-checkout`,
    })

    const req = only()
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/v1/payment_intents')
    expect(req.headers['idempotency-key']).toBe(`${RID}-checkout`)
    expect(req.headers.authorization).toBe('Bearer sk_test_123')
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(req.form.get('amount')).toBe('12500')
    expect(req.form.get('currency')).toBe('usd')
    expect(req.form.get('metadata[reservation_id]')).toBe(RID)
    expect(req.form.get('automatic_payment_methods[enabled]')).toBe('true')
    expect(req.form.get('description')).toBe('Reservation R-1042')
    expect(req.form.get('receipt_email')).toBe('ada@example.com')

    expect(intent).toMatchObject({
      id: 'pi_3QxYz2LkdIwHu7ix0abc1234',
      status: 'requires_payment_method',
      amount: 12_500,
      amountReceived: 0,
      currency: 'USD',
      clientSecret: 'pi_3QxYz2LkdIwHu7ix0abc1234_secret_k3Jd93kdLq0s',
      metadata: { reservation_id: RID },
      latestChargeId: null,
    })
    expect((intent.raw as { object: string }).object).toBe('payment_intent')
  })

  it('createIntent leaves receipt_email out when there is none', async () => {
    reply = () => ({ status: 200, body: paymentIntent() })

    await gateway().createIntent({
      metadata: { reservation_id: RID },
      amount: 500,
      currency: 'eur',
      description: 'd',
      receiptEmail: null,
      idempotencyKey: `${RID}-checkout`,
    })

    const req = only()
    expect(req.form.has('receipt_email')).toBe(false)
    expect(req.form.get('currency')).toBe('eur')
  })

  it('retrieveIntent is a GET of the intent, and reads latest_charge as an id or an expanded charge', async () => {
    reply = () => ({
      status: 200,
      body: paymentIntent({ id: 'pi_x', status: 'succeeded', amount_received: 12_500, latest_charge: 'ch_3QxYz2LkdIwHu7ix0def5678' }),
    })
    const paid = await gateway().retrieveIntent('pi_x')

    const req = only()
    expect(req.method).toBe('GET')
    expect(req.path).toBe('/v1/payment_intents/pi_x')
    // Expanded, so the reconciler gets card details and receipt without a second call.
    expect(req.form.getAll('expand[0]')).toEqual(['latest_charge'])
    expect(req.headers['idempotency-key']).toBeUndefined()
    expect(paid).toMatchObject({ id: 'pi_x', status: 'succeeded', amountReceived: 12_500, latestChargeId: 'ch_3QxYz2LkdIwHu7ix0def5678' })

    reply = () => ({ status: 200, body: paymentIntent({ id: 'pi_x', latest_charge: { id: 'ch_expanded', object: 'charge', amount: 12_500 } }) })
    expect((await gateway().retrieveIntent('pi_x')).latestChargeId).toBe('ch_expanded')
  })

  it('cancelIntent posts to the cancel path with its own key', async () => {
    reply = () => ({ status: 200, body: paymentIntent({ id: 'pi_x', status: 'canceled', cancellation_reason: null }) })

    const intent = await gateway().cancelIntent('pi_x', `${RID}-cancel`)

    const req = only()
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/v1/payment_intents/pi_x/cancel')
    expect(req.headers['idempotency-key']).toBe(`${RID}-cancel`)
    expect(intent.status).toBe('canceled')
  })

  it('refund posts the intent, amount and both ids in metadata', async () => {
    reply = () => ({
      status: 200,
      body: {
        id: 're_3QxYz2LkdIwHu7ix0ghi9012',
        object: 'refund',
        amount: 4_000,
        charge: 'ch_3QxYz2LkdIwHu7ix0def5678',
        created: 1_799_999_500,
        currency: 'usd',
        metadata: { reservation_id: RID, refund_id: 'rf_1' },
        payment_intent: 'pi_x',
        reason: null,
        status: 'succeeded',
      },
    })

    const refund = await gateway().refund({ intentId: 'pi_x', amount: 4_000, reservationId: RID, refundId: 'rf_1', idempotencyKey: `${RID}-refund-1` })

    const req = only()
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/v1/refunds')
    expect(req.headers['idempotency-key']).toBe(`${RID}-refund-1`)
    expect(req.form.get('payment_intent')).toBe('pi_x')
    expect(req.form.get('amount')).toBe('4000')
    expect(req.form.get('metadata[reservation_id]')).toBe(RID)
    expect(req.form.get('metadata[refund_id]')).toBe('rf_1')
    expect(refund).toMatchObject({ id: 're_3QxYz2LkdIwHu7ix0ghi9012', status: 'succeeded', amount: 4_000 })
  })

  it('transfer posts amount, lower-case currency, destination and metadata with its key', async () => {
    reply = () => ({
      status: 200,
      body: {
        id: 'tr_1QxYz2LkdIwHu7ixjkl3456',
        object: 'transfer',
        amount: 10_000,
        amount_reversed: 0,
        created: 1_799_999_600,
        currency: 'usd',
        destination: 'acct_1Nv0FGQ9RKHgCVdK',
        metadata: { reservation_id: RID },
        reversed: false,
      },
    })

    const transfer = await gateway().transfer({
      amount: 10_000,
      currency: 'USD',
      destination: 'acct_1Nv0FGQ9RKHgCVdK',
      idempotencyKey: `${RID}-payout`,
      metadata: { reservation_id: RID },
    })

    const req = only()
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/v1/transfers')
    expect(req.headers['idempotency-key']).toBe(`${RID}-payout`)
    expect(req.form.get('amount')).toBe('10000')
    expect(req.form.get('currency')).toBe('usd')
    expect(req.form.get('destination')).toBe('acct_1Nv0FGQ9RKHgCVdK')
    expect(req.form.get('metadata[reservation_id]')).toBe(RID)
    expect(transfer).toMatchObject({ id: 'tr_1QxYz2LkdIwHu7ixjkl3456', amount: 10_000 })
  })
})

describe('StripeGateway errors', () => {
  it('a 400 invalid_request_error becomes a GatewayRejection with its code, asked once', async () => {
    reply = () => stripeError(400, 'invalid_request_error', 'amount_too_large', 'Refund amount ($50.00) is greater than unrefunded amount on charge ($40.00)')

    const err = await gateway()
      .refund({ intentId: 'pi_x', amount: 5_000, reservationId: RID, refundId: 'rf_2', idempotencyKey: `${RID}-refund-2` })
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(GatewayRejection)
    const rejection = err as GatewayRejection
    expect(rejection.code).toBe('amount_too_large')
    expect(rejection.message).toContain('greater than unrefunded amount')
    expect((rejection.raw as { type: string }).type).toBe('invalid_request_error')
    // A 4xx is final: the SDK does not retry it.
    expect(requests).toHaveLength(1)
  })

  it('a 404 resource_missing on retrieve becomes a GatewayRejection', async () => {
    reply = () => stripeError(404, 'invalid_request_error', 'resource_missing', "No such payment_intent: 'pi_gone'")

    const err = await gateway()
      .retrieveIntent('pi_gone')
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(GatewayRejection)
    expect((err as GatewayRejection).code).toBe('resource_missing')
  })

  it('a 402 card_error becomes a GatewayRejection', async () => {
    reply = () => stripeError(402, 'card_error', 'card_declined', 'Your card was declined.')

    const err = await gateway()
      .cancelIntent('pi_x', `${RID}-cancel`)
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(GatewayRejection)
    expect((err as GatewayRejection).code).toBe('card_declined')
  })

  it('a 500 is retried with the same idempotency key, then rethrown as the SDK error', async () => {
    reply = () => ({ status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred' } } })
    const flaky = new StripeGateway({ secretKey: 'sk_test_123', apiBase: stripe.apiBase, maxNetworkRetries: 1 })

    const err = await flaky
      .createIntent({
        metadata: { reservation_id: RID },
        amount: 100,
        currency: 'USD',
        description: 'd',
        receiptEmail: null,
        idempotencyKey: `${RID}-checkout`,
      })
      .catch((e: unknown) => e)

    expect(err).not.toBeInstanceOf(GatewayRejection)
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect((err as Stripe.errors.StripeError).statusCode).toBe(500)
    expect(requests).toHaveLength(2)
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([`${RID}-checkout`, `${RID}-checkout`])
    expect(requests[1]!.form.toString()).toBe(requests[0]!.form.toString())
  })

  it('a 409 lock timeout and a rate limit (429, or 400 rate_limit) are rethrown for a later retry', async () => {
    const noRetry = new StripeGateway({ secretKey: 'sk_test_123', apiBase: stripe.apiBase, maxNetworkRetries: 0 })

    reply = () =>
      stripeError(
        409,
        'invalid_request_error',
        'lock_timeout',
        'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
      )
    const locked = await noRetry.retrieveIntent('pi_x').catch((e: unknown) => e)
    expect(locked).toBeInstanceOf(Stripe.errors.StripeError)
    expect(locked).not.toBeInstanceOf(GatewayRejection)

    reply = () => stripeError(429, 'invalid_request_error', 'rate_limit', 'Too many requests hit the API too quickly.')
    const limited = await noRetry.retrieveIntent('pi_x').catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(limited).not.toBeInstanceOf(GatewayRejection)

    // Stripe can also signal a rate limit as a 400 with code `rate_limit`; it is not final either.
    reply = () => stripeError(400, 'invalid_request_error', 'rate_limit', 'Too many requests hit the API too quickly.')
    const limited400 = await noRetry.retrieveIntent('pi_x').catch((e: unknown) => e)
    expect(limited400).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(limited400).not.toBeInstanceOf(GatewayRejection)
  })

  it('a 401 or 403 (a wrong or rotated key) is rethrown, not taken as an answer about the payment', async () => {
    const noRetry = new StripeGateway({ secretKey: 'sk_test_123', apiBase: stripe.apiBase, maxNetworkRetries: 0 })
    for (const [status, type] of [
      [401, 'invalid_request_error'],
      [403, 'invalid_request_error'],
    ] as const) {
      reply = () => stripeError(status, type, 'api_key_expired', 'Expired API Key provided')
      const err = await noRetry.retrieveIntent('pi_x').catch((e: unknown) => e)
      expect(err).toBeInstanceOf(Stripe.errors.StripeError)
      expect(err).not.toBeInstanceOf(GatewayRejection)
    }
  })
})

describe('StripeGateway for Connect and Billing', () => {
  it('creates an Express account with its key, and an onboarding link for it', async () => {
    reply = (req) =>
      req.path === '/v1/accounts'
        ? {
            status: 200,
            body: {
              id: 'acct_1Abc',
              object: 'account',
              type: 'express',
              payouts_enabled: false,
              details_submitted: false,
              charges_enabled: false,
              email: 'tess@example.com',
            },
          }
        : {
            status: 200,
            body: { object: 'account_link', url: 'https://connect.stripe.com/setup/e/acct_1Abc/xyz', created: 1_800_000_000, expires_at: 1_800_000_300 },
          }
    const account = await gateway().createAccount({ email: 'tess@example.com', metadata: { practitioner_id: RID }, idempotencyKey: `${RID}-account` })
    expect(account).toMatchObject({ id: 'acct_1Abc', payoutsEnabled: false, detailsSubmitted: false })
    const created = only()
    expect([created.method, created.path, created.headers['idempotency-key']]).toEqual(['POST', '/v1/accounts', `${RID}-account`])
    expect(created.form.get('type')).toBe('express')
    expect(created.form.get('capabilities[transfers][requested]')).toBe('true')
    expect(created.form.get('metadata[practitioner_id]')).toBe(RID)
    requests.length = 0
    const link = await gateway().createAccountLink({ accountId: 'acct_1Abc', returnUrl: 'https://r.example/done', refreshUrl: 'https://r.example/again' })
    expect(link).toEqual({ url: 'https://connect.stripe.com/setup/e/acct_1Abc/xyz', expiresAt: new Date(1_800_000_300_000) })
    const linked = only()
    expect(linked.path).toBe('/v1/account_links')
    expect(Object.fromEntries(linked.form)).toMatchObject({ account: 'acct_1Abc', type: 'account_onboarding', return_url: 'https://r.example/done' })
  })

  it('creates a monthly price, and a subscription that waits for its first invoice, expanded for its secret', async () => {
    reply = (req) =>
      req.path === '/v1/prices'
        ? { status: 200, body: { id: 'price_1Studio', object: 'price' } }
        : {
            status: 200,
            body: {
              id: 'sub_1Tess',
              object: 'subscription',
              status: 'incomplete',
              items: { object: 'list', data: [{ id: 'si_1', object: 'subscription_item', current_period_end: 1_802_000_000 }] },
              latest_invoice: { id: 'in_1', object: 'invoice', confirmation_secret: { client_secret: 'pi_1_secret_2', type: 'payment_intent' } },
            },
          }
    expect(await gateway().createPrice({ name: 'Studio', amount: 2900, currency: 'USD', interval: 'month', idempotencyKey: 'plan-1' })).toEqual({
      id: 'price_1Studio',
    })
    expect(Object.fromEntries(only().form)).toMatchObject({
      unit_amount: '2900',
      currency: 'usd',
      'recurring[interval]': 'month',
      'product_data[name]': 'Studio',
    })
    requests.length = 0
    const sub = await gateway().createSubscription({
      customerId: 'cus_1',
      priceId: 'price_1Studio',
      metadata: { practitioner_id: RID },
      idempotencyKey: 'subscription-1',
    })
    expect(sub).toMatchObject({ id: 'sub_1Tess', status: 'incomplete', clientSecret: 'pi_1_secret_2', currentPeriodEnd: new Date(1_802_000_000_000) })
    const req = only()
    expect([req.path, req.headers['idempotency-key']]).toEqual(['/v1/subscriptions', 'subscription-1'])
    expect(Object.fromEntries(req.form)).toMatchObject({
      customer: 'cus_1',
      'items[0][price]': 'price_1Studio',
      payment_behavior: 'default_incomplete',
      'expand[0]': 'latest_invoice.confirmation_secret',
    })
  })
})
