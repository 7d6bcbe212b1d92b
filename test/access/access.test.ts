import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reservationItems, reservationTransitions, reservations } from '../../src/modules/reservations/schema.js'
import { rooms } from '../../src/modules/rooms/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import { venues } from '../../src/modules/venues/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories
// Two venues, each with its own staff, and two customers who book at them.
let venueX: Venue
let venueY: Venue
let staffX: Actor
let staffY: Actor
let ownerX: Actor
let alice: Actor
let bob: Actor
let admin: Actor

beforeAll(async () => {
  ;({
    ctx,
    f,
    venue: venueX,
    staff: staffX,
    admin,
    alice,
    bob,
  } = await scene({ at: '2027-01-04T12:00:00Z', venue: { timezone: ZONE }, staff: 'staff', customers: { alice: 'Alice', bob: 'Bob' }, admin: true }))
  venueY = await f.newVenue({ timezone: ZONE })
  staffY = await f.newStaff(venueY, 'staff')
  ownerX = await f.newStaff(venueX, 'owner')
})
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)
const anon = () => client(ctx)

const bookingBody = (venue: Venue, room: Room) => ({
  venue_id: venue.id,
  items: [slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))],
  party_size: 2,
})

/** A pending reservation of `customer` at `venue`, in a room of its own so bookings never collide. */
async function book(customer: Actor, venue: Venue) {
  const room = await f.newRoom(venue)
  const res = await as(customer).post('/reservations', bookingBody(venue, room))
  expect(res.status).toBe(201)
  return res.body as { id: string; status: string; user_id: string; venue_id: string }
}

const rowOf = async (id: string) => (await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id)))[0]!
const transitionsOf = async (id: string) => ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id))
const countRows = async () => {
  const [r] = await ctx.deps.db.select({ n: count() }).from(reservations)
  const [i] = await ctx.deps.db.select({ n: count() }).from(reservationItems)
  return { reservations: r!.n, items: i!.n }
}

