import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, customer: Actor

beforeAll(async () => ({ ctx, f, customer } = await scene({ at: '2027-01-04T12:00:00Z', customers: { customer: 'Test User' } })))
afterAll(() => ctx.close())

const availability = async (venueId: string, date: string, partySize?: number) => {
  const res = await client(ctx).get(`/venues/${venueId}/availability?date=${date}${partySize ? `&party_size=${partySize}` : ''}`)
  expect(res.status).toBe(200)
  return res.body as { date: string; timezone: string; rooms: { room_id: string; free: { start: string; end: string }[] }[] }
}

/** Every bookable start of the minimum length on the grid inside the free intervals. */
const gridStarts = (free: { start: string; end: string }[], slotMinutes: number, minMinutes: number) =>
  free.flatMap(({ start, end }) => {
    const out: number[] = []
    for (let t = Date.parse(start); t + minMinutes * 60_000 <= Date.parse(end); t += slotMinutes * 60_000) out.push(t)
    return out
  })

describe('availability on DST days in America/Denver', () => {
  it('2027-03-14: an all-day venue has 23 hours of slots, none missing, none doubled', async () => {
    const venue = await f.newVenue({ timezone: ZONE, hours: everyDay('00:00', '00:00') })
    const room = await f.newRoom(venue, { slotMinutes: 30, minMinutes: 30 })
    const body = await availability(venue.id, '2027-03-14')
    expect(body.timezone).toBe(ZONE)
    const [r] = body.rooms
    expect(r!.room_id).toBe(room.id)
    expect(r!.free).toEqual([{ start: '2027-03-14T00:00:00-07:00', end: '2027-03-15T00:00:00-06:00' }])
    const starts = gridStarts(r!.free, 30, 30)
    expect(starts).toHaveLength(46)
    expect(new Set(starts).size).toBe(46)
    // 02:00–02:59 does not exist that night: 01:30 MST is followed by 03:00 MDT.
    const labels = starts.map((t) => DateTime.fromMillis(t, { zone: ZONE }).toFormat('HH:mm'))
    expect(labels.slice(2, 6)).toEqual(['01:00', '01:30', '03:00', '03:30'])
  })

  it('2027-11-07: an all-day venue has 25 hours of slots and the 01:00 hour twice, at different instants', async () => {
    const venue = await f.newVenue({ timezone: ZONE, hours: everyDay('00:00', '00:00') })
    await f.newRoom(venue, { slotMinutes: 30, minMinutes: 30 })
    const [r] = (await availability(venue.id, '2027-11-07')).rooms
    expect(r!.free).toEqual([{ start: '2027-11-07T00:00:00-06:00', end: '2027-11-08T00:00:00-07:00' }])
    const starts = gridStarts(r!.free, 30, 30)
    expect(starts).toHaveLength(50)
    expect(new Set(starts).size).toBe(50)
    const labels = starts.map((t) => DateTime.fromMillis(t, { zone: ZONE }).toFormat('HH:mm ZZ'))
    expect(labels.slice(2, 6)).toEqual(['01:00 -06:00', '01:30 -06:00', '01:00 -07:00', '01:30 -07:00'])
  })

  it('the karaoke nights around both changes last 10, 10, 11 and 10 real hours', async () => {
    const venue = await f.newVenue({ timezone: ZONE, hours: everyDay('16:00', '02:00') })
    await f.newRoom(venue)
    const expected: Record<string, [string, string]> = {
      '2027-03-13': ['2027-03-13T16:00:00-07:00', '2027-03-14T03:00:00-06:00'],
      '2027-03-14': ['2027-03-14T16:00:00-06:00', '2027-03-15T02:00:00-06:00'],
      '2027-11-06': ['2027-11-06T16:00:00-06:00', '2027-11-07T02:00:00-07:00'],
      '2027-11-07': ['2027-11-07T16:00:00-07:00', '2027-11-08T02:00:00-07:00'],
    }
    for (const [date, [start, end]] of Object.entries(expected)) {
      const [r] = (await availability(venue.id, date)).rooms
      expect(r!.free).toEqual([{ start, end }])
    }
  })

  it('bills a booking across the fall-back hour by real time', async () => {
    const venue = await f.newVenue({ timezone: ZONE, hours: everyDay('16:00', '02:00') })
    const room = await f.newRoom(venue, { hourlyRate: 6000 })
    // 00:30 MDT to 01:30 MST is two real hours.
    const res = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, '2027-11-07T00:30:00-06:00', '2027-11-07T01:30:00-07:00')],
    })
    expect(res.status).toBe(201)
    expect(res.body.total).toEqual({ amount: 12000, currency: 'USD' })
  })
})

