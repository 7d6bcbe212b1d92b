import type { AddressInfo } from 'node:net'
import { and, eq } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import { DEFAULT_POLICY, backoff } from '../../src/modules/notifications/sender.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

/** A real SMTP server on a free port: it records what it accepts and refuses as told. */
interface Received {
  from: string
  to: string[]
  headers: string
  text: string
}
const received: Received[] = []
/** The next answers to RCPT TO, in order; an empty list accepts. */
let refusals: { code: number; message: string }[] = []

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(_address, _session, callback) {
    const refusal = refusals.shift()
    if (!refusal) return callback()
    callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }))
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const split = raw.indexOf('\r\n\r\n')
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((a) => a.address),
        // Folded header lines unfolded, quoted-printable body decoded: what a mail client shows.
        headers: raw.slice(0, split).replace(/\r\n[ \t]+/g, ' '),
        text: raw
          .slice(split + 4)
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      })
      callback()
    })
  },
})

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, venue: Venue, room: Room

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const { port } = smtp.server.address() as AddressInfo
  ;({ ctx, f, venue, room } = await scene({
    at: '2027-01-04T12:00:00Z',
    config: { smtp: { url: `smtp://127.0.0.1:${port}`, from: 'Reservoir <bookings@reservoir.test>' } },
    venue: { timezone: ZONE },
    room: { hourlyRate: 4000 },
  }))
})
afterAll(async () => {
  await ctx.close()
  await new Promise<void>((resolve) => smtp.close(resolve))
})
beforeEach(() => {
  received.length = 0
  refusals = []
})

/** A paid, confirmed booking relayed into notifications; answers its email row. */
async function confirmedEmail(who: Actor, start: string, end: string) {
  const { id, intentId } = await holdAndCheckout(ctx, who, venue, room, start, end)
  await fakeOf(ctx).pay(intentId)
  await ctx.services.relay.drain()
  const [row] = await ctx.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectId, id), eq(notifications.channel, 'email')))
  return row!
}
const rowOf = async (id: string) => (await ctx.deps.db.select().from(notifications).where(eq(notifications.id, id)))[0]!

describe('email over SMTP', () => {
  it('a confirmed reservation sends exactly one email to the customer, with the venue-local time and the price', async () => {
    const alice = await f.newCustomer('Alice Smith')
    const row = await confirmedEmail(alice, '2027-01-08T19:00', '2027-01-08T21:00')
    expect(await ctx.services.notifications.sendDue()).toBe(2) // the email and the in-app copy
    expect(await ctx.services.notifications.sendDue()).toBe(0)

    expect(received).toHaveLength(1)
    const [mail] = received
    expect(mail!.to).toEqual([alice.email])
    expect(mail!.from).toBe('bookings@reservoir.test')
    expect(mail!.headers).toContain(`Subject: Booking confirmed: ${venue.name}, Fri 8 Jan, 19:00`)
    expect(mail!.text).toContain(`Hi Alice, your booking at ${venue.name} on Fri 8 Jan, 19:00 is confirmed. Total: $80.00.`)
    const sent = await rowOf(row.id)
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(mail!.headers).toContain(`Message-ID: ${sent.providerId}`)
    expect(sent.sentAt).toEqual(ctx.clock())
  })

  it('a temporary refusal is retried with backoff; a later success ends sent', async () => {
    const bob = await f.newCustomer('Bob Jones')
    const row = await confirmedEmail(bob, '2027-01-09T19:00', '2027-01-09T21:00')
    refusals = [
      { code: 451, message: 'Try again later' },
      { code: 452, message: 'Mailbox full for now' },
    ]
    await ctx.services.notifications.sendDue()
    expect(await rowOf(row.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('SMTP 451') })
    // Not due before its backoff is over.
    ctx.clock.advance(backoff(DEFAULT_POLICY, 1) - 1000)
    expect(await ctx.services.notifications.sendDue()).toBe(0)
    ctx.clock.advance(1000)
    expect(await ctx.services.notifications.sendDue()).toBe(1)
    expect(await rowOf(row.id)).toMatchObject({ status: 'pending', attempts: 2, lastError: expect.stringContaining('SMTP 452') })
    ctx.clock.advance(backoff(DEFAULT_POLICY, 2))
    expect(await ctx.services.notifications.sendDue()).toBe(1)
    expect(await rowOf(row.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    expect(received.map((m) => m.to)).toEqual([[bob.email]])
  })

  it('a server that keeps refusing: failed after the last attempt, the message kept', async () => {
    const carol = await f.newCustomer('Carol')
    const row = await confirmedEmail(carol, '2027-01-10T19:00', '2027-01-10T21:00')
    refusals = Array.from({ length: DEFAULT_POLICY.maxAttempts }, () => ({ code: 421, message: 'Service not available' }))
    for (let attempt = 1; attempt <= DEFAULT_POLICY.maxAttempts; attempt++) {
      expect(await ctx.services.notifications.sendDue()).toBeGreaterThanOrEqual(1)
      const now = await rowOf(row.id)
      expect(now.attempts).toBe(attempt)
      expect(now.status).toBe(attempt < DEFAULT_POLICY.maxAttempts ? 'pending' : 'failed')
      ctx.clock.advance(backoff(DEFAULT_POLICY, attempt))
    }
    ctx.clock.advance(24 * 3600_000)
    expect(await ctx.services.notifications.sendDue()).toBe(0)
    const failed = await rowOf(row.id)
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: DEFAULT_POLICY.maxAttempts,
      providerId: null,
      sentAt: null,
      body: row.body,
      subject: row.subject,
    })
    expect(failed.lastError).toContain('421')
    expect(received).toEqual([])
  })

  it('a permanent refusal (no such mailbox) fails at once, without retries', async () => {
    const dan = await f.newCustomer('Dan')
    const row = await confirmedEmail(dan, '2027-01-11T19:00', '2027-01-11T21:00')
    refusals = [{ code: 550, message: 'No such user here' }]
    await ctx.services.notifications.sendDue()
    expect(await rowOf(row.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('SMTP 550') })
    ctx.clock.advance(3600_000)
    expect(await ctx.services.notifications.sendDue()).toBe(0)
    expect(received).toEqual([])
  })
})
