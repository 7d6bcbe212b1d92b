import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { client, everyDay, local, tokenAt, type Actor } from '../helpers/factories.js'
import { whileUnfinished } from '../helpers/open-transaction.js'
import { fakeOf } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'Europe/Lisbon'
const NOW = '2027-03-01T08:00:00Z'

let ctx: TestContext
let f: Factories
let admin: Actor
let teacher: Actor
let practitioner: { id: string; venue_id: string }

const as = (actor: Actor) => client(ctx, actor.access)
const book = (actor: Actor, item: Record<string, unknown>) => as(actor).post('/reservations', { venue_id: practitioner.venue_id, items: [item] })
const one = async <T>(query: ReturnType<typeof sql>) => (await rowsOf<T>(ctx.deps.db, query))[0]!

async function newService(extra: Record<string, unknown>) {
  const res = await as(teacher).post('/services', {
    practitioner_id: practitioner.id,
    type: 'workshop',
    title: 'Flow',
    category: 'Yoga',
    price: { amount: 2000, currency: 'EUR' },
    duration_minutes: 60,
    ...extra,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string }
}

async function schedule(serviceId: string, spans: [string, string][], capacity?: number) {
  const res = await as(teacher).post(`/services/${serviceId}/schedule`, {
    occurrences: spans.map(([start, end]) => ({ start: local(ZONE, start), end: local(ZONE, end), ...(capacity ? { capacity } : {}) })),
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.occurrences as { id: string }[]
}

/** Pairs of active calendar claims that overlap: the exclusion constraint says none. */
async function overlappingClaims() {
  const { n } = await one<{ n: number }>(sql`
    select count(*)::int as n from calendar_claims a join calendar_claims b on a.venue_id = b.venue_id and a.id < b.id
      and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at) where a.active and b.active`)
  return n
}

/** `taken` of an occurrence, and the seats its active seat items hold (directly or through their course). */
async function seats(occurrenceId: string) {
  return one<{ taken: number; claimed: number }>(sql`
    select o.taken, coalesce((select sum(i.quantity)::int from reservation_items i join reservations r on r.id = i.reservation_id
      where i.kind = 'seat' and r.status in ('pending', 'awaiting_payment', 'confirmed', 'checked_in', 'completed')
        and (i.occurrence_id = o.id or (i.occurrence_id is null and i.service_id = o.service_id))), 0) as claimed
    from service_occurrences o where o.id = ${occurrenceId}`)
}

beforeAll(async () => {
  ;({ ctx, f, admin, teacher } = await scene({ at: NOW, admin: true, customers: { teacher: 'Ana' } }))
  const applied = await as(teacher).post('/practitioners/apply', {
    display_name: 'Ana Yoga',
    locations: [{ city: 'Lisbon', is_virtual: false }],
    timezone: ZONE,
    currency: 'EUR',
  })
  practitioner = applied.body
  await as(admin).post(`/practitioners/${practitioner.id}/verify`)
  await as(teacher).post(`/practitioners/${practitioner.id}/schedule`, { hours: everyDay('09:00', '18:00') })
})
afterAll(() => ctx.close())

describe('seats of a workshop', () => {
  it('50 customers race for 5 seats: exactly 5 are taken, the rest are told sold_out', async () => {
    const workshop = await newService({ max_participants: 5 })
    const [occurrence] = await schedule(workshop.id, [['2027-03-20T10:00', '2027-03-20T12:00']])
    const customers = await Promise.all(Array.from({ length: 50 }, (_, i) => f.newCustomer(`Racer ${i}`)))
    const answers = await Promise.all(customers.map((c) => book(c, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 1 })))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5)
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'sold_out')).toBe(true)
    expect(await seats(occurrence!.id)).toEqual({ taken: 5, claimed: 5 })
    const made = answers.find((a) => a.status === 201)!.body
    expect(made.items).toEqual([expect.objectContaining({ kind: 'seat', occurrence_id: occurrence!.id, service_id: workshop.id, quantity: 1 })])
    expect(made.total).toEqual({ amount: 2000, currency: 'EUR' })
  })

  it('a cancelled hold gives its seats back once; an expired hold too, when someone needs them', async () => {
    const workshop = await newService({ max_participants: 2 })
    const [occurrence] = await schedule(workshop.id, [['2027-03-21T10:00', '2027-03-21T12:00']])
    const [a, b, c] = await Promise.all([f.newCustomer('A'), f.newCustomer('B'), f.newCustomer('C')])
    const held = await book(a, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 2 })
    expect(held.status).toBe(201)
    expect((await book(b, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 1 })).body.code).toBe('sold_out')
    expect((await as(a).post(`/reservations/${held.body.id}/cancel`, {})).status).toBe(200)
    expect(await seats(occurrence!.id)).toEqual({ taken: 0, claimed: 0 })
    expect((await as(a).post(`/reservations/${held.body.id}/cancel`, {})).status).toBe(409)
    expect(await seats(occurrence!.id)).toEqual({ taken: 0, claimed: 0 })
    const second = await book(b, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 2 })
    expect(second.status).toBe(201)
    // The hold lapses; the next booking expires it in its own transaction and takes the seats.
    ctx.clock.advance(16 * 60_000)
    const third = await book(c, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 2 })
    expect(third.status, JSON.stringify(third.body)).toBe(201)
    expect((await as(b).get(`/reservations/${second.body.id}`)).body.status).toBe('expired')
    expect(await seats(occurrence!.id)).toEqual({ taken: 2, claimed: 2 })
  })

  it('refuses seats of a course’s single session, of the past, or more than exist', async () => {
    const course = await newService({ type: 'course', title: 'Course', max_participants: 3 })
    const [first] = await schedule(course.id, [['2027-04-01T10:00', '2027-04-01T11:00']])
    expect((await book(teacher, { kind: 'seat', occurrence_id: first!.id, quantity: 1 })).body.detail).toMatchObject({ reason: 'book_the_course' })
    expect((await book(teacher, { kind: 'seat', service_id: course.id, quantity: 4 })).body.code).toBe('sold_out')
    expect(await seats(first!.id)).toEqual({ taken: 0, claimed: 0 })
  })
})

