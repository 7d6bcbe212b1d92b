import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { counterDrift, nightsOf, stay } from '../helpers/stays.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { scene, type Factories, type StayFactories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories, s: StayFactories

beforeAll(async () => ({ ctx, f, stays: s } = await scene({ at: '2027-05-01T09:00:00Z' })))
afterAll(() => ctx.close())

async function managedHotel(): Promise<{ hotel: Venue; manager: Actor }> {
  const hotel = await s.newHotel()
  return { hotel, manager: await f.newStaff(hotel, 'manager') }
}

describe('room types, rate plans and the inventory calendar', () => {
  it('creates a room type and its plans, preloads nights idempotently, and shows them on the grid', async () => {
    const { hotel, manager } = await managedHotel()
    const api = client(ctx, manager.access)
    const type = await api.post(`/venues/${hotel.id}/room-types`, {
      name: 'Deluxe',
      total_units: 4,
      max_occupancy: 2,
      base_rate: { amount: 15000, currency: 'EUR' },
      amenities: ['balcony'],
    })
    expect(type.status, JSON.stringify(type.body)).toBe(201)
    expect(type.body).toMatchObject({ name: 'Deluxe', total_units: 4, base_rate: { amount: 15000, currency: 'EUR' } })
    const flexible = await api.post(`/room-types/${type.body.id}/rate-plans`, { name: 'Flexible' })
    const nonRef = await api.post(`/room-types/${type.body.id}/rate-plans`, {
      name: 'Non-refundable',
      adjustment_percent: -10,
      cancellation_policy: { tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 0 },
    })
    expect([flexible.status, nonRef.status]).toEqual([201, 201])
    expect(flexible.body).toMatchObject({ own_policy: false, adjustment_percent: 0 })
    const plans = await api.get(`/room-types/${type.body.id}/rate-plans`)
    expect(plans.body.results.map((p: { name: string }) => p.name)).toEqual(['Flexible', 'Non-refundable'])

    const first = await api.post(`/venues/${hotel.id}/inventory/preload`, { from: '2027-05-01', to: '2027-05-31' })
    expect(first.body).toEqual({ from: '2027-05-01', to: '2027-05-31', room_types: 1, created: 31 })
    const again = await api.post(`/venues/${hotel.id}/inventory/preload`, { from: '2027-05-20', to: '2027-06-09' })
    expect(again.body.created).toBe(9)

    const grid = await api.get(`/venues/${hotel.id}/inventory?from=2027-05-07&to=2027-05-08`)
    expect(grid.status).toBe(200)
    expect(grid.body.room_types[0]).toMatchObject({ room_type_id: type.body.id, rate_plan_id: flexible.body.id })
    expect(grid.body.room_types[0].nights).toEqual([
      {
        night: '2027-05-07',
        units: 4,
        held: 0,
        sold: 0,
        available: 4,
        closed: false,
        min_stay: 1,
        price: { amount: 15000, currency: 'EUR' },
        rule: 'base_rate',
      },
      {
        night: '2027-05-08',
        units: 4,
        held: 0,
        sold: 0,
        available: 4,
        closed: false,
        min_stay: 1,
        price: { amount: 15000, currency: 'EUR' },
        rule: 'base_rate',
      },
    ])
    // Customers do not see the grid.
    const guest = await f.newCustomer()
    expect((await client(ctx, guest.access).get(`/venues/${hotel.id}/inventory?from=2027-05-07&to=2027-05-08`)).status).toBe(403)
  })

  it('edits units, closures and min stay over a range; units below what is held or sold are refused with 409', async () => {
    const { hotel, manager } = await managedHotel()
    const type = await s.newRoomType(hotel, { totalUnits: 3 })
    await s.loadNights(type, '2027-05-01', '2027-05-31')
    const guest = await f.newCustomer()
    const booked = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-10', '2027-05-12', 2, 2)] })
    expect(booked.status).toBe(201)
    const api = client(ctx, manager.access)
    const refused = await api.patch(`/room-types/${type.id}/inventory`, { from: '2027-05-09', to: '2027-05-11', units: 1 })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('units_below_sold')
    expect(refused.body.detail.nights.map((n: { night: string }) => n.night)).toEqual(['2027-05-10', '2027-05-11'])
    expect((await nightsOf(ctx, type)).every((n) => n.units === 3)).toBe(true)

    const edited = await api.patch(`/room-types/${type.id}/inventory`, { from: '2027-05-10', to: '2027-05-11', units: 2, min_stay: 2 })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body.room_types[0].nights.map((n: { units: number; available: number; min_stay: number }) => [n.units, n.available, n.min_stay])).toEqual([
      [2, 0, 2],
      [2, 0, 2],
    ])
    // Editing nights that were never loaded loads them first.
    const later = await api.patch(`/room-types/${type.id}/inventory`, { from: '2027-06-01', to: '2027-06-02', closed: true })
    expect(later.body.room_types[0].nights.map((n: { night: string; closed: boolean }) => [n.night, n.closed])).toEqual([
      ['2027-06-01', true],
      ['2027-06-02', true],
    ])
    // A closed night cannot be sold; a one-night stay arriving on a min-stay-2 night is refused.
    const closed = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-31', '2027-06-02')] })
    expect(closed.status).toBe(409)
    expect(closed.body.detail).toMatchObject({ night: '2027-06-01', reason: 'closed' })
    await api.patch(`/room-types/${type.id}/inventory`, { from: '2027-05-20', to: '2027-05-20', min_stay: 2 })
    const short = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-20', '2027-05-21')] })
    expect(short.status).toBe(400)
    expect(short.body.detail).toMatchObject({ reason: 'min_stay', min_stay: 2 })

    // Total units apply from today on, and are refused where more are taken.
    expect((await api.patch(`/room-types/${type.id}`, { total_units: 1 })).status).toBe(409)
    const grown = await api.patch(`/room-types/${type.id}`, { total_units: 5 })
    expect(grown.status).toBe(200)
    expect((await nightsOf(ctx, type)).every((n) => n.units === 5)).toBe(true)
    expect(await counterDrift(ctx)).toEqual([])
  })
})

