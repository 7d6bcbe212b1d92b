import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobHandlers } from '../../src/modules/jobs/handlers.js'
import { startJobs } from '../../src/modules/jobs/runner.js'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { reservationItems, reservations, reservationTransitions } from '../../src/modules/reservations/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
const START = '2027-01-04T12:00:00Z'
let ctx: TestContext, f: Factories, alice: Actor, bob: Actor

beforeAll(async () => ({ ctx, f, alice, bob } = await scene({ at: START, customers: { alice: 'Alice', bob: 'Bob' } })))
afterAll(() => ctx.close())

const at = (wall: string) => local(ZONE, wall)

async function stateOf(id: string) {
  const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id))
  const items = await ctx.deps.db.select().from(reservationItems).where(eq(reservationItems.reservationId, id))
  const trail = await ctx.deps.db.select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id)).orderBy(reservationTransitions.id)
  const events = await ctx.deps.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id)).orderBy(outboxEvents.id)
  return { r: r!, items, trail: trail.map((t) => [t.fromStatus, t.toStatus]), events: events.map((e) => e.type) }
}

describe('holds', () => {
  it('lapse after the venue TTL; the sweeper expires them, releases the room, and is idempotent', async () => {
    ctx.clock.set(START)
    const venue = await f.newVenue({ timezone: ZONE, holdTtlMinutes: 5 })
    const room = await f.newRoom(venue)
    const claim = [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))]
    const held = await client(ctx, alice.access).post('/reservations', { venue_id: venue.id, items: claim })
    expect(held.body.hold_expires_at).toBe(new Date(Date.parse(START) + 5 * 60_000).toISOString())

    ctx.clock.advance(4 * 60_000)
    await ctx.services.reservations.expireLapsedHolds()
    expect((await stateOf(held.body.id)).r.status).toBe('pending')

    ctx.clock.advance(60_000)
    expect(await ctx.services.reservations.expireLapsedHolds()).toBeGreaterThanOrEqual(1)
    const after = await stateOf(held.body.id)
    expect(after.r.status).toBe('expired')
    expect(after.r.holdExpiresAt).toBeNull()
    expect(after.items.every((i) => !i.active)).toBe(true)
    expect(after.trail).toEqual([
      [null, 'pending'],
      ['pending', 'expired'],
    ])
    expect(after.events).toEqual(['reservation.created', 'reservation.expired'])
    // Running it again changes nothing.
    expect(await ctx.services.reservations.expireLapsedHolds()).toBe(0)
    expect((await stateOf(held.body.id)).trail).toHaveLength(2)

    const again = await client(ctx, bob.access).post('/reservations', { venue_id: venue.id, items: claim })
    expect(again.status).toBe(201)
  })

  it('a colliding booking releases a lapsed hold in its own transaction, before any sweep', async () => {
    ctx.clock.set(START)
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const held = await client(ctx, alice.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))],
    })
    // While the hold is live, the overlapping booking is refused.
    const early = await client(ctx, bob.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T20:00'), at('2027-01-08T22:00'))],
    })
    expect(early.body.code).toBe('slot_taken')

    ctx.clock.advance(15 * 60_000)
    const late = await client(ctx, bob.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T20:00'), at('2027-01-08T22:00'))],
    })
    expect(late.status).toBe(201)
    const old = await stateOf(held.body.id)
    expect(old.r.status).toBe('expired')
    expect(old.trail.at(-1)).toEqual(['pending', 'expired'])
    expect(old.events).toContain('reservation.expired')
  })

  it('staff confirming a lapsed hold get 410 hold_expired and the hold is recorded as expired', async () => {
    ctx.clock.set(START)
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const staff = await f.newStaff(venue)
    const held = await client(ctx, alice.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-08T19:00'), at('2027-01-08T21:00'))],
    })
    ctx.clock.advance(16 * 60_000)
    const res = await client(ctx, staff.access).post(`/reservations/${held.body.id}/confirm`)
    expect(res.status).toBe(410)
    expect(res.body.code).toBe('hold_expired')
    const after = await stateOf(held.body.id)
    expect(after.r.status).toBe('expired')
    expect(after.items.every((i) => !i.active)).toBe(true)
    // Asked again, once it is recorded as expired, the answer is the same.
    const again = await client(ctx, staff.access).post(`/reservations/${held.body.id}/confirm`)
    expect(again.status).toBe(410)
    expect(again.body.code).toBe('hold_expired')
  })
})

describe('the pg-boss jobs', () => {
  it('schedules expire-holds every minute and runs it on this database', async () => {
    ctx.clock.set(START)
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const held = await client(ctx, alice.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-09T19:00'), at('2027-01-09T21:00'))],
    })
    ctx.clock.advance(20 * 60_000)
    const jobs = await startJobs(ctx.database, jobHandlers(ctx.deps, ctx.services), ctx.app.log)
    try {
      const { rows } = await ctx.database.raw.query<{ name: string; cron: string }>('select name, cron from pgboss.schedule order by name')
      expect(rows).toEqual([
        { name: 'archive-waitlist', cron: '41 * * * *' },
        { name: 'clear-earnings', cron: '11 * * * *' },
        { name: 'email-unread-messages', cron: '* * * * *' },
        { name: 'expire-credits', cron: '23 * * * *' },
        { name: 'expire-holds', cron: '* * * * *' },
        { name: 'lapse-entitlements', cron: '37 * * * *' },
        { name: 'open-video-rooms', cron: '* * * * *' },
        { name: 'purge-chat-presence', cron: '47 * * * *' },
        { name: 'purge-idempotency-keys', cron: '17 * * * *' },
        { name: 'purge-login-failures', cron: '29 * * * *' },
        { name: 'purge-user-tokens', cron: '53 * * * *' },
        { name: 'reconcile-payments', cron: '* * * * *' },
        { name: 'send-reminders', cron: '*/5 * * * *' },
        { name: 'weekly-payouts', cron: '0 6 * * 1' },
      ])
      await jobs.runNow('expire-holds')
      const deadline = Date.now() + 20_000
      while ((await stateOf(held.body.id)).r.status !== 'expired' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      expect((await stateOf(held.body.id)).r.status).toBe('expired')
    } finally {
      await jobs.stop()
    }
  })
})
