import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, type Actor } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

const ZONE = 'Europe/Lisbon'
const NOW = '2027-03-01T08:00:00Z'

let ctx: TestContext
let admin: Actor
let yogi: Actor
let other: Actor
let customer: Actor

const apply = (actor: Actor, extra: Record<string, unknown> = {}) =>
  client(ctx, actor.access).post('/practitioners/apply', {
    display_name: 'Ana Yoga',
    bio: 'Vinyasa and breath work',
    specializations: ['Yoga', 'Breathwork'],
    locations: [{ city: 'Lisbon', address: 'Rua A 1', is_virtual: false }, { is_virtual: true }],
    timezone: ZONE,
    currency: 'EUR',
    ...extra,
  })

const newService = (actor: Actor, practitionerId: string, extra: Record<string, unknown> = {}) =>
  client(ctx, actor.access).post('/services', {
    practitioner_id: practitionerId,
    type: 'workshop',
    title: 'Morning flow',
    category: 'Yoga',
    price: { amount: 2500, currency: 'EUR' },
    duration_minutes: 60,
    max_participants: 8,
    ...extra,
  })

const count = async (table: string) => (await rowsOf<{ n: number }>(ctx.deps.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n

beforeAll(async () => {
  ;({ ctx, admin, yogi, other, customer } = await scene({ at: NOW, admin: true, customers: { yogi: 'Ana', other: 'Bo', customer: 'Cy' } }))
})
afterAll(() => ctx.close())

describe('applying and verification', () => {
  let id: string

  it('an application makes a pending, private profile and its venue, with the applicant as owner', async () => {
    const res = await apply(yogi)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ verification_status: 'pending', timezone: ZONE, currency: 'EUR', is_featured: false, rating: null })
    expect(res.body.locations).toEqual([
      expect.objectContaining({ city: 'Lisbon', is_primary: true, is_virtual: false }),
      expect.objectContaining({ city: null, is_primary: false, is_virtual: true }),
    ])
    id = res.body.id
    const [venue] = await rowsOf<{ kind: string; role: string }>(
      ctx.deps.db,
      sql`select v.kind, m.role from venues v join memberships m on m.venue_id = v.id where v.id = ${res.body.venue_id} and m.user_id = ${yogi.id}`,
    )
    expect(venue).toEqual({ kind: 'practitioner', role: 'owner' })
  })

  it('one profile per person', async () => {
    const before = await count('venues')
    const res = await apply(yogi)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('already_applied')
    expect(await count('venues')).toBe(before)
  })

  it('a pending profile is hidden from the public and from listings, not from its owner', async () => {
    expect((await client(ctx).get(`/practitioners/${id}`)).status).toBe(404)
    expect((await client(ctx, customer.access).get(`/practitioners/${id}`)).status).toBe(404)
    expect((await client(ctx, yogi.access).get(`/practitioners/${id}`)).status).toBe(200)
    expect((await client(ctx).get('/practitioners')).body.results.map((p: { id: string }) => p.id)).not.toContain(id)
  })

  it('an unverified practitioner cannot publish', async () => {
    const res = await newService(yogi, id)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('not_verified')
    expect(await count('services')).toBe(0)
  })

  it('only an admin verifies, rejects (with a reason) or features', async () => {
    expect((await client(ctx, yogi.access).post(`/practitioners/${id}/verify`)).status).toBe(403)
    const rejected = await client(ctx, admin.access).post(`/practitioners/${id}/reject`, { reason: 'Certificate unreadable' })
    expect(rejected.body).toMatchObject({ verification_status: 'rejected', rejection_reason: 'Certificate unreadable' })
    expect((await client(ctx).get(`/practitioners/${id}`)).status).toBe(404)
    const verified = await client(ctx, admin.access).post(`/practitioners/${id}/verify`)
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ verification_status: 'verified', rejection_reason: null })
    expect((await client(ctx, admin.access).put(`/practitioners/${id}/featured`, { is_featured: true })).body.is_featured).toBe(true)
    expect((await client(ctx, yogi.access).put(`/practitioners/${id}/featured`, { is_featured: false })).status).toBe(403)
    expect((await client(ctx).get(`/practitioners/${id}`)).status).toBe(200)
  })

  it('the owner edits the profile; nobody else does, and verification is not theirs to set', async () => {
    const res = await client(ctx, yogi.access).put(`/practitioners/${id}`, {
      bio: 'Twenty years of practice',
      locations: [{ city: 'Porto', is_virtual: false }],
    })
    expect(res.status).toBe(200)
    expect(res.body.bio).toBe('Twenty years of practice')
    expect(res.body.locations).toEqual([expect.objectContaining({ city: 'Porto', is_primary: true })])
    expect((await client(ctx, other.access).put(`/practitioners/${id}`, { bio: 'mine now' })).status).toBe(403)
    expect((await client(ctx, yogi.access).put(`/practitioners/${id}`, { verification_status: 'verified' })).status).toBe(400)
    await client(ctx, yogi.access).put(`/practitioners/${id}`, { locations: [{ city: 'Lisbon', is_virtual: false }, { is_virtual: true }] })
  })

  it('lists verified practitioners with filters', async () => {
    const list = (q: string) => client(ctx).get(`/practitioners?${q}`)
    const ids = async (q: string) => (await list(q)).body.results.map((p: { id: string }) => p.id)
    expect(await ids('')).toEqual([id])
    expect(await ids('specialization=yoga')).toEqual([id])
    expect(await ids('specialization=reiki')).toEqual([])
    expect(await ids('city=lisbon')).toEqual([id])
    expect(await ids('city=Faro')).toEqual([])
    expect(await ids('virtual=true')).toEqual([id])
    expect(await ids('search=twenty')).toEqual([id])
    expect(await ids('search=ana')).toEqual([id])
    expect(await ids('ordering=-rating')).toEqual([id])
  })

  it('admins list applications by state; a venue’s staff find its practitioner in any state; nobody else sees those', async () => {
    const pending = await apply(other, { display_name: 'Bo Reiki' })
    expect(pending.status).toBe(201)
    const ids = async (actor: Actor | undefined, q: string) => {
      const res = await client(ctx, actor?.access).get(`/practitioners?${q}`)
      return res.status === 200 ? res.body.results.map((p: { id: string }) => p.id) : res.body.code
    }
    expect(await ids(admin, 'status=pending')).toEqual([pending.body.id])
    expect(await ids(admin, 'status=verified')).toEqual([id])
    expect(await ids(admin, 'status=rejected')).toEqual([])
    expect(await ids(customer, 'status=pending')).toBe('forbidden')
    expect(await ids(undefined, 'status=rejected')).toBe('forbidden')
    expect(await ids(other, 'status=pending')).toBe('forbidden')
    // By venue: its own staff and admins see the pending profile, the public only a verified one.
    expect(await ids(other, `venue=${pending.body.venue_id}`)).toEqual([pending.body.id])
    expect(await ids(admin, `venue=${pending.body.venue_id}`)).toEqual([pending.body.id])
    expect(await ids(customer, `venue=${pending.body.venue_id}`)).toEqual([])
    expect(await ids(undefined, `venue=${pending.body.venue_id}`)).toEqual([])
    const verified = (await client(ctx, admin.access).get(`/practitioners/${id}`)).body.venue_id
    expect(await ids(undefined, `venue=${verified}`)).toEqual([id])
    // The listing without them is unchanged: verified only, for admins too.
    expect(await ids(admin, '')).toEqual([id])
  })
})

