import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, unique, type Actor, type Reply } from '../helpers/factories.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { scene, type Factories } from '../helpers/scene.js'

/*
 * Idempotency-Key on POST /reservations (SPEC §2): same key and body replay the stored answer,
 * a different body is a 422, a retry while the first is running is a 409, keys belong to the
 * caller and live 24 hours. The tests in this file run in order: the last one moves the clock.
 */

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, venue: Venue, alice: Actor, bob: Actor

beforeAll(
  async () =>
    ({ ctx, f, venue, alice, bob } = await scene({ at: '2027-01-04T12:00:00Z', venue: { timezone: ZONE }, customers: { alice: 'Alice', bob: 'Bob' } })),
)
afterAll(() => ctx.close())

const at = (wallClock: string) => local(ZONE, wallClock)
const bookingOf = (room: Room, day: string, extra: Record<string, unknown> = {}) => ({
  venue_id: venue.id,
  items: [slot(room, at(`${day}T19:00`), at(`${day}T21:00`))],
  party_size: 2,
  ...extra,
})
const post = (who: Actor, body: unknown, key?: string) =>
  client(ctx, who.access).post('/reservations', body, key === undefined ? {} : { 'idempotency-key': key })

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await ctx.database.raw.query<{ n: number }>(`select count(*)::int as n from ${sql}`, values)
  return rows[0]!.n
}
const reservationsOf = (user: Actor) => count('reservations where user_id = $1', [user.id])
const allReservations = () => count('reservations')

const expectError = (res: Reply, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.body).toEqual(expect.objectContaining({ error: expect.any(String), code }))
  expect(res.body).toHaveProperty('detail')
}

// Shared by the tests below, which build on one another.
let room: Room
let key: string
let body: ReturnType<typeof bookingOf>
let original: Reply

