import { and, eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { idempotencyKeys } from '../../src/http/idempotency-table.js'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { reservationItems, reservations, reservationTransitions, seatParticipants } from '../../src/modules/reservations/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { practice } from '../video/practice.js'

// A workshop's seats of one occurrence go in one statement (SeatHolds); whatever that statement
// cannot decide alone goes to the transaction (createReservation). Both must answer the same.

const NOW = '2027-03-01T08:00:00Z'

let ctx: TestContext
let f: Factories
let p: Awaited<ReturnType<typeof practice>>

beforeAll(async () => {
  let admin: Actor
  ;({ ctx, f, admin } = await scene({ at: NOW, admin: true }))
  p = await practice(ctx, f, admin)
})
afterAll(() => ctx.close())
afterEach(() => vi.restoreAllMocks())

const as = (actor: Actor) => client(ctx, actor.access)
const book = (actor: Actor, items: unknown[], headers?: Record<string, string>) =>
  as(actor).post('/reservations', { venue_id: p.practitioner.venue_id, items }, headers)
const seat = (occurrenceId: string, quantity = 1, extra: object = {}) => ({ kind: 'seat', occurrence_id: occurrenceId, quantity, ...extra })
/** Counts the bookings that went through a transaction (the fallback) rather than the one statement. */
const transactions = () => vi.spyOn(ctx.deps.db, 'transaction')

let day = 0
/** A workshop with one occurrence, each on its own day: a practitioner's calendar takes one at a time. */
async function workshop(capacity: number) {
  const date = `2027-03-${String(10 + day++).padStart(2, '0')}`
  const service = await p.newService({ max_participants: capacity })
  const [occurrence] = await p.schedule(service.id, [[`${date}T10:00`, `${date}T12:00`]])
  return { serviceId: service.id, occurrenceId: occurrence!.id }
}

/** `taken` of an occurrence, the seats its live seat items hold, and the reservations on it. */
async function seats(occurrenceId: string) {
  const [row] = await rowsOf<{ taken: number; claimed: number; reservations: number }>(
    ctx.deps.db,
    sql`select o.taken,
      coalesce((select sum(i.quantity)::int from reservation_items i join reservations r on r.id = i.reservation_id
        where i.occurrence_id = o.id and r.status in ('pending', 'awaiting_payment', 'confirmed')), 0) as claimed,
      (select count(distinct i.reservation_id)::int from reservation_items i where i.occurrence_id = o.id) as reservations
    from service_occurrences o where o.id = ${occurrenceId}`,
  )
  return row!
}

describe('seats of one workshop occurrence in one statement', () => {
  it('stores what the transaction stores, with who sits in the seats, and answers what it stored', async () => {
    const { serviceId, occurrenceId } = await workshop(10)
    const buyer = await f.newCustomer('Buyer')
    const tx = transactions()
    const held = await book(buyer, [seat(occurrenceId, 3, { participants: [{ name: 'Rui', email: 'rui@example.com' }] })])
    expect(held.status, JSON.stringify(held.body)).toBe(201)
    expect(tx).not.toHaveBeenCalled()
    const id = held.body.id as string
    const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id))
    expect(r).toMatchObject({ status: 'pending', userId: buyer.id, createdBy: buyer.id, totalAmount: 6000, currency: 'EUR', partySize: 3 })
    const items = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, id))
    expect(items).toEqual([
      expect.objectContaining({ kind: 'seat', occurrenceId, serviceId, quantity: 3, priceAmount: 6000, active: true, position: 0, entitlementId: null }),
    ])
    const people = await ctx.deps.db.select().from(seatParticipants).where(eq(seatParticipants.reservationItemId, items[0]!.id))
    expect(people.sort((a, b) => a.position - b.position).map((p) => [p.position, p.name, p.email, p.userId])).toEqual([
      [0, 'Rui', 'rui@example.com', null],
      [1, null, null, null],
      [2, null, null, null],
    ])
    const trail = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id))
    expect(trail.map((t) => [t.fromStatus, t.toStatus, t.actorId])).toEqual([[null, 'pending', buyer.id]])
    const events = await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id))
    expect(events.map((e) => [e.type, e.payload])).toEqual([['reservation.created', { id, total: 6000 }]])
    expect(await seats(occurrenceId)).toEqual({ taken: 3, claimed: 3, reservations: 1 })
    // Read back (with its payment and refund preview besides), it is the answer.
    expect((await as(buyer).get(`/reservations/${id}`)).body).toMatchObject(held.body)
    // With nobody named, the first seat is the booker's own, as in the transaction.
    const solo = await book(buyer, [seat(occurrenceId, 1)])
    const [soloItem] = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, solo.body.id))
    const [own] = await ctx.deps.db.select().from(seatParticipants).where(eq(seatParticipants.reservationItemId, soloItem!.id))
    expect([own!.position, own!.userId]).toEqual([0, buyer.id])
    expect(tx).not.toHaveBeenCalled()
  })

  it('too few seats left is the same 409 sold_out, naming the item, and writes nothing', async () => {
    const { occurrenceId } = await workshop(2)
    const [a, b] = await Promise.all([f.newCustomer('A'), f.newCustomer('B')])
    expect((await book(a, [seat(occurrenceId, 1)])).status).toBe(201)
    const tx = transactions()
    const lost = await book(b, [seat(occurrenceId, 2)])
    expect([lost.status, lost.body.code, lost.body.detail]).toEqual([409, 'sold_out', { item: 0, occurrence_id: occurrenceId }])
    expect(tx).not.toHaveBeenCalled()
    expect(await seats(occurrenceId)).toEqual({ taken: 1, claimed: 1, reservations: 1 })
    expect((await book(b, [seat(occurrenceId, 1)])).status).toBe(201)
    expect(await seats(occurrenceId)).toEqual({ taken: 2, claimed: 2, reservations: 2 })
  })

  it('a keyed booking stores its key in the statement; a sold-out refusal is stored with one insert; retries replay without a transaction', async () => {
    const { occurrenceId } = await workshop(1)
    const [a, b] = await Promise.all([f.newCustomer('A'), f.newCustomer('B')])
    const inserts = vi.spyOn(ctx.deps.db, 'insert')
    const updates = vi.spyOn(ctx.deps.db, 'update')
    const tx = transactions()
    const held = await book(a, [seat(occurrenceId)], { 'idempotency-key': 'seat-1' })
    expect(held.status).toBe(201)
    expect([inserts.mock.calls.length, updates.mock.calls.length, tx.mock.calls.length]).toEqual([0, 0, 0])
    const [key] = await ctx.deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, `user:${a.id}`), eq(idempotencyKeys.key, 'seat-1')))
    expect(key).toMatchObject({ responseStatus: 201, responseBody: held.body })
    const lost = await book(b, [seat(occurrenceId)], { 'idempotency-key': 'seat-2' })
    expect([lost.status, lost.body.code]).toEqual([409, 'sold_out'])
    // One insert, of B's key with its refusal.
    expect([inserts.mock.calls.length, updates.mock.calls.length, tx.mock.calls.length]).toEqual([1, 0, 0])
    const again = await book(a, [seat(occurrenceId)], { 'idempotency-key': 'seat-1' })
    expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([201, 'true', held.body])
    const lostAgain = await book(b, [seat(occurrenceId)], { 'idempotency-key': 'seat-2' })
    expect([lostAgain.status, lostAgain.headers['idempotent-replayed'], lostAgain.body]).toEqual([409, 'true', lost.body])
    // A retry finds the key taken in the statement and replays: no transaction takes the seat's row.
    expect(tx).not.toHaveBeenCalled()
    expect(await seats(occurrenceId)).toEqual({ taken: 1, claimed: 1, reservations: 1 })
  })

  it('the same key sent 12 times at once books once, and every answer is that booking', async () => {
    const { occurrenceId } = await workshop(20)
    const buyer = await f.newCustomer('Twelve')
    const answers = await Promise.all(Array.from({ length: 12 }, () => book(buyer, [seat(occurrenceId, 2)], { 'idempotency-key': 'seat-twelve' })))
    const ids = new Set(answers.map((a) => a.body.id))
    expect([answers.every((a) => a.status === 201), ids.size]).toEqual([true, 1])
    expect(await seats(occurrenceId)).toEqual({ taken: 2, claimed: 2, reservations: 1 })
    const [{ n }] = (await ctx.database.raw.query<{ n: number }>(`select count(*)::int as n from idempotency_keys where key = 'seat-twelve'`)).rows as [
      { n: number },
    ]
    expect(n).toBe(1)
  })

  it('40 buyers race for 10 seats, in one statement or a transaction: exactly 10 are taken, the rest sold_out', async () => {
    const { occurrenceId } = await workshop(10)
    const buyers = await Promise.all(Array.from({ length: 40 }, (_, i) => f.newCustomer(`Racer ${i}`)))
    const other = await workshop(40)
    // Every fourth buyer books a second workshop too, which only the transaction takes.
    const answers = await Promise.all(
      buyers.map((b, i) => book(b, i % 4 === 0 ? [seat(occurrenceId), seat(other.occurrenceId)] : [seat(occurrenceId)], { 'idempotency-key': `race-${i}` })),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10)
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'sold_out')).toBe(true)
    // In SQL: the counter is what the live seat items hold, one reservation per seat, the other workshop only what the winners took.
    expect(await seats(occurrenceId)).toEqual({ taken: 10, claimed: 10, reservations: 10 })
    const both = answers.filter((a, i) => a.status === 201 && i % 4 === 0).length
    expect(await seats(other.occurrenceId)).toEqual({ taken: both, claimed: both, reservations: both })
  })
})

