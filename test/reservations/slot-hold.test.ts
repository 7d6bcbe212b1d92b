import { and, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { idempotencyKeys } from '../../src/http/idempotency-table.js'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { reservationItems, reservations, reservationTransitions } from '../../src/modules/reservations/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

// The commonest booking, one slot, goes in one statement (SlotHolds); whatever that statement
// cannot decide alone goes to the transaction (createReservation). Both must answer the same.

const ZONE = 'America/Denver'
const START = '2027-01-04T12:00:00Z'
let ctx: TestContext, f: Factories, alice: Actor, bob: Actor, admin: Actor

beforeAll(async () => ({ ctx, f, alice, bob, admin } = await scene({ at: START, customers: { alice: 'Alice', bob: 'Bob' }, admin: true })))
afterAll(() => ctx.close())
afterEach(() => vi.restoreAllMocks())

const at = (wall: string) => local(ZONE, wall)
const book = (actor: Actor, venueId: string, items: unknown[]) => client(ctx, actor.access).post('/reservations', { venue_id: venueId, items })

/** Counts the bookings that went through a transaction (the fallback) rather than the one statement. */
const transactions = () => vi.spyOn(ctx.deps.db, 'transaction')

async function stored(id: string) {
  const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id))
  const items = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, id))
  const trail = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id))
  const events = await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id))
  return { r: r!, items, trail, events }
}

async function freshRoom() {
  ctx.clock.set(START)
  const venue = await f.newVenue({ timezone: ZONE })
  return { venue, room: await f.newRoom(venue, { bufferMinutes: 15 }) }
}

describe('a one-slot hold in one statement', () => {
  it('stores what the transaction stores, and answers what it stored', async () => {
    const { venue, room } = await freshRoom()
    const tx = transactions()
    const held = await client(ctx, alice.access).post(
      '/reservations',
      { venue_id: venue.id, items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))], party_size: 3, notes: 'birthday' },
      { 'idempotency-key': 'one-statement' },
    )
    expect(held.status).toBe(201)
    expect(tx).not.toHaveBeenCalled()
    const { r, items, trail, events } = await stored(held.body.id)
    expect(r).toMatchObject({ status: 'pending', partySize: 3, notes: 'birthday', userId: alice.id, createdBy: alice.id, totalAmount: 8000, currency: 'USD' })
    expect(r.holdExpiresAt?.toISOString()).toBe(new Date(Date.parse(START) + 15 * 60_000).toISOString())
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ kind: 'slot', roomId: room.id, position: 0, active: true, quantity: 1, priceAmount: 8000 })
    expect(items[0]!.blockedUntil.toISOString()).toBe(new Date(Date.parse(at('2027-01-08T21:15'))).toISOString())
    expect(trail.map((t) => [t.fromStatus, t.toStatus, t.actorId])).toEqual([[null, 'pending', alice.id]])
    expect(events.map((e) => [e.type, e.version, e.venueId, e.payload])).toEqual([['reservation.created', 1, venue.id, { id: r.id, total: 8000 }]])
    // The answer is built from the values sent; read back (with its payment and refund preview besides), it is the same.
    const read = await client(ctx, alice.access).get(`/reservations/${held.body.id}`)
    expect(read.body).toMatchObject(held.body)
    // A retry with the key replays it.
    const again = await client(ctx, alice.access).post(
      '/reservations',
      { venue_id: venue.id, items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))], party_size: 3, notes: 'birthday' },
      { 'idempotency-key': 'one-statement' },
    )
    expect(again.body).toEqual(held.body)
  })

  it('loses a taken slot with the same 409 slot_taken, naming the item, and writes nothing', async () => {
    const { venue, room } = await freshRoom()
    expect((await book(alice, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))])).status).toBe(201)
    const before = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from reservations')
    const tx = transactions()
    // Into the first one's buffer (it is blocked until 21:15).
    const lost = await book(bob, venue.id, [slot(room, at('2027-01-08T21:00'), at('2027-01-08T22:00'))])
    expect(lost.status).toBe(409)
    expect(lost.body).toMatchObject({ code: 'slot_taken', detail: { item: 0, room_id: room.id } })
    expect(tx).not.toHaveBeenCalled()
    expect((await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from reservations')).rows).toEqual(before.rows)
  })
})

