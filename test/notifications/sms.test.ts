import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { emit } from '../../src/modules/events/outbox.js'
import { notifications } from '../../src/modules/notifications/schema.js'
import { DEFAULT_POLICY, backoff } from '../../src/modules/notifications/sender.js'
import { NotificationService } from '../../src/modules/notifications/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { waitlistEntries } from '../../src/modules/waitlist/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, tokenAt, unique } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const SID = `AC${randomBytes(16).toString('hex')}`
const TOKEN = randomBytes(16).toString('hex')
const FROM = '+15005550006'

/**
 * A stand-in for Twilio's Messages API: it checks the account and Basic auth, records the
 * form parameters, and answers as Twilio does (201 with the message, or an error document).
 */
interface Sms {
  To: string
  From: string
  Body: string
}
const smsReceived: Sms[] = []
/** The next answers, in order; an empty list answers 201. */
let answers: (500 | 400)[] = []

const twilio = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    const auth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${SID}/Messages.json`)
      return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 })
    if (req.headers.authorization !== auth) return json(401, { code: 20003, message: 'Authenticate', status: 401 })
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) as unknown as Sms
    const answer = answers.shift()
    if (answer === 500) return json(500, { code: 20500, message: 'Internal Server Error', status: 500 })
    if (answer === 400)
      return json(400, {
        code: 21211,
        message: `The 'To' number ${form.To} is not a valid phone number.`,
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      })
    smsReceived.push(form)
    // Answered a little later, so concurrent senders really overlap.
    setTimeout(
      () =>
        json(201, {
          sid: `SM${randomBytes(16).toString('hex')}`,
          account_sid: SID,
          to: form.To,
          from: form.From,
          body: form.Body,
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          date_created: new Date().toUTCString(),
          price: null,
          error_code: null,
          error_message: null,
          uri: '',
        }),
      5,
    )
  })
})

let ctx: TestContext, f: Factories, venue: Venue

beforeAll(async () => {
  await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve))
  const { port } = twilio.address() as AddressInfo
  ;({ ctx, f, venue } = await scene({
    at: '2027-01-04T12:00:00Z',
    config: { twilio: { accountSid: SID, authToken: TOKEN, from: FROM, apiBase: `http://127.0.0.1:${port}` } },
    venue: { timezone: 'America/Denver' },
  }))
})
afterAll(async () => {
  await ctx.close()
  await new Promise<void>((resolve) => twilio.close(() => resolve()))
})
beforeEach(() => {
  smsReceived.length = 0
  answers = []
})

/** A walk-in the staff has just notified, as the waitlist writes it: the entry and its event in one transaction. */
async function notifiedWalkIn(name: string, phone: string) {
  return ctx.deps.db.transaction(async (tx) => {
    const [entry] = await tx
      .insert(waitlistEntries)
      .values({
        venueId: venue.id,
        token: unique('wl'),
        name,
        phone,
        partySize: 4,
        status: 'notified',
        notifiedAt: ctx.clock(),
        createdAt: ctx.clock(),
        updatedAt: ctx.clock(),
      })
      .returning()
    const e = entry!
    await emit(tx, ctx.clock(), [
      {
        type: 'waitlist.updated',
        aggregateId: e.id,
        venueId: venue.id,
        payload: { id: e.id, venue_id: venue.id, status: 'notified', party_size: 4, name, room_id: null, reservation_id: null },
      },
    ])
    return e
  })
}
const rowsAbout = (subjectId: string) => ctx.deps.db.select().from(notifications).where(eq(notifications.subjectId, subjectId))

