import { createHmac } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { signWebhook, type GatewayIntent } from '../../src/modules/payments/gateway.js'
import { paymentLog, payments, webhookEvents } from '../../src/modules/payments/schema.js'
import { newCardDetails, newCharge, newPaymentIntent } from '../../src/modules/payments/stripe-objects.js'
import type { TestContext } from '../helpers/context.js'
import { factories } from '../helpers/factories.js'
import { deliver, fakeOf, holdAndCheckout, stateReaders } from '../helpers/payments.js'
import { scene } from '../helpers/scene.js'

/*
 * POST /payments/webhook: Stripe's signature scheme, at-most-once processing of redelivered
 * events, events out of order or for intents we never made, and money that does not match.
 * Every test checks what the database holds afterwards, not only the answer.
 */

let ctx: TestContext
beforeAll(async () => ({ ctx } = await scene({ at: '2027-01-04T12:00:00Z' })))
afterAll(() => ctx?.close())

/** A fresh venue, room and customer with a hold checked out (awaiting_payment); 2 h at 40.00 = 8000. */
async function checkedOut() {
  const f = factories(ctx)
  const venue = await f.newVenue()
  const room = await f.newRoom(venue)
  const customer = await f.newCustomer()
  const booked = await holdAndCheckout(ctx, customer, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
  expect(booked.checkout).toMatchObject({ status: 'pending', reservation_status: 'awaiting_payment' })
  return { ...booked, venue, room, customer }
}

/** The customer pays but Stripe has not told us yet: the `payment_intent.succeeded` event, undelivered. */
async function paidUndelivered() {
  const booked = await checkedOut()
  await fakeOf(ctx).pay(booked.intentId, {}, { deliver: false })
  const intent = webhookIntent(await ctx.deps.gateway.retrieveIntent(booked.intentId))
  expect(intent).toMatchObject({ status: 'succeeded', amount_received: booked.total })
  const event = fakeOf(ctx).event('payment_intent.succeeded', intent)
  return { ...booked, intent, event }
}

const db = () => ctx.deps.db
const seconds = (d: Date) => Math.floor(d.getTime() / 1000)

const { reservationOf, paymentOf, transitionsOf } = stateReaders(() => ctx)

const outboxOf = (id: string, type: string) =>
  db()
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.aggregateId, id), eq(outboxEvents.type, type)))

const storedEvent = async (eventId: string) => (await db().select().from(webhookEvents).where(eq(webhookEvents.id, eventId)))[0]

const logFor = (kind: string, code: string, rawId: string) =>
  db()
    .select()
    .from(paymentLog)
    .where(and(eq(paymentLog.kind, kind as 'error'), eq(paymentLog.code, code), sql`${paymentLog.raw}->>'id' = ${rawId}`))

/** The same reservation and payment as right after checkout: nothing moved. */
async function expectUntouched(id: string, eventId: string) {
  expect((await reservationOf(id)).status).toBe('awaiting_payment')
  expect((await transitionsOf(id)).map((t) => t.toStatus)).toEqual(['pending', 'awaiting_payment'])
  expect(await paymentOf(id)).toMatchObject({ status: 'pending', capturedAmount: 0, chargeId: null })
  expect(await storedEvent(eventId)).toBeUndefined()
  expect(
    await db()
      .select()
      .from(paymentLog)
      .where(sql`${paymentLog.raw}->>'id' = ${eventId}`),
  ).toEqual([])
  expect(await outboxOf(id, 'payment.succeeded')).toEqual([])
}

