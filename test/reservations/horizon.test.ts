import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HORIZON_DAYS, beyondHorizon } from '../../src/modules/availability/horizon.js'
import { addDays } from '../../src/modules/availability/opening-hours.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { RoomType } from '../../src/modules/stays/room-types.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { stay } from '../helpers/stays.js'
import { scene, type StayFactories } from '../helpers/scene.js'

/**
 * One horizon for everything: the last business day availability offers is the last one a
 * slot can be booked, quoted or moved to, and the last arrival a stay can be booked, quoted,
 * moved to or searched for. One day more is 400 validation_failed, reason beyond_horizon.
 */
const ZONE = 'America/Denver'
const TODAY = '2027-01-04'
const LAST = addDays(TODAY, HORIZON_DAYS)
const PAST = addDays(LAST, 1)

let ctx: TestContext, venue: Venue, room: Room, hotel: Venue, type: RoomType, customer: Actor

beforeAll(async () => {
  let s: StayFactories
  // 05:00 in Denver: the venue's today is TODAY.
  ;({
    ctx,
    stays: s,
    venue,
    room,
    customer,
  } = await scene({ at: `${TODAY}T12:00:00Z`, venue: { timezone: ZONE }, room: {}, customers: { customer: 'Test User' } }))
  hotel = await s.newHotel({ timezone: ZONE, currency: 'USD' })
  type = await s.newRoomType(hotel)
  await s.loadNights(type, addDays(LAST, -3), addDays(LAST, 5))
})
afterAll(() => ctx.close())

const as = () => client(ctx, customer.access)
/** A 19:00–21:00 slot on business day `day` (the factory venue opens 16:00–02:00). */
const evening = (day: string) => slot(room, local(ZONE, `${day}T19:00`), local(ZONE, `${day}T21:00`))
const beyond = { code: 'validation_failed', detail: expect.objectContaining({ reason: 'beyond_horizon' }) }

async function rowCount(): Promise<number> {
  const { rows } = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from reservation_items')
  return rows[0]!.n
}

describe('the booking horizon', () => {
  it('is counted in the venue’s calendar days', () => {
    const now = new Date(`${TODAY}T12:00:00Z`)
    expect(beyondHorizon(LAST, now, ZONE)).toBe(false)
    expect(beyondHorizon(PAST, now, ZONE)).toBe(true)
    // At 03:00 UTC it is still the day before in Denver, so the last day is one earlier.
    expect(beyondHorizon(LAST, new Date(`${TODAY}T03:00:00Z`), ZONE)).toBe(true)
  })

  it('availability: offered on the last day, refused the day after', async () => {
    expect((await as().get(`/venues/${venue.id}/availability?date=${LAST}`)).status).toBe(200)
    const res = await as().get(`/venues/${venue.id}/availability?date=${PAST}`)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ ...beyond, detail: { field: 'date', reason: 'beyond_horizon', max_days_ahead: HORIZON_DAYS } })
  })

  it('slots: booked and quoted on the last day (01:00 after it included), refused the day after and in 2099', async () => {
    expect((await as().post('/quotes', { venue_id: venue.id, items: [evening(LAST)] })).status).toBe(200)
    // 01:00 on the next calendar day still belongs to the last business day, as availability shows it.
    const lateNight = slot(room, local(ZONE, `${PAST}T00:30`), local(ZONE, `${PAST}T01:30`))
    expect((await as().post('/quotes', { venue_id: venue.id, items: [lateNight] })).status).toBe(200)
    const before = await rowCount()
    for (const items of [[evening(PAST)], [slot(room, local(ZONE, '2099-06-05T19:00'), local(ZONE, '2099-06-05T21:00'))]]) {
      const held = await as().post('/reservations', { venue_id: venue.id, items })
      expect(held.status, JSON.stringify(held.body)).toBe(400)
      expect(held.body).toMatchObject({ ...beyond, detail: { item: 0, reason: 'beyond_horizon' } })
      const quoted = await as().post('/quotes', { venue_id: venue.id, items })
      expect(quoted.status).toBe(400)
      expect(quoted.body).toMatchObject(beyond)
    }
    expect(await rowCount()).toBe(before)
    expect((await as().post('/reservations', { venue_id: venue.id, items: [evening(LAST)] })).status).toBe(201)
  })

  it('stays: booked, quoted and searched arriving on the last day, refused arriving the day after', async () => {
    const good = { venue_id: hotel.id, items: [stay(type, LAST, addDays(LAST, 2))] }
    const bad = { venue_id: hotel.id, items: [stay(type, PAST, addDays(PAST, 2))] }
    expect((await as().post('/quotes', good)).status).toBe(200)
    expect((await client(ctx).get(`/stays/search?venue=${hotel.id}&arrival=${LAST}&departure=${addDays(LAST, 2)}`)).status).toBe(200)
    const before = await rowCount()
    const held = await as().post('/reservations', bad)
    expect(held.status).toBe(400)
    expect(held.body).toMatchObject({ ...beyond, detail: { item: 0, reason: 'beyond_horizon' } })
    expect((await as().post('/quotes', bad)).body).toMatchObject(beyond)
    const searched = await client(ctx).get(`/stays/search?venue=${hotel.id}&arrival=${PAST}&departure=${addDays(PAST, 2)}`)
    expect(searched.status).toBe(400)
    expect(searched.body).toMatchObject({ ...beyond, detail: { field: 'arrival', reason: 'beyond_horizon' } })
    expect(await rowCount()).toBe(before)
    expect((await as().post('/reservations', good)).status).toBe(201)
  })

  it('reschedules: a slot or a stay cannot move beyond it, and stays where it was', async () => {
    const made = await as().post('/reservations', { venue_id: venue.id, items: [evening(addDays(TODAY, 7))] })
    expect(made.status).toBe(201)
    const moved = await as().post(`/reservations/${made.body.id}/reschedule`, { start: local(ZONE, `${PAST}T19:00`), end: local(ZONE, `${PAST}T21:00`) })
    expect(moved.status).toBe(400)
    expect(moved.body).toMatchObject(beyond)
    const booked = await as().post('/reservations', { venue_id: hotel.id, items: [stay(type, addDays(LAST, -3), addDays(LAST, -1))] })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    const shifted = await as().post(`/reservations/${booked.body.id}/reschedule`, { arrival: PAST, departure: addDays(PAST, 2) })
    expect(shifted.status).toBe(400)
    expect(shifted.body).toMatchObject(beyond)
    expect((await as().get(`/reservations/${made.body.id}`)).body.items[0].start).toBe(made.body.items[0].start)
    expect((await as().get(`/reservations/${booked.body.id}`)).body.items[0].arrival).toBe(addDays(LAST, -3))
  })
})