describe('Idempotency-Key on POST /reservations', () => {
  it('runs 20 concurrent identical requests once: one reservation, one answer', async () => {
    room = await f.newRoom(venue)
    key = unique('book')
    body = bookingOf(room, '2027-01-08')
    expect(await reservationsOf(alice)).toBe(0)

    const replies = await Promise.all(Array.from({ length: 20 }, () => post(alice, body, key)))

    const created = replies.filter((r) => r.status === 201)
    const inFlight = replies.filter((r) => r.status !== 201)
    expect(created.length).toBeGreaterThanOrEqual(1)
    for (const r of inFlight) expectError(r, 409, 'idempotency_in_flight')
    for (const r of created) expect(r.body).toEqual(created[0]!.body)
    // Exactly one request did the work; every other 201 is a replay and says so.
    const fresh = created.filter((r) => r.headers['idempotent-replayed'] === undefined)
    expect(fresh).toHaveLength(1)
    for (const r of created.filter((r) => r !== fresh[0])) expect(r.headers['idempotent-replayed']).toBe('true')

    original = fresh[0]!
    expect(original.body).toMatchObject({ user_id: alice.id, status: 'pending', party_size: 2 })
    expect(await reservationsOf(alice)).toBe(1)
    const { rows } = await ctx.database.raw.query<{ id: string }>('select id from reservations where user_id = $1', [alice.id])
    expect(rows[0]!.id).toBe(original.body.id)
    expect(await count('reservation_items where reservation_id = $1', [original.body.id])).toBe(1)
    expect(await count('outbox_events where aggregate_id = $1', [original.body.id])).toBe(1)
    expect(await count('idempotency_keys where key = $1', [key])).toBe(1)
  })

  it('replays the identical answer to a later retry, with idempotent-replayed: true', async () => {
    const replay = await post(alice, body, key)
    expect(replay.status).toBe(201)
    expect(replay.body).toEqual(original.body)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(await reservationsOf(alice)).toBe(1)
  })

  it('treats the same JSON with its fields in another order as the same body', async () => {
    const reordered = {
      party_size: body.party_size,
      items: body.items.map((i) => ({ end: i.end, start: i.start, room_id: i.room_id, kind: i.kind })),
      venue_id: body.venue_id,
    }
    const replay = await post(alice, reordered, key)
    expect(replay.status).toBe(201)
    expect(replay.body).toEqual(original.body)
    expect(await reservationsOf(alice)).toBe(1)
  })

  it('refuses the same key with a different body with 422 idempotency_key_reused and creates nothing', async () => {
    const before = await allReservations()
    const other = await post(alice, { ...body, party_size: 3 }, key)
    expectError(other, 422, 'idempotency_key_reused')
    const elsewhere = await post(alice, bookingOf(await f.newRoom(venue), '2027-01-09'), key)
    expectError(elsewhere, 422, 'idempotency_key_reused')
    expect(await allReservations()).toBe(before)
    // The refusal does not disturb the stored answer.
    expect((await post(alice, body, key)).body).toEqual(original.body)
  })

  it('scopes keys to the caller: another user with the same key gets their own reservation', async () => {
    const before = await allReservations()
    const own = await post(bob, bookingOf(await f.newRoom(venue), '2027-01-08'), key)
    expect(own.status).toBe(201)
    expect(own.headers['idempotent-replayed']).toBeUndefined()
    expect(own.body.user_id).toBe(bob.id)
    expect(own.body.id).not.toBe(original.body.id)
    expect(await reservationsOf(bob)).toBe(1)
    expect(await allReservations()).toBe(before + 1)
    // And Alice's answer under that key is still hers.
    expect((await post(alice, body, key)).body).toEqual(original.body)
  })

  it('stores a refusal and replays it, even after the reason for it is gone', async () => {
    const carol = await f.newCustomer('Carol')
    const contested = await f.newRoom(venue)
    const first = await post(alice, bookingOf(contested, '2027-01-10'))
    expect(first.status).toBe(201)

    const refusalKey = unique('refused')
    const refused = await post(carol, bookingOf(contested, '2027-01-10'), refusalKey)
    expectError(refused, 409, 'slot_taken')

    // Free the slot: a fresh attempt would now succeed, so a 409 can only be the stored answer.
    expect((await client(ctx, alice.access).post(`/reservations/${first.body.id}/cancel`, { reason: 'plans changed' })).status).toBe(200)
    const replay = await post(carol, bookingOf(contested, '2027-01-10'), refusalKey)
    expectError(replay, 409, 'slot_taken')
    expect(replay.body).toEqual(refused.body)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(await reservationsOf(carol)).toBe(0)

    const fresh = await post(carol, bookingOf(contested, '2027-01-10'), unique('fresh'))
    expect(fresh.status).toBe(201)
    expect(await reservationsOf(carol)).toBe(1)
  })

  it.each([
    ['300 characters', 'k'.repeat(300)],
    ['a space', 'two words'],
    ['a control character', 'tab\there'],
  ])('refuses a key of %s with 400 and writes nothing', async (_name, badKey) => {
    const before = { reservations: await allReservations(), keys: await count('idempotency_keys') }
    const res = await post(alice, bookingOf(await f.newRoom(venue), '2027-01-12'), badKey)
    expectError(res, 400, 'validation_failed')
    expect({ reservations: await allReservations(), keys: await count('idempotency_keys') }).toEqual(before)
  })

  it('forgets a key after 24 hours: the same key then makes a new request', async () => {
    ctx.clock.advance(25 * 3600_000)
    // Tokens are checked against the same clock, so sign in again.
    const fresh = { ...alice, access: await ctx.deps.tokens.access(alice.who, ctx.clock()) }
    const before = await reservationsOf(alice)
    // The original hold lapsed long ago; the new booking releases it and takes the slot again.
    const again = await post(fresh, body, key)
    expect(again.status).toBe(201)
    expect(again.headers['idempotent-replayed']).toBeUndefined()
    expect(again.body.id).not.toBe(original.body.id)
    expect(await reservationsOf(alice)).toBe(before + 1)
    // And the key now belongs to the new request.
    const replay = await post(fresh, body, key)
    expect(replay.body).toEqual(again.body)
    expect(replay.headers['idempotent-replayed']).toBe('true')
  })
})
