import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventById } from '../../src/modules/events/relay.js'
import { outboxEvents } from '../../src/modules/events/schema.js'
import type { DevChannel } from '../../src/modules/notifications/dev-channel.js'
import { NotificationService } from '../../src/modules/notifications/service.js'
import { USER_CHANNEL } from '../../src/modules/realtime/channels.js'
import { notifications } from '../../src/modules/notifications/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, venue: Venue, room: Room, staff: Actor, alice: Actor, bob: Actor

beforeAll(
  async () =>
    ({ ctx, f, venue, room, staff, alice, bob } = await scene({
      at: '2027-01-04T12:00:00Z',
      venue: { timezone: ZONE },
      room: { hourlyRate: 4000 },
      staff: 'staff',
      customers: { alice: 'Alice Smith', bob: 'Bob Jones' },
    })),
)
afterAll(() => ctx.close())

const rowsAbout = (subjectId: string) =>
  ctx.deps.db
    .select()
    .from(notifications)
    .where(eq(notifications.subjectId, subjectId))
    .orderBy(notifications.createdAt, notifications.template, notifications.channel)
const relayAndSend = async () => {
  await ctx.services.relay.drain()
  while ((await ctx.services.notifications.sendDue()) > 0);
}
async function confirmedBooking(who: Actor, start: string, end: string) {
  const { id, intentId } = await holdAndCheckout(ctx, who, venue, room, start, end)
  await fakeOf(ctx).pay(intentId)
  return id
}

