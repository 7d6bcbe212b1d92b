import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../src/modules/auth/schema.js'
import { notifications } from '../../src/modules/notifications/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
const STEP = 5 * 60_000
let ctx: TestContext, f: Factories, venue: Venue, room: Room

beforeAll(async () => ({ ctx, f, venue, room } = await scene({ venue: { timezone: ZONE }, room: { hourlyRate: 4000 } })))
afterAll(() => ctx.close())

/** A customer with a phone, so reminders go to every channel. */
async function customerWithPhone(name: string, phone: string): Promise<Actor> {
  const who = await f.newCustomer(name)
  await ctx.deps.db.update(users).set({ phone }).where(eq(users.id, who.id))
  return who
}
async function confirmed(who: Actor, start: string, end: string) {
  const { id, intentId } = await holdAndCheckout(ctx, who, venue, room, start, end)
  await fakeOf(ctx).pay(intentId)
  return id
}
/** Runs the job every 5 minutes, as its cron does, until `until`; the relay and sender run along. */
async function runJobUntil(until: string) {
  const end = Date.parse(until)
  while (ctx.clock().getTime() + STEP <= end) {
    ctx.clock.advance(STEP)
    await ctx.services.notifications.sendReminders()
    await ctx.services.relay.drain()
    while ((await ctx.services.notifications.sendDue()) > 0);
  }
}
const remindersOf = async (id: string) => {
  const rows = await ctx.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectId, id), like(notifications.template, 'reminder_%')))
    .orderBy(notifications.createdAt, notifications.channel)
  return rows.map((r) => ({
    template: r.template,
    channel: r.channel,
    status: r.status,
    startsAt: r.data.starts_at,
    queuedAt: r.createdAt.toISOString(),
    body: r.body,
  }))
}

describe('reminders', () => {
  it('a confirmed booking gets one 24 h and one 30 min reminder per channel, in their windows', async () => {
    ctx.clock.set('2027-01-07T00:00:00Z')
    const alice = await customerWithPhone('Alice', '+1 303 555 0111')
    const id = await confirmed(alice, '2027-01-08T19:00', '2027-01-08T21:00') // 2027-01-09T02:00Z
    await runJobUntil('2027-01-09T02:00:00Z')
    const rows = await remindersOf(id)
    expect(rows.map((r) => [r.template, r.channel, r.status])).toEqual([
      ['reminder_24h', 'email', 'sent'],
      ['reminder_24h', 'in_app', 'sent'],
      ['reminder_24h', 'sms', 'sent'],
      ['reminder_30m', 'email', 'sent'],
      ['reminder_30m', 'in_app', 'sent'],
      ['reminder_30m', 'sms', 'sent'],
    ])
    // Queued by the first run inside each window: 24 h 10 min and 35 min before the start.
    expect(rows[0]!.queuedAt).toBe('2027-01-08T01:50:00.000Z')
    expect(rows[3]!.queuedAt).toBe('2027-01-09T01:25:00.000Z')
    expect(rows[0]!.body).toBe(`Hi Alice, a reminder: your booking at ${venue.name} is tomorrow, Fri 8 Jan, 19:00.`)
    expect(rows[3]!.body).toBe(`Hi Alice, your booking at ${venue.name} starts in about 30 minutes (Fri 8 Jan, 19:00).`)
    // The job running again (a restart, a second worker) queues nothing more.
    ctx.clock.set('2027-01-09T01:30:00Z')
    expect(await ctx.services.notifications.sendReminders()).toBe(0)
    ctx.clock.set('2027-01-08T02:00:00Z')
    expect(await ctx.services.notifications.sendReminders()).toBe(0)
  })

  it('a booking cancelled before its reminders gets none; one cancelled in between loses the 30 min one', async () => {
    ctx.clock.set('2027-01-10T00:00:00Z')
    const bob = await customerWithPhone('Bob', '+13035550112')
    const early = await confirmed(bob, '2027-01-11T19:00', '2027-01-11T20:00')
    const late = await confirmed(bob, '2027-01-11T21:00', '2027-01-11T22:00')
    expect((await client(ctx, await tokenAt(ctx, bob)).post(`/reservations/${early}/cancel`, {})).status).toBe(200)
    await runJobUntil('2027-01-11T12:00:00Z')
    expect((await remindersOf(late)).map((r) => r.template)).toEqual(['reminder_24h', 'reminder_24h', 'reminder_24h'])
    expect((await client(ctx, await tokenAt(ctx, bob)).post(`/reservations/${late}/cancel`, {})).status).toBe(200)
    await runJobUntil('2027-01-12T06:00:00Z')
    expect(await remindersOf(early)).toEqual([])
    expect((await remindersOf(late)).map((r) => r.template)).toEqual(['reminder_24h', 'reminder_24h', 'reminder_24h'])
  })

  it('after a reschedule the reminders follow the new start', async () => {
    ctx.clock.set('2027-01-14T00:00:00Z')
    const carol = await customerWithPhone('Carol', '+13035550113')
    const id = await confirmed(carol, '2027-01-15T19:00', '2027-01-15T21:00') // 2027-01-16T02:00Z
    await runJobUntil('2027-01-15T12:00:00Z')
    expect((await remindersOf(id)).map((r) => r.startsAt)).toEqual(Array(3).fill('2027-01-16T02:00:00.000Z'))
    const moved = await client(ctx, await tokenAt(ctx, carol)).post(`/reservations/${id}/reschedule`, {
      start: local(ZONE, '2027-01-16T19:00'),
      end: local(ZONE, '2027-01-16T21:00'),
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    await runJobUntil('2027-01-17T03:00:00Z')
    const rows = await remindersOf(id)
    expect(rows.map((r) => [r.template, r.startsAt])).toEqual([
      ...Array(3).fill(['reminder_24h', '2027-01-16T02:00:00.000Z']),
      ...Array(3).fill(['reminder_24h', '2027-01-17T02:00:00.000Z']),
      ...Array(3).fill(['reminder_30m', '2027-01-17T02:00:00.000Z']),
    ])
    expect(rows.at(-1)!.body).toContain('(Sat 16 Jan, 19:00)')
    // The move itself was announced too.
    const [announced] = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectId, id), eq(notifications.template, 'reservation_rescheduled'), eq(notifications.channel, 'email')))
    expect(announced!.body).toBe(`Hi Carol, your booking at ${venue.name} on Fri 15 Jan, 19:00 has moved to Sat 16 Jan, 19:00.`)
  })

  it('a reminder still waiting when its booking is cancelled is withdrawn, not sent', async () => {
    ctx.clock.set('2027-01-20T00:00:00Z')
    const dan = await customerWithPhone('Dan', '+13035550114')
    const id = await confirmed(dan, '2027-01-20T19:00', '2027-01-20T20:00') // 2027-01-21T02:00Z
    ctx.clock.set('2027-01-21T01:30:00Z')
    expect(await ctx.services.notifications.sendReminders()).toBe(3)
    // Cancelled before the sender got to the reminders (staff may cancel this late).
    const staff = await f.newStaff(venue, 'manager')
    expect((await client(ctx, staff.access).post(`/reservations/${id}/cancel`, {})).status).toBe(200)
    await ctx.services.relay.drain()
    while ((await ctx.services.notifications.sendDue()) > 0);
    const rows = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectId, id), eq(notifications.template, 'reminder_30m')))
    expect(rows).toHaveLength(3)
    for (const r of rows)
      expect(r).toMatchObject({ status: 'failed', sentAt: null, lastError: expect.stringMatching(/^withdrawn: the reservation is (cancelled|refunded)$/) })
  })
})