describe('redelivery', () => {
  it('one payment_intent.succeeded delivered 10 times (5 at once, 5 in turn) confirms once and counts 9 duplicates', async () => {
    const { id, total, event } = await paidUndelivered()

    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver(ctx, event)))
    const sequential = []
    for (let i = 0; i < 5; i++) sequential.push(await deliver(ctx, event))
    const answers = [...concurrent, ...sequential]

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1)
    expect(answers.filter((a) => a.body.duplicate)).toHaveLength(9)
    expect(answers.find((a) => !a.body.duplicate)!.body.outcome).toBe('confirmed')

    expect((await reservationOf(id)).status).toBe('confirmed')
    const moves = (await transitionsOf(id)).filter((t) => t.toStatus === 'confirmed')
    expect(moves).toHaveLength(1)
    expect(moves[0]).toMatchObject({ fromStatus: 'awaiting_payment', toStatus: 'confirmed' })
    expect(await outboxOf(id, 'reservation.confirmed')).toHaveLength(1)

    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', capturedAmount: total })
    expect(await outboxOf(id, 'payment.succeeded')).toHaveLength(1)

    expect(await storedEvent(event.id)).toMatchObject({ type: 'payment_intent.succeeded', outcome: 'confirmed', duplicates: 9 })
    expect(await logFor('webhook_received', 'duplicate', event.id)).toHaveLength(9)
    expect(await logFor('webhook_received', 'confirmed', event.id)).toHaveLength(1)
  })
})

describe('signature', () => {
  it("signWebhook is the SDK's own scheme: t=<seconds>,v1=HMAC-SHA256(secret, `${t}.${payload}`)", () => {
    const payload = JSON.stringify({ id: 'evt_x', type: 'ping', data: { object: {} } })
    const secret = ctx.config.stripe.webhookSecret
    const at = ctx.clock()
    const t = Math.floor(at.getTime() / 1000)
    const hmac = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')
    expect(signWebhook(payload, secret, at)).toBe(new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret, timestamp: t }))
    expect(signWebhook(payload, secret, at)).toBe(`t=${t},v1=${hmac}`)
  })

  /** Changes one digit of `amount_received` in the payload: still valid JSON, one byte different. */
  function tamper(payload: string): string {
    const at = payload.indexOf('"amount_received":') + '"amount_received":'.length
    const digit = payload[at]!
    expect(digit).toMatch(/[0-9]/)
    const changed = `${payload.slice(0, at)}${digit === '9' ? '1' : String(Number(digit) + 1)}${payload.slice(at + 1)}`
    expect(changed).toHaveLength(payload.length)
    expect([...changed].filter((c, i) => c !== payload[i])).toHaveLength(1)
    return changed
  }

  const secretOf = () => ctx.config.stripe.webhookSecret

  const rejections: [string, (event: Stripe.Event) => Promise<{ status: number; body: any }>][] = [
    ['signed with another secret', (event) => deliver(ctx, event, { secret: 'whsec_someone_elses_secret_0000' })],
    [
      'one byte of the body changed after signing',
      (event) => {
        const payload = JSON.stringify(event)
        return deliver(ctx, event, { payload: tamper(payload), signature: signWebhook(payload, secretOf(), ctx.clock()) })
      },
    ],
    ['signed 301 s ago (tolerance 300 s, on our clock)', (event) => deliver(ctx, event, { at: new Date(ctx.clock().getTime() - 301_000) })],
    [
      'only a v0 signature, however valid',
      (event) => {
        const payload = JSON.stringify(event)
        const t = seconds(ctx.clock())
        const hmac = createHmac('sha256', secretOf()).update(`${t}.${payload}`).digest('hex')
        // The same HMAC under v1 is exactly what a valid header carries; under v0 it must not count.
        expect(signWebhook(payload, secretOf(), ctx.clock())).toBe(`t=${t},v1=${hmac}`)
        return deliver(ctx, event, { payload, signature: `t=${t},v0=${hmac}` })
      },
    ],
    [
      'no Stripe-Signature header',
      async (event) => {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/v1/payments/webhook',
          payload: JSON.stringify(event),
          headers: { 'content-type': 'application/json' },
        })
        return { status: res.statusCode, body: JSON.parse(res.body) }
      },
    ],
  ]

  it.each(rejections)('%s → 400 invalid_signature, nothing stored, nothing moved', async (_name, send) => {
    const { id, event } = await paidUndelivered()
    const res = await send(event)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('invalid_signature')
    await expectUntouched(id, event.id)
  })

  it('signed 299 s ago → 200 and confirmed', async () => {
    const { id, event } = await paidUndelivered()
    const res = await deliver(ctx, event, { at: new Date(ctx.clock().getTime() - 299_000) })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'confirmed' })
    expect((await reservationOf(id)).status).toBe('confirmed')
    expect((await paymentOf(id)).status).toBe('succeeded')
    expect(await storedEvent(event.id)).toMatchObject({ outcome: 'confirmed', duplicates: 0 })
  })

  it('an event rejected for its signature is processed normally when it comes back correctly signed', async () => {
    const { id, event } = await paidUndelivered()
    expect((await deliver(ctx, event, { secret: 'whsec_someone_elses_secret_0000' })).status).toBe(400)
    const res = await deliver(ctx, event)
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'confirmed' })
    expect((await reservationOf(id)).status).toBe('confirmed')
  })
})

