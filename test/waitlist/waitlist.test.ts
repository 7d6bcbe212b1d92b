import { asc, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { waitlistEntries } from '../../src/modules/waitlist/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
const NOW = local(ZONE, '2027-01-08T19:10')
let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene({ at: NOW })))
afterAll(() => ctx.close())
afterEach(() => ctx.clock.set(NOW))

const at = (wall: string) => new Date(local(ZONE, wall)).toISOString()
const walkIn = (extra: Record<string, unknown> = {}) => ({ name: 'Ana Lima', phone: '+1 (303) 555-0100', party_size: 2, ...extra })

async function join(venue: Venue, body: Record<string, unknown> = walkIn(), token?: string) {
  const res = await client(ctx, token).post(`/venues/${venue.id}/waitlist`, body)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

async function eventsOf(id: string) {
  return ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id)).orderBy(asc(outboxEvents.id))
}

/** A venue open 16:00–02:00 with one free room, and a member of its staff. */
async function venueWithRoom(): Promise<{ venue: Venue; staff: Actor }> {
  const venue = await f.newVenue({ timezone: ZONE })
  await f.newRoom(venue, { capacity: 4 })
  return { venue, staff: await f.newStaff(venue) }
}

describe('joining the queue', () => {
  it('is public: answers the entry, its status link, position and estimate, and writes a waitlist.updated event', async () => {
    const { venue } = await venueWithRoom()
    const body = await join(venue, walkIn({ notes: 'birthday' }))
    expect(body).toMatchObject({
      venue_id: venue.id,
      user_id: null,
      name: 'Ana Lima',
      phone: '+13035550100',
      party_size: 2,
      notes: 'birthday',
      quoted_wait_minutes: null,
      status: 'waiting',
      position: 1,
      estimated_wait_minutes: 0,
      estimated_ready_at: new Date(NOW).toISOString(),
      room_id: null,
      reservation_id: null,
      created_at: new Date(NOW).toISOString(),
    })
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.status_url).toBe(`/api/v1/waitlist/status/${body.token}`)
    const [row] = await ctx.deps.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, body.id))
    expect(row).toMatchObject({ userId: null, createdBy: null, token: body.token })

    const events = await eventsOf(body.id)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'waitlist.updated', version: 1, venueId: venue.id, aggregateId: body.id })
    expect(events[0]!.payload).toEqual({
      id: body.id,
      venue_id: venue.id,
      status: 'waiting',
      party_size: 2,
      name: 'Ana Lima',
      room_id: null,
      reservation_id: null,
    })
  })

  it('records a signed-in customer as the owner; staff adding a walk-in are only its creator, and only they quote a wait', async () => {
    const { venue, staff } = await venueWithRoom()
    const customer = await f.newCustomer()
    const own = await join(venue, walkIn(), customer.access)
    expect(own.user_id).toBe(customer.id)

    for (const token of [customer.access, undefined, (await f.newStaff(await f.newVenue(), 'owner')).access]) {
      const refused = await client(ctx, token).post(`/venues/${venue.id}/waitlist`, walkIn({ quoted_wait_minutes: 15 }))
      expect(refused.status).toBe(403)
      expect(refused.body.code).toBe('forbidden')
    }
    // Quoting nothing is not quoting.
    expect((await join(venue, walkIn({ quoted_wait_minutes: null }))).quoted_wait_minutes).toBeNull()

    const quoted = await join(venue, walkIn({ quoted_wait_minutes: 15 }), staff.access)
    expect(quoted).toMatchObject({ quoted_wait_minutes: 15, user_id: null })
    const [row] = await ctx.deps.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, quoted.id))
    expect(row!.createdBy).toBe(staff.id)
    const admin = await f.newAdmin()
    expect((await join(venue, walkIn({ quoted_wait_minutes: 0 }), admin.access)).quoted_wait_minutes).toBe(0)
    // The refusals added nothing: only the four that joined are in the queue.
    const queue = await client(ctx, staff.access).get(`/venues/${venue.id}/waitlist`)
    expect(queue.body.count).toBe(4)
  })

  it('refuses bad input, an unknown venue and a token that does not verify', async () => {
    const { venue } = await venueWithRoom()
    const post = (body: unknown, token?: string) => client(ctx, token).post(`/venues/${venue.id}/waitlist`, body)
    const bad = [
      walkIn({ phone: 'call me' }),
      walkIn({ phone: '12345' }),
      walkIn({ phone: '+1 (303) 555-0100 ext 7' }),
      walkIn({ party_size: 0 }),
      walkIn({ party_size: '2' }),
      walkIn({ name: '   ' }),
      walkIn({ quoted_wait_minutes: 1441 }),
      walkIn({ status: 'seated' }),
      walkIn({ user_id: '00000000-0000-4000-8000-000000000000' }),
      { name: 'No phone', party_size: 2 },
    ]
    for (const body of bad) {
      const res = await post(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('validation_failed')
    }
    expect((await post(walkIn({ phone: '12345' }))).body.detail).toEqual({ field: 'phone', reason: 'phone_digits' })
    expect((await client(ctx).post('/venues/00000000-0000-4000-8000-000000000000/waitlist', walkIn())).status).toBe(404)
    const garbage = await post(walkIn(), 'not.a.jwt')
    expect(garbage.status).toBe(401)
    expect(garbage.body.code).toBe('invalid_token')
    expect(await ctx.deps.db.select().from(waitlistEntries).where(eq(waitlistEntries.venueId, venue.id))).toEqual([])
  })
})