describe('paid by card, refunded by the policy', () => {
  it('a seat hold paid through the verified webhook is confirmed and keeps its seat; cancelling refunds and frees it once', async () => {
    const workshop = await newService({ max_participants: 3, price: { amount: 3000, currency: 'EUR' } })
    const [occurrence] = await schedule(workshop.id, [['2027-04-20T10:00', '2027-04-20T12:00']])
    const buyer = await f.newCustomer('Buyer')
    const held = await book(buyer, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 2 })
    expect(held.status).toBe(201)
    const checkout = await as(buyer).post(`/reservations/${held.body.id}/checkout`, {})
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(200)
    await fakeOf(ctx).pay(checkout.body.payment_intent_id)
    await fakeOf(ctx).drain()
    expect((await as(buyer).get(`/reservations/${held.body.id}`)).body).toMatchObject({ status: 'confirmed', payment: { status: 'succeeded' } })
    expect(await seats(occurrence!.id)).toEqual({ taken: 2, claimed: 2 })
    // Weeks ahead, the default policy refunds in full.
    const cancelled = await as(buyer).post(`/reservations/${held.body.id}/cancel`, {})
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    await fakeOf(ctx).drain()
    const { refunded } = await one<{ refunded: number }>(
      sql`select coalesce(sum(amount), 0)::int as refunded from refunds where reservation_id = ${held.body.id}`,
    )
    expect(refunded).toBe(6000)
    expect(await seats(occurrence!.id)).toEqual({ taken: 0, claimed: 0 })
  })
})

