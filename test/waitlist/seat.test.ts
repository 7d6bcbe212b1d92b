import { and, asc, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { reservationItems, reservations, reservationTransitions } from '../../src/modules/reservations/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { waitlistEntries } from '../../src/modules/waitlist/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
const NOW = local(ZONE, '2027-01-08T19:10')
let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene({ at: NOW })))
afterAll(() => ctx.close())
afterEach(() => ctx.clock.set(NOW))

const at = (wall: string) => new Date(local(ZONE, wall)).toISOString()

interface Desk {
  venue: Venue
  room: Room
  staff: Actor
  api: ReturnType<typeof client>
}

/** A venue open 16:00–02:00, a room for 4 (60 to 240 minutes, $40 an hour), its staff. */
async function desk(opts: { holdTtlMinutes?: number } = {}): Promise<Desk> {
  const venue = await f.newVenue({ timezone: ZONE, ...opts })
  const room = await f.newRoom(venue, { capacity: 4, hourlyRate: 4000 })
  const staff = await f.newStaff(venue)
  return { venue, room, staff, api: client(ctx, await tokenAt(ctx, staff)) }
}

async function join(venue: Venue, name = 'Ana Lima', partySize = 2) {
  const res = await client(ctx).post(`/venues/${venue.id}/waitlist`, { name, phone: '+1 303 555 0100', party_size: partySize })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string; token: string }
}

const entryRow = async (id: string) => (await ctx.deps.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)))[0]!
const claimsOn = (room: Room) =>
  ctx.deps.db
    .select()
    .from(reservationItems)
    .where(and(eq(reservationItems.roomId, room.id), eq(reservationItems.active, true)))
const venueReservations = (venue: Venue) => ctx.deps.db.select().from(reservations).where(eq(reservations.venueId, venue.id))
const eventTypes = async (id: string) =>
  (await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id)).orderBy(asc(outboxEvents.id))).map((e) => e.type)

/** 400 with the planner's reason, and the entry and the room exactly as they were. */
async function expectRefused(s: Desk, entryId: string, body: unknown, status: number, detail: Record<string, unknown>) {
  const res = await s.api.post(`/waitlist/${entryId}/seat`, body)
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.body.detail).toMatchObject(detail)
  expect(await entryRow(entryId)).toMatchObject({ status: 'waiting', roomId: null, reservationId: null, seatedAt: null })
  expect(await eventTypes(entryId)).toEqual(['waitlist.updated'])
}

