import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { paymentLog, refunds, webhookEvents } from '../../src/modules/payments/schema.js'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client, factories, tokenAt } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout, stateReaders } from '../helpers/payments.js'

/*
 * The reconciliation job (SPEC §7, §10): the safety net under lost webhooks. Each test has a
 * database of its own, so the number of things a pass reports moving is exact.
 */

let ctx: TestContext
beforeEach(async () => {
  ctx = await buildTestApp()
  ctx.clock.set('2027-01-04T12:00:00Z')
})
afterEach(async () => {
  const done = ctx
  ctx = undefined as unknown as TestContext
  await done?.close()
})

const db = () => ctx.deps.db

async function checkedOut(venueOpts: { holdTtlMinutes?: number } = {}) {
  const f = factories(ctx)
  const venue = await f.newVenue(venueOpts)
  const room = await f.newRoom(venue)
  const customer = await f.newCustomer()
  const booked = await holdAndCheckout(ctx, customer, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
  return { ...booked, customer }
}

const { reservationOf, paymentOf, transitionsOf } = stateReaders(() => ctx)

/** Everything a pass could have written, to show a second pass writes nothing. */
async function snapshot(id: string) {
  return {
    reservation: await reservationOf(id),
    payment: await paymentOf(id),
    transitions: (await transitionsOf(id)).length,
    refunds: await db().select().from(refunds).where(eq(refunds.reservationId, id)),
    log: (await db().select().from(paymentLog)).length,
    calls: fakeOf(ctx).calls.filter((c) => c.method !== 'retrieveIntent').length,
  }
}

describe('reconciliation', () => {
  it('a lost payment_intent.succeeded webhook: the job asks the gateway and confirms', async () => {
    const { id, intentId, total } = await checkedOut()
    await fakeOf(ctx).pay(intentId, {}, { deliver: false })
    expect((await reservationOf(id)).status).toBe('awaiting_payment')

    // Within the grace period the job leaves the payment to its webhook.
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect((await paymentOf(id)).status).toBe('pending')

    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBeGreaterThanOrEqual(1)

    expect((await reservationOf(id)).status).toBe('confirmed')
    expect((await transitionsOf(id)).map((t) => [t.fromStatus, t.toStatus])).toEqual([
      [null, 'pending'],
      ['pending', 'awaiting_payment'],
      ['awaiting_payment', 'confirmed'],
    ])
    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'succeeded', capturedAmount: total })
    expect(p.checkedAt).toEqual(ctx.clock())
    expect(p.chargeId).toMatch(/^ch_/)
    // The intent came back with its charge expanded: card and receipt as a webhook would give them.
    expect(p).toMatchObject({ method: 'card', cardBrand: 'visa', cardLast4: '4242' })
    expect(p.receiptUrl).toMatch(/^https:\/\//)
    const reconciled = await db().select().from(paymentLog).where(eq(paymentLog.code, 'reconciled'))
    expect(reconciled).toHaveLength(1)

    const before = await snapshot(id)
    expect(await ctx.services.reconciler.run()).toBe(0)
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect(await snapshot(id)).toEqual(before)

    // The webhook turning up after all is a no-op.
    const late = fakeOf(ctx).event('payment_intent.succeeded', (await ctx.deps.gateway.retrieveIntent(intentId)).raw)
    await fakeOf(ctx).send(late)
    const [stored] = await db().select().from(webhookEvents).where(eq(webhookEvents.id, late.id))
    expect(stored!.outcome).toBe('already_settled')
    expect((await transitionsOf(id)).filter((t) => t.toStatus === 'confirmed')).toHaveLength(1)
    const succeeded = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, id), eq(outboxEvents.type, 'payment.succeeded')))
    expect(succeeded).toHaveLength(1)
  })

  it('an expired reservation with an unpaid intent: the intent is cancelled at the gateway, the payment canceled', async () => {
    const { id, intentId } = await checkedOut({ holdTtlMinutes: 10 })
    ctx.clock.advance(11 * 60_000)
    expect(await ctx.services.reservations.expireLapsedHolds()).toBe(1)
    expect((await reservationOf(id)).status).toBe('expired')
    expect((await paymentOf(id)).status).toBe('pending')

    expect(await ctx.services.reconciler.run()).toBeGreaterThanOrEqual(1)
    await fakeOf(ctx).drain()

    expect(fakeOf(ctx).calls).toContainEqual({ method: 'cancelIntent', idempotencyKey: `${id}-cancel` })
    expect((await ctx.deps.gateway.retrieveIntent(intentId)).status).toBe('canceled')
    const p = await paymentOf(id)
    expect(p.status).toBe('canceled')
    expect((await reservationOf(id)).status).toBe('expired')
    const logged = await db().select().from(paymentLog).where(eq(paymentLog.paymentId, p.id))
    expect(logged.some((l) => l.kind === 'intent_failed' && l.code === 'intent_canceled')).toBe(true)

    const before = await snapshot(id)
    expect(await ctx.services.reconciler.run()).toBe(0)
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    await fakeOf(ctx).drain()
    expect(await snapshot(id)).toEqual(before)
    expect(fakeOf(ctx).calls.filter((c) => c.method === 'cancelIntent')).toHaveLength(1)
  })

  it('a refund the gateway never received (network error) stays pending and is sent again by the job', async () => {
    const { id, intentId, total, customer } = await checkedOut()
    await fakeOf(ctx).pay(intentId)
    expect((await reservationOf(id)).status).toBe('confirmed')

    const fake = fakeOf(ctx)
    const refundSpy = vi.spyOn(fake, 'refund').mockRejectedValueOnce(new Error('socket hang up'))
    // Four days ahead: the default policy gives back everything.
    const cancelled = await client(ctx, await tokenAt(ctx, customer)).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    // Not `refunded` yet: that waits until the gateway has the refund.
    expect(cancelled.body.status).toBe('cancelled')
    expect(refundSpy).toHaveBeenCalledTimes(1)
    refundSpy.mockRestore()
    await fake.drain()

    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'refunded', refundedAmount: total })
    const [pending] = await db().select().from(refunds).where(eq(refunds.paymentId, p.id))
    expect(pending).toMatchObject({ status: 'pending', gatewayRefundId: null, amount: total, seq: 1, source: 'policy' })
    const retried = await db().select().from(paymentLog).where(eq(paymentLog.code, 'refund_retry'))
    expect(retried).toHaveLength(1)
    expect(fake.calls.filter((c) => c.method === 'refund')).toEqual([])

    // Too fresh for the job: a refund normally reaches the gateway at once.
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect((await db().select().from(refunds).where(eq(refunds.id, pending!.id)))[0]!.status).toBe('pending')

    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBeGreaterThanOrEqual(1)
    await fake.drain()

    const [sent] = await db().select().from(refunds).where(eq(refunds.id, pending!.id))
    expect(sent!.status).toBe('succeeded')
    expect(sent!.gatewayRefundId).toMatch(/^re_/)
    expect(fake.calls.filter((c) => c.method === 'refund')).toEqual([{ method: 'refund', idempotencyKey: `${id}-refund-1` }])
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: total })
    expect((await reservationOf(id)).status).toBe('refunded')
    expect(await db().select().from(refunds).where(eq(refunds.paymentId, p.id))).toHaveLength(1)

    const before = await snapshot(id)
    expect(await ctx.services.reconciler.run()).toBe(0)
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    await fake.drain()
    expect(await snapshot(id)).toEqual(before)
  })

  it('lost webhook on a hold that expired meanwhile, inventory still free: the job finds the money and confirms', async () => {
    const { id, intentId, total } = await checkedOut({ holdTtlMinutes: 10 })
    await fakeOf(ctx).pay(intentId, {}, { deliver: false })
    ctx.clock.advance(11 * 60_000)
    expect(await ctx.services.reservations.expireLapsedHolds()).toBe(1)

    expect(await ctx.services.reconciler.run()).toBeGreaterThanOrEqual(1)
    await fakeOf(ctx).drain()

    // Cancelling a paid intent is refused; the job then reads it and applies the late-payment rules.
    expect(fakeOf(ctx).calls).toContainEqual({ method: 'cancelIntent', idempotencyKey: `${id}-cancel` })
    expect((await reservationOf(id)).status).toBe('confirmed')
    expect((await transitionsOf(id)).at(-1)).toMatchObject({ fromStatus: 'expired', toStatus: 'confirmed' })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', capturedAmount: total })
    expect(await db().select().from(refunds).where(eq(refunds.reservationId, id))).toEqual([])

    const before = await snapshot(id)
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect(await snapshot(id)).toEqual(before)
  })

  it('lost webhook on a hold that expired and whose slot was taken: the job refunds in full', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ holdTtlMinutes: 10 })
    const room = await f.newRoom(venue)
    const alice = await f.newCustomer('Alice')
    const { id, intentId, total } = await holdAndCheckout(ctx, alice, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
    await fakeOf(ctx).pay(intentId, {}, { deliver: false })
    ctx.clock.advance(11 * 60_000)
    const bob = await f.newCustomer('Bob')
    // Bob's booking expires Alice's lapsed hold itself, without waiting for the sweeper.
    const taken = await client(ctx, bob.access).post('/reservations', {
      venue_id: venue.id,
      items: [{ kind: 'slot', room_id: room.id, start: '2027-01-09T02:00:00Z', end: '2027-01-09T04:00:00Z' }],
    })
    expect(taken.status).toBe(201)
    expect((await reservationOf(id)).status).toBe('expired')

    expect(await ctx.services.reconciler.run()).toBeGreaterThanOrEqual(1)
    await fakeOf(ctx).drain()

    expect((await reservationOf(id)).status).toBe('refunded')
    expect((await transitionsOf(id)).at(-1)!.reason).toMatch(/inventory/i)
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: total })
    const [refund] = await db().select().from(refunds).where(eq(refunds.reservationId, id))
    expect(refund).toMatchObject({ source: 'late_payment', amount: total, status: 'succeeded' })
    expect(fakeOf(ctx).calls).toContainEqual({ method: 'refund', idempotencyKey: `${id}-refund-1` })
    expect((await reservationOf(taken.body.id)).status).toBe('pending')

    const before = await snapshot(id)
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect(await snapshot(id)).toEqual(before)
  })

  it('a payment that did not match is not reported as moved on every later pass', async () => {
    const { id, intentId } = await checkedOut()
    await fakeOf(ctx).pay(intentId, { amount: 1 })
    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'pending', failureCode: 'payment_mismatch' })
    const mismatches = () =>
      db()
        .select()
        .from(paymentLog)
        .where(and(eq(paymentLog.kind, 'error'), eq(paymentLog.code, 'payment_mismatch')))
    expect(await mismatches()).toHaveLength(1)

    // The job finds the intent paid, runs it through the same check, and it fails the same way.
    ctx.clock.advance(2 * 60_000)
    await ctx.services.reconciler.run()
    expect((await reservationOf(id)).status).toBe('awaiting_payment')
    const logged = (await mismatches()).length

    // Nothing has changed since: a later pass has nothing to report and nothing new to log.
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect(await mismatches()).toHaveLength(logged)
  })

  it('a payment still awaited whose intent is unpaid is left alone, asked again only after a minute', async () => {
    const { id } = await checkedOut()
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBe(0)
    const first = (await paymentOf(id)).checkedAt
    expect(first).toEqual(ctx.clock())
    expect((await reservationOf(id)).status).toBe('awaiting_payment')

    ctx.clock.advance(30_000)
    const asked = fakeOf(ctx).calls.filter((c) => c.method === 'retrieveIntent').length
    expect(await ctx.services.reconciler.run()).toBe(0)
    expect(fakeOf(ctx).calls.filter((c) => c.method === 'retrieveIntent')).toHaveLength(asked)
    expect((await paymentOf(id)).checkedAt).toEqual(first)
  })
})