describe('a course, booked whole', () => {
  it('20 concurrent bookings of a 3-session course for 8: exactly 8 succeed and every session has 8 taken', async () => {
    const course = await newService({ type: 'course', title: 'Breath', max_participants: 8 })
    const sessions = await schedule(course.id, [
      ['2027-03-23T18:00', '2027-03-23T19:00'],
      ['2027-03-30T18:00', '2027-03-30T19:00'],
      ['2027-04-06T18:00', '2027-04-06T19:00'],
    ])
    const customers = await Promise.all(Array.from({ length: 20 }, (_, i) => f.newCustomer(`Student ${i}`)))
    const answers = await Promise.all(customers.map((c) => book(c, { kind: 'seat', service_id: course.id, quantity: 1 })))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(8)
    expect(answers.filter((a) => a.status !== 201).every((a) => a.body.code === 'sold_out')).toBe(true)
    for (const s of sessions) expect(await seats(s.id)).toEqual({ taken: 8, claimed: 8 })
    const made = answers.find((a) => a.status === 201)!.body
    // Lisbon moves to summer time on 2027-03-28: the last session ends at 19:00 WEST.
    expect(made).toMatchObject({ start: '2027-03-23T18:00:00.000Z', end: '2027-04-06T18:00:00.000Z', total: { amount: 2000, currency: 'EUR' } })
  })

  it('a course whose third session is full takes nothing from the first two', async () => {
    const course = await newService({ type: 'course', title: 'Tight', max_participants: 4 })
    const sessions = await schedule(course.id, [
      ['2027-05-04T18:00', '2027-05-04T19:00'],
      ['2027-05-11T18:00', '2027-05-11T19:00'],
      ['2027-05-18T18:00', '2027-05-18T19:00'],
    ])
    // The third session's seats are gone some other way (a seat count the practitioner lowered, say).
    await ctx.deps.db.execute(sql`update service_occurrences set taken = capacity where id = ${sessions[2]!.id}`)
    const res = await book(teacher, { kind: 'seat', service_id: course.id, quantity: 1 })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('sold_out')
    expect((await seats(sessions[0]!.id)).taken).toBe(0)
    expect((await seats(sessions[1]!.id)).taken).toBe(0)
  })
})

describe('1:1 sessions on the practitioner’s one calendar', () => {
  let session: { id: string }
  let workshop: { id: string }

  beforeAll(async () => {
    session = await newService({ type: 'session', title: 'Private', max_participants: 1, price: { amount: 6000, currency: 'EUR' } })
    workshop = await newService({ title: 'Calendar workshop' })
  })

  it('books a session on the grid within the schedule, and refuses one off it', async () => {
    const res = await book(teacher, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-03-15T09:15') })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.items).toEqual([expect.objectContaining({ kind: 'session', service_id: session.id, end: '2027-03-15T10:15:00.000Z' })])
    expect((await book(teacher, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-03-15T09:20') })).body.detail).toMatchObject({
      reason: 'outside_schedule',
    })
    expect((await book(teacher, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-03-15T17:30') })).body.detail).toMatchObject({
      reason: 'outside_schedule',
    })
    const free = await client(ctx).get(`/practitioners/${practitioner.id}/availability?date=2027-03-15&service_id=${session.id}`)
    // The quarter hour before it is too short for an hour's session.
    expect(free.body.free).toEqual([{ start: '2027-03-15T10:15:00+00:00', end: '2027-03-15T18:00:00+00:00' }])
  })

  it('a workshop cannot be scheduled over a booked session, nor a session booked over a workshop', async () => {
    const clash = await as(teacher).post(`/services/${workshop.id}/schedule`, {
      occurrences: [{ start: local(ZONE, '2027-03-15T09:00'), end: local(ZONE, '2027-03-15T10:00') }],
    })
    expect(clash.status).toBe(409)
    expect(clash.body.code).toBe('calendar_conflict')
    await schedule(workshop.id, [['2027-03-16T10:00', '2027-03-16T11:00']])
    const over = await book(teacher, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-03-16T10:30') })
    expect(over.status).toBe(409)
    expect(over.body.code).toBe('slot_taken')
  })

  it('a session and a workshop racing for overlapping time: exactly one exists', async () => {
    const start = local(ZONE, '2027-03-17T14:00')
    const customers = await Promise.all(Array.from({ length: 6 }, (_, i) => f.newCustomer(`Client ${i}`)))
    const answers = await Promise.all([
      ...customers.map((c) => book(c, { kind: 'session', service_id: session.id, start })),
      as(teacher).post(`/services/${workshop.id}/schedule`, {
        occurrences: [{ start: local(ZONE, '2027-03-17T13:30'), end: local(ZONE, '2027-03-17T14:30') }],
      }),
    ])
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    // Every loser is told why: the calendar's answer, not a deadlock's `conflict` or a 5xx.
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code])).toEqual(
      answers.filter((a) => a.status !== 201).map((a) => [409, a.body.code === 'calendar_conflict' ? 'calendar_conflict' : 'slot_taken']),
    )
    expect(await overlappingClaims()).toBe(0)
  })

  it('40 customers racing for overlapping sessions: one 201, 39 slot_taken, no overlap stored', async () => {
    const customers = await Promise.all(Array.from({ length: 40 }, (_, i) => f.newCustomer(`Racer ${i}`)))
    // Every start is a quarter hour apart, so every pair of these hours overlaps.
    const starts = ['14:00', '14:15', '14:30', '14:45'].map((h) => local(ZONE, `2027-03-19T${h}`))
    const answers = await Promise.all(customers.map((c, i) => book(c, { kind: 'session', service_id: session.id, start: starts[i % starts.length] })))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.code}`)).toEqual(Array(39).fill('409 slot_taken'))
    expect(await overlappingClaims()).toBe(0)
  })

  it.runIf(onPostgres())('30 sessions waiting on an unfinished claim of the hour: once it rolls back, one 201 and 29 slot_taken', async () => {
    const start = local(ZONE, '2027-03-22T15:00')
    const customers = await Promise.all(Array.from({ length: 30 }, (_, i) => f.newCustomer(`Waiter ${i}`)))
    const first = await book(teacher, { kind: 'session', service_id: session.id, start })
    expect(first.status).toBe(201)
    const { id } = await one<{ id: string }>(sql`update calendar_claims set active = false where reservation_item_id = ${first.body.items[0].id} returning id`)
    const answers = await whileUnfinished(ctx, 'update calendar_claims set active = true where id = $1', [id], 30, () =>
      Promise.all(customers.map((c) => book(c, { kind: 'session', service_id: session.id, start }))),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.code}`)).toEqual(Array(29).fill('409 slot_taken'))
    expect(await overlappingClaims()).toBe(0)
  })

  it('cancelling frees the calendar; the same hour can be booked again', async () => {
    const start = local(ZONE, '2027-03-18T11:00')
    const first = await book(teacher, { kind: 'session', service_id: session.id, start })
    expect(first.status).toBe(201)
    expect((await as(teacher).post(`/reservations/${first.body.id}/cancel`, {})).status).toBe(200)
    const { active } = await one<{ active: boolean }>(
      sql`select c.active from calendar_claims c join reservation_items i on i.id = c.reservation_item_id where i.reservation_id = ${first.body.id}`,
    )
    expect(active).toBe(false)
    expect((await book(teacher, { kind: 'session', service_id: session.id, start })).status).toBe(201)
  })
})

