import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memberships } from '../../src/modules/venues/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client, factories, local, slot, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, venue: Venue, customer: Actor, owner: Actor

beforeAll(
  async () =>
    ({
      ctx,
      f,
      venue,
      staff: owner,
      customer,
    } = await scene({ at: '2027-01-04T12:00:00Z', venue: { timezone: ZONE }, staff: 'owner', customers: { customer: 'Test User' } })),
)
afterAll(() => ctx.close())

const count = async (table: string) => (await ctx.database.raw.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n

describe('input the schemas alone would let through', () => {
  it.each([
    ['a leap second', '2027-01-08T23:59:60Z', '2027-01-09T02:00:00Z'],
    ['hour 24', '2027-01-08T24:00:00Z', '2027-01-09T02:00:00Z'],
    ['30 February', '2027-02-30T02:00:00Z', '2027-02-30T04:00:00Z'],
  ])('refuses %s as an instant with 400 and writes nothing', async (_name, start, end) => {
    const room = await f.newRoom(venue)
    const before = await count('reservations')
    const res = await client(ctx, customer.access).post('/reservations', { venue_id: venue.id, items: [{ kind: 'slot', room_id: room.id, start, end }] })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    expect(await count('reservations')).toBe(before)
  })

  it('refuses NUL characters in stored text with 400', async () => {
    const room = await f.newRoom(venue)
    const before = await count('reservations')
    const res = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      notes: 'a\u0000b',
      items: [slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))],
    })
    expect(res.status).toBe(400)
    expect(await count('reservations')).toBe(before)
    const reg = await client(ctx).post('/auth/register', { email: 'nul@example.test', password: 'long enough password', name: 'a\u0000b' })
    expect(reg.status).toBe(400)
    expect((await client(ctx).get('/venues?search=a%00b')).status).toBeLessThan(500)
  })

  it('refuses an hourly rate too large to total safely', async () => {
    const res = await client(ctx, owner.access).post(`/venues/${venue.id}/rooms`, {
      name: 'Gold',
      capacity: 4,
      hourly_rate: { amount: 3_000_000_000, currency: 'USD' },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
  })

  it('defaults a room with 45-minute slots to whole slots', async () => {
    const res = await client(ctx, owner.access).post(`/venues/${venue.id}/rooms`, {
      name: 'Odd',
      capacity: 4,
      hourly_rate: { amount: 1000, currency: 'USD' },
      slot_minutes: 45,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ slot_minutes: 45, min_minutes: 45, max_minutes: 225 })
  })

  it('accepts the bearer scheme in any case', async () => {
    expect((await client(ctx).get('/auth/user', { authorization: `bearer ${customer.access}` })).status).toBe(200)
  })
})

describe('memberships', () => {
  it('lets a manager add staff but never change an owner or a manager', async () => {
    const v = await f.newVenue()
    const boss = await f.newStaff(v, 'owner')
    const manager = await f.newStaff(v, 'manager')
    const other = await f.newStaff(v, 'manager')
    const newcomer = await f.newCustomer()
    const m = client(ctx, manager.access)
    expect((await m.post(`/venues/${v.id}/members`, { email: newcomer.email, role: 'staff' })).status).toBe(201)
    expect((await m.post(`/venues/${v.id}/members`, { email: boss.email, role: 'staff' })).status).toBe(403)
    expect((await m.post(`/venues/${v.id}/members`, { email: other.email, role: 'staff' })).status).toBe(403)
    expect((await m.post(`/venues/${v.id}/members`, { email: newcomer.email, role: 'manager' })).status).toBe(403)
    const roles = await ctx.deps.db.select().from(memberships).where(eq(memberships.venueId, v.id))
    const roleOf = (id: string) => roles.find((r) => r.userId === id)?.role
    expect([roleOf(boss.id), roleOf(other.id), roleOf(newcomer.id)]).toEqual(['owner', 'manager', 'staff'])
    // The owner may promote.
    expect((await client(ctx, boss.access).post(`/venues/${v.id}/members`, { email: newcomer.email, role: 'manager' })).body.role).toBe('manager')
  })
})

describe('rooms', () => {
  it('can be archived while only a lapsed, unswept hold remains', async () => {
    const room = await f.newRoom(venue)
    const held = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))],
    })
    expect(held.status).toBe(201)
    const o = client(ctx, owner.access)
    expect((await o.delete(`/rooms/${room.id}`)).body.code).toBe('room_has_reservations')
    ctx.clock.advance(16 * 60_000)
    const later = client(ctx, await tokenAt(ctx, owner))
    expect((await later.delete(`/rooms/${room.id}`)).status).toBe(204)
    expect((await later.get(`/rooms/${room.id}`)).status).toBe(404)
    ctx.clock.set('2027-01-04T12:00:00Z')
  })
})

describe('Idempotency-Key on actions', () => {
  it('replays a cancel instead of answering 409 the second time', async () => {
    const room = await f.newRoom(venue)
    const { body } = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(ZONE, '2027-01-09T19:00'), local(ZONE, '2027-01-09T21:00'))],
    })
    const key = { 'idempotency-key': `cancel-${body.id}` }
    const first = await client(ctx, customer.access).post(`/reservations/${body.id}/cancel`, {}, key)
    const second = await client(ctx, customer.access).post(`/reservations/${body.id}/cancel`, {}, key)
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.body).toEqual(first.body)
    expect((await client(ctx, customer.access).post(`/reservations/${body.id}/cancel`)).status).toBe(409)
  })
})

describe('credential rate limit', () => {
  it("counts by address, so sending some account's token does not buy a fresh bucket", async () => {
    const strict = await buildTestApp({ loginFailures: { perAccount: 1000, perAddress: 3, windowMinutes: 15 } })
    try {
      const sf = factories(strict)
      const tokens = await Promise.all([sf.newCustomer(), sf.newCustomer(), sf.newCustomer(), sf.newCustomer()])
      const statuses = []
      for (const t of tokens) {
        statuses.push((await client(strict, t.access).post('/auth/login', { email: 'nobody@example.test', password: 'wrong password' })).status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    } finally {
      await strict.close()
    }
  })
})