describe('what the one statement leaves to the transaction', () => {
  it('a lapsed hold on the workshop: the transaction expires it, gives its seats back and books', async () => {
    const { occurrenceId } = await workshop(2)
    const [a, b] = await Promise.all([f.newCustomer('A'), f.newCustomer('B')])
    const first = await book(a, [seat(occurrenceId, 2)])
    expect(first.status).toBe(201)
    ctx.clock.advance(16 * 60_000)
    const tx = transactions()
    const second = await book(b, [seat(occurrenceId, 2)])
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    expect(tx).toHaveBeenCalledTimes(1)
    expect((await as(a).get(`/reservations/${first.body.id}`)).body.status).toBe('expired')
    expect(await seats(occurrenceId)).toEqual({ taken: 2, claimed: 2, reservations: 2 })
  })

  it("a workshop changed behind this process's copy: the transaction plans on the fresh row", async () => {
    const { serviceId, occurrenceId } = await workshop(5)
    const buyer = await f.newCustomer('Buyer')
    // This process's copy is kept for a second of real time: held still, it cannot lapse mid-test.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now())
    expect((await book(buyer, [seat(occurrenceId)])).body.total).toEqual({ amount: 2000, currency: 'EUR' })
    expect((await (await p.as(p.teacher)).put(`/services/${serviceId}`, { price: { amount: 2500, currency: 'EUR' } })).status).toBe(200)
    const tx = transactions()
    const dearer = await book(buyer, [seat(occurrenceId)])
    expect([dearer.status, dearer.body.total]).toEqual([201, { amount: 2500, currency: 'EUR' }])
    expect(tx).toHaveBeenCalledTimes(1)
    // Archived since: the same 404 the transaction gives, and nothing taken.
    expect((await (await p.as(p.teacher)).delete(`/services/${serviceId}`)).status).toBe(204)
    const gone = await book(buyer, [seat(occurrenceId)])
    expect([gone.status, gone.body.code]).toEqual([404, 'not_found'])
    expect(await seats(occurrenceId)).toEqual({ taken: 2, claimed: 2, reservations: 2 })
  })

  it('a course goes to the transaction', async () => {
    const course = await p.newService({ type: 'course', title: 'Course', max_participants: 3 })
    await p.schedule(course.id, [['2027-04-01T10:00', '2027-04-01T11:00']])
    const buyer = await f.newCustomer('Buyer')
    const tx = transactions()
    expect((await book(buyer, [{ kind: 'seat', service_id: course.id, quantity: 1 }])).status).toBe(201)
    expect(tx).toHaveBeenCalledTimes(1)
  })
})