describe('messages queued from domain events', () => {
  it('confirmation goes to the inbox and by email (development channel), rendered in the venue’s zone and currency', async () => {
    const id = await confirmedBooking(alice, '2027-01-08T19:00', '2027-01-08T21:00')
    await relayAndSend()
    const rows = await rowsAbout(id)
    expect(rows.map((r) => [r.template, r.channel, r.recipient, r.status])).toEqual([
      ['reservation_confirmed', 'email', alice.email, 'sent'],
      ['reservation_confirmed', 'in_app', alice.id, 'sent'],
    ])
    for (const r of rows) {
      expect(r.body).toBe('Hi Alice, your booking at ' + venue.name + ' on Fri 8 Jan, 19:00 is confirmed. Total: $80.00.')
      expect(r.venueId).toBe(venue.id)
      expect(r.attempts).toBe(1)
      expect(r.dedupeKey).toMatch(new RegExp(`^evt_\\d+:reservation_confirmed:${r.channel}:${r.recipient}$`))
    }
    // No provider is configured in tests: the development adapter records it as sent.
    expect(rows.find((r) => r.channel === 'email')!.providerId).toMatch(/^dev:/)
    expect(ctx.services.notifications.channels.email.name).toBe('dev-email')
    const devOutbox = (ctx.services.notifications.channels.email as DevChannel).outbox
    expect(devOutbox.filter((m) => m.recipient === alice.email)).toEqual([
      {
        id: rows[0]!.id,
        channel: 'email',
        recipient: alice.email,
        subject: rows[0]!.subject,
        body: rows[0]!.body,
        // The calendar invite rides with the email (test/ical covers what it says).
        calendar: expect.stringMatching(/^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:REQUEST\r\n/),
      },
    ])
  })

  it('a relay batch delivered again (a crash before its commit) or a duplicate event queues nothing twice', async () => {
    const id = await confirmedBooking(alice, '2027-01-09T19:00', '2027-01-09T21:00')
    await ctx.services.relay.drain()
    const before = await rowsAbout(id)
    expect(before).toHaveLength(2)
    // The same outbox rows relayed once more, as after a crash between sink and commit.
    await ctx.deps.db.update(outboxEvents).set({ publishedAt: null }).where(eq(outboxEvents.aggregateId, id))
    expect(await ctx.services.relay.drain()).toBeGreaterThan(0)
    // And the sink handed the same batch twice within one transaction.
    const rows = await ctx.deps.db.select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.aggregateId, id))
    const relayed = await Promise.all(rows.map(async (r) => (await eventById(ctx.deps.db, r.id))!))
    await ctx.deps.db.transaction(async (tx) => {
      await ctx.services.notifications.sink.deliver(tx, relayed)
      await ctx.services.notifications.sink.deliver(tx, relayed)
    })
    expect((await rowsAbout(id)).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort())
    await relayAndSend()
  })

  it('cancellation and refund of a paid booking: both messages, the refund with its amount', async () => {
    const id = await confirmedBooking(bob, '2027-01-10T19:00', '2027-01-10T21:00')
    const cancelled = await client(ctx, bob.access).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.body.status).toBe('refunded')
    await relayAndSend()
    const rows = (await rowsAbout(id)).filter((r) => r.channel === 'email')
    expect(rows.map((r) => r.template).sort()).toEqual(['reservation_cancelled', 'reservation_confirmed', 'reservation_refunded'])
    expect(rows.find((r) => r.template === 'reservation_cancelled')!.body).toContain('on Sun 10 Jan, 19:00 has been cancelled')
    expect(rows.find((r) => r.template === 'reservation_refunded')!.body).toContain('we have refunded $80.00')
  })

  it('a cancellation with a partial refund says how much comes back', async () => {
    const strict = await f.newVenue({ timezone: ZONE, cancellationPolicy: { tiers: [{ hours_before: 0, refund_percent: 50 }], no_show_percent: 0 } })
    const strictRoom = await f.newRoom(strict, { hourlyRate: 4000 })
    const { id, intentId } = await holdAndCheckout(ctx, bob, strict, strictRoom, '2027-01-10T19:00', '2027-01-10T21:00')
    await fakeOf(ctx).pay(intentId)
    expect((await client(ctx, bob.access).post(`/reservations/${id}/cancel`, {})).body.status).toBe('cancelled')
    await fakeOf(ctx).drain()
    await relayAndSend()
    const rows = (await rowsAbout(id)).filter((r) => r.channel === 'email')
    expect(rows.map((r) => r.template).sort()).toEqual(['reservation_cancelled', 'reservation_confirmed'])
    expect(rows.find((r) => r.template === 'reservation_cancelled')!.body).toBe(
      `Hi Bob, your booking at ${strict.name} on Sun 10 Jan, 19:00 has been cancelled. A refund of $40.00 is on its way.`,
    )
  })

  it('an abandoned hold is not news by email; its expiry and a declined card are inbox notes only', async () => {
    const held = await client(ctx, alice.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(ZONE, '2027-01-11T19:00'), local(ZONE, '2027-01-11T20:00'))],
    })
    expect((await client(ctx, alice.access).post(`/reservations/${held.body.id}/cancel`, {})).body.status).toBe('cancelled')
    const declined = await holdAndCheckout(ctx, alice, venue, room, '2027-01-12T19:00', '2027-01-12T21:00')
    await fakeOf(ctx).decline(declined.intentId)
    ctx.clock.advance(16 * 60_000)
    await ctx.services.reservations.expireLapsedHolds()
    await relayAndSend()
    expect(await rowsAbout(held.body.id)).toEqual([])
    const rows = await rowsAbout(declined.id)
    expect(rows.map((r) => [r.template, r.channel])).toEqual([
      ['payment_failed', 'in_app'],
      ['reservation_expired', 'in_app'],
    ])
    expect(rows[0]!.body).toBe(
      `Hi Alice, your payment of $80.00 for ${venue.name} on Tue 12 Jan, 19:00 did not go through. Try another card before your hold runs out.`,
    )
    ctx.clock.set('2027-01-04T12:00:00Z')
  })

  it('a guest booked by staff gets email at the address they left, SMS when they left only a phone', async () => {
    const book = async (guest: object, start: string, end: string) => {
      const res = await client(ctx, staff.access).post('/reservations', {
        venue_id: venue.id,
        guest,
        items: [slot(room, local(ZONE, start), local(ZONE, end))],
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect((await client(ctx, staff.access).post(`/reservations/${res.body.id}/confirm`, {})).body.status).toBe('confirmed')
      return res.body.id as string
    }
    const withEmail = await book({ name: 'Gia Guest', email: 'gia@example.test', phone: '+1 303 555 0199' }, '2027-01-13T17:00', '2027-01-13T19:00')
    const phoneOnly = await book({ name: 'Pat Phone', phone: '+1 (303) 555-0198' }, '2027-01-13T21:00', '2027-01-13T23:00')
    await relayAndSend()
    expect((await rowsAbout(withEmail)).map((r) => [r.channel, r.recipient, r.userId])).toEqual([['email', 'gia@example.test', null]])
    expect((await rowsAbout(phoneOnly)).map((r) => [r.channel, r.recipient, r.body])).toEqual([
      ['sms', '+13035550198', `Hi Pat, your booking at ${venue.name} on Wed 13 Jan, 21:00 is confirmed. Total: $80.00.`],
    ])
  })
})