describe('what the one statement leaves to the transaction', () => {
  it('a lapsed hold on the span: the transaction expires it and books', async () => {
    const { venue, room } = await freshRoom()
    const lapsing = await book(alice, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))])
    ctx.clock.advance(15 * 60_000)
    const tx = transactions()
    const late = await book(bob, venue.id, [slot(room, at('2027-01-08T20:00'), at('2027-01-08T22:00'))])
    expect(late.status).toBe(201)
    expect(tx).toHaveBeenCalledTimes(1)
    expect((await stored(lapsing.body.id)).r.status).toBe('expired')
  })

  it('a lapsed hold on the span, with an Idempotency-Key: the key is stored once, by the transaction, and replays', async () => {
    const { venue, room } = await freshRoom()
    await book(alice, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))])
    ctx.clock.advance(15 * 60_000)
    const body = { venue_id: venue.id, items: [slot(room, at('2027-01-08T20:00'), at('2027-01-08T22:00'))] }
    const late = await client(ctx, bob.access).post('/reservations', body, { 'idempotency-key': 'after-a-lapse' })
    expect(late.status).toBe(201)
    const again = await client(ctx, bob.access).post('/reservations', body, { 'idempotency-key': 'after-a-lapse' })
    expect(again.body).toEqual(late.body)
    const keys = await ctx.deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'after-a-lapse'))
    expect(keys).toHaveLength(1)
  })

  it('a lapsed hold and a live claim on the span: 409 slot_taken, and nothing written', async () => {
    const { venue, room } = await freshRoom()
    const lapsing = await book(alice, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))])
    ctx.clock.advance(15 * 60_000)
    expect((await book(alice, venue.id, [slot(room, at('2027-01-08T21:00'), at('2027-01-08T22:00'))])).status).toBe(201)
    const before = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from reservations')
    const tx = transactions()
    // Over both: the lapsed one at 19:00 and the live one at 21:00.
    const lost = await book(bob, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T22:00'))])
    expect(lost.status).toBe(409)
    expect(lost.body).toMatchObject({ code: 'slot_taken', detail: { item: 0, room_id: room.id } })
    // The live claim answered at once: no transaction was tried.
    expect(tx).not.toHaveBeenCalled()
    expect((await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from reservations')).rows).toEqual(before.rows)
    expect((await stored(lapsing.body.id)).r.status).toBe('pending')
  })

  it('a closure on the date, added since: the transaction refuses it as outside the opening hours', async () => {
    const { venue, room } = await freshRoom()
    expect((await book(alice, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))])).status).toBe(201)
    expect((await client(ctx, admin.access).post(`/venues/${venue.id}/closures`, { date: '2027-01-09', reason: 'private event' })).status).toBe(201)
    const tx = transactions()
    // 01:00 on the 9th belongs to the business day of the 8th; the 9th's closure is the one that matters at 19:00 on the 9th.
    const refused = await book(alice, venue.id, [slot(room, at('2027-01-09T19:00'), at('2027-01-09T20:00'))])
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatchObject({ reason: 'outside_opening_hours' })
    expect(tx).toHaveBeenCalledTimes(1)
  })

  it("a room changed behind this process's copy: the transaction plans on the fresh row", async () => {
    const { venue, room } = await freshRoom()
    expect((await book(alice, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))])).status).toBe(201)
    // Another process lowers the capacity: this one's copy still says 8.
    await ctx.database.raw.query('update rooms set capacity = 2 where id = $1', [room.id])
    const tx = transactions()
    const refused = await client(ctx, bob.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T20:00'), at('2027-01-08T21:00'))],
      party_size: 4,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatchObject({ reason: 'capacity' })
    expect(tx).toHaveBeenCalledTimes(1)
    // Archived elsewhere: the room is not found.
    await ctx.database.raw.query('update rooms set archived_at = now() where id = $1', [room.id])
    expect((await book(bob, venue.id, [slot(room, at('2027-01-08T22:00'), at('2027-01-08T23:00'))])).status).toBe(404)
  })

  it('a plan refused on the copy is refused by the transaction, with the same answer', async () => {
    const { venue, room } = await freshRoom()
    const tx = transactions()
    const offGrid = await book(alice, venue.id, [slot(room, at('2027-01-08T19:10'), at('2027-01-08T20:10'))])
    expect(offGrid.status).toBe(400)
    expect(offGrid.body.detail).toMatchObject({ reason: 'off_grid' })
    expect(tx).toHaveBeenCalledTimes(1)
  })

  it('two slots, and a room of another venue, go to the transaction', async () => {
    const { venue, room } = await freshRoom()
    const other = await f.newRoom(venue)
    const tx = transactions()
    const two = await book(alice, venue.id, [
      slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00')),
      slot(other, at('2027-01-08T19:00'), at('2027-01-08T20:00')),
    ])
    expect(two.status).toBe(201)
    expect(tx).toHaveBeenCalledTimes(1)
    const elsewhere = await f.newVenue({ timezone: ZONE })
    const missing = await book(alice, elsewhere.id, [slot(room, at('2027-01-08T21:00'), at('2027-01-08T22:00'))])
    expect(missing.status).toBe(404)
    expect(tx).toHaveBeenCalledTimes(2)
  })

  it('one-statement and transaction bookings racing for one span: one wins, none overlaps', async () => {
    const { venue, room } = await freshRoom()
    const other = await f.newRoom(venue)
    const span = [at('2027-01-08T19:00'), at('2027-01-08T21:00')] as const
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        book(i % 2 ? alice : bob, venue.id, i % 2 ? [slot(room, ...span)] : [slot(room, ...span), slot(other, at('2027-01-09T19:00'), at('2027-01-09T20:00'))]),
      ),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(Array(19).fill('slot_taken'))
    const { rows } = await ctx.database.raw.query<{ n: number }>(
      `select count(*)::int as n from reservation_items a join reservation_items b on a.room_id = b.room_id and a.id < b.id
       where a.room_id = $1 and a.active and b.active and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)`,
      [room.id],
    )
    expect(rows[0]!.n).toBe(0)
  })
})

