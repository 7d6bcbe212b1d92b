import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { waitlistEntries } from '../../src/modules/waitlist/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, factories, local, tokenAt } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

// A database of its own: the job archives every venue's old entries, and this file counts them.
const ZONE = 'America/Denver'
let ctx: TestContext

beforeAll(async () => ({ ctx } = await scene({ at: local(ZONE, '2027-01-08T19:10') })))
afterAll(() => ctx.close())

const HOUR = 3600_000

describe('the archive-waitlist job', () => {
  it('archives every entry older than the TTL (24 h by default), whatever its state, each with its event, once', async () => {
    expect(ctx.config.waitlistTtlHours).toBe(24)
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const staff = await f.newStaff(venue)
    const join = async (name: string) => {
      const res = await client(ctx).post(`/venues/${venue.id}/waitlist`, { name, phone: '+13035550100', party_size: 2 })
      expect(res.status).toBe(201)
      return res.body as { id: string; token: string }
    }
    const waiting = await join('Ana')
    const seated = await join('Bea')
    const left = await join('Cy')
    const api = client(ctx, staff.access)
    const seat = await api.post(`/waitlist/${seated.id}/seat`, { room_id: room.id })
    expect(seat.status).toBe(200)
    expect((await api.post(`/waitlist/${left.id}/remove`)).status).toBe(200)
    ctx.clock.advance(12 * HOUR)
    const younger = await join('Dee')

    ctx.clock.advance(12 * HOUR - 60_000)
    expect(await ctx.services.waitlist.archiveExpired()).toBe(0)
    ctx.clock.advance(60_000)
    const archivedAt = ctx.clock()
    expect(await ctx.services.waitlist.archiveExpired()).toBe(3)

    const rows = await ctx.deps.db.select().from(waitlistEntries).where(eq(waitlistEntries.venueId, venue.id)).orderBy(asc(waitlistEntries.createdAt))
    expect(rows.map((r) => [r.name, r.status, r.archivedAt?.toISOString() ?? null])).toEqual([
      ['Ana', 'archived', archivedAt.toISOString()],
      ['Bea', 'archived', archivedAt.toISOString()],
      ['Cy', 'archived', archivedAt.toISOString()],
      ['Dee', 'waiting', null],
    ])
    // What happened before stays readable: Bea was seated into the room.
    expect(rows[1]).toMatchObject({ roomId: room.id, reservationId: seat.body.reservation_id })

    const lastEvent = async (id: string) =>
      (
        await ctx.deps.db
          .select()
          .from(outboxEvents)
          .where(and(eq(outboxEvents.aggregateId, id), eq(outboxEvents.type, 'waitlist.updated')))
          .orderBy(asc(outboxEvents.id))
      ).at(-1)!
    const event = await lastEvent(seated.id)
    // The payload's version travels beside it, on the row.
    expect(event).toMatchObject({ venueId: venue.id, createdAt: archivedAt, version: 1 })
    expect(event.payload).toEqual({
      id: seated.id,
      venue_id: venue.id,
      status: 'archived',
      party_size: 2,
      name: 'Bea',
      room_id: room.id,
      reservation_id: seat.body.reservation_id,
    })
    expect(((await lastEvent(waiting.id)).payload as { status: string }).status).toBe('archived')
    expect(((await lastEvent(younger.id)).payload as { status: string }).status).toBe('waiting')

    // The party's link says so; the queue no longer holds them; staff find them by status.
    expect((await client(ctx).get(`/waitlist/status/${waiting.token}`)).body).toMatchObject({
      status: 'archived',
      position: null,
      estimated_wait_minutes: null,
    })
    const staffApi = client(ctx, await tokenAt(ctx, staff))
    expect((await staffApi.get(`/venues/${venue.id}/waitlist`)).body.results.map((e: { name: string; position: number }) => [e.name, e.position])).toEqual([
      ['Dee', 1],
    ])
    expect((await staffApi.get(`/venues/${venue.id}/waitlist?status=archived`)).body.count).toBe(3)
    // Archived is the end: no staff action moves it.
    expect((await staffApi.post(`/waitlist/${waiting.id}/notify`)).body.code).toBe('invalid_transition')

    // Run again: nothing left to do, no event written twice.
    const before = (await ctx.deps.db.select().from(outboxEvents)).length
    expect(await ctx.services.waitlist.archiveExpired()).toBe(0)
    expect((await ctx.deps.db.select().from(outboxEvents)).length).toBe(before)
    ctx.clock.advance(12 * HOUR)
    expect(await ctx.services.waitlist.archiveExpired()).toBe(1)
  })
})
