import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { reservationItems, reservations, reservationTransitions } from '../../src/modules/reservations/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
const START = '2027-01-04T12:00:00Z'
let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, alice: Actor, bob: Actor

beforeAll(
  async () =>
    ({ ctx, f, venue, staff, alice, bob } = await scene({ at: START, venue: { timezone: ZONE }, staff: 'staff', customers: { alice: 'Alice', bob: 'Bob' } })),
)
afterAll(() => ctx.close())
afterEach(() => ctx.clock.set(START))

const at = (wall: string) => local(ZONE, wall)
const book = (who: Actor, room: Room, start: string, end: string) =>
  client(ctx, who.access).post('/reservations', { venue_id: venue.id, items: [slot(room, at(start), at(end))] })

async function trail(id: string) {
  const rows = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id)).orderBy(reservationTransitions.id)
  return rows.map((t) => [t.fromStatus, t.toStatus])
}
async function active(id: string) {
  const items = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, id))
  return items.map((i) => i.active)
}

describe('reservation lifecycle', () => {
  it('walks confirm → check-in → complete, auditing and emitting each step', async () => {
    const room = await f.newRoom(venue)
    const created = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    const id = created.body.id
    const s = client(ctx, staff.access)
    const confirmed = await s.post(`/reservations/${id}/confirm`, { reason: 'pays at the door' })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ status: 'confirmed', hold_expires_at: null })
    // Check-in opens an hour before the start.
    const early = await s.post(`/reservations/${id}/check-in`)
    expect(early.status).toBe(409)
    expect(early.body.code).toBe('too_early')
    ctx.clock.set(at('2027-01-08T18:30'))
    const atDoor = client(ctx, await tokenAt(ctx, staff))
    expect((await atDoor.post(`/reservations/${id}/check-in`)).body.status).toBe('checked_in')
    expect((await atDoor.post(`/reservations/${id}/complete`)).body.code).toBe('too_early')
    ctx.clock.set(at('2027-01-08T21:00'))
    expect((await client(ctx, await tokenAt(ctx, staff)).post(`/reservations/${id}/complete`)).body.status).toBe('completed')
    ctx.clock.set(START)
    expect(await trail(id)).toEqual([
      [null, 'pending'],
      ['pending', 'confirmed'],
      ['confirmed', 'checked_in'],
      ['checked_in', 'completed'],
    ])
    const [audit] = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.toStatus, 'confirmed')).limit(1)
    expect(audit).toMatchObject({ actorId: staff.id, reason: 'pays at the door' })
    const events = await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id)).orderBy(outboxEvents.id)
    expect(events.map((e) => e.type)).toEqual(['reservation.created', 'reservation.confirmed', 'reservation.checked_in', 'reservation.completed'])
    // Completed is final; the claim is released.
    const again = await s.post(`/reservations/${id}/cancel`)
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'invalid_transition', detail: { from: 'completed', to: 'cancelled' } })
    expect(await active(id)).toEqual([false])
  })

  it('refuses a skipped step with 409 and changes nothing', async () => {
    const room = await f.newRoom(venue)
    const { body } = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    const res = await client(ctx, staff.access).post(`/reservations/${body.id}/check-in`)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('invalid_transition')
    expect(await trail(body.id)).toEqual([[null, 'pending']])
  })

  it('lets the customer cancel their own booking, which frees the room', async () => {
    const room = await f.newRoom(venue)
    const { body } = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    expect((await book(bob, room, '2027-01-08T19:00', '2027-01-08T21:00')).body.code).toBe('slot_taken')
    const cancelled = await client(ctx, alice.access).post(`/reservations/${body.id}/cancel`, { reason: 'change of plans' })
    expect(cancelled.body.status).toBe('cancelled')
    expect(await active(body.id)).toEqual([false])
    expect((await book(bob, room, '2027-01-08T19:00', '2027-01-08T21:00')).status).toBe(201)
  })

  it('marks a confirmed booking as no-show', async () => {
    const room = await f.newRoom(venue)
    const { body } = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    const s = client(ctx, staff.access)
    await s.post(`/reservations/${body.id}/confirm`)
    expect((await s.post(`/reservations/${body.id}/no-show`)).body.code).toBe('too_early')
    ctx.clock.set(at('2027-01-08T19:20'))
    expect((await client(ctx, await tokenAt(ctx, staff)).post(`/reservations/${body.id}/no-show`)).body.status).toBe('no_show')
    expect(await active(body.id)).toEqual([false])
  })

  it('lets a customer cancel only before the start; the venue may cancel after it', async () => {
    const room = await f.newRoom(venue)
    const first = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    const second = await book(alice, room, '2027-01-08T22:00', '2027-01-09T00:00')
    ctx.clock.set(at('2027-01-08T19:05'))
    const guest = client(ctx, await tokenAt(ctx, alice))
    const late = await guest.post(`/reservations/${first.body.id}/cancel`)
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('too_late')
    expect((await client(ctx, await tokenAt(ctx, staff)).post(`/reservations/${first.body.id}/cancel`)).body.status).toBe('cancelled')
    expect((await guest.post(`/reservations/${second.body.id}/cancel`)).body.status).toBe('cancelled')
  })

  it('has one way to cancel: the refund-aware cancellation; the plain action refuses cancel and no-show', async () => {
    const room = await f.newRoom(venue)
    const { body } = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    // @ts-expect-error cancel is not one of the plain actions: it moves money
    await expect(ctx.services.reservations.act(staff.who, body.id, 'cancel')).rejects.toMatchObject({ code: 'invalid_transition' })
    // @ts-expect-error neither is no-show
    await expect(ctx.services.reservations.act(staff.who, body.id, 'no-show')).rejects.toMatchObject({ code: 'invalid_transition' })
    const [row] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, body.id))
    expect(row!.status).toBe('pending')
    expect(await trail(body.id)).toEqual([[null, 'pending']])
  })
})

