import { and, eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { idempotencyKeys } from '../../src/http/idempotency-table.js'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { pricingRules } from '../../src/modules/pricing/schema.js'
import { reservationItems, reservations, reservationTransitions } from '../../src/modules/reservations/schema.js'
import { roomTypes } from '../../src/modules/stays/schema.js'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { counterDrift, nightsOf, stay } from '../helpers/stays.js'
import { scene, type Factories, type StayFactories } from '../helpers/scene.js'

// One stay goes in one statement (StayHolds); whatever that statement cannot decide alone goes
// to the transaction (createReservation). Both must answer the same.

let ctx: TestContext, f: Factories, s: StayFactories

beforeAll(async () => ({ ctx, f, stays: s } = await scene({ at: '2027-03-01T10:00:00Z' })))
afterAll(() => ctx.close())
afterEach(() => vi.restoreAllMocks())

/** Counts the bookings that went through a transaction (the fallback) rather than the one statement. */
const transactions = () => vi.spyOn(ctx.deps.db, 'transaction')
const book = (actor: Actor, venue: { id: string }, items: unknown[], headers?: Record<string, string>) =>
  client(ctx, actor.access).post('/reservations', { venue_id: venue.id, items }, headers)

async function hotelWithType(units = 3) {
  const hotel = await s.newHotel()
  const type = await s.newRoomType(hotel, { totalUnits: units, baseRate: 12000, maxOccupancy: 2 })
  await s.loadNights(type, '2027-03-01', '2027-04-30')
  return { hotel, type }
}

const held = async (type: { id: string }) => (await nightsOf(ctx, type)).filter((n) => n.held > 0).map((n) => [n.night, n.held])

describe('one stay in one statement', () => {
  it('stores what the transaction stores and answers what it stored', async () => {
    const { hotel, type } = await hotelWithType()
    const plan = await s.newRatePlan(type, { name: 'Flexible' })
    const guest = await f.newCustomer()
    const tx = transactions()
    const res = await book(guest, hotel, [stay(type, '2027-03-10', '2027-03-13', 2, 3, plan)])
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(tx).not.toHaveBeenCalled()
    const id = res.body.id as string
    const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id))
    expect(r).toMatchObject({ status: 'pending', userId: guest.id, createdBy: guest.id, totalAmount: 3 * 2 * 12000, currency: 'EUR', partySize: 3 })
    const items = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, id))
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'stay',
        roomTypeId: type.id,
        ratePlanId: plan.id,
        arrival: '2027-03-10',
        departure: '2027-03-13',
        quantity: 2,
        guests: 3,
        priceAmount: 72000,
        active: true,
        position: 0,
      }),
    ])
    const trail = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id))
    expect(trail.map((t) => [t.fromStatus, t.toStatus, t.actorId])).toEqual([[null, 'pending', guest.id]])
    const events = await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id))
    expect(events.map((e) => [e.type, e.payload])).toEqual([['reservation.created', { id, total: 72000 }]])
    expect(await held(type)).toEqual([
      ['2027-03-10', 2],
      ['2027-03-11', 2],
      ['2027-03-12', 2],
    ])
    expect(await counterDrift(ctx)).toEqual([])
    // Read back (with its payment and refund preview besides), it is the answer.
    expect((await client(ctx, guest.access).get(`/reservations/${id}`)).body).toMatchObject(res.body)
  })

  it('a night full, closed, not on sale or with a longer min stay: the transaction refuses it, and nothing changes', async () => {
    const { hotel, type } = await hotelWithType(1)
    const guest = await f.newCustomer()
    expect((await book(guest, hotel, [stay(type, '2027-03-21', '2027-03-22')])).status).toBe(201)
    await ctx.deps.db.execute(sql`update inventory_nights set closed = true where room_type_id = ${type.id} and night = '2027-03-25'`)
    await ctx.deps.db.execute(sql`update inventory_nights set min_stay = 4 where room_type_id = ${type.id} and night = '2027-03-27'`)
    const before = await nightsOf(ctx, type)
    const tx = transactions()
    const refused = await Promise.all(
      [
        ['2027-03-20', '2027-03-23'],
        ['2027-03-24', '2027-03-26'],
        ['2027-04-29', '2027-05-02'],
      ].map(([a, d]) => book(guest, hotel, [stay(type, a!, d!)])),
    )
    expect(refused.map((r) => [r.status, r.body.code, r.body.detail?.night, r.body.detail?.reason])).toEqual([
      [409, 'sold_out', '2027-03-21', 'full'],
      [409, 'sold_out', '2027-03-25', 'closed'],
      [409, 'sold_out', '2027-05-01', 'not_on_sale'],
    ])
    const short = await book(guest, hotel, [stay(type, '2027-03-27', '2027-03-29')])
    expect([short.status, short.body.detail?.reason, short.body.detail?.min_stay]).toEqual([400, 'min_stay', 4])
    expect(tx).toHaveBeenCalledTimes(4)
    expect(await nightsOf(ctx, type)).toEqual(before)
    expect(await counterDrift(ctx)).toEqual([])
  })

  it('a rate, plan or rule changed since this process copied them is charged as it is now', async () => {
    const { hotel, type } = await hotelWithType(10)
    const guest = await f.newCustomer()
    const nightly = async () => (await book(guest, hotel, [stay(type, '2027-04-01', '2027-04-02')])).body.total.amount as number
    // The first booking copies the room type, its plans and the venue's rules.
    expect(await nightly()).toBe(12000)
    const tx = transactions()
    // Each change: the booking after it fails the copy's check and goes to the transaction, at the
    // new price; the copy is dropped, so the one after reads a fresh copy and goes in one statement.
    const changes = [
      () => ctx.deps.db.update(roomTypes).set({ baseRate: 15000 }).where(eq(roomTypes.id, type.id)),
      () =>
        ctx.deps.db
          .insert(pricingRules)
          .values({ venueId: hotel.id, kind: 'season', name: 'Spring', startsOn: '2027-04-01', endsOn: '2027-04-30', percent: 20 }),
      // A plan added ahead of the others becomes the default a claim without rate_plan_id gets.
      () => s.newRatePlan(type, { name: 'Member', adjustmentPercent: -50 }),
    ]
    const prices: number[][] = []
    for (const change of changes) {
      await change()
      prices.push([await nightly(), tx.mock.calls.length, await nightly(), tx.mock.calls.length])
    }
    expect(prices).toEqual([
      [15000, 1, 15000, 1],
      [18000, 2, 18000, 2],
      [9000, 3, 9000, 3],
    ])
    expect(await counterDrift(ctx)).toEqual([])
  })

  it('a lapsed hold on the nights is left to the transaction, which expires it and gives its units back', async () => {
    // Units enough for both: the lapsed hold is in the way only as a hold to expire.
    const { hotel, type } = await hotelWithType(2)
    const [a, b] = await Promise.all([f.newCustomer('A'), f.newCustomer('B')])
    const first = await book(a, hotel, [stay(type, '2027-04-10', '2027-04-12')])
    expect(first.status).toBe(201)
    const before = ctx.clock()
    ctx.clock.advance(16 * 60_000)
    const tx = transactions()
    const second = await client(ctx, await ctx.deps.tokens.access(b.who, ctx.clock())).post('/reservations', {
      venue_id: hotel.id,
      items: [stay(type, '2027-04-11', '2027-04-13')],
    })
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    expect(tx).toHaveBeenCalledTimes(1)
    const [lapsed] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, first.body.id))
    expect(lapsed!.status).toBe('expired')
    expect(await held(type)).toEqual([
      ['2027-04-11', 1],
      ['2027-04-12', 1],
    ])
    expect(await counterDrift(ctx)).toEqual([])
    ctx.clock.set(before)
  })

  it('a keyed booking stores its key in the statement, and a retry replays without a transaction', async () => {
    const { hotel, type } = await hotelWithType()
    const guest = await f.newCustomer()
    const tx = transactions()
    const first = await book(guest, hotel, [stay(type, '2027-04-15', '2027-04-17')], { 'idempotency-key': 'stay-1' })
    expect(first.status).toBe(201)
    const [key] = await ctx.deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, `user:${guest.id}`), eq(idempotencyKeys.key, 'stay-1')))
    expect(key).toMatchObject({ responseStatus: 201, responseBody: first.body })
    const again = await book(guest, hotel, [stay(type, '2027-04-15', '2027-04-17')], { 'idempotency-key': 'stay-1' })
    expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([201, 'true', first.body])
    expect(tx).not.toHaveBeenCalled()
    expect(await held(type)).toEqual([
      ['2027-04-15', 1],
      ['2027-04-16', 1],
    ])
  })

  it('buyers race for the last units of the same nights: exactly the units are held, the rest sold_out', async () => {
    const units = 5
    const { hotel, type } = await hotelWithType(units)
    const buyers = await Promise.all(Array.from({ length: onPostgres() ? 40 : 12 }, (_, i) => f.newCustomer(`Racer ${i}`)))
    const answers = await Promise.all(buyers.map((b, i) => book(b, hotel, [stay(type, i % 2 ? '2027-04-20' : '2027-04-21', '2027-04-23')])))
    const won = answers.filter((a) => a.status === 201)
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code])).toEqual(
      Array.from({ length: buyers.length - won.length }, () => [409, 'sold_out']),
    )
    // The night both kinds of stay share is the one that runs out.
    const { rows } = await ctx.database.raw.query<{ night: string; held: number; units: number }>(
      `select night::text, held, units from inventory_nights where room_type_id = $1 and night in ('2027-04-21', '2027-04-22') order by night`,
      [type.id],
    )
    expect(rows).toEqual([
      { night: '2027-04-21', held: units, units },
      { night: '2027-04-22', held: units, units },
    ])
    expect(won).toHaveLength(units)
    expect(await counterDrift(ctx)).toEqual([])
  })
})