describe('out of order and unknown', () => {
  it('a payment_failed that arrives after succeeded changes nothing: confirmed stays confirmed, the payment succeeded', async () => {
    const { id, intentId, total } = await checkedOut()
    // A first card was declined; Stripe's event for it is delayed.
    await fakeOf(ctx).decline(intentId, { deliver: false })
    const failed = fakeOf(ctx).event('payment_intent.payment_failed', webhookIntent(await ctx.deps.gateway.retrieveIntent(intentId)))
    // The second card pays, and its webhooks arrive first.
    await fakeOf(ctx).pay(intentId)
    expect((await reservationOf(id)).status).toBe('confirmed')

    const res = await deliver(ctx, failed)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ duplicate: false, outcome: 'stale' })

    expect((await reservationOf(id)).status).toBe('confirmed')
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', capturedAmount: total, failureCode: null })
    expect(await outboxOf(id, 'payment.failed')).toEqual([])
    expect((await transitionsOf(id)).map((t) => t.toStatus)).toEqual(['pending', 'awaiting_payment', 'confirmed'])
    expect(await storedEvent(failed.id)).toMatchObject({ outcome: 'stale' })
  })

  it('succeeded for an intent we never created → 200, stored as unknown_intent, an error in the payment log', async () => {
    const unknownId = 'pi_3Unknown0000000000000000'
    const event = fakeOf(ctx).event(
      'payment_intent.succeeded',
      newPaymentIntent({
        id: unknownId,
        amount: 5000,
        amount_received: 5000,
        currency: 'usd',
        status: 'succeeded',
        metadata: { reservation_id: '00000000-0000-4000-8000-000000000000' },
        latest_charge: 'ch_3Unknown0000000000000000',
        created: seconds(ctx.clock()),
      }),
    )

    const res = await deliver(ctx, event)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'unknown_intent' })

    expect(await storedEvent(event.id)).toMatchObject({ type: 'payment_intent.succeeded', outcome: 'unknown_intent', duplicates: 0 })
    const errors = await logFor('error', 'unknown_intent', unknownId)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.paymentId).toBeNull()
    expect(await db().select().from(payments).where(eq(payments.intentId, unknownId))).toEqual([])

    // The endpoint still works afterwards.
    const { id, event: next } = await paidUndelivered()
    expect((await deliver(ctx, next)).body.outcome).toBe('confirmed')
    expect((await reservationOf(id)).status).toBe('confirmed')
  })

  it('charge.succeeded before payment_intent.succeeded: card details kept, then confirmed', async () => {
    const { id, intentId, total, intent, event } = await paidUndelivered()
    const chargeId = intent.latest_charge as string
    const charge = fakeOf(ctx).event(
      'charge.succeeded',
      newCharge({
        id: chargeId,
        amount: total,
        amount_captured: total,
        amount_refunded: 0,
        currency: 'usd',
        customer: 'cus_Test0000000000',
        payment_intent: intentId,
        paid: true,
        status: 'succeeded',
        receipt_url: `https://pay.stripe.com/receipts/test/${chargeId}`,
        payment_method_details: newCardDetails({ brand: 'mastercard', last4: '4444', exp_month: 3, exp_year: 2031, wallet: null }),
        metadata: { reservation_id: id },
        created: seconds(ctx.clock()),
      }),
    )

    expect((await deliver(ctx, charge)).body).toMatchObject({ outcome: 'charge_recorded' })
    expect((await reservationOf(id)).status).toBe('awaiting_payment')
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', chargeId, cardBrand: 'mastercard', cardLast4: '4444' })

    expect((await deliver(ctx, event)).body).toMatchObject({ outcome: 'confirmed' })
    expect((await reservationOf(id)).status).toBe('confirmed')
    expect(await paymentOf(id)).toMatchObject({
      status: 'succeeded',
      capturedAmount: total,
      method: 'card',
      chargeId,
      customerId: 'cus_Test0000000000',
      cardBrand: 'mastercard',
      cardLast4: '4444',
      cardExpMonth: 3,
      cardExpYear: 2031,
      receiptUrl: `https://pay.stripe.com/receipts/test/${chargeId}`,
    })
  })
})