describe('seating into a free room', () => {
  it('books the room for the party as a checked-in reservation from the running slot, audited and announced with the entry', async () => {
    const s = await desk()
    const entry = await join(s.venue)
    const seated = await s.api.post(`/waitlist/${entry.id}/seat`, { room_id: s.room.id })
    expect(seated.status, JSON.stringify(seated.body)).toBe(200)
    const nowIso = new Date(NOW).toISOString()
    expect(seated.body).toMatchObject({
      status: 'seated',
      room_id: s.room.id,
      seated_at: nowIso,
      ended_at: nowIso,
      position: null,
      estimated_wait_minutes: null,
    })
    const reservationId = seated.body.reservation_id as string

    const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, reservationId))
    expect(r).toMatchObject({
      venueId: s.venue.id,
      userId: null,
      createdBy: s.staff.id,
      status: 'checked_in',
      partySize: 2,
      guest: { name: 'Ana Lima', phone: '+13035550100' },
      totalAmount: 4000,
      currency: 'USD',
      holdExpiresAt: null,
    })
    // The slot already running (19:00) for the room's minimum hour.
    expect([r!.startsAt.toISOString(), r!.endsAt.toISOString()]).toEqual([at('2027-01-08T19:00'), at('2027-01-08T20:00')])
    expect(await claimsOn(s.room)).toMatchObject([{ reservationId, kind: 'slot', active: true }])
    const trail = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, reservationId))
    expect(trail.map((t) => [t.fromStatus, t.toStatus, t.actorId])).toEqual([[null, 'checked_in', s.staff.id]])
    expect(await eventTypes(reservationId)).toEqual(['reservation.created', 'reservation.checked_in'])
    const [, last] = await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, entry.id)).orderBy(asc(outboxEvents.id))
    expect(last!.version).toBe(1)
    expect(last!.payload).toEqual({
      id: entry.id,
      venue_id: s.venue.id,
      status: 'seated',
      party_size: 2,
      name: 'Ana Lima',
      room_id: s.room.id,
      reservation_id: reservationId,
    })

    // It is an ordinary reservation from here on: the staff see it and complete it.
    expect((await s.api.get(`/reservations/${reservationId}`)).body).toMatchObject({ status: 'checked_in', guest: { name: 'Ana Lima' } })
    expect((await s.api.post(`/reservations/${reservationId}/complete`)).body.status).toBe('completed')
    // And seating the same party again is a 409.
    expect((await s.api.post(`/waitlist/${entry.id}/seat`, { room_id: s.room.id })).body.code).toBe('invalid_transition')
  })

  it("books `minutes` when given, on the grid and within the room's limits", async () => {
    const s = await desk()
    const long = await join(s.venue)
    const seated = await s.api.post(`/waitlist/${long.id}/seat`, { room_id: s.room.id, minutes: 90 })
    expect(seated.status).toBe(200)
    const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, seated.body.reservation_id))
    expect(r!.endsAt.toISOString()).toBe(at('2027-01-08T20:30'))
    expect(r!.totalAmount).toBe(6000)

    const other = await f.newRoom(s.venue, { capacity: 4 })
    const entry = await join(s.venue)
    await expectRefused(s, entry.id, { room_id: other.id, minutes: 45 }, 400, { reason: 'off_grid' })
    await expectRefused(s, entry.id, { room_id: other.id, minutes: 30 }, 400, { reason: 'length' })
    await expectRefused(s, entry.id, { room_id: other.id, minutes: 300 }, 400, { reason: 'length' })
    await expectRefused(s, entry.id, { minutes: 60 }, 400, { reason: 'minutes_without_room' })
    expect(await claimsOn(other)).toEqual([])
  })

  it('answers 409 slot_taken for a room already booked, and the party stays waiting', async () => {
    const s = await desk()
    const customer = await f.newCustomer()
    const booked = await client(ctx, customer.access).post('/reservations', {
      venue_id: s.venue.id,
      items: [slot(s.room, local(ZONE, '2027-01-08T19:30'), local(ZONE, '2027-01-08T21:00'))],
    })
    expect(booked.status).toBe(201)
    const entry = await join(s.venue)
    await expectRefused(s, entry.id, { room_id: s.room.id }, 409, { room_id: s.room.id })
    expect((await s.api.post(`/waitlist/${entry.id}/seat`, { room_id: s.room.id })).body.code).toBe('slot_taken')
    expect((await venueReservations(s.venue)).map((r) => r.id)).toEqual([booked.body.id])
  })

  it('expires a lapsed hold in the way in the same transaction, without waiting for the sweeper', async () => {
    const s = await desk({ holdTtlMinutes: 10 })
    const customer = await f.newCustomer()
    ctx.clock.set(local(ZONE, '2027-01-08T18:30'))
    const hold = await client(ctx, await tokenAt(ctx, customer)).post('/reservations', {
      venue_id: s.venue.id,
      items: [slot(s.room, local(ZONE, '2027-01-08T19:30'), local(ZONE, '2027-01-08T21:00'))],
    })
    expect(hold.status).toBe(201)
    ctx.clock.set(NOW)
    const entry = await join(s.venue)
    const seated = await s.api.post(`/waitlist/${entry.id}/seat`, { room_id: s.room.id })
    expect(seated.status, JSON.stringify(seated.body)).toBe(200)
    const [lapsed] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, hold.body.id))
    expect(lapsed!.status).toBe('expired')
    expect((await claimsOn(s.room)).map((c) => c.reservationId)).toEqual([seated.body.reservation_id])
  })

  it('replays a seat sent again with the same Idempotency-Key', async () => {
    const s = await desk()
    const entry = await join(s.venue)
    const headers = { 'idempotency-key': `seat-${entry.id}` }
    const first = await s.api.post(`/waitlist/${entry.id}/seat`, { room_id: s.room.id }, headers)
    const again = await s.api.post(`/waitlist/${entry.id}/seat`, { room_id: s.room.id }, headers)
    expect([first.status, again.status]).toEqual([200, 200])
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body).toEqual(first.body)
    expect(await venueReservations(s.venue)).toHaveLength(1)
  })
})