describe('in-app delivery', () => {
  it('marks the message sent and pushes it to the user’s channel once, at commit', async () => {
    const erin = await f.newCustomer('Erin')
    // The user's channel also carries the events of their own bookings; this counts the messages.
    const heard: { user_id: string; message: Record<string, unknown> }[] = []
    const stop = await ctx.database.listen(USER_CHANNEL, (payload) => {
      const notice = JSON.parse(payload) as { user_id: string; message?: Record<string, unknown> }
      if (notice.message) heard.push({ user_id: notice.user_id, message: notice.message })
    })
    try {
      const id = await confirmedBooking(erin, '2027-01-16T19:00', '2027-01-16T21:00')
      await relayAndSend()
      const [row] = (await rowsAbout(id)).filter((r) => r.channel === 'in_app')
      expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: ctx.clock() })
      await expect.poll(() => heard.filter((h) => h.user_id === erin.id).length).toBe(1)
      expect(heard.find((h) => h.user_id === erin.id)!.message).toMatchObject({
        id: row!.id,
        template: 'reservation_confirmed',
        subject_id: id,
        read_at: null,
        body: row!.body,
      })
    } finally {
      await stop()
    }
  })
})

describe('without a provider in production', () => {
  it('a message fails at once, saying what to configure, and is kept', async () => {
    const production = new NotificationService({ ...ctx.deps, config: { ...ctx.config, env: 'production' } })
    const now = ctx.clock()
    const [row] = await ctx.deps.db
      .insert(notifications)
      .values({
        dedupeKey: 'test:unconfigured',
        venueId: venue.id,
        channel: 'sms',
        recipient: '+13035550100',
        template: 'waitlist_ready',
        subject: 's',
        body: 'Your room is ready',
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning()
    expect(await production.sendDue()).toBe(1)
    const [after] = await ctx.deps.db.select().from(notifications).where(eq(notifications.id, row!.id))
    expect(after).toMatchObject({ status: 'failed', attempts: 1, body: 'Your room is ready', providerId: null })
    expect(after!.lastError).toBe('SMS is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM')
    expect(await production.sendDue()).toBe(0)
  })
})

describe('routes', () => {
  it('the inbox lists the caller’s own in-app messages, newest first, filters unread, and marks read once', async () => {
    const carol = await f.newCustomer('Carol')
    const first = await confirmedBooking(carol, '2027-01-14T19:00', '2027-01-14T21:00')
    ctx.clock.advance(60_000)
    const second = await confirmedBooking(carol, '2027-01-15T19:00', '2027-01-15T21:00')
    await relayAndSend()
    const me = client(ctx, carol.access)
    const inbox = await me.get('/notifications')
    expect(inbox.status).toBe(200)
    expect(inbox.body.count).toBe(2)
    expect(inbox.body.results.map((n: { subject_id: string }) => n.subject_id)).toEqual([second, first])
    expect(inbox.body.results[0]).toMatchObject({ template: 'reservation_confirmed', venue_id: venue.id, read_at: null, data: { reservation_id: second } })
    expect(Object.keys(inbox.body.results[0]).sort()).toEqual(['body', 'created_at', 'data', 'id', 'read_at', 'subject', 'subject_id', 'template', 'venue_id'])

    const target = inbox.body.results[1].id
    const read = await me.post(`/notifications/${target}/read`)
    expect(read.status).toBe(200)
    expect(read.body.read_at).toBe(ctx.clock().toISOString())
    ctx.clock.advance(60_000)
    // Idempotent: the first reading time stays.
    expect((await me.post(`/notifications/${target}/read`, {})).body.read_at).toBe(read.body.read_at)
    const unread = await me.get('/notifications?unread=true')
    expect(unread.body.results.map((n: { subject_id: string }) => n.subject_id)).toEqual([second])
    expect((await me.get('/notifications?page_size=1')).body).toMatchObject({ count: 2, next: '/api/v1/notifications?page_size=1&page=2' })

    // Someone else's message, or an email row of mine, is not found.
    expect((await client(ctx, bob.access).post(`/notifications/${target}/read`)).status).toBe(404)
    const [email] = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, carol.id), eq(notifications.channel, 'email')))
    expect((await me.post(`/notifications/${email!.id}/read`)).status).toBe(404)
    expect((await client(ctx, bob.access).get('/notifications')).body.results.some((n: { id: string }) => n.id === target)).toBe(false)
    expect((await client(ctx).get('/notifications')).status).toBe(401)
  })

  it('the venue log shows its staff every message and its sending state; customers are refused', async () => {
    await ctx.deps.db.execute(
      sql`update notifications set status = 'failed', last_error = 'SMTP 550: no such mailbox' where venue_id = ${venue.id} and channel = 'email' and template = 'reservation_refunded'`,
    )
    const log = await client(ctx, staff.access).get(`/venues/${venue.id}/notifications`)
    expect(log.status).toBe(200)
    expect(log.body.count).toBeGreaterThan(5)
    const failed = await client(ctx, staff.access).get(`/venues/${venue.id}/notifications?status=failed&channel=email`)
    expect(failed.body.count).toBe(1)
    expect(failed.body.results[0]).toMatchObject({
      template: 'reservation_refunded',
      status: 'failed',
      last_error: 'SMTP 550: no such mailbox',
      attempts: 1,
      next_attempt_at: null,
    })
    expect(failed.body.results[0].body).toContain('we have refunded $80.00')
    const bySearch = await client(ctx, staff.access).get(`/venues/${venue.id}/notifications?search=gia@example`)
    expect(bySearch.body.results.map((n: { recipient: string }) => n.recipient)).toEqual(['gia@example.test'])

    expect((await client(ctx, alice.access).get(`/venues/${venue.id}/notifications`)).status).toBe(403)
    const otherStaff = await f.newStaff(await f.newVenue(), 'owner')
    expect((await client(ctx, otherStaff.access).get(`/venues/${venue.id}/notifications`)).status).toBe(403)
    expect((await client(ctx, staff.access).get('/venues/00000000-0000-4000-8000-000000000000/notifications')).status).toBe(404)
    expect((await client(ctx, staff.access).get(`/venues/${venue.id}/notifications?status=lost`)).status).toBe(400)
  })
})

