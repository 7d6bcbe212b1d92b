import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { factories, local, slot } from '../helpers/factories.js'
import { whileUnfinished } from '../helpers/open-transaction.js'
import { scene } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, base: string

beforeAll(async () => {
  ;({ ctx } = await scene({ at: '2027-01-04T12:00:00Z' }))
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/api/v1`
})
afterAll(() => ctx.close())

/** Pairs of active claims on one room whose blocked spans overlap: the invariant says none. */
async function overlappingClaims(roomId: string): Promise<number> {
  const { rows } = await ctx.database.raw.query<{ n: number }>(
    `select count(*)::int as n from reservation_items a join reservation_items b
       on a.room_id = b.room_id and a.id < b.id
      and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
     where a.active and b.active and a.room_id = $1`,
    [roomId],
  )
  return rows[0]!.n
}

describe('concurrent booking of one room', () => {
  it('200 parallel overlapping requests over HTTP: exactly one 201, the rest 409 slot_taken, no overlap stored', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue, { bufferMinutes: 10 })
    const customers = await Promise.all(Array.from({ length: 20 }, () => f.newCustomer()))
    // Every request overlaps every other: all contain 20:00–20:30.
    const windows = [
      ['19:00', '21:00'],
      ['19:30', '20:30'],
      ['20:00', '21:30'],
      ['18:30', '20:30'],
    ]
    const requests = Array.from({ length: 200 }, (_, i) => {
      const [start, end] = windows[i % windows.length]!
      return fetch(`${base}/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${customers[i % customers.length]!.access}` },
        body: JSON.stringify({ venue_id: venue.id, items: [slot(room, local(ZONE, `2027-01-08T${start}`), local(ZONE, `2027-01-08T${end}`))] }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { code?: string } }))
    })
    const results = await Promise.all(requests)
    const created = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status === 409)
    expect(created).toHaveLength(1)
    expect(refused).toHaveLength(199)
    expect(refused.every((r) => r.body.code === 'slot_taken')).toBe(true)

    const { rows } = await ctx.database.raw.query<{ n: number }>(`select count(*)::int as n from reservation_items where room_id = $1 and active`, [room.id])
    expect(rows[0]!.n).toBe(1)
    expect(await overlappingClaims(room.id)).toBe(0)
  })

  it('parallel bookings of different rooms and times all succeed and none overlaps', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: ZONE })
    const rooms = await Promise.all(Array.from({ length: 5 }, () => f.newRoom(venue)))
    const customer = await f.newCustomer()
    const starts = ['16:00', '17:00', '18:00', '19:00', '20:00', '21:00', '22:00', '23:00'].map((h) => local(ZONE, `2027-01-09T${h}`))
    const requests = rooms.flatMap((room) =>
      starts.map((start) =>
        fetch(`${base}/reservations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${customer.access}` },
          body: JSON.stringify({ venue_id: venue.id, items: [slot(room, start, new Date(Date.parse(start) + 3600_000).toISOString())] }),
        }).then((r) => r.status),
      ),
    )
    const statuses = await Promise.all(requests)
    expect(statuses.filter((s) => s === 201)).toHaveLength(statuses.length)
    for (const room of rooms) expect(await overlappingClaims(room.id)).toBe(0)
  })
})

describe.runIf(onPostgres())('claims queued behind an unfinished one', () => {
  /**
   * The exclusion constraint checks an insert by scanning for conflicting rows after the row is
   * in, and waits for any unfinished one. Claims that all went in while another transaction on
   * the same span was unfinished find each other once it rolls back, wait for each other, and
   * PostgreSQL breaks each cycle after `deadlock_timeout` with a 40P01: answers of `conflict`,
   * a second late each. Queued on the room's row instead, they meet only finished rows.
   */
  it('50 requests waiting on an open transaction: once it rolls back, one 201 and 49 slot_taken', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const customer = await f.newCustomer()
    const [start, end] = [local(ZONE, '2027-01-12T19:00'), local(ZONE, '2027-01-12T21:00')]
    const post = () =>
      fetch(`${base}/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${customer.access}` },
        body: JSON.stringify({ venue_id: venue.id, items: [slot(room, start, end)] }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { code?: string } }))
    // A claim on the span, given back: an unfinished transaction takes it again while 50 come.
    const first = await post()
    expect(first.status).toBe(201)
    const id = (first.body as { id: string }).id
    await ctx.database.raw.query(`update reservation_items set active = false where reservation_id = $1`, [id])
    // Every pool connection (30) is in a request that waits on a lock before the rollback.
    const results = await whileUnfinished(ctx, `update reservation_items set active = true where reservation_id = $1`, [id], 30, () =>
      Promise.all(Array.from({ length: 50 }, post)),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`)).toEqual(Array(49).fill('409 slot_taken'))
    expect(await overlappingClaims(room.id)).toBe(0)
  })
})

describe('concurrent multi-room bookings in opposite orders', () => {
  it('never deadlock into a 500: each pair ends with one 201 and one 409, and no overlap is stored', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: ZONE })
    const a = await f.newRoom(venue)
    const b = await f.newRoom(venue)
    const customer = await f.newCustomer()
    const post = (items: unknown[]) =>
      fetch(`${base}/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${customer.access}` },
        body: JSON.stringify({ venue_id: venue.id, items }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { code?: string } }))
    const hours = ['16:00', '17:00', '18:00', '19:00', '20:00', '21:00', '22:00', '23:00']
    const results = await Promise.all(
      hours.flatMap((h) => {
        const start = local(ZONE, `2027-01-11T${h}`)
        const end = new Date(Date.parse(start) + 3600_000).toISOString()
        return [post([slot(a, start, end), slot(b, start, end)]), post([slot(b, start, end), slot(a, start, end)])]
      }),
    )
    expect(results.filter((r) => r.status >= 500)).toEqual([])
    expect(results.filter((r) => r.status === 201)).toHaveLength(hours.length)
    // Shown whole on failure: a 409 of another code (a deadlock's `conflict`) is what this guards against.
    expect(results.filter((r) => r.status === 409 && r.body.code !== 'slot_taken').map((r) => r.body)).toEqual([])
    expect(await overlappingClaims(a.id)).toBe(0)
    expect(await overlappingClaims(b.id)).toBe(0)
  })
})