describe('availability honours claims, holds, buffers, closures and party size', () => {
  it('removes booked spans with their buffer and ignores lapsed holds', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue, { bufferMinutes: 30 })
    const booked = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))],
    })
    expect(booked.status).toBe(201)
    const [r] = (await availability(venue.id, '2027-01-08')).rooms
    expect(r!.free).toEqual([
      { start: '2027-01-08T16:00:00-07:00', end: '2027-01-08T18:30:00-07:00' },
      { start: '2027-01-08T21:30:00-07:00', end: '2027-01-09T02:00:00-07:00' },
    ])
    // Once the hold lapses the span is offered again, before any sweeper runs.
    ctx.clock.advance(16 * 60_000)
    const [later] = (await availability(venue.id, '2027-01-08')).rooms
    expect(later!.free).toEqual([{ start: '2027-01-08T16:00:00-07:00', end: '2027-01-09T02:00:00-07:00' }])
    ctx.clock.set('2027-01-04T12:00:00Z')
  })

  it("counts the day before's claim whose buffer reaches past midnight, and the next day's claim its own buffer would reach", async () => {
    const venue = await f.newVenue({ timezone: ZONE, hours: everyDay('00:00', '00:00') })
    const room = await f.newRoom(venue, { bufferMinutes: 45 })
    for (const [start, end] of [
      ['2027-01-07T22:30', '2027-01-07T23:30'],
      ['2027-01-09T00:00', '2027-01-09T01:00'],
    ] as const) {
      const res = await client(ctx, customer.access).post('/reservations', { venue_id: venue.id, items: [slot(room, local(ZONE, start), local(ZONE, end))] })
      expect(res.status).toBe(201)
    }
    const [r] = (await availability(venue.id, '2027-01-08')).rooms
    expect(r!.free).toEqual([{ start: '2027-01-08T00:30:00-07:00', end: '2027-01-08T23:00:00-07:00' }])
  })

  it('lists only rooms that fit the party, and nothing on a closure day', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const small = await f.newRoom(venue, { capacity: 4 })
    const big = await f.newRoom(venue, { capacity: 12 })
    expect((await availability(venue.id, '2027-01-08', 6)).rooms.map((r) => r.room_id)).toEqual([big.id])
    expect((await availability(venue.id, '2027-01-08')).rooms.map((r) => r.room_id).sort()).toEqual([small.id, big.id].sort())
    const admin = await f.newAdmin()
    await client(ctx, admin.access).post(`/venues/${venue.id}/closures`, { date: '2027-01-08' })
    expect((await availability(venue.id, '2027-01-08')).rooms.every((r) => r.free.length === 0)).toBe(true)
  })

  it('offers only what can be booked: every offered start of minimum length is accepted', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue, { bufferMinutes: 15, minMinutes: 60 })
    const book = (start: string, end: string) => client(ctx, customer.access).post('/reservations', { venue_id: venue.id, items: [slot(room, start, end)] })
    await book(local(ZONE, '2027-01-15T18:00'), local(ZONE, '2027-01-15T19:30'))
    const [r] = (await availability(venue.id, '2027-01-15')).rooms
    const starts = gridStarts(r!.free, 30, 60)
    expect(starts.length).toBeGreaterThan(5)
    // Book the first and last offered hour: both must succeed.
    for (const t of [starts[0]!, starts[starts.length - 1]!]) {
      const res = await book(new Date(t).toISOString(), new Date(t + 3600_000).toISOString())
      expect(res.status).toBe(201)
    }
  })

  it('answers 404 for an unknown venue and 400 for a bad date', async () => {
    expect((await client(ctx).get('/venues/00000000-0000-4000-8000-000000000000/availability?date=2027-01-08')).status).toBe(404)
    const venue = await f.newVenue()
    const bad = await client(ctx).get(`/venues/${venue.id}/availability?date=2027-02-30`)
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('validation_failed')
  })
})

describe('the availability cache', () => {
  it('forgets a venue at once on a booking here, and sees writes of other processes once its entry lapses', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const free = async () => (await availability(venue.id, '2027-01-20')).rooms[0]!.free.length
    expect(await free()).toBe(1)
    const booked = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(ZONE, '2027-01-20T19:00'), local(ZONE, '2027-01-20T21:00'))],
    })
    expect(booked.status).toBe(201)
    expect(await free()).toBe(2)
    // Another process releases the claim: this process keeps its answer for the cache's lifetime.
    await ctx.database.raw.query('update reservation_items set active = false where reservation_id = $1', [booked.body.id])
    expect(await free()).toBe(2)
    ctx.clock.advance(ctx.config.availabilityCacheMs + 1)
    expect(await free()).toBe(1)
    ctx.clock.set('2027-01-04T12:00:00Z')
  })
})
