import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { tokenAt, type Actor } from '../helpers/factories.js'
import { counterDrift, nightsOf, stay } from '../helpers/stays.js'
import { scene, type Factories, type StayFactories } from '../helpers/scene.js'

/**
 * Stays under contention, over a real HTTP port: the per-night counters must never oversell,
 * never drift from what the active reservations claim, and concurrent bookings must never
 * deadlock whatever order their items come in. The sizes are the on PostgreSQL; the
 * embedded database serialises everything on one connection, so there they are scaled down.
 */
const PG = onPostgres()
const size = (postgres: number, pglite: number) => (PG ? postgres : pglite)

let ctx: TestContext, base: string, f: Factories, s: StayFactories

beforeAll(async () => {
  ;({ ctx, f, stays: s } = await scene({ at: '2027-03-01T10:00:00Z' }))
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/api/v1`
})
afterAll(() => ctx.close())

interface Res {
  status: number
  body: any
}

async function call(token: string, path: string, body: unknown = {}): Promise<Res> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // keep the text: a non-JSON answer is itself worth seeing in a failure
  }
  return { status: res.status, body: parsed }
}

type Item = ReturnType<typeof stay>
const book = (token: string, venue: { id: string }, items: Item[]) => call(token, '/reservations', { venue_id: venue.id, items })

/** A small seeded generator, so a failing run can be replayed with the same requests. */
function rng(seed: number) {
  let a = seed >>> 0
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
  }
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const nightsBetween = (arrival: string, departure: string) => {
  const out: string[] = []
  for (let d = arrival; d < departure; d = addDays(d, 1)) out.push(d)
  return out
}

/** The answers that are not one of `allowed` (status → codes; null: any body), shown readably. */
function unexpected(results: readonly Res[], allowed: Record<number, string[] | null>): unknown[] {
  return results
    .filter((r) => {
      if (!(r.status in allowed)) return true
      const codes = allowed[r.status]
      return codes !== null && !codes!.includes(r.body?.code)
    })
    .map((r) => ({ status: r.status, code: r.body?.code, error: r.body?.error, detail: r.body?.detail }))
}

/** The fullest night of a room type, read straight from the counters, and how many nights exceed their units. */
async function load(type: { id: string }): Promise<{ max: number; over: number }> {
  const { rows } = await ctx.database.raw.query<{ max: number; over: number }>(
    `select coalesce(max(held + sold), 0)::int as max, count(*) filter (where held + sold > units)::int as over
       from inventory_nights where room_type_id = $1`,
    [type.id],
  )
  return rows[0]!
}

/** `room_type_id|night` → units the given stay items take (the created reservations' own answer). */
function claimedBy(items: readonly { room_type_id: string; arrival: string; departure: string; quantity: number }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const i of items)
    for (const n of nightsBetween(i.arrival, i.departure)) out[`${i.room_type_id}|${n}`] = (out[`${i.room_type_id}|${n}`] ?? 0) + i.quantity
  return out
}

/** `room_type_id|night` → held (or sold) of the nights of these types that have any. */
async function counted(types: readonly { id: string }[], counter: 'held' | 'sold'): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of types) for (const n of await nightsOf(ctx, t)) if (n[counter] > 0) out[`${t.id}|${n.night}`] = n[counter]
  return out
}

async function statusesOf(ids: readonly string[]): Promise<Record<string, string>> {
  const { rows } = await ctx.database.raw.query<{ id: string; status: string }>(`select id, status from reservations where id = any($1::uuid[])`, [ids])
  return Object.fromEntries(rows.map((r) => [r.id, r.status]))
}

async function sweepAll(): Promise<number> {
  let total = 0
  for (;;) {
    // Two sweepers at once: they skip each other's rows and must not deadlock.
    const swept = await Promise.all([ctx.services.reservations.expireLapsedHolds(), ctx.services.reservations.expireLapsedHolds()])
    total += swept[0] + swept[1]
    if (swept[0] + swept[1] === 0) return total
  }
}

async function customers(n: number): Promise<Actor[]> {
  return Promise.all(Array.from({ length: n }, () => f.newCustomer()))
}

const ALL_NIGHTS = ['2027-03-01', '2027-05-31'] as const

describe('stays under contention', () => {
  it('10 units, many concurrent overlapping 3-night requests: only 201 or 409 sold_out, no night oversold, counters match the reservations', async () => {
    const hotel = await s.newHotel({ holdTtlMinutes: 15 })
    const type = await s.newRoomType(hotel, { totalUnits: 10, maxOccupancy: 2 })
    await s.loadNights(type, ...ALL_NIGHTS)
    const guests = await customers(8)
    const rand = rng(1)
    const n = size(200, 40)
    const wanted = Array.from({ length: n }, (_, i) => {
      const arrival = addDays('2027-03-10', rand(5))
      const quantity = 1 + rand(2)
      return { guest: guests[i % guests.length]!, item: stay(type, arrival, addDays(arrival, 3), quantity, quantity) }
    })
    const results = await Promise.all(wanted.map((w) => book(w.guest.access, hotel, [w.item])))

    expect(unexpected(results, { 201: null, 409: ['sold_out'] })).toEqual([])
    const created = results.filter((r) => r.status === 201)
    expect(created.length).toBeGreaterThan(0)
    expect(results.some((r) => r.status === 409)).toBe(true)

    const { max, over } = await load(type)
    expect(over).toBe(0)
    expect(max).toBeLessThanOrEqual(10)
    expect(max).toBe(10) // the demand far exceeds the supply: some night filled up
    expect(await counterDrift(ctx)).toEqual([])
    // What the 201s promised is exactly what the counters hold: nothing committed unanswered, nothing answered uncommitted.
    expect(await counted([type], 'held')).toEqual(claimedBy(created.map((r) => r.body.items[0])))

    // Nothing gives units back in this test, so a refusal must name a night that really was too full for it.
    const final = new Map((await nightsOf(ctx, type)).map((x) => [x.night, x.held + x.sold]))
    results.forEach((r, i) => {
      if (r.status !== 409) return
      const { item } = wanted[i]!
      expect(r.body.detail, JSON.stringify(r.body)).toMatchObject({ item: 0, room_type_id: type.id, reason: 'full' })
      expect(nightsBetween(item.arrival, item.departure)).toContain(r.body.detail.night)
      expect(final.get(r.body.detail.night)! + item.quantity).toBeGreaterThan(10)
    })
  })

  it('100 pairs over the same nights with their items in opposite orders: one 201 and one 409 sold_out each, never a deadlock', async () => {
    const hotel = await s.newHotel({ holdTtlMinutes: 15 })
    // One unit of each type and each pair on nights of its own: the two requests of a pair
    // contend only with each other, so whoever locks per item in request order would take
    // one half each and wait on the other forever (till the deadlock detector steps in).
    const a = await s.newRoomType(hotel, { name: 'A', totalUnits: 1 })
    const b = await s.newRoomType(hotel, { name: 'B', totalUnits: 1 })
    const c = await s.newRoomType(hotel, { name: 'C', totalUnits: 1 })
    const d = await s.newRoomType(hotel, { name: 'D', totalUnits: 2 })
    const pairs = size(100, 12)
    const samePairs = size(50, 6)
    for (const t of [a, b, c, d]) await s.loadNights(t, '2027-03-20', addDays('2027-03-20', 5 * pairs + 10))
    const guests = await customers(10)
    const token = (i: number) => guests[i % guests.length]!.access

    const requests: Item[][][] = []
    // Two room types: A then B against B then A.
    for (let i = 0; i < pairs; i++) {
      const arrival = addDays('2027-03-20', 3 * i)
      const departure = addDays(arrival, 3)
      requests.push([
        [stay(a, arrival, departure), stay(b, arrival, departure)],
        [stay(b, arrival, departure), stay(a, arrival, departure)],
      ])
    }
    // One room type, two back-to-back stays in either date order.
    for (let i = 0; i < samePairs; i++) {
      const arrival = addDays('2027-03-20', 4 * i)
      const early = stay(c, arrival, addDays(arrival, 2))
      const late = stay(c, addDays(arrival, 2), addDays(arrival, 4))
      requests.push([
        [early, late],
        [late, early],
      ])
    }
    // One room type of two units, two stays sharing a night (it needs both units) in either date order.
    for (let i = 0; i < samePairs; i++) {
      const arrival = addDays('2027-03-20', 5 * i)
      const early = stay(d, arrival, addDays(arrival, 3))
      const late = stay(d, addDays(arrival, 2), addDays(arrival, 5))
      requests.push([
        [early, late],
        [late, early],
      ])
    }
    const results = await Promise.all(requests.map((pair, i) => Promise.all(pair.map((items, j) => book(token(2 * i + j), hotel, items)))))

    // A deadlock would surface as a 409 `conflict` (retryable) or a 5xx: neither may appear.
    expect(unexpected(results.flat(), { 201: null, 409: ['sold_out'] })).toEqual([])
    // Each pair wants the same units: exactly one of the two gets them, all of them.
    expect(results.map((pair) => pair.map((r) => r.status).sort())).toEqual(requests.map(() => [201, 409]))
    const created = results.flatMap((pair, i) => pair.flatMap((r, j) => (r.status === 201 ? [{ r, items: requests[i]![j]! }] : [])))
    // The reservation keeps its items in the order they were asked for.
    for (const { r, items } of created)
      expect(r.body.items.map((i: Item) => [i.room_type_id, i.arrival])).toEqual(items.map((i) => [i.room_type_id, i.arrival]))

    for (const t of [a, b, c, d]) expect((await load(t)).over).toBe(0)
    expect(await counterDrift(ctx)).toEqual([])
    expect(await counted([a, b, c, d], 'held')).toEqual(claimedBy(created.flatMap(({ r }) => r.body.items)))
  }, 180_000) // each deadlock would cost a second of deadlock_timeout: let them all answer, to be listed

  it('a crowd of two-item requests in both orders over overlapping nights: no deadlock, all or nothing, counters consistent', async () => {
    const hotel = await s.newHotel({ holdTtlMinutes: 15 })
    const pairs = size(50, 10)
    const units = Math.ceil(pairs / 2)
    const a = await s.newRoomType(hotel, { name: 'A', totalUnits: units })
    const b = await s.newRoomType(hotel, { name: 'B', totalUnits: units })
    const c = await s.newRoomType(hotel, { name: 'C', totalUnits: units })
    for (const t of [a, b, c]) await s.loadNights(t, ...ALL_NIGHTS)
    const guests = await customers(10)
    const token = (i: number) => guests[i % guests.length]!.access
    const rand = rng(2)

    const requests: Item[][] = []
    for (let i = 0; i < pairs; i++) {
      const arrival = addDays('2027-03-20', rand(3))
      const departure = addDays(arrival, 3)
      requests.push([stay(a, arrival, departure), stay(b, arrival, departure)], [stay(b, arrival, departure), stay(a, arrival, departure)])
    }
    for (let i = 0; i < pairs; i++) {
      const arrival = addDays('2027-03-20', rand(3))
      const early = stay(c, arrival, addDays(arrival, 3))
      const late = stay(c, addDays(arrival, 2), addDays(arrival, 5))
      requests.push([early, late], [late, early])
    }
    const results = await Promise.all(requests.map((items, i) => book(token(i), hotel, items)))

    expect(unexpected(results, { 201: null, 409: ['sold_out'] })).toEqual([])
    const created = results.filter((r) => r.status === 201)
    expect(created.length).toBeGreaterThan(0)
    expect(created.length).toBeLessThan(results.length)
    for (const t of [a, b, c]) {
      const { max, over } = await load(t)
      expect(over).toBe(0)
      expect(max).toBeLessThanOrEqual(units)
    }
    expect(await counterDrift(ctx)).toEqual([])
    expect(await counted([a, b, c], 'held')).toEqual(claimedBy(created.flatMap((r) => r.body.items)))
    // All or nothing: A and B were only ever taken together.
    const held = await counted([a, b], 'held')
    for (const night of nightsBetween('2027-03-20', '2027-03-25')) expect(held[`${a.id}|${night}`] ?? 0).toBe(held[`${b.id}|${night}`] ?? 0)
  }, 180_000)

  it('expired holds and cancelled bookings give their units back, swept or collided with, and never twice', async () => {
    const hotel = await s.newHotel({ holdTtlMinutes: 15 })
    const type = await s.newRoomType(hotel, { totalUnits: 10 })
    await s.loadNights(type, ...ALL_NIGHTS)
    const staff = await f.newStaff(hotel, 'manager')
    const guests = await customers(12)
    const at = (i: number) => tokenAt(ctx, guests[i % guests.length]!)

    // Fill three ranges with holds, concurrently: exactly the units are taken, the rest refused.
    const fill = async (arrival: string, quantity: number, n: number) => {
      const tokens = await Promise.all(Array.from({ length: n }, (_, i) => at(i)))
      return Promise.all(tokens.map((t) => book(t, hotel, [stay(type, arrival, addDays(arrival, 3), quantity, quantity)])))
    }
    const first = await fill('2027-03-15', 1, 14)
    const second = await fill('2027-03-25', 2, 8)
    const third = await fill('2027-03-20', 1, 10)
    for (const [res, won] of [
      [first, 10],
      [second, 5],
      [third, 10],
    ] as const) {
      expect(unexpected(res, { 201: null, 409: ['sold_out'] })).toEqual([])
      expect(res.filter((r) => r.status === 201)).toHaveLength(won)
    }
    expect((await load(type)).max).toBe(10)
    const idsOf = (res: readonly Res[]) => res.filter((r) => r.status === 201).map((r) => r.body.id as string)

    // The holds lapse; nobody sweeps. New bookings that collide with them expire them and take
    // their units in their own transaction.
    ctx.clock.advance(16 * 60_000)
    const again = await fill('2027-03-15', 1, 14)
    expect(unexpected(again, { 201: null, 409: ['sold_out'] })).toEqual([])
    expect(again.filter((r) => r.status === 201)).toHaveLength(10)
    expect(Object.values(await statusesOf(idsOf(first))).every((st) => st === 'expired')).toBe(true)
    expect(await counterDrift(ctx)).toEqual([])

    // The same, racing staff who try to confirm the lapsed holds: too late (410) whoever gets there first.
    const lateStaff = await tokenAt(ctx, staff)
    const [raced, late] = await Promise.all([fill('2027-03-20', 1, 14), Promise.all(idsOf(third).map((id) => call(lateStaff, `/reservations/${id}/confirm`)))])
    expect(unexpected(raced, { 201: null, 409: ['sold_out'] })).toEqual([])
    expect(unexpected(late, { 410: ['hold_expired'] })).toEqual([])
    expect(raced.filter((r) => r.status === 201)).toHaveLength(10)
    expect(Object.values(await statusesOf(idsOf(third))).every((st) => st === 'expired')).toBe(true)

    // The second range is lapsed but unswept: still pending, still held, and the counters agree.
    expect(Object.values(await statusesOf(second.filter((r) => r.status === 201).map((r) => r.body.id))).every((st) => st === 'pending')).toBe(true)
    expect(await counterDrift(ctx)).toEqual([])

    // Everything lapses; the sweeper (two at once) gives every unit back.
    ctx.clock.advance(16 * 60_000)
    expect(await sweepAll()).toBeGreaterThanOrEqual(25)
    expect((await nightsOf(ctx, type)).filter((x) => x.held !== 0 || x.sold !== 0)).toEqual([])
    expect(await counterDrift(ctx)).toEqual([])

    // Fill a range with holds, then staff confirm them all at once while others try to get in:
    // held → sold never frees a unit, so every intruder is refused.
    const holds = await fill('2027-04-05', 1, 10)
    expect(holds.map((r) => r.status)).toEqual(Array(10).fill(201))
    const ids = holds.map((r) => r.body.id as string)
    const staffToken = await tokenAt(ctx, staff)
    const intruderTokens = await Promise.all([0, 1, 2, 3].map((i) => at(i + 10)))
    const [confirmed, intruders] = await Promise.all([
      Promise.all(ids.map((id) => call(staffToken, `/reservations/${id}/confirm`))),
      Promise.all(intruderTokens.map((t) => book(t, hotel, [stay(type, '2027-04-06', '2027-04-07')]))),
    ])
    expect(unexpected(confirmed, { 200: null })).toEqual([])
    expect(unexpected(intruders, { 409: ['sold_out'] })).toEqual([])
    expect(await counted([type], 'sold')).toEqual(claimedBy(holds.map((r) => r.body.items[0])))
    expect(await counted([type], 'held')).toEqual({})
    expect(await counterDrift(ctx)).toEqual([])

    // Cancel each confirmed booking twice at once, by its guest and by staff: one wins, the
    // other finds it cancelled, and its units come back once.
    const owners = await Promise.all(ids.map((_, i) => at(i)))
    const cancels = await Promise.all(
      ids.flatMap((id, i) => [
        call(owners[i]!, `/reservations/${id}/cancel`, { reason: 'change of plans' }),
        call(staffToken, `/reservations/${id}/cancel`, { reason: 'guest called' }),
      ]),
    )
    expect(unexpected(cancels, { 200: null, 409: ['invalid_transition'] })).toEqual([])
    for (let i = 0; i < ids.length; i++) expect([cancels[2 * i]!.status, cancels[2 * i + 1]!.status].sort()).toEqual([200, 409])
    expect(Object.values(await statusesOf(ids)).every((st) => st === 'cancelled')).toBe(true)
    expect((await nightsOf(ctx, type)).filter((x) => x.held !== 0 || x.sold !== 0)).toEqual([])
    expect(await counterDrift(ctx)).toEqual([])

    // And the units really are free: the whole range books again.
    const rebooked = await fill('2027-04-05', 1, 10)
    expect(rebooked.map((r) => r.status)).toEqual(Array(10).fill(201))
    expect(await counterDrift(ctx)).toEqual([])
  })

  it('concurrent reschedules and new bookings on the same nights never lose or double a unit', async () => {
    const hotel = await s.newHotel({ holdTtlMinutes: 15 })
    const units = 10
    const type = await s.newRoomType(hotel, { totalUnits: units })
    await s.loadNights(type, ...ALL_NIGHTS)
    const staff = await f.newStaff(hotel, 'manager')
    const guests = await customers(10)
    const rand = rng(4)
    const window = (r: number) => addDays('2027-04-10', r)

    // Two stale holds in the window, lapsed and unswept: whoever collides first expires them.
    for (const arrival of [window(1), window(3)]) {
      const r = await book(await tokenAt(ctx, guests[0]!), hotel, [stay(type, arrival, addDays(arrival, 3))])
      expect(r.status).toBe(201)
    }
    ctx.clock.advance(16 * 60_000)

    // Eight live stays of one unit, half of them confirmed.
    const staffToken = await tokenAt(ctx, staff)
    const tokens = await Promise.all(guests.map((g) => tokenAt(ctx, g)))
    const stays: { id: string; token: string; arrival: string }[] = []
    for (let i = 0; i < 8; i++) {
      const arrival = window(rand(5))
      const r = await book(tokens[i]!, hotel, [stay(type, arrival, addDays(arrival, 3))])
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      if (i % 2 === 0) expect((await call(staffToken, `/reservations/${r.body.id}/confirm`)).status).toBe(200)
      stays.push({ id: r.body.id, token: tokens[i]!, arrival })
    }
    expect(await counterDrift(ctx)).toEqual([])

    // Many moves of those stays (same length, so the same price) and new bookings, all at once.
    const moves = Array.from({ length: size(80, 16) }, (_, i) => {
      const target = stays[i % stays.length]!
      const arrival = window(rand(5))
      return { target, arrival, token: i % 3 === 0 ? staffToken : target.token }
    })
    const newcomers = Array.from({ length: size(60, 12) }, (_, i) => {
      const arrival = window(rand(5))
      const quantity = 1 + rand(2)
      return { token: tokens[(i + 8) % tokens.length]!, item: stay(type, arrival, addDays(arrival, 3), quantity, quantity) }
    })
    const jobs: Promise<{ kind: 'move' | 'book'; i: number; r: Res }>[] = []
    for (let i = 0; i < Math.max(moves.length, newcomers.length); i++) {
      const m = moves[i]
      if (m)
        jobs.push(
          call(m.token, `/reservations/${m.target.id}/reschedule`, { arrival: m.arrival, departure: addDays(m.arrival, 3) }).then((r) => ({
            kind: 'move' as const,
            i,
            r,
          })),
        )
      const n = newcomers[i]
      if (n) jobs.push(book(n.token, hotel, [n.item]).then((r) => ({ kind: 'book' as const, i, r })))
    }
    const done = await Promise.all(jobs)
    const moved = done.filter((d) => d.kind === 'move')
    const booked = done.filter((d) => d.kind === 'book')

    expect(
      unexpected(
        moved.map((d) => d.r),
        { 200: null, 409: ['sold_out'] },
      ),
    ).toEqual([])
    expect(
      unexpected(
        booked.map((d) => d.r),
        { 201: null, 409: ['sold_out'] },
      ),
    ).toEqual([])
    expect(moved.some((d) => d.r.status === 200)).toBe(true)

    const { max, over } = await load(type)
    expect(over).toBe(0)
    expect(max).toBeLessThanOrEqual(units)
    expect(await counterDrift(ctx)).toEqual([])

    // Each stay ends where one of its successful moves put it (or where it was), still one unit, still in its state.
    const { rows } = await ctx.database.raw.query<{ reservation_id: string; arrival: string; departure: string; quantity: number; status: string; n: number }>(
      `select i.reservation_id, i.arrival::text as arrival, i.departure::text as departure, i.quantity, r.status,
              count(*) over (partition by i.reservation_id)::int as n
         from reservation_items i join reservations r on r.id = i.reservation_id where i.reservation_id = any($1::uuid[])`,
      [stays.map((x) => x.id)],
    )
    expect(rows).toHaveLength(stays.length)
    stays.forEach((x, i) => {
      const row = rows.find((r) => r.reservation_id === x.id)!
      const won = moved.filter((d) => d.r.status === 200 && moves[d.i]!.target.id === x.id).map((d) => moves[d.i]!.arrival)
      expect(won.length ? won : [x.arrival]).toContain(row.arrival)
      expect(row).toMatchObject({ departure: addDays(row.arrival, 3), quantity: 1, status: i % 2 === 0 ? 'confirmed' : 'pending', n: 1 })
    })
    expect(await counterDrift(ctx)).toEqual([])
  })
})