describe('SMS through the Twilio SDK', () => {
  it('a notified walk-in gets one "your room is ready" text at the number they left', async () => {
    const entry = await notifiedWalkIn('Wendy Walker', '+1 (303) 555-0142')
    await ctx.services.relay.drain()
    // Another waitlist change (not a notify) makes no message.
    await ctx.deps.db.transaction((tx) =>
      emit(tx, ctx.clock(), [
        {
          type: 'waitlist.updated',
          aggregateId: entry.id,
          venueId: venue.id,
          payload: { id: entry.id, venue_id: venue.id, status: 'waiting', party_size: entry.partySize, name: entry.name, room_id: null, reservation_id: null },
        },
      ]),
    )
    await ctx.services.relay.drain()
    expect(await ctx.services.notifications.sendDue()).toBe(1)

    expect(smsReceived).toEqual([{ To: '+13035550142', From: FROM, Body: `Hi Wendy, your room is ready at ${venue.name}! Please come to the front desk.` }])
    const [row] = await rowsAbout(entry.id)
    expect(row).toMatchObject({ channel: 'sms', template: 'waitlist_ready', status: 'sent', attempts: 1, venueId: venue.id })
    expect(row!.providerId).toMatch(/^SM[0-9a-f]{32}$/)
    expect(ctx.services.notifications.channels.sms.name).toBe('twilio')
  })

  it('through the waitlist routes: each notify texts the party once, other changes do not', async () => {
    const staff = await f.newStaff(venue, 'staff')
    const api = client(ctx, staff.access)
    const joined = await api.post(`/venues/${venue.id}/waitlist`, { name: 'Quinn Queue', phone: '+1 303 555 0150', party_size: 3 })
    expect(joined.status, JSON.stringify(joined.body)).toBe(201)
    expect((await api.post(`/waitlist/${joined.body.id}/notify`)).status).toBe(200)
    await ctx.services.relay.drain()
    await ctx.services.notifications.sendDue()
    // Staff call them again a few minutes later: a second text, not a duplicate of the first.
    ctx.clock.advance(5 * 60_000)
    expect((await client(ctx, await tokenAt(ctx, staff)).post(`/waitlist/${joined.body.id}/notify`)).status).toBe(200)
    expect((await client(ctx, await tokenAt(ctx, staff)).post(`/waitlist/${joined.body.id}/remove`, { reason: 'left' })).status).toBe(200)
    await ctx.services.relay.drain()
    await ctx.services.notifications.sendDue()
    const text = `Hi Quinn, your room is ready at ${venue.name}! Please come to the front desk.`
    expect(smsReceived).toEqual([
      { To: '+13035550150', From: FROM, Body: text },
      { To: '+13035550150', From: FROM, Body: text },
    ])
    expect((await rowsAbout(joined.body.id)).map((r) => r.status)).toEqual(['sent', 'sent'])
  })

  it('Twilio answering 500 is retried with backoff; a success in between ends sent', async () => {
    const entry = await notifiedWalkIn('Xavier', '+13035550143')
    await ctx.services.relay.drain()
    answers = [500, 500]
    await ctx.services.notifications.sendDue()
    expect((await rowsAbout(entry.id))[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('Twilio 500') })
    expect(await ctx.services.notifications.sendDue()).toBe(0)
    ctx.clock.advance(backoff(DEFAULT_POLICY, 1))
    await ctx.services.notifications.sendDue()
    expect((await rowsAbout(entry.id))[0]).toMatchObject({ status: 'pending', attempts: 2 })
    ctx.clock.advance(backoff(DEFAULT_POLICY, 2))
    await ctx.services.notifications.sendDue()
    expect((await rowsAbout(entry.id))[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    expect(smsReceived.map((s) => s.To)).toEqual(['+13035550143'])
  })

  it('Twilio down for every attempt: failed after the last one, the message kept', async () => {
    const entry = await notifiedWalkIn('Yara', '+13035550144')
    await ctx.services.relay.drain()
    answers = Array.from({ length: DEFAULT_POLICY.maxAttempts }, () => 500 as const)
    for (let attempt = 1; attempt <= DEFAULT_POLICY.maxAttempts; attempt++) {
      await ctx.services.notifications.sendDue()
      ctx.clock.advance(backoff(DEFAULT_POLICY, attempt))
    }
    expect(await ctx.services.notifications.sendDue()).toBe(0)
    const [row] = await rowsAbout(entry.id)
    expect(row).toMatchObject({
      status: 'failed',
      attempts: DEFAULT_POLICY.maxAttempts,
      body: `Hi Yara, your room is ready at ${venue.name}! Please come to the front desk.`,
    })
    expect(row!.lastError).toContain('Twilio 500')
    expect(smsReceived).toEqual([])
  })

  it('an invalid number (Twilio 400, error 21211) fails at once without retries', async () => {
    const entry = await notifiedWalkIn('Zed', '+1555')
    await ctx.services.relay.drain()
    answers = [400]
    await ctx.services.notifications.sendDue()
    const [row] = await rowsAbout(entry.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(row!.lastError).toContain('Twilio 400 (error 21211)')
    expect(row!.lastError).toContain('is not a valid phone number')
  })
})

describe('several senders at once', () => {
  it('two servers and a worker draining 30 messages send each exactly once', async () => {
    const now = ctx.clock()
    const rows = Array.from({ length: 30 }, (_, i) => ({
      dedupeKey: `test:concurrent:${i}`,
      venueId: venue.id,
      channel: 'sms' as const,
      recipient: `+1303555${String(1000 + i)}`,
      template: 'waitlist_ready',
      subject: 'Your room is ready',
      body: `message ${i}`,
      nextAttemptAt: now,
      createdAt: now,
    }))
    const inserted = await ctx.deps.db.insert(notifications).values(rows).returning({ id: notifications.id })
    // Small batches, so the three interleave over many rounds rather than one taking all.
    const senders = [0, 1, 2].map(() => new NotificationService(ctx.deps, { policy: { batch: 4 } }))
    const tried = await Promise.all(
      senders.map(async (s) => {
        let n = 0
        for (let got = await s.sendDue(); got > 0; got = await s.sendDue()) n += got
        return n
      }),
    )
    expect(tried.reduce((a, b) => a + b, 0)).toBe(30)
    expect(smsReceived).toHaveLength(30)
    expect(new Set(smsReceived.map((s) => s.Body)).size).toBe(30)
    const after = await ctx.deps.db
      .select()
      .from(notifications)
      .where(
        inArray(
          notifications.id,
          inserted.map((r) => r.id),
        ),
      )
    expect(after.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    expect(new Set(after.map((r) => r.providerId)).size).toBe(30)
  })
})