describe('money that does not match', () => {
  it.each([
    ['one cent short', (total: number) => ({ amount: total - 1 })],
    ['in another currency', () => ({ currency: 'EUR' })],
  ])('a payment %s does not confirm and is logged as payment_mismatch', async (_name, card) => {
    const { id, intentId, total } = await checkedOut()
    await fakeOf(ctx).pay(intentId, card(total))

    expect((await reservationOf(id)).status).toBe('awaiting_payment')
    expect((await transitionsOf(id)).map((t) => t.toStatus)).toEqual(['pending', 'awaiting_payment'])
    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'pending', capturedAmount: 0, failureCode: 'payment_mismatch' })
    const errors = await db()
      .select()
      .from(paymentLog)
      .where(and(eq(paymentLog.paymentId, p.id), eq(paymentLog.kind, 'error')))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'payment_mismatch', reservationId: id })
    expect(await outboxOf(id, 'payment.succeeded')).toEqual([])
    const [stored] = await db()
      .select()
      .from(webhookEvents)
      .where(sql`${webhookEvents.payload}->'data'->'object'->>'id' = ${intentId}`)
    expect(stored).toMatchObject({ type: 'payment_intent.succeeded', outcome: 'payment_mismatch' })
  })
})

describe('signed events we do not act on', () => {
  /*
   * A valid signature proves Stripe sent the bytes, not that the object matches the SDK's
   * types: an endpoint renders events in its own API version. Whatever is missing or of the
   * wrong kind must end as an answer (ignored, unknown), never as a 500 that Stripe retries.
   */
  let n = 0
  const raw = (type: string, object: object) => ({ id: `evt_odd_${++n}`, object: 'event', type, data: { object } })

  it.each([
    ['an event type we do not handle', 'customer.created', { id: 'cus_1' }, 'ignored'],
    ['a made-up event type', 'ping', {}, 'ignored'],
    ['refund.failed (refund.updated carries the same)', 'refund.failed', { id: 're_1', status: 'failed' }, 'ignored'],
    ['an intent without an id', 'payment_intent.succeeded', {}, 'unknown_intent'],
    ['an intent with a numeric id', 'payment_intent.succeeded', { id: 123 }, 'unknown_intent'],
    ['a failed intent without an id', 'payment_intent.payment_failed', {}, 'unknown_intent'],
    ['a cancelled intent without an id', 'payment_intent.canceled', {}, 'unknown_intent'],
    ['a charge without an intent', 'charge.succeeded', {}, 'unknown_intent'],
    ['a charge whose intent is a number', 'charge.updated', { payment_intent: 5 }, 'unknown_intent'],
    ['a refunded charge without an intent', 'charge.refunded', {}, 'unknown_intent'],
    ['a refund without an id', 'refund.updated', {}, 'unknown_refund'],
    ['a refund with a numeric id and null metadata', 'refund.created', { id: 7, metadata: null }, 'unknown_refund'],
    ['a refund whose refund_id is not ours', 'charge.refund.updated', { id: 're_x', metadata: { refund_id: 'nope' } }, 'unknown_refund'],
  ])('%s → 200 %s', async (_name, type, object, outcome) => {
    const event = raw(type, object)
    const res = await deliver(ctx, event)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ received: true, duplicate: false, outcome })
    expect(await storedEvent(event.id)).toMatchObject({ type, outcome })
  })

  it('an intent of ours missing its amount, currency and metadata is a mismatch, not a payment', async () => {
    const { id, intentId } = await checkedOut()
    const res = await deliver(ctx, raw('payment_intent.succeeded', { id: intentId }))
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'payment_mismatch' })
    expect((await reservationOf(id)).status).toBe('awaiting_payment')
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', capturedAmount: 0, chargeId: null, failureCode: 'payment_mismatch' })
    expect(await outboxOf(id, 'payment.succeeded')).toEqual([])
  })

  it('a failed intent of ours without last_payment_error is recorded as failed, with no message', async () => {
    const { id, intentId } = await checkedOut()
    const res = await deliver(ctx, raw('payment_intent.payment_failed', { id: intentId, last_payment_error: null }))
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'failed' })
    expect(await paymentOf(id)).toMatchObject({ status: 'failed', failureCode: 'failed', failureMessage: null })
  })

  it('a refunded charge of ours without amount_refunded refunds nothing', async () => {
    const { id, intentId } = await checkedOut()
    const res = await deliver(ctx, raw('charge.refunded', { payment_intent: intentId }))
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'refunds_in_step' })
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', refundedAmount: 0 })
  })

  it('a charge without payment_method_details keeps the card fields it had and reads as a card', async () => {
    const { id, intentId } = await checkedOut()
    const res = await deliver(ctx, raw('charge.succeeded', { id: 'ch_bare', payment_intent: intentId, payment_method_details: null }))
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'charge_recorded' })
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', chargeId: 'ch_bare', method: 'card', cardBrand: null, cardLast4: null })
  })

  it('a charge whose payment_intent and customer come expanded is matched by their ids', async () => {
    const { id, intentId } = await checkedOut()
    const event = raw('charge.succeeded', { id: 'ch_expanded', payment_intent: { id: intentId, object: 'payment_intent' }, customer: { id: 'cus_Expanded' } })
    const res = await deliver(ctx, event)
    expect(res.body).toEqual({ received: true, duplicate: false, outcome: 'charge_recorded' })
    expect(await paymentOf(id)).toMatchObject({ chargeId: 'ch_expanded', customerId: 'cus_Expanded' })
  })
})