describe('the status link', () => {
  it('shows the venue, first name, party, place and estimate to anyone holding it, and never the phone or notes', async () => {
    const { venue } = await venueWithRoom()
    await join(venue)
    ctx.clock.advance(60_000)
    const second = await join(venue, walkIn({ name: '  Bo  Diddley ', phone: '+44 20 7946 0958', notes: 'allergic to nuts', party_size: 3 }))
    const res = await client(ctx).get(`/waitlist/status/${second.token}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      venue_id: venue.id,
      venue_name: venue.name,
      name: 'Bo',
      party_size: 3,
      status: 'waiting',
      position: 2,
      // The one room is the first party's from 19:00 (the running slot) for its hour.
      estimated_wait_minutes: 49,
      estimated_ready_at: at('2027-01-08T20:00'),
      quoted_wait_minutes: null,
      joined_at: new Date(Date.parse(NOW) + 60_000).toISOString(),
    })
    expect(JSON.stringify(res.body)).not.toMatch(/7946|Diddley|nuts/)

    expect((await client(ctx).get(`/waitlist/status/${'A'.repeat(43)}`)).status).toBe(404)
    const malformed = await client(ctx).get('/waitlist/status/short')
    expect(malformed.status).toBe(400)
    expect(malformed.body.code).toBe('validation_failed')
  })
})

describe("the staff's list", () => {
  it('shows the queue in order with positions, filters by status, searches, orders and pages', async () => {
    const { venue, staff } = await venueWithRoom()
    const api = client(ctx, staff.access)
    const names = ['Ana', 'Bea', 'Cy', 'Dee']
    const ids: string[] = []
    for (const name of names) {
      ids.push((await join(venue, walkIn({ name }))).id)
      ctx.clock.advance(60_000)
    }
    expect((await api.post(`/waitlist/${ids[1]}/notify`)).status).toBe(200)
    expect((await api.post(`/waitlist/${ids[2]}/remove`)).status).toBe(200)

    const queue = await api.get(`/venues/${venue.id}/waitlist`)
    expect(queue.status).toBe(200)
    expect(queue.body).toMatchObject({ count: 3, next: null, previous: null })
    expect(queue.body.results.map((e: { name: string; status: string; position: number }) => [e.name, e.status, e.position])).toEqual([
      ['Ana', 'waiting', 1],
      ['Bea', 'notified', 2],
      ['Dee', 'waiting', 3],
    ])
    expect(queue.body.results[0]).toMatchObject({ phone: '+13035550100', estimated_wait_minutes: 0 })
    expect(queue.body.results[0].token).toBeUndefined()

    const left = await api.get(`/venues/${venue.id}/waitlist?status=left`)
    expect(left.body.results).toMatchObject([{ name: 'Cy', status: 'left', position: null, estimated_wait_minutes: null, estimated_ready_at: null }])
    const notified = await api.get(`/venues/${venue.id}/waitlist?status=notified`)
    expect(notified.body.results).toMatchObject([{ name: 'Bea', position: 2 }])
    expect((await api.get(`/venues/${venue.id}/waitlist?search=dE`)).body.results.map((e: { name: string }) => e.name)).toEqual(['Dee'])

    const newestFirst = await api.get(`/venues/${venue.id}/waitlist?ordering=-created_at`)
    expect(newestFirst.body.results.map((e: { position: number }) => e.position)).toEqual([3, 2, 1])
    const page = await api.get(`/venues/${venue.id}/waitlist?page=2&page_size=2`)
    expect(page.body).toMatchObject({ count: 3, next: null, previous: `/api/v1/venues/${venue.id}/waitlist?page=1&page_size=2` })
    expect(page.body.results).toMatchObject([{ name: 'Dee', position: 3 }])
    expect((await api.get(`/venues/${venue.id}/waitlist?status=gone`)).status).toBe(400)
  })

  it("is for the venue's staff only: 403 for customers and other venues' staff, 401 anonymous, 404 unknown venue", async () => {
    const { venue, staff } = await venueWithRoom()
    const customer = await f.newCustomer()
    await join(venue, walkIn(), customer.access)
    expect((await client(ctx, customer.access).get(`/venues/${venue.id}/waitlist`)).status).toBe(403)
    const foreign = await f.newStaff(await f.newVenue(), 'owner')
    expect((await client(ctx, foreign.access).get(`/venues/${venue.id}/waitlist`)).status).toBe(403)
    expect((await client(ctx).get(`/venues/${venue.id}/waitlist`)).status).toBe(401)
    expect((await client(ctx, staff.access).get('/venues/00000000-0000-4000-8000-000000000000/waitlist')).status).toBe(404)
    expect((await client(ctx, (await f.newAdmin()).access).get(`/venues/${venue.id}/waitlist`)).body.count).toBe(1)
  })
})

describe('notify and remove', () => {
  it('notify moves waiting → notified and may be repeated; remove ends it as left or no_show; ended entries answer 409', async () => {
    const { venue, staff } = await venueWithRoom()
    const entry = await join(venue)
    const api = client(ctx, staff.access)
    const notified = await api.post(`/waitlist/${entry.id}/notify`)
    expect(notified.status).toBe(200)
    expect(notified.body).toMatchObject({ status: 'notified', notified_at: new Date(NOW).toISOString(), position: 1, ended_at: null })
    ctx.clock.advance(5 * 60_000)
    const again = await api.post(`/waitlist/${entry.id}/notify`, {})
    expect(again.body).toMatchObject({ status: 'notified', notified_at: new Date(Date.parse(NOW) + 5 * 60_000).toISOString() })

    const gone = await api.post(`/waitlist/${entry.id}/remove`, { reason: 'no_show' })
    expect(gone.body).toMatchObject({ status: 'no_show', ended_at: new Date(Date.parse(NOW) + 5 * 60_000).toISOString(), position: null })
    for (const action of ['notify', 'remove', 'seat']) {
      const refused = await api.post(`/waitlist/${entry.id}/${action}`)
      expect(refused.status, action).toBe(409)
      expect(refused.body).toMatchObject({ code: 'invalid_transition', detail: { from: 'no_show' } })
    }
    const statuses = (await eventsOf(entry.id)).map((e) => (e.payload as { status: string }).status)
    expect(statuses).toEqual(['waiting', 'notified', 'notified', 'no_show'])

    const other = await join(venue)
    expect((await api.post(`/waitlist/${other.id}/remove`)).body.status).toBe('left')
    expect((await api.post(`/waitlist/${other.id}/remove`, { reason: 'gone' })).status).toBe(400)
    expect((await api.post(`/waitlist/${other.id}/notify`, { message: 'hi' })).status).toBe(400)
  })

  it("hides entries from anyone but the venue's staff: 404 for customers (even the owner) and other venues' staff", async () => {
    const { venue } = await venueWithRoom()
    const customer = await f.newCustomer()
    const entry = await join(venue, walkIn(), customer.access)
    const foreign = await f.newStaff(await f.newVenue(), 'owner')
    for (const who of [customer, foreign]) {
      for (const action of ['notify', 'remove', 'seat']) {
        const res = await client(ctx, who.access).post(`/waitlist/${entry.id}/${action}`)
        expect(res.status).toBe(404)
        expect(res.body.code).toBe('not_found')
      }
    }
    expect((await client(ctx).post(`/waitlist/${entry.id}/notify`)).status).toBe(401)
    const admin = await f.newAdmin()
    expect((await client(ctx, admin.access).post('/waitlist/00000000-0000-4000-8000-000000000000/notify')).status).toBe(404)
    expect((await client(ctx, admin.access).post(`/waitlist/${entry.id}/notify`)).body.status).toBe('notified')
    // A later token for the same staff still works after the clock moved past the first one's life.
    ctx.clock.advance(2 * 3600_000)
    expect((await client(ctx, await tokenAt(ctx, admin)).post(`/waitlist/${entry.id}/remove`)).body.status).toBe('left')
  })
})