describe('participants and attendance', () => {
  it('names who sits in the seats; only the practitioner sees them and marks who came', async () => {
    const workshop = await newService({ title: 'Attended', max_participants: 6 })
    const [occurrence, other] = await schedule(workshop.id, [
      ['2027-04-10T10:00', '2027-04-10T11:00'],
      ['2027-04-11T10:00', '2027-04-11T11:00'],
    ])
    const buyer = await f.newCustomer('Dee')
    const tooMany = await book(buyer, { kind: 'seat', occurrence_id: occurrence!.id, quantity: 1, participants: [{ name: 'A' }, { name: 'B' }] })
    expect(tooMany.body.detail).toMatchObject({ reason: 'too_many_participants' })
    const held = await book(buyer, {
      kind: 'seat',
      occurrence_id: occurrence!.id,
      quantity: 3,
      participants: [{ name: 'Ann' }, { name: 'Ben', email: 'ben@example.test' }],
    })
    expect(held.status).toBe(201)
    await book(buyer, { kind: 'seat', occurrence_id: other!.id, quantity: 1 })
    const list = await as(teacher).get(`/occurrences/${occurrence!.id}/participants`)
    expect(list.status).toBe(200)
    expect(list.body.participants.map((p: { name: string | null }) => p.name)).toEqual(['Ann', 'Ben', null])
    expect(list.body.participants.every((p: { attended: boolean | null }) => p.attended === null)).toBe(true)
    // Customers, the buyer included, and other practitioners learn nothing of who else is there.
    expect((await as(buyer).get(`/occurrences/${occurrence!.id}/participants`)).status).toBe(404)
    const ann = list.body.participants[0].id
    expect((await as(buyer).put(`/occurrences/${occurrence!.id}/attendance`, { participant_id: ann, attended: true })).status).toBe(404)
    const marked = await as(teacher).put(`/occurrences/${occurrence!.id}/attendance`, { participant_id: ann, attended: true })
    expect(marked.body).toMatchObject({ id: ann, name: 'Ann', attended: true })
    expect((await as(teacher).put(`/occurrences/${other!.id}/attendance`, { participant_id: ann, attended: true })).status).toBe(404)
    const { n } = await one<{ n: number }>(sql`select count(*)::int as n from attendance where participant_id = ${ann} and attended`)
    expect(n).toBe(1)
    // A cancelled booking's people leave the list.
    await as(buyer).post(`/reservations/${held.body.id}/cancel`, {})
    expect((await as(teacher).get(`/occurrences/${occurrence!.id}/participants`)).body.participants).toEqual([])
  })
})