describe('a keyed booking: its Idempotency-Key stored in the same commit', () => {
  const keyed = (actor: Actor, key: string, body: object) => client(ctx, actor.access).post('/reservations', body, { 'idempotency-key': key })
  const keyRow = async (actor: Actor, key: string) =>
    (
      await ctx.deps.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, `user:${actor.id}`), eq(idempotencyKeys.key, key)))
    )[0]
  const countFor = async (venueId: string) =>
    (await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from reservations where venue_id = $1', [venueId])).rows[0]!.n

  it('stores the key with the answer it sent, without claiming it first; a retry replays it', async () => {
    const { venue, room } = await freshRoom()
    const body = { venue_id: venue.id, items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))] }
    // The usual path claims the key with an insert, and stores the answer with an update.
    const inserts = vi.spyOn(ctx.deps.db, 'insert')
    const updates = vi.spyOn(ctx.deps.db, 'update')
    const tx = transactions()
    const held = await keyed(alice, 'keyed-1', body)
    expect(held.status).toBe(201)
    expect([inserts.mock.calls.length, updates.mock.calls.length, tx.mock.calls.length]).toEqual([0, 0, 0])
    const row = await keyRow(alice, 'keyed-1')
    expect(row).toMatchObject({ responseStatus: 201, responseBody: held.body })
    expect(row!.requestHash).toMatch(/^[0-9a-f]{64}$/)
    const again = await keyed(alice, 'keyed-1', body)
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true'])
    expect(again.body).toEqual(held.body)
    // The statement tells a taken key from a failed check: the retry replays without a transaction.
    expect(tx).not.toHaveBeenCalled()
    expect(await countFor(venue.id)).toBe(1)
    // The same key with another request is refused, as on the usual path.
    const other = await keyed(alice, 'keyed-1', { ...body, party_size: 3 })
    expect([other.status, other.body.code]).toEqual([422, 'idempotency_key_reused'])
    expect(await countFor(venue.id)).toBe(1)
  })

  it('a lost slot writes nothing in the statement, then stores the refusal under the key, which a retry replays', async () => {
    const { venue, room } = await freshRoom()
    expect((await book(bob, venue.id, [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))])).status).toBe(201)
    const body = { venue_id: venue.id, items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))] }
    const inserts = vi.spyOn(ctx.deps.db, 'insert')
    const updates = vi.spyOn(ctx.deps.db, 'update')
    const tx = transactions()
    const lost = await keyed(alice, 'keyed-lost', body)
    expect([lost.status, lost.body.code]).toEqual([409, 'slot_taken'])
    // One insert, of the key with its refusal: the booking is not tried a second time.
    expect([inserts.mock.calls.length, updates.mock.calls.length, tx.mock.calls.length]).toEqual([1, 0, 0])
    expect(await keyRow(alice, 'keyed-lost')).toMatchObject({ responseStatus: 409, responseBody: lost.body })
    const again = await keyed(alice, 'keyed-lost', body)
    expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([409, 'true', lost.body])
    expect(await countFor(venue.id)).toBe(1)
  })

  it('a booking the statement cannot take stores its key as the last statement of its transaction', async () => {
    const { venue, room } = await freshRoom()
    const other = await f.newRoom(venue)
    const inserts = vi.spyOn(ctx.deps.db, 'insert')
    const updates = vi.spyOn(ctx.deps.db, 'update')
    const tx = transactions()
    const body = {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00')), slot(other, at('2027-01-08T19:00'), at('2027-01-08T20:00'))],
    }
    const held = await keyed(alice, 'keyed-two', body)
    expect(held.status).toBe(201)
    // No claim before it and no answer stored after it: one transaction holds the key too.
    expect([inserts.mock.calls.length, updates.mock.calls.length, tx.mock.calls.length]).toEqual([0, 0, 1])
    expect(await keyRow(alice, 'keyed-two')).toMatchObject({ responseStatus: 201, responseBody: held.body })
    expect((await keyed(alice, 'keyed-two', body)).headers['idempotent-replayed']).toBe('true')
    expect(await countFor(venue.id)).toBe(1)
  })

  it('the same key on a transaction booking sent 12 times at once books once: the others roll back and replay', async () => {
    const { venue, room } = await freshRoom()
    const other = await f.newRoom(venue)
    const body = {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00')), slot(other, at('2027-01-09T19:00'), at('2027-01-09T20:00'))],
    }
    const answers = await Promise.all(Array.from({ length: 12 }, () => keyed(alice, 'keyed-two-race', body)))
    const refused = answers.filter((a) => a.status !== 201)
    expect(refused.map((a) => a.body.code)).toEqual(refused.map(() => 'idempotency_in_flight'))
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id)).size).toBe(1)
    expect(await countFor(venue.id)).toBe(1)
    const { rows } = await ctx.database.raw.query<{ n: number }>(
      'select count(*)::int as n from reservation_items i join reservations r on r.id = i.reservation_id where r.venue_id = $1',
      [venue.id],
    )
    expect(rows[0]!.n).toBe(2)
  })

  it('the same key sent 12 times at once books once, and every answer is that booking', async () => {
    const { venue, room } = await freshRoom()
    const body = { venue_id: venue.id, items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T20:00'))] }
    const answers = await Promise.all(Array.from({ length: 12 }, () => keyed(alice, 'keyed-race', body)))
    const ids = new Set(answers.map((a) => a.body.id))
    // A retry that finds the first still running may wait it out, else answers 409 idempotency_in_flight.
    expect(answers.filter((a) => a.status !== 201).map((a) => a.body.code)).toEqual(answers.filter((a) => a.status !== 201).map(() => 'idempotency_in_flight'))
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(0)
    ids.delete(undefined)
    expect(ids.size).toBe(1)
    expect(await countFor(venue.id)).toBe(1)
    expect((await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from idempotency_keys where key = $1', ['keyed-race'])).rows[0]!.n).toBe(1)
  })
})
