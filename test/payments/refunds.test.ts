import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payments, refunds } from '../../src/modules/payments/schema.js'
import { reservations } from '../../src/modules/reservations/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, alice: Actor

beforeAll(async () => ({ ctx, f, venue, staff, alice } = await scene({ at: '2027-01-04T12:00:00Z', venue: {}, staff: 'staff', customers: { alice: 'Alice' } })))
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)

/** A confirmed booking paid by card: two hours at 50.00, so 100.00 captured. */
async function paidBooking(customer = alice) {
  const room = await f.newRoom(venue, { hourlyRate: 5000 })
  const { id, intentId, total } = await holdAndCheckout(ctx, customer, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
  expect(total).toBe(10000)
  await fakeOf(ctx).pay(intentId)
  const p = await paymentOf(id)
  expect(p).toMatchObject({ status: 'succeeded', capturedAmount: 10000, refundedAmount: 0 })
  return { id, intentId, total }
}

const paymentOf = async (reservationId: string) => (await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, reservationId)))[0]!
const refundsOf = (reservationId: string) => ctx.deps.db.select().from(refunds).where(eq(refunds.reservationId, reservationId)).orderBy(asc(refunds.seq))
const reservationOf = async (id: string) => (await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id)))[0]!
const refundCalls = (reservationId: string) => fakeOf(ctx).calls.filter((c) => c.method === 'refund' && c.idempotencyKey?.startsWith(`${reservationId}-`))

const refund = (id: string, body: object, actor = staff, headers?: Record<string, string>) => as(actor).post(`/reservations/${id}/refund`, body, headers)

describe('staff refunds', () => {
  it('refunds 30 % then 70 % of a 100.00 charge: the payment ends refunded, in step with the gateway', async () => {
    const { id } = await paidBooking()

    const first = await refund(id, { amount: 3000, reason: 'the projector was broken' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      reservation_id: id,
      status: 'partially_refunded',
      captured: { amount: 10000, currency: 'USD' },
      refunded: { amount: 3000, currency: 'USD' },
      refundable: { amount: 7000, currency: 'USD' },
    })
    expect(first.body.refunds).toHaveLength(1)
    expect(first.body.refunds[0]).toMatchObject({
      amount: { amount: 3000, currency: 'USD' },
      credit_amount: { amount: 0 },
      source: 'staff',
      reason: 'the projector was broken',
    })

    const second = await refund(id, { amount: 7000, reason: 'and the sound system' })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ status: 'refunded', refunded: { amount: 10000 }, refundable: { amount: 0 } })
    expect(second.body.refunds.map((r: { amount: { amount: number } }) => r.amount.amount)).toEqual([3000, 7000])
    await fakeOf(ctx).drain()

    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'refunded', capturedAmount: 10000, refundedAmount: 10000, creditRefundedAmount: 0 })
    const rows = await refundsOf(id)
    expect(rows.map((r) => [r.seq, r.amount, r.creditAmount, r.status, r.source])).toEqual([
      [1, 3000, 0, 'succeeded', 'staff'],
      [2, 7000, 0, 'succeeded', 'staff'],
    ])
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(p.capturedAmount)
    expect(rows.every((r) => r.gatewayRefundId?.startsWith('re_'))).toBe(true)
    expect(refundCalls(id).map((c) => c.idempotencyKey)).toEqual([`${id}-refund-1`, `${id}-refund-2`])
    // The gateway's refund webhooks came back and were recognised as ours: no extra `gateway` refund.
    expect(rows.some((r) => r.source === 'gateway')).toBe(false)
  })

  it('refuses more than is left with 409 refund_exceeds_paid and changes nothing', async () => {
    const { id } = await paidBooking()
    expect((await refund(id, { amount: 3000, reason: 'goodwill' })).status).toBe(200)
    const over = await refund(id, { amount: 7001, reason: 'too much' })
    expect(over.status).toBe(409)
    expect(over.body.code).toBe('refund_exceeds_paid')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 3000 })
    expect(await refundsOf(id)).toHaveLength(1)
    expect(refundCalls(id)).toHaveLength(1)
  })

  it('once everything went back, one more cent is 409 refund_exceeds_paid', async () => {
    const { id } = await paidBooking()
    expect((await refund(id, { amount: 3000, reason: 'part one' })).status).toBe(200)
    expect((await refund(id, { amount: 7000, reason: 'part two' })).status).toBe(200)
    await fakeOf(ctx).drain()
    const more = await refund(id, { amount: 1, reason: 'one more' })
    expect(more.status).toBe(409)
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 10000 })
    expect(await refundsOf(id)).toHaveLength(2)
    expect(refundCalls(id)).toHaveLength(2)
    // Something was paid, and 0.01 is over the 0.00 left: the same answer as any amount over the rest.
    expect(more.body).toMatchObject({ code: 'refund_exceeds_paid', detail: { requested: 1, refundable: 0 } })
  })

  it('without an amount refunds everything that is left', async () => {
    const { id } = await paidBooking()
    expect((await refund(id, { amount: 2500, reason: 'late start' })).status).toBe(200)
    const rest = await refund(id, { reason: 'cancelled by the venue' })
    expect(rest.status).toBe(200)
    expect(rest.body).toMatchObject({ status: 'refunded', refunded: { amount: 10000 }, refundable: { amount: 0 } })
    await fakeOf(ctx).drain()
    const rows = await refundsOf(id)
    expect(rows.map((r) => r.amount)).toEqual([2500, 7500])
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 10000 })
  })

  it('with nothing paid answers 409 nothing_to_refund: no payment yet, or an intent not paid', async () => {
    const room = await f.newRoom(venue, { hourlyRate: 5000 })
    const pending = await as(alice).post('/reservations', {
      venue_id: venue.id,
      items: [{ kind: 'slot', room_id: room.id, start: '2027-01-08T19:00:00-07:00', end: '2027-01-08T21:00:00-07:00' }],
    })
    expect(pending.status).toBe(201)
    const none = await refund(pending.body.id, { reason: 'nothing to give back' })
    expect(none.status).toBe(409)
    expect(none.body.code).toBe('nothing_to_refund')

    const room2 = await f.newRoom(venue, { hourlyRate: 5000 })
    const { id } = await holdAndCheckout(ctx, alice, venue, room2, '2027-01-08T19:00', '2027-01-08T21:00')
    const unpaid = await refund(id, { amount: 100, reason: 'not paid yet' })
    expect(unpaid.status).toBe(409)
    expect(unpaid.body.code).toBe('nothing_to_refund')
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })

  it('needs a reason and a positive whole amount (400)', async () => {
    const { id } = await paidBooking()
    const noReason = await refund(id, { amount: 1000 })
    expect(noReason.status).toBe(400)
    const zero = await refund(id, { amount: 0, reason: 'zero' })
    expect(zero.status).toBe(400)
    const fraction = await refund(id, { amount: 10.5, reason: 'fraction' })
    expect(fraction.status).toBe(400)
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })

  it('replays a refund sent twice with the same Idempotency-Key instead of refunding twice', async () => {
    const { id } = await paidBooking()
    const headers = { 'idempotency-key': `refund-${id}` }
    const first = await refund(id, { amount: 4000, reason: 'retry me' }, staff, headers)
    const again = await refund(id, { amount: 4000, reason: 'retry me' }, staff, headers)
    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ refundedAmount: 4000, status: 'partially_refunded' })
    expect(await refundsOf(id)).toHaveLength(1)
    expect(refundCalls(id)).toHaveLength(1)
  })

  it('leaves the reservation visible with its refunds in the payment view', async () => {
    const { id } = await paidBooking()
    expect((await refund(id, { amount: 1234, reason: 'spilled drinks' })).status).toBe(200)
    await fakeOf(ctx).drain()
    const read = await as(alice).get(`/reservations/${id}`)
    expect(read.status).toBe(200)
    expect(read.body.payment).toMatchObject({ status: 'partially_refunded', refunded: { amount: 1234 }, refundable: { amount: 8766 } })
    expect(read.body.payment.refunds).toHaveLength(1)
    expect(read.body.payment.refunds[0]).toMatchObject({ amount: { amount: 1234 }, status: 'succeeded', source: 'staff' })
    expect((await reservationOf(id)).status).toBe('confirmed')
  })
})