describe('bad input and the API document', () => {
  const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000'
  const raw = (method: 'GET' | 'POST', url: string, token: string, payload?: string, contentType = 'application/json') =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': contentType }) },
      payload,
    })

  it('is refused with the right status and code', async () => {
    const cases: [Promise<{ statusCode: number; body: string }>, number, string][] = [
      [raw('GET', '/notifications?unread=maybe', alice.access), 400, 'validation_failed'],
      [raw('GET', '/notifications?page_size=101', alice.access), 400, 'validation_failed'],
      [raw('GET', '/notifications?status=sent', alice.access), 400, 'validation_failed'],
      [raw('GET', '/notifications?ordering=subject', alice.access), 400, 'validation_failed'],
      [raw('POST', '/notifications/not-a-uuid/read', alice.access), 400, 'validation_failed'],
      [raw('POST', `/notifications/${NO_SUCH_ID}/read`, alice.access), 404, 'not_found'],
      [raw('POST', `/notifications/${NO_SUCH_ID}/read`, alice.access, '{"read_at":"2027-01-01T00:00:00Z"}'), 400, 'validation_failed'],
      [raw('POST', `/notifications/${NO_SUCH_ID}/read`, alice.access, '[1,2]'), 400, 'validation_failed'],
      [raw('POST', `/notifications/${NO_SUCH_ID}/read`, alice.access, ''), 400, 'invalid_json'],
      [raw('POST', `/notifications/${NO_SUCH_ID}/read`, alice.access, '<read/>', 'application/xml'), 415, 'unsupported_media_type'],
      [raw('POST', `/notifications/${NO_SUCH_ID}/read`, 'not.a.jwt'), 401, 'invalid_token'],
      [raw('GET', `/venues/${venue.id}/notifications?status=lost`, staff.access), 400, 'validation_failed'],
      [raw('GET', `/venues/${venue.id}/notifications?channel=fax`, staff.access), 400, 'validation_failed'],
      [raw('GET', `/venues/${venue.id}/notifications?template=hello`, staff.access), 400, 'validation_failed'],
      [raw('GET', '/venues/12345/notifications', staff.access), 400, 'validation_failed'],
      [raw('GET', `/venues/${NO_SUCH_ID}/notifications`, staff.access), 404, 'not_found'],
      [raw('GET', `/venues/${venue.id}/notifications`, alice.access), 403, 'forbidden'],
    ]
    for (const [pending, status, code] of cases) {
      const res = await pending
      expect([res.statusCode, JSON.parse(res.body).code]).toEqual([status, code])
    }
  })

  it('documents the three routes with their response schemas', async () => {
    const doc = (await client(ctx).get('/openapi.json')).body
    // Shapes are named components, referenced as #/components/schemas/Name.
    const named = (schema: any) => (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema)
    const items = (path: string) => named(named(doc.paths[path].get.responses['200'].content['application/json'].schema).properties.results.items)
    expect(Object.keys(doc.paths['/api/v1/notifications'])).toEqual(['get'])
    expect(items('/api/v1/notifications').properties).toHaveProperty('read_at')
    expect(doc.paths['/api/v1/notifications/{id}/read'].post.requestBody.required).toBe(false)
    expect(items('/api/v1/venues/{id}/notifications').properties).toHaveProperty('last_error')
  })
})
