import { asc, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, type CancellationPolicy } from '../../src/modules/pricing/cancellation-policy.js'
import { payments, refunds } from '../../src/modules/payments/schema.js'
import { reservationTransitions, reservations } from '../../src/modules/reservations/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

// The server runs in UTC; the venue is nine hours ahead, so a local-vs-UTC mix-up shows.
const ZONE = 'Asia/Tokyo'
const T0 = '2027-01-04T12:00:00Z'
const HOUR = 3600_000
const DAY = '2027-01-15'
const S = DateTime.fromISO(`${DAY}T19:00`, { zone: ZONE }).toJSDate()
const before = (h: number) => new Date(S.getTime() - h * HOUR)
const after = (h: number) => new Date(S.getTime() + h * HOUR)

let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, alice: Actor

beforeAll(async () => ({ ctx, f, venue, staff, alice } = await scene({ at: T0, venue: { timezone: ZONE }, staff: 'staff', customers: { alice: 'Alice' } })))
afterAll(() => ctx.close())
// Every scenario books at T0, then moves the clock forward.
beforeEach(() => ctx.clock.set(T0))

/** A client with a token minted at the test clock's current time. */
const as = async (actor: Actor) => client(ctx, await tokenAt(ctx, actor))

/** A confirmed, card-paid booking of 19:00–21:00 local on DAY at 50.00 an hour: 100.00. */
async function paidBooking(at = venue, customer = alice) {
  const room = await f.newRoom(at, { hourlyRate: 5000 })
  const { id, intentId, total } = await holdAndCheckout(ctx, customer, at, room, `${DAY}T19:00`, `${DAY}T21:00`)
  expect(total).toBe(10000)
  await fakeOf(ctx).pay(intentId)
  expect((await reservationOf(id)).status).toBe('confirmed')
  return id
}

const paymentOf = async (reservationId: string) => (await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, reservationId)))[0]!
const refundsOf = (reservationId: string) => ctx.deps.db.select().from(refunds).where(eq(refunds.reservationId, reservationId)).orderBy(asc(refunds.seq))
const reservationOf = async (id: string) => (await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id)))[0]!
const pathOf = async (id: string) =>
  (await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id)).orderBy(asc(reservationTransitions.id))).map(
    (t) => t.toStatus,
  )

const preview = (amount: number, percent: number, tier: number | null, deadline: Date | null, basis = 'cancellation') => ({
  amount: { amount, currency: 'USD' },
  percent,
  tier,
  deadline: deadline?.toISOString() ?? null,
  basis,
})

describe(`default policy in ${ZONE}, server in UTC`, () => {
  it('cancelled 49 h before the start: the preview says 100 % and the owner gets everything back', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(49))
    const read = await (await as(alice)).get(`/reservations/${id}`)
    expect(read.status).toBe(200)
    expect(read.body.refund_preview).toEqual(preview(10000, 100, 0, before(48)))

    const cancelled = await (await as(alice)).post(`/reservations/${id}/cancel`, { reason: 'plans changed' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('refunded')
    expect(cancelled.body.payment).toMatchObject({ status: 'refunded', refunded: { amount: 10000 }, refundable: { amount: 0 } })
    expect(cancelled.body.payment.refunds).toHaveLength(1)
    expect(cancelled.body.payment.refunds[0]).toMatchObject({ amount: { amount: 10000 }, source: 'policy' })
    expect(cancelled.body).toHaveProperty('refund_preview', null)
    await fakeOf(ctx).drain()

    expect(await reservationOf(id)).toMatchObject({ status: 'refunded' })
    expect(await pathOf(id)).toEqual(['pending', 'awaiting_payment', 'confirmed', 'cancelled', 'refunded'])
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', capturedAmount: 10000, refundedAmount: 10000 })
    const rows = await refundsOf(id)
    expect(rows.map((r) => [r.amount, r.source, r.status])).toEqual([[10000, 'policy', 'succeeded']])
    expect(rows[0]!.actorId).toBe(alice.id)
  })

  it('cancelled 47 h before the start: the preview says 50 % and half goes back', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(47))
    const read = await (await as(alice)).get(`/reservations/${id}`)
    expect(read.body.refund_preview).toEqual(preview(5000, 50, 1, S))

    const cancelled = await (await as(alice)).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(cancelled.body.payment).toMatchObject({ status: 'partially_refunded', refunded: { amount: 5000 }, refundable: { amount: 5000 } })
    await fakeOf(ctx).drain()

    expect(await reservationOf(id)).toMatchObject({ status: 'cancelled' })
    expect(await paymentOf(id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 5000 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.source, r.status])).toEqual([[5000, 'policy', 'succeeded']])
  })

  it('the deadline itself still refunds in full (now ≤ deadline)', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(48))
    expect((await (await as(alice)).get(`/reservations/${id}`)).body.refund_preview).toEqual(preview(10000, 100, 0, before(48)))
    const cancelled = await (await as(alice)).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.body.status).toBe('refunded')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 10000 })
  })

  it('at the very start the 0 h tier still applies: the preview says 50 %, as the cancellation then refunds', async () => {
    const id = await paidBooking()
    ctx.clock.set(S)
    const read = await (await as(staff)).get(`/reservations/${id}`)
    const cancelled = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'guest phoned at the door' })
    expect(cancelled.status).toBe(200)
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ refundedAmount: 5000 })
    // What the preview promised at this instant is what the cancellation gave back.
    expect(read.body.refund_preview).toEqual(preview(5000, 50, 1, S))
  })

  it('at the very start a staff cancellation follows the 0 h tier: 50 %', async () => {
    const id = await paidBooking()
    ctx.clock.set(S)
    const cancelled = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'guest phoned at the door' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 5000 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.source])).toEqual([[5000, 'policy']])
  })

  it('after the start the preview is 0 and a staff cancellation by policy refunds nothing', async () => {
    const id = await paidBooking()
    ctx.clock.set(after(1))
    expect((await (await as(staff)).get(`/reservations/${id}`)).body.refund_preview).toEqual(preview(0, 0, null, null))
    const cancelled = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'late cancellation' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(cancelled.body.payment).toMatchObject({ status: 'succeeded', refunded: { amount: 0 } })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
    expect(await reservationOf(id)).toMatchObject({ status: 'cancelled' })
  })

  it('a booking with nothing paid has no refund preview', async () => {
    const room = await f.newRoom(venue, { hourlyRate: 5000 })
    const { id } = await holdAndCheckout(ctx, alice, venue, room, `${DAY}T19:00`, `${DAY}T21:00`)
    const read = await (await as(alice)).get(`/reservations/${id}`)
    expect(read.body.status).toBe('awaiting_payment')
    expect(read.body.refund_preview).toBeNull()
  })
})