describe('customers see only their own reservations', () => {
  it("answers 404 to another customer's GET and cancel, and leaves the reservation as it was", async () => {
    const bobs = await book(bob, venueX)
    const before = await rowOf(bobs.id)

    const read = await as(alice).get(`/reservations/${bobs.id}`)
    expect(read.status).toBe(404)
    expect(read.body.code).toBe('not_found')
    expect(JSON.stringify(read.body)).not.toContain(bob.id)

    const cancel = await as(alice).post(`/reservations/${bobs.id}/cancel`, { reason: 'not mine' })
    expect(cancel.status).toBe(404)
    expect(cancel.body.code).toBe('not_found')

    const move = await as(alice).post(`/reservations/${bobs.id}/reschedule`, {
      start: local(ZONE, '2027-01-08T22:00'),
      end: local(ZONE, '2027-01-09T00:00'),
    })
    expect(move.status).toBe(404)

    const after = await rowOf(bobs.id)
    expect(after.status).toBe('pending')
    expect(after.updatedAt).toEqual(before.updatedAt)
    expect(await transitionsOf(bobs.id)).toHaveLength(1)
    // Bob still sees it, so the 404 was about Alice, not about the id.
    expect((await as(bob).get(`/reservations/${bobs.id}`)).body).toMatchObject({ id: bobs.id, status: 'pending' })
  })

  it('answers the same 404 for an id that does not exist, so ids of others leak nothing', async () => {
    const bobs = await book(bob, venueX)
    const others = await as(alice).get(`/reservations/${bobs.id}`)
    const missing = await as(alice).get('/reservations/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect(others.body).toEqual(missing.body)
  })

  it("lists only the caller's own reservations", async () => {
    const mine = await book(alice, venueX)
    const theirs = await book(bob, venueX)
    const res = await as(alice).get('/reservations?page_size=100')
    expect(res.status).toBe(200)
    const ids = res.body.results.map((r: { id: string }) => r.id)
    expect(ids).toContain(mine.id)
    expect(ids).not.toContain(theirs.id)
    expect(res.body.results.every((r: { user_id: string }) => r.user_id === alice.id)).toBe(true)
    for (const view of ['upcoming', 'history']) {
      const list = await as(alice).get(`/reservations/${view}?page_size=100`)
      expect(list.status).toBe(200)
      expect(list.body.results.map((r: { id: string }) => r.id)).not.toContain(theirs.id)
    }
  })

  it('lets the owner cancel their own reservation', async () => {
    const mine = await book(alice, venueX)
    const res = await as(alice).post(`/reservations/${mine.id}/cancel`, { reason: 'plans changed' })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect((await rowOf(mine.id)).status).toBe('cancelled')
  })
})

describe('customers are refused staff routes with 403', () => {
  it.each(['confirm', 'check-in', 'complete', 'no-show'])('POST /reservations/{id}/%s on their own reservation', async (action) => {
    const mine = await book(alice, venueX)
    const res = await as(alice).post(`/reservations/${mine.id}/${action}`, {})
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    expect((await rowOf(mine.id)).status).toBe('pending')
    expect(await transitionsOf(mine.id)).toHaveLength(1)
  })

  it('PUT /venues/{id}/hours', async () => {
    const res = await as(alice).put(`/venues/${venueX.id}/hours`, { hours: [{ weekday: 1, open: '09:00', close: '10:00' }] })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    const [row] = await ctx.deps.db.select().from(venues).where(eq(venues.id, venueX.id))
    expect(row!.openingHours).toEqual(venueX.openingHours)
  })

  it('POST /venues/{id}/rooms', async () => {
    const [before] = await ctx.deps.db.select({ n: count() }).from(rooms).where(eq(rooms.venueId, venueX.id))
    const res = await as(alice).post(`/venues/${venueX.id}/rooms`, { name: 'Sneaky', capacity: 4, hourly_rate: { amount: 1, currency: 'USD' } })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    const [after] = await ctx.deps.db.select({ n: count() }).from(rooms).where(eq(rooms.venueId, venueX.id))
    expect(after!.n).toBe(before!.n)
  })

  it('PATCH /rooms/{id}', async () => {
    const room = await f.newRoom(venueX, { hourlyRate: 4000 })
    const res = await as(alice).patch(`/rooms/${room.id}`, { hourly_rate: { amount: 1, currency: 'USD' } })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    const [row] = await ctx.deps.db.select().from(rooms).where(eq(rooms.id, room.id))
    expect(row!.hourlyRate).toBe(4000)
  })

  it('GET /reservations?venue=', async () => {
    await book(bob, venueX)
    const res = await as(alice).get(`/reservations?venue=${venueX.id}`)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    expect(res.body).not.toHaveProperty('results')
  })

  it('POST /venues is for admins only, not customers nor venue owners', async () => {
    const body = { name: 'Not allowed', kind: 'venue', timezone: ZONE, currency: 'USD' }
    const [before] = await ctx.deps.db.select({ n: count() }).from(venues)
    for (const actor of [alice, staffX, ownerX]) {
      const res = await as(actor).post('/venues', body)
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('forbidden')
    }
    const [after] = await ctx.deps.db.select({ n: count() }).from(venues)
    expect(after!.n).toBe(before!.n)
  })

  it('plain staff cannot edit the venue either: hours and rooms are for owners and managers', async () => {
    const room = await f.newRoom(venueX, { capacity: 8 })
    expect((await as(staffX).put(`/venues/${venueX.id}/hours`, { hours: [] })).status).toBe(403)
    expect((await as(staffX).patch(`/rooms/${room.id}`, { capacity: 2 })).status).toBe(403)
    expect((await as(staffX).post(`/venues/${venueX.id}/rooms`, { name: 'X', capacity: 2, hourly_rate: { amount: 1, currency: 'USD' } })).status).toBe(403)
    const [row] = await ctx.deps.db.select().from(rooms).where(eq(rooms.id, room.id))
    expect(row!.capacity).toBe(8)
    const [venue] = await ctx.deps.db.select().from(venues).where(eq(venues.id, venueX.id))
    expect(venue!.openingHours).toEqual(venueX.openingHours)
  })
})

describe('anonymous callers get 401', () => {
  it('on GET /reservations, POST /reservations and GET /auth/user', async () => {
    const room = await f.newRoom(venueX)
    const before = await countRows()
    const list = await anon().get('/reservations')
    const create = await anon().post('/reservations', bookingBody(venueX, room))
    const me = await anon().get('/auth/user')
    for (const res of [list, create, me]) {
      expect(res.status).toBe(401)
      expect(res.body.code).toBe('unauthenticated')
    }
    expect(await countRows()).toEqual(before)
  })

  it('on reading or acting on a reservation', async () => {
    const bobs = await book(bob, venueX)
    expect((await anon().get(`/reservations/${bobs.id}`)).status).toBe(401)
    expect((await anon().post(`/reservations/${bobs.id}/cancel`, {})).status).toBe(401)
    expect((await anon().post(`/reservations/${bobs.id}/cancel`)).status).toBe(401)
    expect((await rowOf(bobs.id)).status).toBe('pending')
  })
})

describe('venue staff', () => {
  it("read and confirm their own venue's reservations", async () => {
    const bobs = await book(bob, venueX)
    const read = await as(staffX).get(`/reservations/${bobs.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ id: bobs.id, user_id: bob.id, venue_id: venueX.id })

    const list = await as(staffX).get(`/reservations?venue=${venueX.id}&page_size=100`)
    expect(list.status).toBe(200)
    expect(list.body.results.map((r: { id: string }) => r.id)).toContain(bobs.id)
    expect(list.body.results.every((r: { venue_id: string }) => r.venue_id === venueX.id)).toBe(true)

    const confirm = await as(staffX).post(`/reservations/${bobs.id}/confirm`, {})
    expect(confirm.status).toBe(200)
    expect(confirm.body.status).toBe('confirmed')
    expect((await rowOf(bobs.id)).status).toBe('confirmed')
    const trail = await transitionsOf(bobs.id)
    expect(trail).toEqual(expect.arrayContaining([expect.objectContaining({ fromStatus: 'pending', toStatus: 'confirmed', actorId: staffX.id })]))
  })

  it('confirm without a request body: the reason is optional', async () => {
    // A client that has no reason to give sends no body at all; that must not be a 400.
    const bobs = await book(bob, venueX)
    const res = await as(staffX).post(`/reservations/${bobs.id}/confirm`)
    expect(res.body).toMatchObject({ id: bobs.id, status: 'confirmed' })
    expect(res.status).toBe(200)
    expect((await rowOf(bobs.id)).status).toBe('confirmed')
  })

  it("are refused another venue's reservations, and nothing changes there", async () => {
    const atY = await book(bob, venueY)
    const read = await as(staffX).get(`/reservations/${atY.id}`)
    expect([403, 404]).toContain(read.status)
    expect(read.body).not.toHaveProperty('id')
    const confirm = await as(staffX).post(`/reservations/${atY.id}/confirm`, {})
    expect([403, 404]).toContain(confirm.status)
    const cancel = await as(staffX).post(`/reservations/${atY.id}/cancel`, {})
    expect([403, 404]).toContain(cancel.status)
    const list = await as(staffX).get(`/reservations?venue=${venueY.id}`)
    expect(list.status).toBe(403)
    expect((await as(staffX).put(`/venues/${venueY.id}/hours`, { hours: [] })).status).toBe(403)

    const row = await rowOf(atY.id)
    expect(row.status).toBe('pending')
    expect(await transitionsOf(atY.id)).toHaveLength(1)
    // Y's own staff can, so the refusal above was about X's staff.
    expect((await as(staffY).get(`/reservations/${atY.id}`)).status).toBe(200)
  })

  it("see only their venue's reservations in their own list without ?venue=", async () => {
    const atY = await book(bob, venueY)
    const res = await as(staffX).get('/reservations?page_size=100')
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: { id: string }) => r.id)).not.toContain(atY.id)
  })
})

describe('mass assignment', () => {
  it.each([
    ['status', { status: 'confirmed' }],
    ['total', { total: { amount: 0, currency: 'USD' } }],
    ['price', { price: { amount: 0, currency: 'USD' } }],
    ['user_id', { user_id: '00000000-0000-4000-8000-000000000000' }],
  ])('POST /reservations with %s is refused with 400 and writes nothing', async (field, extra) => {
    const room = await f.newRoom(venueX)
    const before = await countRows()
    const res = await as(alice).post('/reservations', { ...bookingBody(venueX, room), ...extra })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ property: field })]))
    expect(await countRows()).toEqual(before)
  })

  it('refuses user_id set to another customer, so nobody books in their name', async () => {
    const room = await f.newRoom(venueX)
    const before = await countRows()
    const res = await as(alice).post('/reservations', { ...bookingBody(venueX, room), user_id: bob.id })
    expect(res.status).toBe(400)
    expect(await countRows()).toEqual(before)
  })

  it('refuses a price on an item', async () => {
    const room = await f.newRoom(venueX)
    const before = await countRows()
    const body = bookingBody(venueX, room)
    const res = await as(alice).post('/reservations', { ...body, items: [{ ...body.items[0], price: { amount: 0, currency: 'USD' } }] })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    expect(await countRows()).toEqual(before)
  })

  it('PATCH /rooms with venue_id is refused, even for the owner, and the room stays put', async () => {
    const room = await f.newRoom(venueX, { name: 'Stays' })
    const res = await as(ownerX).patch(`/rooms/${room.id}`, { name: 'Moved', venue_id: venueY.id })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    const [row] = await ctx.deps.db.select().from(rooms).where(eq(rooms.id, room.id))
    expect(row).toMatchObject({ venueId: venueX.id, name: 'Stays' })
    // Without the field the owner may edit the room.
    const ok = await as(ownerX).patch(`/rooms/${room.id}`, { name: 'Renamed' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ venue_id: venueX.id, name: 'Renamed' })
  })
})

describe('admins', () => {
  it('see and act on everything', async () => {
    const bobs = await book(bob, venueX)
    const alices = await book(alice, venueY)

    expect((await as(admin).get(`/reservations/${bobs.id}`)).body).toMatchObject({ id: bobs.id, user_id: bob.id })
    expect((await as(admin).get(`/reservations/${alices.id}`)).body).toMatchObject({ id: alices.id, user_id: alice.id })

    const all = await as(admin).get('/reservations?page_size=100')
    expect(all.status).toBe(200)
    const { reservations: total } = await countRows()
    expect(all.body.count).toBe(total)
    const ids = all.body.results.map((r: { id: string }) => r.id)
    expect(ids).toEqual(expect.arrayContaining([bobs.id, alices.id]))

    const atY = await as(admin).get(`/reservations?venue=${venueY.id}&page_size=100`)
    expect(atY.status).toBe(200)
    expect(atY.body.results.map((r: { id: string }) => r.id)).toContain(alices.id)

    const confirm = await as(admin).post(`/reservations/${alices.id}/confirm`, {})
    expect(confirm.status).toBe(200)
    expect((await rowOf(alices.id)).status).toBe('confirmed')

    // A venue of its own, so changing its hours cannot disturb the other tests' bookings.
    const elsewhere = await f.newVenue({ timezone: ZONE })
    const hours = [{ weekday: 1, open: '10:00', close: '22:00' }]
    expect((await as(admin).put(`/venues/${elsewhere.id}/hours`, { hours })).status).toBe(200)
    const [venue] = await ctx.deps.db.select().from(venues).where(eq(venues.id, elsewhere.id))
    expect(venue!.openingHours).toEqual(hours)
    expect(
      (await as(admin).post(`/venues/${elsewhere.id}/rooms`, { name: 'By admin', capacity: 4, hourly_rate: { amount: 3000, currency: 'USD' } })).status,
    ).toBe(201)

    const created = await as(admin).post('/venues', { name: 'Admin Made', kind: 'venue', timezone: ZONE, currency: 'USD' })
    expect(created.status).toBe(201)
  })
})
