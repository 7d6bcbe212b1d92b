import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payments, refunds } from '../../src/modules/payments/schema.js'
import { reservationTransitions, reservations } from '../../src/modules/reservations/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client, factories, local, slot, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

const T0 = '2027-01-04T12:00:00Z'

let ctx: TestContext, f: Factories, venueX: Venue, venueY: Venue, staffX: Actor, staffY: Actor, alice: Actor, bob: Actor, admin: Actor

beforeAll(async () => {
  ;({
    ctx,
    f,
    venue: venueX,
    staff: staffX,
    admin,
    alice,
    bob,
  } = await scene({ at: T0, venue: {}, staff: 'staff', customers: { alice: 'Alice', bob: 'Bob' }, admin: true }))
  venueY = await f.newVenue()
  staffY = await f.newStaff(venueY)
})
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)

async function paidBooking(customer: Actor, venue = venueX) {
  const room = await f.newRoom(venue, { hourlyRate: 5000 })
  const { id, intentId } = await holdAndCheckout(ctx, customer, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
  await fakeOf(ctx).pay(intentId)
  return { id, paymentId: (await paymentOf(id))!.id }
}

async function pendingBooking(customer: Actor, venue = venueX, room?: Room) {
  const r = room ?? (await f.newRoom(venue, { hourlyRate: 5000 }))
  const res = await as(customer).post('/reservations', {
    venue_id: venue.id,
    items: [slot(r, local(venue.timezone, '2027-01-08T19:00'), local(venue.timezone, '2027-01-08T21:00'))],
  })
  expect(res.status).toBe(201)
  return res.body.id as string
}

const paymentOf = async (reservationId: string) => (await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, reservationId)))[0]
const refundsOf = (reservationId: string) => ctx.deps.db.select().from(refunds).where(eq(refunds.reservationId, reservationId))
const reservationOf = async (id: string) => (await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id)))[0]!
const pathOf = async (id: string) =>
  (await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id)).orderBy(asc(reservationTransitions.id))).map(
    (t) => t.toStatus,
  )
const idsOf = (page: { results: { id: string }[] }) => page.results.map((p) => p.id)

describe("another customer's reservation", () => {
  it('cannot be checked out by someone else (404), and no payment appears', async () => {
    const id = await pendingBooking(alice)
    const res = await as(bob).post(`/reservations/${id}/checkout`, {})
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('not_found')
    expect(await paymentOf(id)).toBeUndefined()
    expect(await reservationOf(id)).toMatchObject({ status: 'pending' })
    expect(fakeOf(ctx).calls.filter((c) => c.idempotencyKey === `${id}-checkout`)).toHaveLength(0)
  })

  it('cannot be read, cancelled or refunded by someone else (404 each), and nothing moves', async () => {
    const { id } = await paidBooking(alice)
    for (const res of [
      await as(bob).get(`/reservations/${id}`),
      await as(bob).post(`/reservations/${id}/cancel`, {}),
      await as(bob).post(`/reservations/${id}/refund`, { reason: 'mine now' }),
      await as(bob).post(`/reservations/${id}/refund`, { amount: 100, reason: 'mine now' }),
    ]) {
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('not_found')
    }
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed' })
    expect(await pathOf(id)).toEqual(['pending', 'awaiting_payment', 'confirmed'])
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0, creditRefundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })

  it('the staff of another venue cannot refund it either (404)', async () => {
    const { id } = await paidBooking(alice)
    const res = await as(staffY).post(`/reservations/${id}/refund`, { reason: 'wrong venue' })
    expect(res.status).toBe(404)
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
  })
})

describe('refunds are for staff', () => {
  it('the owning customer POSTing /refund on their own reservation is 403, and nothing moves', async () => {
    const { id } = await paidBooking(alice)
    const res = await as(alice).post(`/reservations/${id}/refund`, { amount: 1000, reason: 'I want it back' })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    const all = await as(alice).post(`/reservations/${id}/refund`, { reason: 'all of it' })
    expect(all.status).toBe(403)
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 })
    expect(await refundsOf(id)).toHaveLength(0)
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed' })
  })

  it('the venue staff and an admin may refund', async () => {
    const { id } = await paidBooking(alice)
    expect((await as(staffX).post(`/reservations/${id}/refund`, { amount: 1000, reason: 'staff' })).status).toBe(200)
    expect((await as(admin).post(`/reservations/${id}/refund`, { amount: 500, reason: 'admin' })).status).toBe(200)
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 1500 })
    expect((await refundsOf(id)).map((r) => r.actorId).sort()).toEqual([staffX.id, admin.id].sort())
  })
})