describe('front desk and reports', () => {
  it("lists a day's arrivals and departures, and reports occupancy, ADR and RevPAR", async () => {
    const { hotel, manager } = await managedHotel()
    const type = await s.newRoomType(hotel, { totalUnits: 4, baseRate: 10000 })
    await s.loadNights(type, '2027-05-01', '2027-05-31')
    const guest = await f.newCustomer()
    const make = async (arrival: string, departure: string, quantity: number) => {
      const r = await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, arrival, departure, quantity, quantity)] })
      expect(r.status).toBe(201)
      expect((await client(ctx, manager.access).post(`/reservations/${r.body.id}/confirm`)).status).toBe(200)
      return r.body.id as string
    }
    const a = await make('2027-05-10', '2027-05-12', 2)
    const b = await make('2027-05-11', '2027-05-13', 1)
    // A hold does not count: not arriving for sure, not sold.
    await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-11', '2027-05-12')] })
    await s.newRatePlan(type) // a plan added later does not change what was sold

    const api = client(ctx, manager.access)
    const arrivals = await api.get(`/venues/${hotel.id}/arrivals?date=2027-05-11`)
    expect(arrivals.status).toBe(200)
    expect(arrivals.body.results.map((r: { id: string }) => r.id)).toEqual([b])
    const departures = await api.get(`/venues/${hotel.id}/departures?date=2027-05-12`)
    expect(departures.body.results.map((r: { id: string }) => r.id)).toEqual([a])

    const report = await api.get(`/venues/${hotel.id}/reports/occupancy?from=2027-05-10&to=2027-05-12`)
    expect(report.status).toBe(200)
    // Nights: 10th 2 sold, 11th 3 sold, 12th 1 sold; 4 units each; every night priced 10000.
    expect(report.body).toMatchObject({
      available_room_nights: 12,
      sold_room_nights: 6,
      occupancy: 0.5,
      room_revenue: { amount: 60000, currency: 'EUR' },
      adr: { amount: 10000, currency: 'EUR' },
      revpar: { amount: 5000, currency: 'EUR' },
    })
    expect(report.body.nights.map((n: { sold: number; occupancy: number }) => [n.sold, n.occupancy])).toEqual([
      [2, 0.5],
      [3, 0.75],
      [1, 0.25],
    ])
    expect((await client(ctx, guest.access).get(`/venues/${hotel.id}/reports/occupancy?from=2027-05-10&to=2027-05-12`)).status).toBe(403)
  })
})

