import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client } from '../helpers/factories.js'
import { counterDrift, nightsOf, stay } from '../helpers/stays.js'
import { scene, type Factories, type StayFactories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories, s: StayFactories

beforeAll(async () => ({ ctx, f, stays: s } = await scene({ at: '2027-03-01T10:00:00Z' })))
afterAll(() => ctx.close())

async function hotelWithType(units = 3) {
  const hotel = await s.newHotel()
  const type = await s.newRoomType(hotel, { totalUnits: units, baseRate: 12000, maxOccupancy: 2 })
  await s.loadNights(type, '2027-03-01', '2027-04-30')
  return { hotel, type }
}

describe('stay bookings', () => {
  it('holds units on every night, confirms them into sold, and cancelling gives them back', async () => {
    const { hotel, type } = await hotelWithType()
    const guest = await f.newCustomer()
    const staff = await f.newStaff(hotel, 'manager')
    const res = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-03-10', '2027-03-13', 2, 3)] })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.items[0]).toMatchObject({
      kind: 'stay',
      room_type_id: type.id,
      arrival: '2027-03-10',
      departure: '2027-03-13',
      nights: 3,
      quantity: 2,
      guests: 3,
    })
    expect(res.body.total).toEqual({ amount: 3 * 2 * 12000, currency: 'EUR' })
    expect(res.body.quote.lines).toHaveLength(3)
    expect(res.body.start).toBe('2027-03-10T15:00:00.000Z')
    const nights = (await nightsOf(ctx, type)).filter((n) => n.held > 0)
    expect(nights.map((n) => [n.night, n.held, n.sold])).toEqual([
      ['2027-03-10', 2, 0],
      ['2027-03-11', 2, 0],
      ['2027-03-12', 2, 0],
    ])
    expect((await client(ctx, staff.access).post(`/reservations/${res.body.id}/confirm`)).status).toBe(200)
    expect((await nightsOf(ctx, type)).filter((n) => n.sold > 0).map((n) => [n.night, n.held, n.sold])).toEqual([
      ['2027-03-10', 0, 2],
      ['2027-03-11', 0, 2],
      ['2027-03-12', 0, 2],
    ])
    expect(await counterDrift(ctx)).toEqual([])
    const cancelled = await client(ctx, guest.access).post(`/reservations/${res.body.id}/cancel`)
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect((await nightsOf(ctx, type)).every((n) => n.held === 0 && n.sold === 0)).toBe(true)
    expect(await counterDrift(ctx)).toEqual([])
  })

  it('a 3-night stay whose middle night is full → 409 sold_out naming that night, and no night changed', async () => {
    const { hotel, type } = await hotelWithType(1)
    const guest = await f.newCustomer()
    const first = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-03-21', '2027-03-22')] })
    expect(first.status).toBe(201)
    const before = await nightsOf(ctx, type)
    const res = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-03-20', '2027-03-23')] })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('sold_out')
    expect(res.body.detail).toMatchObject({ item: 0, night: '2027-03-21', reason: 'full' })
    expect(await nightsOf(ctx, type)).toEqual(before)
  })

  it('expiry gives the held units back', async () => {
    const { hotel, type } = await hotelWithType(2)
    const guest = await f.newCustomer()
    const res = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-04-01', '2027-04-03', 2, 2)] })
    expect(res.status).toBe(201)
    ctx.clock.advance(16 * 60_000)
    // A lapsed hold in the way is expired by the booking that needs its units.
    const other = await f.newCustomer()
    const again = await client(ctx, await ctx.deps.tokens.access(other.who, ctx.clock())).post('/reservations', {
      venue_id: hotel.id,
      items: [stay(type, '2027-04-02', '2027-04-04', 2, 2)],
    })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(await counterDrift(ctx)).toEqual([])
    ctx.clock.advance(16 * 60_000)
    await ctx.services.reservations.expireLapsedHolds()
    expect((await nightsOf(ctx, type)).every((n) => n.held === 0 && n.sold === 0)).toBe(true)
  })

  it('searches, quotes and books at the quoted price', async () => {
    const { hotel, type } = await hotelWithType(3)
    const plan = await s.newRatePlan(type, {
      name: 'Non-refundable',
      adjustmentPercent: -10,
      cancellationPolicy: { tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 0 },
    })
    const guest = await f.newCustomer()
    const search = await client(ctx).get(`/stays/search?venue=${hotel.id}&arrival=2027-03-15&departure=2027-03-17&guests=2&rooms=1`)
    expect(search.status, JSON.stringify(search.body)).toBe(200)
    expect(search.body).toMatchObject({ count: 1, next: null, previous: null, nights: 2, guests: 2, rooms: 1 })
    expect(search.body.results).toHaveLength(1)
    expect(search.body.results[0].offers[0]).toMatchObject({ rate_plan_id: plan.id, total: { amount: 2 * 10800, currency: 'EUR' } })
    const quote = await client(ctx).post('/quotes', { venue_id: hotel.id, items: [stay(type, '2027-03-15', '2027-03-17', 1, 2, plan)] })
    expect(quote.status, JSON.stringify(quote.body)).toBe(200)
    expect(quote.body.total).toBe(21600)
    const booked = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-03-15', '2027-03-17', 1, 2, plan)] })
    expect(booked.status).toBe(201)
    expect(booked.body.quote).toEqual({ currency: 'EUR', lines: quote.body.lines, subtotal: 21600, discounts: 0, total: 21600 })
  })

  it('reschedules a stay: new nights claimed and old released together', async () => {
    const { hotel, type } = await hotelWithType(1)
    const guest = await f.newCustomer()
    const res = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-04-10', '2027-04-12')] })
    const moved = await client(ctx, guest.access).post(`/reservations/${res.body.id}/reschedule`, { arrival: '2027-04-11', departure: '2027-04-14' })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.items[0]).toMatchObject({ arrival: '2027-04-11', departure: '2027-04-14' })
    expect((await nightsOf(ctx, type)).filter((n) => n.held > 0).map((n) => n.night)).toEqual(['2027-04-11', '2027-04-12', '2027-04-13'])
    expect(await counterDrift(ctx)).toEqual([])
  })

  it('a customer cannot move a stay that has begun; the venue can', async () => {
    const { hotel, type } = await hotelWithType(2)
    const guest = await f.newCustomer()
    const staff = await f.newStaff(hotel, 'manager')
    const res = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-04-20', '2027-04-23')] })
    await client(ctx, staff.access).post(`/reservations/${res.body.id}/confirm`)
    const before = ctx.clock()
    ctx.clock.set('2027-04-20T16:00:00Z')
    const late = await client(ctx, await ctx.deps.tokens.access(guest.who, ctx.clock())).post(`/reservations/${res.body.id}/reschedule`, {
      arrival: '2027-04-24',
      departure: '2027-04-27',
    })
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('too_late')
    const byVenue = await client(ctx, await ctx.deps.tokens.access(staff.who, ctx.clock())).post(`/reservations/${res.body.id}/reschedule`, {
      arrival: '2027-04-20',
      departure: '2027-04-22',
    })
    expect(byVenue.status, JSON.stringify(byVenue.body)).toBe(409)
    // Fewer nights cost less: a confirmed stay keeps its price, so even the venue gets price_changed.
    expect(byVenue.body.code).toBe('price_changed')
    expect(await counterDrift(ctx)).toEqual([])
    ctx.clock.set(before)
  })

  it('a booking that expires a lapsed hold in its way releases and claims in one statement, and a confirm racing it still lands', async () => {
    const { hotel, type } = await hotelWithType(2)
    const staff = await f.newStaff(hotel, 'manager')
    const guest = await f.newCustomer()
    const lapsed = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-04-05', '2027-04-08')] })
    const live = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-04-04', '2027-04-08')] })
    expect([lapsed.status, live.status]).toEqual([201, 201])
    const before = ctx.clock()
    // Only the first hold lapses: the second is made with a longer life by moving it forward.
    ctx.clock.advance(16 * 60_000)
    await ctx.deps.db.execute(
      sql`update reservations set hold_expires_at = ${new Date(ctx.clock().getTime() + 600_000).toISOString()} where id = ${live.body.id}`,
    )
    const other = await f.newCustomer()
    const [booked, confirmed] = await Promise.all([
      client(ctx, await ctx.deps.tokens.access(other.who, ctx.clock())).post('/reservations', {
        venue_id: hotel.id,
        items: [stay(type, '2027-04-03', '2027-04-06')],
      }),
      client(ctx, await ctx.deps.tokens.access(staff.who, ctx.clock())).post(`/reservations/${live.body.id}/confirm`),
    ])
    expect([booked.status, confirmed.status]).toEqual([201, 200])
    expect(await counterDrift(ctx)).toEqual([])
    ctx.clock.set(before)
  })

  it('pages search results, cheapest base rate first, and leaves out types that cannot take the stay', async () => {
    const hotel = await s.newHotel()
    const types = await Promise.all([30000, 10000, 20000].map((baseRate) => s.newRoomType(hotel, { baseRate, totalUnits: 2, maxOccupancy: 2 })))
    const small = await s.newRoomType(hotel, { baseRate: 5000, totalUnits: 2, maxOccupancy: 1 })
    const closed = await s.newRoomType(hotel, { baseRate: 6000, totalUnits: 2 })
    for (const t of [...types, small, closed]) await s.loadNights(t, '2027-03-01', '2027-03-31')
    await ctx.deps.db.execute(sql`update inventory_nights set closed = true where room_type_id = ${closed.id} and night = '2027-03-11'`)
    const url = `/stays/search?venue=${hotel.id}&arrival=2027-03-10&departure=2027-03-12&guests=2&page_size=2`
    const first = await client(ctx).get(url)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.count).toBe(3)
    expect(first.body.results.map((r: { room_type_id: string }) => r.room_type_id)).toEqual([types[1]!.id, types[2]!.id])
    expect(first.body.next).toMatch(/page=2/)
    const second = await client(ctx).get(first.body.next)
    expect(second.body.results.map((r: { room_type_id: string }) => r.room_type_id)).toEqual([types[0]!.id])
    expect(second.body.results[0].offers[0].total).toEqual({ amount: 60000, currency: 'EUR' })
    // Two rooms for two guests: the one-person type qualifies too.
    const tworooms = await client(ctx).get(`/stays/search?venue=${hotel.id}&arrival=2027-03-10&departure=2027-03-12&guests=2&rooms=2`)
    expect(tworooms.body.results.map((r: { room_type_id: string }) => r.room_type_id)).toEqual([small.id, types[1]!.id, types[2]!.id, types[0]!.id])
    expect(tworooms.body.results[0].offers[0].total).toEqual({ amount: 2 * 2 * 5000, currency: 'EUR' })
  })
})
