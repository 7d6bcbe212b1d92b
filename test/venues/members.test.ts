import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Venue } from '../../src/modules/venues/service.js'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene()))
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)
const remove = (by: Actor, venue: Venue, member: { id: string }) => as(by).delete(`/venues/${venue.id}/members/${member.id}`)

/** The venue's members as the database has them, by user id. */
async function membersOf(venue: Venue): Promise<Record<string, string>> {
  const { rows } = await ctx.database.raw.query<{ user_id: string; role: string }>('select user_id, role from memberships where venue_id = $1', [venue.id])
  return Object.fromEntries(rows.map((r) => [r.user_id, r.role]))
}

describe('removing a venue member', () => {
  it('an owner removes staff, a manager and another owner; the removed lose access at once', async () => {
    const venue = await f.newVenue()
    const [owner, other, manager, staff] = [
      await f.newStaff(venue, 'owner'),
      await f.newStaff(venue, 'owner'),
      await f.newStaff(venue, 'manager'),
      await f.newStaff(venue),
    ]
    expect((await as(staff).get(`/venues/${venue.id}/members`)).status).toBe(200)
    for (const member of [staff, manager, other]) {
      const res = await remove(owner, venue, member)
      expect(res.status, JSON.stringify(res.body)).toBe(204)
      expect(res.body).toBeNull()
    }
    expect(await membersOf(venue)).toEqual({ [owner.id]: 'owner' })
    // A departed employee's token still verifies, but no longer opens the venue's data.
    expect((await as(staff).get(`/venues/${venue.id}/members`)).status).toBe(403)
    expect((await as(staff).get(`/reservations?venue=${venue.id}`)).status).toBe(403)
  })

  it('a manager removes staff only; staff remove no one', async () => {
    const venue = await f.newVenue()
    const [owner, manager, otherManager, staff, otherStaff] = [
      await f.newStaff(venue, 'owner'),
      await f.newStaff(venue, 'manager'),
      await f.newStaff(venue, 'manager'),
      await f.newStaff(venue),
      await f.newStaff(venue),
    ]
    for (const member of [owner, otherManager, manager]) {
      const res = await remove(manager, venue, member)
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('forbidden')
    }
    const refused = await remove(staff, venue, otherStaff)
    expect(refused.status).toBe(403)
    expect(Object.keys(await membersOf(venue))).toHaveLength(5)
    expect((await remove(manager, venue, staff)).status).toBe(204)
    expect(Object.keys(await membersOf(venue))).toHaveLength(4)
  })

  it('refuses to remove the last owner, even for an admin: 409 last_owner', async () => {
    const venue = await f.newVenue()
    const owner = await f.newStaff(venue, 'owner')
    const admin = await f.newAdmin()
    for (const by of [owner, admin]) {
      const res = await remove(by, venue, owner)
      expect(res.status).toBe(409)
      expect(res.body).toEqual({ error: expect.any(String), code: 'last_owner', detail: { user_id: owner.id } })
    }
    expect(await membersOf(venue)).toEqual({ [owner.id]: 'owner' })
  })

  it('refuses to demote the last owner through the add-member upsert too', async () => {
    const venue = await f.newVenue()
    const owner = await f.newStaff(venue, 'owner')
    const res = await as(owner).post(`/venues/${venue.id}/members`, { email: owner.email, role: 'manager' })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('last_owner')
    expect(await membersOf(venue)).toEqual({ [owner.id]: 'owner' })
    // With a second owner, stepping down is fine.
    const second = await f.newStaff(venue, 'owner')
    expect((await as(owner).post(`/venues/${venue.id}/members`, { email: owner.email, role: 'manager' })).status).toBe(201)
    expect(await membersOf(venue)).toEqual({ [owner.id]: 'manager', [second.id]: 'owner' })
  })

  it('answers 404 for someone who is not a member, and for an unknown venue', async () => {
    const venue = await f.newVenue()
    const owner = await f.newStaff(venue, 'owner')
    const stranger = await f.newCustomer()
    expect((await remove(owner, venue, stranger)).body.code).toBe('not_found')
    expect((await remove(owner, venue, stranger)).status).toBe(404)
    expect((await as(owner).delete(`/venues/00000000-0000-4000-8000-000000000000/members/${owner.id}`)).status).toBe(404)
  })
})

describe.runIf(onPostgres())('removing owners concurrently (PostgreSQL)', () => {
  let base: string
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/api/v1`
  })

  const del = (by: Actor, venue: Venue, member: Actor) =>
    fetch(`${base}/venues/${venue.id}/members/${member.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${by.access}` } }).then((r) => r.status)

  it('two owners removing each other at once never leave the venue without an owner', async () => {
    const venues = await Promise.all(Array.from({ length: 30 }, () => f.newVenue()))
    const pairs = await Promise.all(venues.map(async (v) => [await f.newStaff(v, 'owner'), await f.newStaff(v, 'owner')] as const))
    const results = await Promise.all(venues.map((v, i) => Promise.all([del(pairs[i]![0], v, pairs[i]![1]), del(pairs[i]![1], v, pairs[i]![0])])))
    // Each pair: one removal went through; the other found itself removed (403) or the last owner (409).
    for (const statuses of results) {
      expect(statuses.filter((s) => s === 204)).toHaveLength(1)
      expect(statuses.filter((s) => s === 403 || s === 409)).toHaveLength(1)
    }
    const { rows } = await ctx.database.raw.query<{ venue_id: string; owners: number }>(
      `select v.id as venue_id, (select count(*)::int from memberships m where m.venue_id = v.id and m.role = 'owner') as owners
         from venues v where v.id = any($1::uuid[])`,
      [venues.map((v) => v.id)],
    )
    expect(rows.filter((r) => r.owners !== 1)).toEqual([])
  })

  it('five owners each removing all the others at once leave exactly one', async () => {
    const venue = await f.newVenue()
    const owners = await Promise.all(Array.from({ length: 5 }, () => f.newStaff(venue, 'owner')))
    const statuses = await Promise.all(owners.flatMap((by) => owners.filter((o) => o !== by).map((o) => del(by, venue, o))))
    expect(statuses.every((s) => [204, 403, 404, 409].includes(s))).toBe(true)
    expect(statuses.filter((s) => s === 204)).toHaveLength(4)
    expect(Object.values(await membersOf(venue))).toEqual(['owner'])
  })
})

describe('GET /venues/mine', () => {
  it('lists the venues where the caller works, by name, with their role at each, and no others', async () => {
    const [first, second, elsewhere] = [await f.newVenue(), await f.newVenue(), await f.newVenue()]
    const person = await f.newStaff(first, 'manager')
    await ctx.database.raw.query(`insert into memberships (venue_id, user_id, role) values ($1, $2, 'staff')`, [second.id, person.id])
    await f.newStaff(elsewhere, 'owner')
    const res = await as(person).get('/venues/mine?page_size=1')
    expect(res.status).toBe(200)
    expect(res.body.count).toBe(2)
    const all = (await as(person).get('/venues/mine')).body.results.map((r: any) => [r.venue.id, r.role])
    const expected = [
      [first, 'manager'],
      [second, 'staff'],
    ]
      .sort(([a], [b]) => ((a as Venue).name < (b as Venue).name ? -1 : 1))
      .map(([v, role]) => [(v as Venue).id, role])
    expect(all).toEqual(expected)
  })

  it('is empty for a customer and needs a sign-in', async () => {
    const customer = await f.newCustomer()
    expect((await as(customer).get('/venues/mine')).body).toMatchObject({ count: 0, results: [] })
    expect((await client(ctx).get('/venues/mine')).status).toBe(401)
  })
})