describe('seating without a room, and refusals', () => {
  it('seats without a room: no reservation, the room left free', async () => {
    const s = await desk()
    const entry = await join(s.venue)
    const seated = await s.api.post(`/waitlist/${entry.id}/seat`)
    expect(seated.status).toBe(200)
    expect(seated.body).toMatchObject({ status: 'seated', room_id: null, reservation_id: null, seated_at: new Date(NOW).toISOString() })
    expect(await venueReservations(s.venue)).toEqual([])
    expect(await eventTypes(entry.id)).toEqual(['waitlist.updated', 'waitlist.updated'])
  })

  it('refuses a room outside opening hours, too small, or of another venue, and changes nothing', async () => {
    const s = await desk()
    const entry = await join(s.venue)
    const big = await join(s.venue, 'Big Party', 6)
    await expectRefused(s, big.id, { room_id: s.room.id }, 400, { reason: 'capacity' })
    const foreignRoom = await f.newRoom(await f.newVenue({ timezone: ZONE }))
    await expectRefused(s, entry.id, { room_id: foreignRoom.id }, 404, { room_id: foreignRoom.id })
    await expectRefused(s, entry.id, { room_id: '00000000-0000-4000-8000-000000000000' }, 404, {})

    // Half an hour before closing a one-hour minimum no longer fits; at noon the venue is shut.
    for (const wall of ['2027-01-09T01:30', '2027-01-08T12:00']) {
      ctx.clock.set(local(ZONE, wall))
      s.api = client(ctx, await tokenAt(ctx, s.staff))
      await expectRefused(s, entry.id, { room_id: s.room.id }, 400, { reason: 'outside_opening_hours' })
    }
    expect(await venueReservations(s.venue)).toEqual([])
  })
})

describe('positions and estimates', () => {
  it('follow the queue as parties are seated and removed, around the bookings of the rooms', async () => {
    const s = await desk()
    // A second room booked from 19:30: too short a gap before it for a walk-in's hour.
    const booked = await f.newRoom(s.venue, { capacity: 4 })
    const customer = await f.newCustomer()
    const booking = await client(ctx, customer.access).post('/reservations', {
      venue_id: s.venue.id,
      items: [slot(booked, local(ZONE, '2027-01-08T19:30'), local(ZONE, '2027-01-08T20:30'))],
    })
    expect((await s.api.post(`/reservations/${booking.body.id}/confirm`)).status).toBe(200)

    const names = ['Ana', 'Bea', 'Cy', 'Dee']
    const entries: Record<string, { id: string; token: string }> = {}
    for (const name of names) {
      entries[name] = await join(s.venue, name, name === 'Cy' ? 6 : 2)
      ctx.clock.advance(1000)
    }
    ctx.clock.set(NOW)
    const board = async () =>
      (await s.api.get(`/venues/${s.venue.id}/waitlist`)).body.results.map((e: { name: string; position: number; estimated_wait_minutes: number | null }) => [
        e.name,
        e.position,
        e.estimated_wait_minutes,
      ])
    // Ana takes the free room now; Bea it at 20:00; Cy (6) fits no room; Dee the booked room after its booking.
    expect(await board()).toEqual([
      ['Ana', 1, 0],
      ['Bea', 2, 50],
      ['Cy', 3, null],
      ['Dee', 4, 80],
    ])
    expect((await s.api.post(`/waitlist/${entries.Ana!.id}/seat`, { room_id: s.room.id })).status).toBe(200)
    expect(await board()).toEqual([
      ['Bea', 1, 50],
      ['Cy', 2, null],
      ['Dee', 3, 80],
    ])
    expect((await s.api.post(`/waitlist/${entries.Bea!.id}/remove`)).status).toBe(200)
    expect(await board()).toEqual([
      ['Cy', 1, null],
      ['Dee', 2, 50],
    ])
    const link = await client(ctx).get(`/waitlist/status/${entries.Dee!.token}`)
    expect(link.body).toMatchObject({ position: 2, estimated_wait_minutes: 50, estimated_ready_at: at('2027-01-08T20:00') })
  })
})