describe(`concurrent refunds (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('two staff refunds of 60 % at once: exactly one succeeds, the other is 409', async () => {
    const { id } = await paidBooking()
    const answers = await Promise.all([refund(id, { amount: 6000, reason: 'first desk' }), refund(id, { amount: 6000, reason: 'second desk' })])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const lost = answers.find((a) => a.status === 409)!
    // The second waits for the first's lock, then reads what is left: 40.00.
    expect(lost.body).toMatchObject({ code: 'refund_exceeds_paid', detail: { requested: 6000, refundable: 4000 } })
    await fakeOf(ctx).drain()
    const p = await paymentOf(id)
    expect(p).toMatchObject({ refundedAmount: 6000, capturedAmount: 10000, status: 'partially_refunded' })
    const rows = await refundsOf(id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ seq: 1, amount: 6000, status: 'succeeded' })
    expect(refundCalls(id).map((c) => c.idempotencyKey)).toEqual([`${id}-refund-1`])
  })

  it('twenty refunds of 10 % at once: exactly ten succeed and the whole charge goes back, no more', async () => {
    const { id } = await paidBooking()
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => refund(id, { amount: 1000, reason: `desk ${i}` })))
    const statuses = answers.map((a) => a.status)
    // Shown whole on failure: which refusals came, and why.
    const why = JSON.stringify(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body?.code]))
    expect(
      statuses.filter((s) => s === 200),
      why,
    ).toHaveLength(10)
    expect(statuses.filter((s) => s === 409)).toHaveLength(10)
    await fakeOf(ctx).drain()
    const p = await paymentOf(id)
    expect(p).toMatchObject({ refundedAmount: 10000, capturedAmount: 10000, status: 'refunded' })
    const rows = await refundsOf(id)
    expect(rows).toHaveLength(10)
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(p.capturedAmount)
    expect(rows.every((r) => r.status === 'succeeded' && r.amount === 1000)).toBe(true)
    const keys = refundCalls(id).map((c) => c.idempotencyKey)
    expect(new Set(keys)).toEqual(new Set(rows.map((r) => `${id}-refund-${r.seq}`)))
  })
})
