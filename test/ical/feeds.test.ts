import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calendarFeeds } from '../../src/modules/ical/schema.js'
import { memberships } from '../../src/modules/venues/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'
import { allEvents } from './mail.js'

const ZONE = 'America/New_York'
let ctx: TestContext, f: Factories, venue: Venue, room: Room, desk: Actor, alice: Actor, bob: Actor
let aliceBooking: string, bobBooking: string

const as = (who: Actor) => client(ctx, who.access)
/** Fetches a feed URL as a calendar app would: no account, no token but the URL's. */
async function fetchFeed(url: string) {
  const res = await ctx.app.inject({ method: 'GET', url: new URL(url).pathname })
  return { status: res.statusCode, type: String(res.headers['content-type']), text: res.body }
}
async function confirmed(who: Actor, start: string, end: string) {
  const { id, intentId } = await holdAndCheckout(ctx, who, venue, room, start, end)
  await fakeOf(ctx).pay(intentId)
  return id
}

beforeAll(async () => {
  ;({
    ctx,
    f,
    venue,
    room,
    staff: desk,
    alice,
    bob,
  } = await scene({
    at: '2027-07-01T12:00:00Z',
    venue: { timezone: ZONE, hours: everyDay('08:00', '23:00') },
    room: {},
    staff: 'staff',
    customers: { alice: 'Alice Private', bob: 'Bob Private' },
  }))
  aliceBooking = await confirmed(alice, '2027-07-08T10:00', '2027-07-08T12:00')
  bobBooking = await confirmed(bob, '2027-07-09T18:00', '2027-07-09T19:00')
  // A hold is nobody's booking yet: no feed shows it.
  await holdAndCheckout(ctx, bob, venue, room, '2027-07-10T10:00', '2027-07-10T11:00')
  await ctx.services.relay.drain()
})
afterAll(() => ctx.close())