describe('reviews', () => {
  let service: { id: string }

  /** A 1:1 session booked by `who`, confirmed, attended and completed by the practitioner. */
  async function completed(who: Actor, start: string) {
    const made = await book(who, { kind: 'session', service_id: service.id, start: local(ZONE, start) })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect((await as(teacher).post(`/reservations/${made.body.id}/confirm`, {})).status).toBe(200)
    // The session takes place: the clock goes to its start for the check-in, then comes back.
    const before = ctx.clock()
    ctx.clock.set(new Date(Date.parse(made.body.start) + 60_000))
    const desk = client(ctx, await tokenAt(ctx, teacher))
    for (const step of ['check-in', 'complete']) {
      const moved = await desk.post(`/reservations/${made.body.id}/${step}`, {})
      expect(moved.status, `${step}: ${JSON.stringify(moved.body)}`).toBe(200)
    }
    ctx.clock.set(before)
    return made.body.id as string
  }

  beforeAll(async () => {
    service = await newService({ type: 'session', title: 'Reviewed', max_participants: 1 })
  })

  it('one review per completed booking, by its customer; one reply; an admin hides it', async () => {
    const buyer = await f.newCustomer('Reviewer')
    const pending = await book(buyer, { kind: 'session', service_id: service.id, start: local(ZONE, '2027-04-12T09:00') })
    expect((await as(buyer).post('/reviews', { reservation_id: pending.body.id, rating: 5 })).body.code).toBe('not_completed')
    const id = await completed(buyer, '2027-04-13T09:00')
    expect((await as(teacher).post('/reviews', { reservation_id: id, rating: 1 })).status).toBe(404)
    expect((await as(buyer).post('/reviews', { reservation_id: id, rating: 6 })).status).toBe(400)
    const review = await as(buyer).post('/reviews', { reservation_id: id, rating: 4, text: 'Calm and precise' })
    expect(review.status).toBe(201)
    expect((await as(buyer).post('/reviews', { reservation_id: id, rating: 5 })).body.code).toBe('already_reviewed')
    expect((await as(buyer).post(`/reviews/${review.body.id}/reply`, { text: 'Mine' })).status).toBe(403)
    expect((await as(teacher).post(`/reviews/${review.body.id}/reply`, { text: 'Thank you!' })).body.reply).toBe('Thank you!')
    expect((await as(teacher).post(`/reviews/${review.body.id}/reply`, { text: 'Again' })).body.code).toBe('already_replied')
    expect((await client(ctx).get(`/services/${service.id}`)).body).toMatchObject({ rating: 4, review_count: 1 })
    expect((await as(teacher).post(`/reviews/${review.body.id}/hide`)).status).toBe(403)
    expect((await as(admin).post(`/reviews/${review.body.id}/hide`)).body.hidden).toBe(true)
    expect((await as(admin).post(`/reviews/${review.body.id}/hide`)).status).toBe(200)
    expect((await client(ctx).get(`/services/${service.id}`)).body).toMatchObject({ rating: null, review_count: 0 })
    expect((await client(ctx).get(`/practitioners/${practitioner.id}/reviews`)).body.count).toBe(0)
  })

  it('concurrent reviews keep the averages exact', async () => {
    const buyers = await Promise.all(Array.from({ length: 8 }, (_, i) => f.newCustomer(`Fan ${i}`)))
    const ids: string[] = []
    for (const [i, b] of buyers.entries()) ids.push(await completed(b, `2027-04-${String(14 + i).padStart(2, '0')}T15:00`))
    const answers = await Promise.all(buyers.map((b, i) => as(b).post('/reviews', { reservation_id: ids[i], rating: (i % 5) + 1 })))
    expect(answers.every((a) => a.status === 201)).toBe(true)
    const drift = await rowsOf(
      ctx.deps.db,
      sql`select p.id from practitioners p where p.rating_count <> (select count(*) from reviews r where r.practitioner_id = p.id and r.hidden_at is null)
            or p.rating_total <> (select coalesce(sum(rating), 0) from reviews r where r.practitioner_id = p.id and r.hidden_at is null)
          union all
          select s.id from services s where s.rating_count <> (select count(*) from reviews r where r.service_id = s.id and r.hidden_at is null)
            or s.rating_total <> (select coalesce(sum(rating), 0) from reviews r where r.service_id = s.id and r.hidden_at is null)`,
    )
    expect(drift).toEqual([])
    const listed = await client(ctx).get(`/practitioners/${practitioner.id}/reviews`)
    expect(listed.body.count).toBe(8)
    expect((await client(ctx).get(`/practitioners/${practitioner.id}`)).body).toMatchObject({ review_count: 8, rating: 2.63 })
  })
})