describe('no-shows', () => {
  it('with the default policy a no-show refunds nothing', async () => {
    const id = await paidBooking()
    ctx.clock.set(after(0.5))
    const marked = await (await as(staff)).post(`/reservations/${id}/no-show`, { reason: 'never came' })
    expect(marked.status).toBe(200)
    expect(marked.body.status).toBe('no_show')
    expect(marked.body.payment).toMatchObject({ status: 'succeeded', refunded: { amount: 0 } })
    expect(marked.body.payment.refunds).toEqual([])
    expect(marked.body.refund_preview).toEqual(preview(0, 0, null, null, 'no_show'))
    const read = await (await as(alice)).get(`/reservations/${id}`)
    expect(read.body.refund_preview).toEqual(preview(0, 0, null, null, 'no_show'))
    await fakeOf(ctx).drain()

    expect(await reservationOf(id)).toMatchObject({ status: 'no_show' })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
    expect(fakeOf(ctx).calls.filter((c) => c.method === 'refund' && c.idempotencyKey?.startsWith(id))).toHaveLength(0)
  })

  it('a venue with no_show_percent 25 gives a quarter back', async () => {
    const generous = await f.newVenue({ timezone: ZONE, cancellationPolicy: { ...DEFAULT_POLICY, no_show_percent: 25 } })
    const itsStaff = await f.newStaff(generous)
    const id = await paidBooking(generous)
    ctx.clock.set(after(0.5))
    // Before it is marked, the guest's preview is a cancellation after the start: nothing.
    expect((await (await as(alice)).get(`/reservations/${id}`)).body.refund_preview).toEqual(preview(0, 0, null, null))

    const marked = await (await as(itsStaff)).post(`/reservations/${id}/no-show`, {})
    expect(marked.status).toBe(200)
    expect(marked.body.status).toBe('no_show')
    expect(marked.body.payment).toMatchObject({ status: 'partially_refunded', refunded: { amount: 2500 } })
    expect(marked.body.refund_preview).toMatchObject({ percent: 25, basis: 'no_show', tier: null, deadline: null })
    await fakeOf(ctx).drain()

    expect(await reservationOf(id)).toMatchObject({ status: 'no_show' })
    expect(await paymentOf(id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 2500 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.source, r.status])).toEqual([[2500, 'policy', 'succeeded']])
  })

  it('only staff mark a no-show, and only after the start', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(1))
    const early = await (await as(staff)).post(`/reservations/${id}/no-show`, {})
    expect(early.status).toBe(409)
    expect(early.body.code).toBe('too_early')
    ctx.clock.set(after(1))
    const byGuest = await (await as(alice)).post(`/reservations/${id}/no-show`, {})
    expect(byGuest.status).toBe(403)
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed' })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
  })
})