describe('calendar feeds', () => {
  it("a customer's feed is valid iCalendar with their own bookings and nobody else's; the token is shown once", async () => {
    const made = await as(alice).post('/calendar-feeds', { kind: 'customer' })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({
      kind: 'customer',
      subject_id: alice.id,
      url: expect.stringMatching(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/),
    })
    expect(made.body.webcal_url).toBe(made.body.url.replace(/^https?:/, 'webcal:'))
    const feed = await fetchFeed(made.body.url)
    expect(feed.status).toBe(200)
    expect(feed.type).toMatch(/^text\/calendar/)
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/)
    expect(feed.text).toMatch(/END:VCALENDAR\r?\n?$/)
    expect(feed.text).not.toMatch(/^METHOD:/m)
    const events = allEvents(feed.text)
    expect(events).toEqual([
      expect.objectContaining({ UID: `${aliceBooking}@reservoir`, SEQUENCE: '0', DTSTART: '20270708T140000Z', DTEND: '20270708T160000Z', STATUS: 'CONFIRMED' }),
    ])
    expect(feed.text).not.toContain(bobBooking)

    // Listed without the URL: the token exists only in what the caller was answered once.
    const mine = await as(alice).get('/calendar-feeds')
    expect(mine.body).toMatchObject({ count: 1, results: [{ id: made.body.id, kind: 'customer', subject_id: alice.id }] })
    expect(JSON.stringify(mine.body)).not.toContain(new URL(made.body.url).pathname.split('/').pop()!.replace('.ics', ''))
    const [stored] = await ctx.deps.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, made.body.id))
    expect(made.body.url).not.toContain(stored!.tokenHash)
    expect((await as(bob).get('/calendar-feeds')).body.count).toBe(0)
  })

  it('a cancelled booking leaves the feed', async () => {
    const made = await as(bob).post('/calendar-feeds', { kind: 'customer' })
    const extra = await confirmed(bob, '2027-07-11T10:00', '2027-07-11T11:00')
    expect(allEvents((await fetchFeed(made.body.url)).text).map((e) => e.UID)).toEqual([`${bobBooking}@reservoir`, `${extra}@reservoir`])
    await as(bob).post(`/reservations/${extra}/cancel`, {})
    expect(allEvents((await fetchFeed(made.body.url)).text).map((e) => e.UID)).toEqual([`${bobBooking}@reservoir`])
  })

  it("a room's feed, made by its venue's staff, shows every booking of the room as Booked, without names", async () => {
    const made = await as(desk).post('/calendar-feeds', { kind: 'room', id: room.id })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const feed = await fetchFeed(made.body.url)
    const events = allEvents(feed.text)
    expect(events.map((e) => [e.DTSTART, e.SUMMARY])).toEqual([
      ['20270708T140000Z', 'Booked (1 person)'],
      ['20270709T220000Z', 'Booked (1 person)'],
    ])
    expect(feed.text).not.toContain('Private')
    expect(feed.text).not.toContain(alice.email)
  })

  it('nobody makes a feed of a room or a practitioner they do not work for, nor of another customer', async () => {
    const stranger = await f.newCustomer('Stranger')
    const otherVenue = await f.newVenue({ timezone: ZONE })
    const otherStaff = await f.newStaff(otherVenue, 'owner')
    const before = await ctx.deps.db.select().from(calendarFeeds)
    expect(await as(stranger).post('/calendar-feeds', { kind: 'room', id: room.id })).toMatchObject({ status: 403, body: { code: 'forbidden' } })
    expect(await as(otherStaff).post('/calendar-feeds', { kind: 'room', id: room.id })).toMatchObject({ status: 403, body: { code: 'forbidden' } })
    expect(await as(stranger).post('/calendar-feeds', { kind: 'room', id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 404 })
    expect(await as(stranger).post('/calendar-feeds', { kind: 'room' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } })
    expect(await as(stranger).post('/calendar-feeds', { kind: 'practitioner' })).toMatchObject({ status: 404, body: { code: 'not_found' } })
    expect(await as(stranger).post('/calendar-feeds', { kind: 'customer', id: alice.id })).toMatchObject({ status: 403, body: { code: 'forbidden' } })
    expect(await client(ctx).post('/calendar-feeds', { kind: 'customer' })).toMatchObject({ status: 401 })
    expect(await ctx.deps.db.select().from(calendarFeeds)).toEqual(before)
  })

  it('revoking makes the URL answer 404 at once; only its maker can revoke it, once', async () => {
    const made = await as(alice).post('/calendar-feeds', { kind: 'customer' })
    expect((await fetchFeed(made.body.url)).status).toBe(200)
    expect(await as(bob).delete(`/calendar-feeds/${made.body.id}`)).toMatchObject({ status: 404 })
    expect((await fetchFeed(made.body.url)).status).toBe(200)
    expect((await as(alice).delete(`/calendar-feeds/${made.body.id}`)).status).toBe(204)
    const gone = await fetchFeed(made.body.url)
    expect(gone.status).toBe(404)
    expect(JSON.parse(gone.text)).toMatchObject({ code: 'not_found' })
    expect(await as(alice).delete(`/calendar-feeds/${made.body.id}`)).toMatchObject({ status: 404 })
    expect((await as(alice).get('/calendar-feeds')).body.results.map((r: { id: string }) => r.id)).not.toContain(made.body.id)
    // A token nobody was given, well-formed or not.
    expect((await fetchFeed(`http://x/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`)).status).toBe(404)
    expect((await fetchFeed(`http://x/api/v1/calendar-feeds/short.ics`)).status).toBe(400)
  })

  it("leaving the venue's staff ends the room feeds one made there", async () => {
    const temp = await f.newStaff(venue, 'staff')
    const made = await as(temp).post('/calendar-feeds', { kind: 'room', id: room.id })
    expect((await fetchFeed(made.body.url)).status).toBe(200)
    await ctx.deps.db.delete(memberships).where(and(eq(memberships.venueId, venue.id), eq(memberships.userId, temp.id)))
    expect((await fetchFeed(made.body.url)).status).toBe(404)
  })
})