describe('stays through the lifecycle', () => {
  it('a no-show gives the nights back; check-in and completion keep them sold', async () => {
    const { hotel, manager } = await managedHotel()
    const type = await s.newRoomType(hotel, { totalUnits: 2 })
    await s.loadNights(type, '2027-05-01', '2027-05-31')
    const guest = await f.newCustomer()
    const api = client(ctx, manager.access)
    const one = (await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-02', '2027-05-04')] })).body.id
    const two = (await client(ctx, guest.access).post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-02', '2027-05-04')] })).body.id
    await api.post(`/reservations/${one}/confirm`)
    await api.post(`/reservations/${two}/confirm`)
    // Check-in opens at 14:00 Lisbon time on arrival day (an hour before 15:00).
    ctx.clock.set('2027-05-02T13:30:00Z')
    const token = await ctx.deps.tokens.access(manager.who, ctx.clock())
    expect((await client(ctx, token).post(`/reservations/${one}/check-in`)).status).toBe(200)
    // The other guest never came; the desk marks it the next morning, and the first checks out.
    ctx.clock.set('2027-05-03T08:00:00Z')
    const later = await ctx.deps.tokens.access(manager.who, ctx.clock())
    expect((await client(ctx, later).post(`/reservations/${two}/no-show`)).status).toBe(200)
    expect((await client(ctx, later).post(`/reservations/${one}/complete`)).status).toBe(200)
    expect((await nightsOf(ctx, type)).filter((n) => n.sold > 0).map((n) => [n.night, n.sold])).toEqual([
      ['2027-05-02', 1],
      ['2027-05-03', 1],
    ])
    expect(await counterDrift(ctx)).toEqual([])
    ctx.clock.set('2027-05-01T09:00:00Z')
  })

  it("a stay takes its rate plan's cancellation policy, and mixing policies in one reservation is refused", async () => {
    const { hotel } = await managedHotel()
    const type = await s.newRoomType(hotel)
    await s.loadNights(type, '2027-05-01', '2027-05-31')
    const flexible = await s.newRatePlan(type, { name: 'Flexible' })
    const nonRef = await s.newRatePlan(type, {
      name: 'Non-refundable',
      cancellationPolicy: { tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 0 },
    })
    const guest = await f.newCustomer()
    const api = client(ctx, guest.access)
    const r = await api.post('/reservations', { venue_id: hotel.id, items: [stay(type, '2027-05-20', '2027-05-22', 1, 1, nonRef)] })
    expect(r.status).toBe(201)
    const row = await ctx.services.reservations.get(guest.who, r.body.id)
    expect(row.cancellationPolicy).toEqual({ tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 0 })
    const mixed = await api.post('/reservations', {
      venue_id: hotel.id,
      items: [stay(type, '2027-05-20', '2027-05-22', 1, 1, nonRef), stay(type, '2027-05-24', '2027-05-25', 1, 1, flexible)],
    })
    expect(mixed.status).toBe(400)
    expect(mixed.body.detail).toMatchObject({ reason: 'mixed_cancellation_policies' })
  })
})