describe('services, occurrences and the one calendar', () => {
  let practitioner: { id: string; venue_id: string }
  let workshop: { id: string }
  let course: { id: string }
  let session: { id: string }
  const day = '2027-03-10'
  const at = (time: string) => local(ZONE, `${day}T${time}`)

  beforeAll(async () => {
    practitioner = (await client(ctx).get('/practitioners')).body.results[0]
    await client(ctx, yogi.access).post(`/practitioners/${practitioner.id}/schedule`, {
      hours: everyDay('09:00', '12:00'),
      exceptions: [{ date: '2027-03-11', hours: [] }],
    })
  })

  it('creates a session, a workshop and a course', async () => {
    const s = await newService(yogi, practitioner.id, {
      type: 'session',
      title: 'Private class',
      max_participants: undefined,
      price: { amount: 6000, currency: 'EUR' },
    })
    expect(s.status).toBe(201)
    expect(s.body).toMatchObject({ type: 'session', max_participants: 1, price: { amount: 6000, currency: 'EUR' } })
    session = s.body
    workshop = (await newService(yogi, practitioner.id)).body
    course = (await newService(yogi, practitioner.id, { type: 'course', title: 'Four weeks of breath', category: 'Breathwork', is_virtual: true })).body
    expect(workshop).toMatchObject({ type: 'workshop', max_participants: 8 })
  })

  it('refuses what does not fit: a session for many, a price in another currency', async () => {
    expect((await newService(yogi, practitioner.id, { type: 'session', max_participants: 3 })).status).toBe(400)
    expect((await newService(yogi, practitioner.id, { price: { amount: 100, currency: 'USD' } })).status).toBe(400)
  })

  it('another person cannot write the practitioner’s services', async () => {
    expect((await newService(other, practitioner.id)).status).toBe(403)
    expect((await client(ctx, other.access).put(`/services/${workshop.id}`, { title: 'Hijacked' })).status).toBe(403)
    expect(
      (await client(ctx, other.access).post(`/services/${workshop.id}/schedule`, { occurrences: [{ start: at('10:00'), end: at('11:00') }] })).status,
    ).toBe(403)
    expect((await client(ctx, other.access).delete(`/services/${workshop.id}`)).status).toBe(403)
  })

  it('schedules occurrences on the practitioner’s calendar, and refuses an overlap whole', async () => {
    const res = await client(ctx, yogi.access).post(`/services/${workshop.id}/schedule`, { occurrences: [{ start: at('10:00'), end: at('11:00') }] })
    expect(res.status).toBe(201)
    expect(res.body.occurrences).toEqual([expect.objectContaining({ capacity: 8, taken: 0, available: 8 })])
    const before = [await count('service_occurrences'), await count('calendar_claims')]
    const clash = await client(ctx, yogi.access).post(`/services/${course.id}/schedule`, {
      occurrences: [
        { start: local(ZONE, '2027-03-17T10:00'), end: local(ZONE, '2027-03-17T11:00') },
        { start: at('10:30'), end: at('11:30') },
      ],
    })
    expect(clash.status).toBe(409)
    expect(clash.body.code).toBe('calendar_conflict')
    expect([await count('service_occurrences'), await count('calendar_claims')]).toEqual(before)
  })

  it('schedules a course’s sessions together, once', async () => {
    const weeks = [17, 24, 31].map((d) => ({ start: local(ZONE, `2027-03-${d}T18:00`), end: local(ZONE, `2027-03-${d}T19:00`) }))
    const res = await client(ctx, yogi.access).post(`/services/${course.id}/schedule`, { occurrences: weeks })
    expect(res.status).toBe(201)
    expect(res.body.occurrences).toHaveLength(3)
    const again = await client(ctx, yogi.access).post(`/services/${course.id}/schedule`, {
      occurrences: [{ start: local(ZONE, '2027-04-07T18:00'), end: local(ZONE, '2027-04-07T19:00') }],
    })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('course_scheduled')
    const listed = await client(ctx).get(`/services/${course.id}/schedule`)
    expect(listed.body.count).toBe(3)
  })

  it('a session cannot be scheduled, an occurrence cannot end before it starts', async () => {
    expect((await client(ctx, yogi.access).post(`/services/${session.id}/schedule`, { occurrences: [{ start: at('10:00'), end: at('11:00') }] })).status).toBe(
      400,
    )
    expect((await client(ctx, yogi.access).post(`/services/${workshop.id}/schedule`, { occurrences: [{ start: at('11:00'), end: at('10:00') }] })).status).toBe(
      400,
    )
  })

  it('availability for a session subtracts the workshop, on the 15-minute grid, and honours a day off', async () => {
    const res = await client(ctx).get(`/practitioners/${practitioner.id}/availability?date=${day}&service_id=${session.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ date: day, timezone: ZONE, duration_minutes: 60 })
    expect(res.body.free).toEqual([
      { start: '2027-03-10T09:00:00+00:00', end: '2027-03-10T10:00:00+00:00' },
      { start: '2027-03-10T11:00:00+00:00', end: '2027-03-10T12:00:00+00:00' },
    ])
    const off = await client(ctx).get(`/practitioners/${practitioner.id}/availability?date=2027-03-11&service_id=${session.id}`)
    expect(off.body.free).toEqual([])
    expect((await client(ctx).get(`/practitioners/${practitioner.id}/availability?date=${day}&service_id=${workshop.id}`)).status).toBe(400)
  })

  it('discovery filters by type, category, city, virtual, price, practitioner, search and availability', async () => {
    const ids = async (q: string) => ((await client(ctx).get(`/services?${q}`)).body.results as { id: string }[]).map((s) => s.id).sort()
    const all = [session.id, workshop.id, course.id].sort()
    expect(await ids('')).toEqual(all)
    expect(await ids('type=course')).toEqual([course.id])
    expect(await ids('category=breathwork')).toEqual([course.id])
    expect(await ids('city=Lisbon')).toEqual(all)
    expect(await ids('city=Faro')).toEqual([])
    expect(await ids('virtual=true')).toEqual([course.id])
    expect(await ids('price_min=5000')).toEqual([session.id])
    expect(await ids('price_max=3000')).toEqual([workshop.id, course.id].sort())
    expect(await ids(`practitioner=${practitioner.id}&search=flow`)).toEqual([workshop.id])
    // The workshop on the 10th, the course starting on the 17th, sessions on any working day.
    expect(await ids('available_from=2027-03-10&available_to=2027-03-10')).toEqual([session.id, workshop.id].sort())
    expect(await ids('available_from=2027-03-11&available_to=2027-03-11')).toEqual([])
    expect(await ids('available_from=2027-03-15&available_to=2027-03-20&type=course')).toEqual([course.id])
    expect((await client(ctx).get('/services?available_from=2027-03-01')).status).toBe(400)
    const categories = await client(ctx).get('/services/categories')
    expect(categories.body.results).toEqual([
      { category: 'Breathwork', services: 1 },
      { category: 'Yoga', services: 2 },
    ])
  })

  it('deleting archives: gone from listings, kept for its owner and its occurrences', async () => {
    const extra = (await newService(yogi, practitioner.id, { title: 'One-off' })).body
    expect((await client(ctx, yogi.access).delete(`/services/${extra.id}`)).status).toBe(204)
    expect((await client(ctx).get(`/services/${extra.id}`)).status).toBe(404)
    const own = await client(ctx, yogi.access).get(`/services/${extra.id}`)
    expect(own.body).toMatchObject({ is_active: false, archived_at: expect.any(String) })
    expect((await client(ctx).get(`/practitioners/${practitioner.id}/services`)).body.count).toBe(3)
  })

  it('two workshops racing for one hour: exactly one is scheduled', async () => {
    const a = (await newService(yogi, practitioner.id, { title: 'Race A' })).body
    const b = (await newService(yogi, practitioner.id, { title: 'Race B' })).body
    const slot = { start: local(ZONE, '2027-03-12T09:00'), end: local(ZONE, '2027-03-12T10:00') }
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client(ctx, yogi.access).post(`/services/${i % 2 ? a.id : b.id}/schedule`, { occurrences: [slot] })),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.code === 'calendar_conflict')).toBe(true)
    const [overlaps] = await rowsOf<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from calendar_claims a join calendar_claims b on a.venue_id = b.venue_id and a.id < b.id
            and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at) where a.active and b.active`,
    )
    expect(overlaps!.n).toBe(0)
    const [claims] = await rowsOf<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from calendar_claims where venue_id = ${practitioner.venue_id} and starts_at = ${slot.start}::timestamptz`,
    )
    expect(claims!.n).toBe(1)
  })
})
