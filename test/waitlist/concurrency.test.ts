import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, local } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

// Runs on PGlite (which serialises transactions) and on PostgreSQL, where the seats really
// interleave and the room's exclusion constraint and the entry's row lock decide.
const ZONE = 'America/Denver'
const NOW = local(ZONE, '2027-01-08T19:10')
let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene({ at: NOW })))
afterAll(() => ctx.close())

const count = async (sql: string, params: unknown[]) =>
  (await ctx.database.raw.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n

async function joinMany(venueId: string, n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const res = await client(ctx).post(`/venues/${venueId}/waitlist`, { name: `Party ${i}`, phone: '+13035550100', party_size: 2 })
    expect(res.status).toBe(201)
    ids.push(res.body.id)
  }
  return ids
}

describe('concurrent seating', () => {
  it('50 parties seated into one freed room at once: one is seated, 49 get 409 slot_taken and stay waiting', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue, { capacity: 8 })
    const staff = await f.newStaff(venue)
    const ids = await joinMany(venue.id, 50)
    const api = client(ctx, staff.access)

    const results = await Promise.all(ids.map((id) => api.post(`/waitlist/${id}/seat`, { room_id: room.id })))
    const seated = results.filter((r) => r.status === 200)
    const refused = results.filter((r) => r.status === 409)
    expect(results.filter((r) => r.status !== 200 && r.status !== 409).map((r) => r.body)).toEqual([])
    expect(seated).toHaveLength(1)
    expect(refused).toHaveLength(49)
    expect(refused.every((r) => r.body.code === 'slot_taken')).toBe(true)

    // The invariant, read from the database: one active claim on the room now, one seated party with it, 49 waiting.
    const now = new Date(NOW).toISOString()
    expect(await count(`reservation_items where room_id = $1 and active and tstzrange(starts_at, blocked_until) @> $2::timestamptz`, [room.id, now])).toBe(1)
    expect(await count(`reservation_items where room_id = $1`, [room.id])).toBe(1)
    expect(await count(`reservations where venue_id = $1`, [venue.id])).toBe(1)
    expect(await count(`waitlist_entries where venue_id = $1 and status = 'seated' and reservation_id is not null`, [venue.id])).toBe(1)
    expect(await count(`waitlist_entries where venue_id = $1 and status = 'waiting' and reservation_id is null`, [venue.id])).toBe(49)
    expect(
      await count(`waitlist_entries w join reservations r on r.id = w.reservation_id where w.venue_id = $1 and w.id = $2`, [venue.id, seated[0]!.body.id]),
    ).toBe(1)
    // Only the winner's changes were written: one seat event, one booking's events.
    expect(await count(`outbox_events where venue_id = $1 and type = 'waitlist.updated' and payload->>'status' = 'seated'`, [venue.id])).toBe(1)
    expect(await count(`outbox_events where venue_id = $1 and type like 'reservation.%'`, [venue.id])).toBe(2)
  })

  it('one party seated 20 times at once, into four different rooms: one seat, one reservation, 19 × 409', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const rooms = await Promise.all(Array.from({ length: 4 }, () => f.newRoom(venue, { capacity: 8 })))
    const staff = await f.newStaff(venue)
    const [id] = await joinMany(venue.id, 1)
    const api = client(ctx, staff.access)

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api.post(`/waitlist/${id}/seat`, { room_id: rooms[i % rooms.length]!.id })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    const refused = results.filter((r) => r.status === 409)
    expect(refused).toHaveLength(19)
    expect(refused.every((r) => r.body.code === 'invalid_transition')).toBe(true)

    expect(await count(`reservations where venue_id = $1`, [venue.id])).toBe(1)
    expect(await count(`reservation_items i join reservations r on r.id = i.reservation_id where r.venue_id = $1 and i.active`, [venue.id])).toBe(1)
    expect(await count(`waitlist_entries where id = $1 and status = 'seated' and reservation_id is not null`, [id])).toBe(1)
  })
})