describe('payment history', () => {
  let aliceX: { id: string; paymentId: string }
  let aliceY: { id: string; paymentId: string }
  let bobX: { id: string; paymentId: string }

  beforeAll(async () => {
    aliceX = await paidBooking(alice, venueX)
    aliceY = await paidBooking(alice, venueY)
    bobX = await paidBooking(bob, venueX)
  })

  it("a customer sees their own payments and never another customer's", async () => {
    const mine = await as(alice).get('/payments/history?page_size=100')
    expect(mine.status).toBe(200)
    expect(idsOf(mine.body)).toEqual(expect.arrayContaining([aliceX.paymentId, aliceY.paymentId]))
    expect(idsOf(mine.body)).not.toContain(bobX.paymentId)
    expect(mine.body.results.every((p: { user_id: string }) => p.user_id === alice.id)).toBe(true)

    const bobs = await as(bob).get('/payments/history?page_size=100')
    expect(bobs.status).toBe(200)
    expect(idsOf(bobs.body)).toContain(bobX.paymentId)
    expect(idsOf(bobs.body)).not.toContain(aliceX.paymentId)
    expect(idsOf(bobs.body)).not.toContain(aliceY.paymentId)
    expect(bobs.body.results.every((p: { user_id: string }) => p.user_id === bob.id)).toBe(true)
    expect(bobs.body.count).toBe(bobs.body.results.length)
  })

  it('a customer asking for a venue is refused with 403', async () => {
    const res = await as(bob).get(`/payments/history?venue=${venueX.id}`)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
  })

  it("a venue's staff see that venue's payments only; another venue's staff are refused", async () => {
    const res = await as(staffX).get(`/payments/history?venue=${venueX.id}&page_size=100`)
    expect(res.status).toBe(200)
    expect(idsOf(res.body)).toEqual(expect.arrayContaining([aliceX.paymentId, bobX.paymentId]))
    expect(idsOf(res.body)).not.toContain(aliceY.paymentId)
    expect(res.body.results.every((p: { venue_id: string }) => p.venue_id === venueX.id)).toBe(true)

    const other = await as(staffY).get(`/payments/history?venue=${venueX.id}`)
    expect(other.status).toBe(403)
  })

  it('an admin sees every venue', async () => {
    const res = await as(admin).get('/payments/history?page_size=100')
    expect(res.status).toBe(200)
    expect(idsOf(res.body)).toEqual(expect.arrayContaining([aliceX.paymentId, aliceY.paymentId, bobX.paymentId]))
  })
})

describe('auto_confirm', () => {
  it('is refused with 403 auto_confirm_disabled by default, and nothing is created', async () => {
    const id = await pendingBooking(alice)
    const res = await as(alice).post(`/reservations/${id}/checkout`, { auto_confirm: true })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('auto_confirm_disabled')
    expect(await paymentOf(id)).toBeUndefined()
    expect(await reservationOf(id)).toMatchObject({ status: 'pending' })
  })

  it('when allowed, pays with the test card and answers confirmed at once', async () => {
    const dev = await buildTestApp({ allowAutoConfirm: true })
    try {
      dev.clock.set(T0)
      const g = factories(dev)
      const venue = await g.newVenue()
      const room = await g.newRoom(venue, { hourlyRate: 5000 })
      const carol = await g.newCustomer('Carol')
      const c = client(dev, carol.access)
      const created = await c.post('/reservations', {
        venue_id: venue.id,
        items: [slot(room, local(venue.timezone, '2027-01-08T19:00'), local(venue.timezone, '2027-01-08T21:00'))],
      })
      expect(created.status).toBe(201)
      const res = await c.post(`/reservations/${created.body.id}/checkout`, { auto_confirm: true })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: 'succeeded', reservation_status: 'confirmed', amount: { amount: 10000, currency: 'USD' } })
      const [p] = await dev.deps.db.select().from(payments).where(eq(payments.reservationId, created.body.id))
      expect(p).toMatchObject({ status: 'succeeded', capturedAmount: 10000, method: 'card' })
      const [r] = await dev.deps.db.select().from(reservations).where(eq(reservations.id, created.body.id))
      expect(r).toMatchObject({ status: 'confirmed' })
    } finally {
      await dev.close()
    }
  })
})