describe('reschedule', () => {
  it('moves the claim atomically: the old time is freed and the new one taken', async () => {
    const room = await f.newRoom(venue, { hourlyRate: 3000 })
    const { body } = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    const moved = await client(ctx, alice.access).post(`/reservations/${body.id}/reschedule`, {
      start: at('2027-01-08T22:00'),
      end: at('2027-01-09T01:00'),
    })
    expect(moved.status).toBe(200)
    expect(moved.body.items[0]).toMatchObject({ id: body.items[0].id, start: '2027-01-09T05:00:00.000Z', end: '2027-01-09T08:00:00.000Z' })
    expect(moved.body.total.amount).toBe(9000)
    expect((await book(bob, room, '2027-01-08T19:00', '2027-01-08T21:00')).status).toBe(201)
    expect((await book(bob, room, '2027-01-08T23:00', '2027-01-09T00:00')).body.code).toBe('slot_taken')
    expect((await trail(body.id)).at(-1)).toEqual(['pending', 'pending'])
  })

  it('into a taken slot is refused with slot_taken and the booking keeps its old time', async () => {
    const room = await f.newRoom(venue)
    const mine = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    await book(bob, room, '2027-01-08T22:00', '2027-01-08T23:00')
    const res = await client(ctx, alice.access).post(`/reservations/${mine.body.id}/reschedule`, { start: at('2027-01-08T21:30'), end: at('2027-01-08T23:30') })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('slot_taken')
    const [item] = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, mine.body.id))
    expect(item!.startsAt.toISOString()).toBe(mine.body.items[0].start)
    const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, mine.body.id))
    expect(r!.totalAmount).toBe(mine.body.total.amount)
  })

  it('keeps the price of a confirmed booking: same length moves, another length is 409 price_changed', async () => {
    const room = await f.newRoom(venue)
    const { body } = await book(alice, room, '2027-01-08T19:00', '2027-01-08T21:00')
    await client(ctx, staff.access).post(`/reservations/${body.id}/confirm`)
    const longer = await client(ctx, alice.access).post(`/reservations/${body.id}/reschedule`, { start: at('2027-01-10T19:00'), end: at('2027-01-10T22:00') })
    expect(longer.body.code).toBe('price_changed')
    const same = await client(ctx, alice.access).post(`/reservations/${body.id}/reschedule`, { start: at('2027-01-10T19:00'), end: at('2027-01-10T21:00') })
    expect(same.status).toBe(200)
    expect(same.body.status).toBe('confirmed')
  })

  it('to another room of the venue', async () => {
    const a = await f.newRoom(venue)
    const b = await f.newRoom(venue)
    const { body } = await book(alice, a, '2027-01-08T19:00', '2027-01-08T21:00')
    const res = await client(ctx, staff.access).post(`/reservations/${body.id}/reschedule`, {
      room_id: b.id,
      start: at('2027-01-08T19:00'),
      end: at('2027-01-08T21:00'),
    })
    expect(res.body.items[0].room_id).toBe(b.id)
    expect((await book(bob, a, '2027-01-08T19:00', '2027-01-08T21:00')).status).toBe(201)
  })
})

describe('lists', () => {
  it('upcoming, history and the staff venue list', async () => {
    const carol = await f.newCustomer('Carol')
    const room = await f.newRoom(venue)
    const first = await book(carol, room, '2027-01-08T19:00', '2027-01-08T20:00')
    const second = await book(carol, room, '2027-01-09T19:00', '2027-01-09T20:00')
    const third = await book(carol, room, '2027-01-10T19:00', '2027-01-10T20:00')
    await client(ctx, carol.access).post(`/reservations/${third.body.id}/cancel`)
    const c = client(ctx, carol.access)
    const upcoming = await c.get('/reservations/upcoming')
    expect(upcoming.body.results.map((r: { id: string }) => r.id)).toEqual([first.body.id, second.body.id])
    const history = await c.get('/reservations/history')
    expect(history.body.results.map((r: { id: string }) => r.id)).toEqual([third.body.id])
    const paged = await c.get('/reservations?page_size=2&ordering=start')
    expect(paged.body).toMatchObject({ count: 3, previous: null })
    expect(paged.body.next).toContain('page=2')
    expect(paged.body.results.map((r: { id: string }) => r.id)).toEqual([first.body.id, second.body.id])
    const filtered = await c.get('/reservations?status=cancelled')
    expect(filtered.body.results.map((r: { id: string }) => r.id)).toEqual([third.body.id])
    const byDate = await c.get('/reservations?from=2027-01-09&to=2027-01-09')
    expect(byDate.body.results.map((r: { id: string }) => r.id)).toEqual([second.body.id])
    const staffList = await client(ctx, staff.access).get(`/reservations?venue=${venue.id}&room=${room.id}&ordering=start`)
    expect(staffList.body.results.map((r: { id: string }) => r.id)).toEqual([first.body.id, second.body.id, third.body.id])
  })
})