describe('staff choose the refund of a cancellation', () => {
  it('staff refund in full with a reason where the policy would give half', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(10))
    const cancelled = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'the venue flooded', refund_amount: 10000 })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('refunded')
    expect(cancelled.body.payment.refunds).toHaveLength(1)
    expect(cancelled.body.payment.refunds[0]).toMatchObject({ amount: { amount: 10000 }, source: 'staff', reason: 'the venue flooded' })
    await fakeOf(ctx).drain()
    expect(await reservationOf(id)).toMatchObject({ status: 'refunded' })
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 10000 })
    expect((await refundsOf(id))[0]).toMatchObject({ amount: 10000, source: 'staff', actorId: staff.id })
  })

  it('staff cancel by default follows the policy', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(47))
    const cancelled = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'asked by phone' })
    expect(cancelled.body.status).toBe('cancelled')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ refundedAmount: 5000 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.source])).toEqual([[5000, 'policy']])
  })

  it('staff may cancel with no refund at all (refund_amount 0, with a reason)', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(72))
    const cancelled = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'guest broke the rules', refund_amount: 0 })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(await reservationOf(id)).toMatchObject({ status: 'cancelled' })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })

  it('a chosen amount needs a reason (400); more than was paid is 409 and the booking stays confirmed', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(10))
    const noReason = await (await as(staff)).post(`/reservations/${id}/cancel`, { refund_amount: 10000 })
    expect(noReason.status).toBe(400)
    const over = await (await as(staff)).post(`/reservations/${id}/cancel`, { reason: 'too generous', refund_amount: 10001 })
    expect(over.status).toBe(409)
    expect(over.body.code).toBe('refund_exceeds_paid')
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed' })
    expect(await pathOf(id)).toEqual(['pending', 'awaiting_payment', 'confirmed'])
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })

  it('a customer who names a refund amount is refused with 403 and nothing changes', async () => {
    const id = await paidBooking()
    ctx.clock.set(before(10))
    const res = await (await as(alice)).post(`/reservations/${id}/cancel`, { reason: 'please', refund_amount: 10000 })
    expect(res.status).toBe(403)
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed' })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })
})

describe('the policy is the one in force at booking', () => {
  const stingy: CancellationPolicy = { tiers: [{ hours_before: 0, refund_percent: 10 }], no_show_percent: 0 }
  const generous: CancellationPolicy = {
    tiers: [
      { hours_before: 168, refund_percent: 100 },
      { hours_before: 72, refund_percent: 80 },
      { hours_before: 0, refund_percent: 20 },
    ],
    no_show_percent: 0,
  }
  // Through the service, as the API changes it: a process keeps a venue it read for a second (VENUE_CACHE_MS).
  const setVenuePolicy = (v: Venue, policy: CancellationPolicy | null) =>
    ctx.services.venues.update({ userId: staff.id, role: 'admin' }, v.id, { cancellation_policy: policy })

  it('a booking made under the default keeps it after the venue turns stingy', async () => {
    const v = await f.newVenue({ timezone: ZONE })
    const id = await paidBooking(v)
    expect((await reservationOf(id)).cancellationPolicy).toEqual(DEFAULT_POLICY)
    await setVenuePolicy(v, stingy)
    // A booking made after the change is under the new policy: the change did take effect.
    const later = await paidBooking(v)
    expect((await reservationOf(later)).cancellationPolicy).toEqual(stingy)

    ctx.clock.set(before(72))
    expect((await (await as(alice)).get(`/reservations/${id}`)).body.refund_preview).toEqual(preview(10000, 100, 0, before(48)))
    expect((await (await as(alice)).get(`/reservations/${later}`)).body.refund_preview).toEqual(preview(1000, 10, 0, S))
    const cancelled = await (await as(alice)).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.body.status).toBe('refunded')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 10000 })
    expect((await refundsOf(id)).map((r) => r.amount)).toEqual([10000])
  })

  it('a booking made under a custom policy keeps it after the venue goes back to the default', async () => {
    const v = await f.newVenue({ timezone: ZONE, cancellationPolicy: generous })
    const id = await paidBooking(v)
    expect((await reservationOf(id)).cancellationPolicy).toEqual(generous)
    await setVenuePolicy(v, null)

    ctx.clock.set(before(100))
    expect((await (await as(alice)).get(`/reservations/${id}`)).body.refund_preview).toEqual(preview(8000, 80, 1, before(72)))
    const cancelled = await (await as(alice)).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    await fakeOf(ctx).drain()
    expect(await reservationOf(id)).toMatchObject({ status: 'cancelled' })
    expect(await paymentOf(id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 8000 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.source])).toEqual([[8000, 'policy']])
  })
})