describe('declined card', () => {
  it('a decline marks the payment failed with its code and keeps the hold; a second card confirms', async () => {
    const { id, intentId, total } = await checkedOut()
    await fakeOf(ctx).decline(intentId)

    expect((await reservationOf(id)).status).toBe('awaiting_payment')
    expect(await paymentOf(id)).toMatchObject({
      status: 'failed',
      failureCode: 'insufficient_funds',
      failureMessage: 'Your card has insufficient funds.',
      capturedAmount: 0,
    })
    const failedEvents = await outboxOf(id, 'payment.failed')
    expect(failedEvents).toHaveLength(1)
    expect(failedEvents[0]!.payload).toMatchObject({ failure_code: 'insufficient_funds' })

    await fakeOf(ctx).pay(intentId)
    expect((await reservationOf(id)).status).toBe('confirmed')
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', capturedAmount: total, failureCode: null, failureMessage: null })
    expect((await transitionsOf(id)).map((t) => [t.fromStatus, t.toStatus])).toEqual([
      [null, 'pending'],
      ['pending', 'awaiting_payment'],
      ['awaiting_payment', 'confirmed'],
    ])
  })
})

/** The intent as a webhook carries it: retrieve expands the charge, events name it by id. */
function webhookIntent(answer: GatewayIntent): Stripe.PaymentIntent {
  return { ...answer.raw, latest_charge: answer.latestChargeId }
}
