import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { grantCredits } from '../../src/modules/credits/ledger.js'
import { GatewayRejection } from '../../src/modules/payments/gateway.js'
import { payments, refunds, webhookEvents } from '../../src/modules/payments/schema.js'
import { reservations } from '../../src/modules/reservations/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { deliver, expandedCharge, fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

// Bookings on 2027-01-08, four days ahead: the default policy refunds everything.
let ctx: TestContext, f: Factories, venue: Venue, staff: Actor

beforeAll(async () => ({ ctx, f, venue, staff } = await scene({ at: '2027-01-04T12:00:00Z', venue: {}, staff: 'staff' })))
afterAll(() => ctx.close())

const paymentOf = async (id: string) => (await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, id)))[0]!
const statusOf = async (id: string) => (await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id)))[0]!.status

async function paidBooking(customer: Actor, opts: { pay?: boolean } = {}) {
  const room = await f.newRoom(venue, { hourlyRate: 5000 })
  const booked = await holdAndCheckout(ctx, customer, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
  if (opts.pay !== false) await fakeOf(ctx).pay(booked.intentId)
  return booked
}

describe('money edge cases', () => {
  it('a refund the gateway refuses leaves the reservation cancelled and the money refundable again', async () => {
    const alice = await f.newCustomer()
    const { id, total } = await paidBooking(alice)
    const spy = vi.spyOn(fakeOf(ctx), 'refund').mockRejectedValueOnce(new GatewayRejection('Charge is disputed', 'charge_disputed', {}))
    const cancelled = await client(ctx, alice.access).post(`/reservations/${id}/cancel`, {})
    spy.mockRestore()
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(await statusOf(id)).toBe('cancelled')
    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'succeeded', refundedAmount: 0, capturedAmount: total })
    const [r] = await ctx.deps.db.select().from(refunds).where(eq(refunds.paymentId, p.id))
    expect(r).toMatchObject({ status: 'failed', amount: total })
    // Staff can then give it back another way, or again.
    const again = await client(ctx, staff.access).post(`/reservations/${id}/refund`, { reason: 'retry after the dispute' })
    expect(again.status).toBe(200)
    expect(await statusOf(id)).toBe('refunded')
  })

  it('a dashboard refund that overtakes the payment webhook is refused until the payment is on record', async () => {
    const bob = await f.newCustomer()
    const { id, intentId, total } = await paidBooking(bob, { pay: false })
    await fakeOf(ctx).pay(intentId, {}, { deliver: false })
    const intent = (await ctx.deps.gateway.retrieveIntent(intentId)).raw
    const charge = { ...expandedCharge(intent), amount_refunded: total, refunded: true }
    const refundedEvent = fakeOf(ctx).event('charge.refunded', charge)
    const early = await deliver(ctx, refundedEvent)
    expect(early.status).toBe(409)
    expect(await ctx.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, refundedEvent.id))).toHaveLength(0)
    // The payment's own webhook arrives, then Stripe delivers the refund again.
    const succeeded = await deliver(ctx, fakeOf(ctx).event('payment_intent.succeeded', { ...intent, latest_charge: charge.id }))
    expect(succeeded.body.outcome).toBe('confirmed')
    const again = await deliver(ctx, refundedEvent)
    expect(again.status).toBe(200)
    expect(again.body.outcome).toBe('external_refund_recorded')
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: total })
    const [r] = await ctx.deps.db.select().from(refunds).where(eq(refunds.reservationId, id))
    expect(r).toMatchObject({ source: 'gateway', status: 'succeeded', amount: total })
  })

  it('checkout of a cancelled reservation is refused, even with its earlier intent on record', async () => {
    const carol = await f.newCustomer()
    const { id } = await paidBooking(carol, { pay: false })
    expect((await client(ctx, carol.access).post(`/reservations/${id}/cancel`, {})).body.status).toBe('cancelled')
    const again = await client(ctx, carol.access).post(`/reservations/${id}/checkout`)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('invalid_transition')
  })

  it('credits never leave the card a remainder below the smallest charge', async () => {
    const dan = await f.newCustomer()
    await grantCredits(ctx.deps.db, {
      userId: dan.id,
      kind: 'promotion',
      currency: 'USD',
      amount: 9_990,
      expiresAt: null,
      note: null,
      createdBy: null,
      now: ctx.clock(),
    })
    const room = await f.newRoom(venue, { hourlyRate: 5000 })
    const { id, checkout } = await holdAndCheckout(ctx, dan, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
    expect(checkout.credits_applied.amount).toBe(9_950)
    expect(checkout.amount.amount).toBe(50)
    expect(await paymentOf(id)).toMatchObject({ amount: 50, creditAmount: 9_950, status: 'pending' })
    expect((await client(ctx, dan.access).get('/credits/balance')).body.balances).toEqual([{ amount: 40, currency: 'USD' }])
  })
})