describe('rescheduling seats and sessions', () => {
  it('seats move to another occurrence of the same workshop, giving the old ones back; a full one moves nothing', async () => {
    const workshop = await newService({ title: 'Movable', max_participants: 2 })
    const [from, to, full] = await schedule(workshop.id, [
      ['2027-05-01T10:00', '2027-05-01T11:00'],
      ['2027-05-08T10:00', '2027-05-08T11:00'],
      ['2027-05-15T10:00', '2027-05-15T11:00'],
    ])
    const buyer = await f.newCustomer('Mover')
    const held = await book(buyer, { kind: 'seat', occurrence_id: from!.id, quantity: 2 })
    await book(await f.newCustomer('Filler'), { kind: 'seat', occurrence_id: full!.id, quantity: 2 })
    const refused = await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { occurrence_id: full!.id })
    expect(refused.body.code).toBe('sold_out')
    expect([(await seats(from!.id)).taken, (await seats(full!.id)).taken]).toEqual([2, 2])
    const movedSeat = await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { occurrence_id: to!.id })
    expect(movedSeat.status, JSON.stringify(movedSeat.body)).toBe(200)
    expect(movedSeat.body.items[0]).toMatchObject({ occurrence_id: to!.id })
    expect([await seats(from!.id), await seats(to!.id)]).toEqual([
      { taken: 0, claimed: 0 },
      { taken: 2, claimed: 2 },
    ])
    const other = await newService({ title: 'Elsewhere' })
    const [elsewhere] = await schedule(other.id, [['2027-05-02T10:00', '2027-05-02T11:00']])
    expect((await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { occurrence_id: elsewhere!.id })).status).toBe(400)
  })

  it('a session moves to another start on the grid, and not onto a workshop', async () => {
    const session = await newService({ type: 'session', title: 'Moving session', max_participants: 1 })
    const workshop = await newService({ title: 'In the way' })
    await schedule(workshop.id, [['2027-05-03T12:00', '2027-05-03T13:00']])
    const buyer = await f.newCustomer('Session mover')
    const held = await book(buyer, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-05-03T09:00') })
    expect((await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { start: local(ZONE, '2027-05-03T12:30') })).body.code).toBe('slot_taken')
    expect((await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { start: local(ZONE, '2027-05-03T10:10') })).body.detail).toMatchObject({
      reason: 'outside_schedule',
    })
    const movedSession = await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { start: local(ZONE, '2027-05-03T14:00') })
    expect(movedSession.status, JSON.stringify(movedSession.body)).toBe(200)
    const claim = await one<{ starts_at: Date | string }>(
      sql`select c.starts_at from calendar_claims c join reservation_items i on i.id = c.reservation_item_id where i.reservation_id = ${held.body.id}`,
    )
    expect(new Date(claim.starts_at).toISOString()).toBe(new Date(local(ZONE, '2027-05-03T14:00')).toISOString())
    // The old hour is free again.
    expect((await book(await f.newCustomer('Next'), { kind: 'session', service_id: session.id, start: local(ZONE, '2027-05-03T09:00') })).status).toBe(201)
  })
})
