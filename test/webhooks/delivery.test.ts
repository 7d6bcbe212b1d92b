import { createHmac } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEventType, RelayedEvent } from '../../src/modules/events/domain-events.js'
import { emit } from '../../src/modules/events/outbox.js'
import { eventById } from '../../src/modules/events/relay.js'
import { bodyText, claimDue, DISABLE_AFTER_MS, LEASE_MS, MAX_ATTEMPTS, backoffMs } from '../../src/modules/webhooks/delivery.js'
import { webhookDeliveries, webhookSubscriptions } from '../../src/modules/webhooks/schema.js'
import { postWebhook } from '../../src/modules/webhooks/sender.js'
import { OutboundWebhooks } from '../../src/modules/webhooks/service.js'
import { signedHeaders } from '../../src/modules/webhooks/signing.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { client, local, slot, tokenAt } from '../helpers/factories.js'
import { webhookReceiver, type Received, type Receiver } from '../helpers/receiver.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories
const receivers: Receiver[] = []

beforeAll(async () => ({ ctx, f } = await scene({ config: { webhooksAllowPrivate: true } })))
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()))
  await ctx.close()
})

/** A receiver closed after the file's tests. */
async function receiver(answer?: (n: number) => number, delayMs?: number): Promise<Receiver> {
  const r = await webhookReceiver(answer, delayMs)
  receivers.push(r)
  return r
}

/** A venue with its owner, and a subscription of it to `url`. */
async function subscribed(url: string, event_types?: DomainEventType[]) {
  const venue = await f.newVenue({ timezone: ZONE })
  const owner = await f.newStaff(venue, 'owner')
  const made = await client(ctx, owner.access).post(`/venues/${venue.id}/webhooks`, { url, ...(event_types ? { event_types } : {}) })
  expect(made.status, JSON.stringify(made.body)).toBe(201)
  return { venue, owner, id: made.body.id as string, secret: made.body.secret as string }
}

/** A reservation at `venue` through the API, in a room of its own, three days ahead. */
async function book(venue: Venue): Promise<string> {
  const room = await f.newRoom(venue)
  const customer = await f.newCustomer()
  const day = DateTime.fromJSDate(ctx.clock()).setZone(ZONE).plus({ days: 3 }).toISODate()
  const res = await client(ctx, customer.access).post('/reservations', {
    venue_id: venue.id,
    items: [slot(room, local(ZONE, `${day}T19:00`), local(ZONE, `${day}T21:00`))],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id
}

const deliveriesOf = (subscriptionId: string) =>
  ctx.deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId)).orderBy(asc(webhookDeliveries.eventId))
const subscriptionOf = async (id: string) => (await ctx.deps.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)))[0]!
const deliverDue = () => ctx.services.outboundWebhooks.deliverDue()
const relayAndDeliver = async () => {
  await ctx.services.relay.drain()
  return deliverDue()
}
const typesOf = (got: Received[]) => got.map((g) => JSON.parse(g.body).type)
/** The documented signature, computed by hand: base64 HMAC-SHA256 over "{id}.{timestamp}.{body}" with the decoded secret. */
const hmac = (secret: string, { headers, body }: Received) =>
  createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`)
    .digest('base64')

describe('signatures (Standard Webhooks)', () => {
  it('a created reservation reaches the receiver signed, verifiable with the library and by hand; a tampered body fails', async () => {
    const rx = await receiver()
    const { venue, id, secret } = await subscribed(rx.url)
    const reservationId = await book(venue)
    expect(await relayAndDeliver()).toBe(1)
    expect(rx.got).toHaveLength(1)
    const { headers, body } = rx.got[0]!

    expect(headers['content-type']).toBe('application/json')
    expect(headers['user-agent']).toBe('Reservoir-Webhooks/1')
    const event = JSON.parse(body)
    expect(event).toMatchObject({ type: 'reservation.created', version: 1, aggregate_id: reservationId, venue_id: venue.id, data: { id: reservationId } })
    expect(headers['webhook-id']).toBe(event.id)
    expect(event.id).toMatch(/^evt_\d+$/)
    expect(Object.keys(event)).toEqual(['id', 'type', 'version', 'aggregate_id', 'venue_id', 'occurred_at', 'data'])

    const signed = {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    }
    expect(new Webhook(secret).verify(body, signed)).toEqual(event)

    const expected = hmac(secret, rx.got[0]!)
    expect(signed['webhook-signature']).toBe(`v1,${expected}`)
    expect(Number(signed['webhook-timestamp'])).toBe(Math.floor(ctx.clock().getTime() / 1000))

    const tampered = body.replace(reservationId, '00000000-0000-4000-8000-000000000000')
    expect(tampered).not.toBe(body)
    expect(() => new Webhook(secret).verify(tampered, signed)).toThrow(WebhookVerificationError)
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(body, signed)).toThrow(WebhookVerificationError)
    expect(hmac(secret, { headers, body: tampered })).not.toBe(expected)

    const [delivery] = await deliveriesOf(id)
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 200, lastError: null, deliveredAt: expect.any(Date) })
  })

  it('after a rotation, deliveries verify with the new secret and not the old one', async () => {
    const rx = await receiver()
    const { venue, owner, id, secret } = await subscribed(rx.url)
    const rotated = await client(ctx, owner.access).post(`/webhooks/${id}/rotate-secret`)
    await book(venue)
    expect(await relayAndDeliver()).toBe(1)
    const { headers, body } = rx.got[0]!
    const signed = headers as unknown as Record<string, string>
    expect(new Webhook(rotated.body.secret).verify(body, signed)).toMatchObject({ type: 'reservation.created' })
    expect(() => new Webhook(secret).verify(body, signed)).toThrow(WebhookVerificationError)
  })
})

describe('event filters', () => {
  it('a subscription for reservation.confirmed gets only that type; one for everything gets both, in order', async () => {
    const onlyConfirmed = await receiver()
    const everything = await receiver()
    const { venue, owner } = await subscribed(onlyConfirmed.url, ['reservation.confirmed'])
    await client(ctx, owner.access).post(`/venues/${venue.id}/webhooks`, { url: everything.url })
    const reservationId = await book(venue)
    const confirmed = await client(ctx, owner.access).post(`/reservations/${reservationId}/confirm`, {})
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
    await relayAndDeliver()
    expect(typesOf(onlyConfirmed.got)).toEqual(['reservation.confirmed'])
    expect(typesOf(everything.got)).toEqual(['reservation.created', 'reservation.confirmed'])
    expect(JSON.parse(onlyConfirmed.got[0]!.body)).toMatchObject({ aggregate_id: reservationId, data: { from: 'pending', to: 'confirmed' } })
  })

  it('events of other venues are not sent', async () => {
    const rx = await receiver()
    await subscribed(rx.url)
    await book(await f.newVenue({ timezone: ZONE }))
    await relayAndDeliver()
    expect(rx.got).toEqual([])
  })
})

describe('retries', () => {
  it('a receiver that keeps failing is retried with backoff, nothing early, and the delivery ends failed after the last attempt', async () => {
    const rx = await receiver(() => 500)
    const { venue, owner, id } = await subscribed(rx.url, ['reservation.created'])
    await book(venue)
    expect(await relayAndDeliver()).toBe(1)
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const [d] = await deliveriesOf(id)
      expect(d).toMatchObject({ status: 'pending', attempts: attempt, responseStatus: 500, lastError: 'HTTP 500: receiver says no' })
      expect(d!.nextAttemptAt.getTime()).toBe(ctx.clock().getTime() + backoffMs(attempt))
      // Not a moment before the backoff has passed.
      expect(await deliverDue()).toBe(0)
      ctx.clock.advance(backoffMs(attempt) - 1000)
      expect(await deliverDue()).toBe(0)
      expect(rx.got).toHaveLength(attempt)
      ctx.clock.advance(1000)
      expect(await deliverDue()).toBe(1)
      expect(rx.got).toHaveLength(attempt + 1)
    }
    const [failed] = await deliveriesOf(id)
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, responseStatus: 500, deliveredAt: null })
    ctx.clock.advance(24 * 3600_000)
    expect(await deliverDue()).toBe(0)
    expect(rx.got).toHaveLength(MAX_ATTEMPTS)
    // Every attempt carried the same event id, each with its own timestamp.
    expect(new Set(rx.got.map((g) => g.headers['webhook-id'])).size).toBe(1)
    expect(new Set(rx.got.map((g) => g.headers['webhook-timestamp'])).size).toBe(MAX_ATTEMPTS)

    const api = client(ctx, await tokenAt(ctx, owner))
    const log = await api.get(`/webhooks/${id}/deliveries?status=failed`)
    expect(log.status).toBe(200)
    expect(log.body.results).toEqual([
      expect.objectContaining({
        status: 'failed',
        attempts: MAX_ATTEMPTS,
        response_status: 500,
        last_error: 'HTTP 500: receiver says no',
        next_attempt_at: null,
        event_type: 'reservation.created',
      }),
    ])
    expect((await api.get(`/webhooks/${id}/deliveries?status=pending`)).body.count).toBe(0)
    expect((await subscriptionOf(id)).consecutiveFailures).toBe(MAX_ATTEMPTS)

    // A manual retry puts it back, due now, for one more attempt.
    rx.answer = () => 204
    const retried = await api.post(`/webhook-deliveries/${failed!.id}/retry`)
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(retried.body).toMatchObject({ status: 'pending', next_attempt_at: ctx.clock().toISOString() })
    expect(await deliverDue()).toBe(1)
    const [done] = await deliveriesOf(id)
    expect(done).toMatchObject({ status: 'succeeded', attempts: MAX_ATTEMPTS + 1, responseStatus: 204, lastError: null })
    expect((await subscriptionOf(id)).consecutiveFailures).toBe(0)
    const again = await api.post(`/webhook-deliveries/${failed!.id}/retry`)
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'invalid_transition', detail: { from: 'succeeded' } })
  })

  it('a receiver that recovers ends succeeded, and its failure count goes back to zero', async () => {
    const rx = await receiver((n) => (n <= 2 ? 503 : 200))
    const { venue, id } = await subscribed(rx.url, ['reservation.created'])
    await book(venue)
    expect(await relayAndDeliver()).toBe(1)
    ctx.clock.advance(backoffMs(1))
    expect(await deliverDue()).toBe(1)
    expect((await subscriptionOf(id)).consecutiveFailures).toBe(2)
    ctx.clock.advance(backoffMs(2))
    expect(await deliverDue()).toBe(1)
    const [d] = await deliveriesOf(id)
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200, lastError: null })
    expect(d!.deliveredAt).toEqual(ctx.clock())
    expect((await subscriptionOf(id)).consecutiveFailures).toBe(0)
    expect(rx.got.map((g) => g.headers['webhook-id'])).toEqual(Array(3).fill(rx.got[0]!.headers['webhook-id']))
  })

  it('a failing event holds back the later events of the same reservation until it is delivered', async () => {
    const rx = await receiver((n) => (n === 1 ? 500 : 200))
    const { venue, owner } = await subscribed(rx.url)
    const reservationId = await book(venue)
    expect((await client(ctx, owner.access).post(`/reservations/${reservationId}/confirm`, {})).status).toBe(200)
    expect(await relayAndDeliver()).toBe(1)
    expect(typesOf(rx.got)).toEqual(['reservation.created'])
    ctx.clock.advance(backoffMs(1))
    expect(await deliverDue()).toBe(2)
    expect(typesOf(rx.got)).toEqual(['reservation.created', 'reservation.created', 'reservation.confirmed'])
  })

  it('repeated failure over an hour disables the subscription; its deliveries wait, and re-enabling by PATCH resets it and sends them', async () => {
    const rx = await receiver(() => 500)
    const { venue, owner, id } = await subscribed(rx.url, ['reservation.created'])
    for (let i = 0; i < 10; i++) await book(venue)
    expect(await relayAndDeliver()).toBe(10)
    // Ten failures in a minute are an outage to ride out, not a dead receiver.
    expect(await subscriptionOf(id)).toMatchObject({ consecutiveFailures: 10, disabledAt: null })
    ctx.clock.advance(DISABLE_AFTER_MS)
    expect(await deliverDue()).toBe(10)
    const reason = '10 consecutive failed attempts over an hour or more'
    expect(await subscriptionOf(id)).toMatchObject({ consecutiveFailures: 20, disabledReason: reason, disabledAt: expect.any(Date) })
    const api = client(ctx, await tokenAt(ctx, owner))
    expect((await api.get(`/webhooks/${id}`)).body).toMatchObject({ enabled: false, consecutive_failures: 20, disabled_reason: reason })

    // Their retries fall due, but a disabled subscription sends nothing, and queues nothing new.
    ctx.clock.advance(3600_000)
    expect(await deliverDue()).toBe(0)
    await book(venue)
    await ctx.services.relay.drain()
    expect(await deliveriesOf(id)).toHaveLength(10)
    expect(rx.got).toHaveLength(20)

    rx.answer = () => 200
    const enabled = await client(ctx, await tokenAt(ctx, owner)).patch(`/webhooks/${id}`, { enabled: true })
    expect(enabled.body).toMatchObject({ enabled: true, consecutive_failures: 0, disabled_at: null, disabled_reason: null })
    expect(await deliverDue()).toBe(10)
    expect((await deliveriesOf(id)).every((d) => d.status === 'succeeded' && d.attempts === 3)).toBe(true)
    expect(rx.got).toHaveLength(30)
  })

  it('a receiver that does not answer, or redirects, is a failed attempt with the reason logged', async () => {
    const redirect = await receiver(() => 302)
    const r = await subscribed(redirect.url, ['reservation.created'])
    await book(r.venue)
    // Nothing listens on port 1; the connection is refused.
    const dead = await subscribed('http://127.0.0.1:1/hooks', ['reservation.created'])
    await book(dead.venue)
    expect(await relayAndDeliver()).toBe(2)
    expect((await deliveriesOf(r.id))[0]).toMatchObject({ status: 'pending', responseStatus: 302, lastError: 'HTTP 302: receiver says no' })
    expect((await deliveriesOf(dead.id))[0]).toMatchObject({ status: 'pending', responseStatus: null, lastError: expect.stringContaining('ECONNREFUSED') })
    // Deleting a subscription takes its log and pending deliveries with it (and keeps the later tests' counts exact).
    for (const sub of [r, dead]) expect((await client(ctx, sub.owner.access).delete(`/webhooks/${sub.id}`)).status).toBe(204)
    expect(await deliveriesOf(r.id)).toEqual([])
    ctx.clock.advance(backoffMs(1))
    expect(await deliverDue()).toBe(0)
  })
})

describe('at-least-once, with a stable webhook-id', () => {
  /** The venue's outbox events, as the relay hands them to its sinks. */
  const eventsOf = async (venueId: string): Promise<RelayedEvent[]> => {
    const { rows } = await ctx.database.raw.query<{ id: string }>('select id from outbox_events where venue_id = $1 order by id', [venueId])
    return Promise.all(rows.map(async (r) => (await eventById(ctx.deps.db, Number(r.id)))!))
  }

  it('a batch handed to the sink twice (a relay that crashed before committing) queues each delivery once', async () => {
    const rx = await receiver()
    const { venue, id } = await subscribed(rx.url)
    await book(venue)
    const events = await eventsOf(venue.id)
    for (let run = 0; run < 2; run++) await ctx.deps.db.transaction((tx) => ctx.services.outboundWebhooks.sink.deliver(tx, events))
    await relayAndDeliver()
    expect(await deliveriesOf(id)).toHaveLength(events.length)
    expect(rx.got).toHaveLength(events.length)
  })

  it('a sender that dies between sending and recording: the delivery is sent again after the lease, with the same webhook-id and body', async () => {
    const rx = await receiver()
    const { venue, id, secret } = await subscribed(rx.url, ['reservation.created'])
    await book(venue)
    await ctx.services.relay.drain()
    // What one attempt does, up to the POST; then the process is gone and nothing is recorded.
    const [claimed] = await claimDue(ctx.deps.db, ctx.clock(), 50).then((all) => all.filter((c) => c.url === rx.url))
    const body = bodyText(claimed!.body)
    const sent = await postWebhook(claimed!.url, signedHeaders(claimed!.secret, `evt_${claimed!.eventId}`, ctx.clock(), body), body, true)
    expect(sent).toMatchObject({ ok: true, status: 200 })
    expect(await deliverDue()).toBe(0)
    ctx.clock.advance(LEASE_MS)
    expect(await deliverDue()).toBe(1)

    expect(rx.got).toHaveLength(2)
    const [first, second] = rx.got as [Received, Received]
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(second.body).toBe(first.body)
    // By hand: the library's verify compares the timestamp with the real time, and this test's clock has moved.
    for (const g of rx.got) expect(g.headers['webhook-signature']).toBe(`v1,${hmac(secret, g)}`)
    // A receiver that de-duplicates on webhook-id processes the event once.
    expect(new Set(rx.got.map((g) => g.headers['webhook-id'])).size).toBe(1)
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 })
  })
})

describe('bodies', () => {
  it('carry any payload text intact: quotes, backslashes, newlines, non-ASCII', async () => {
    const rx = await receiver()
    const { venue, secret } = await subscribed(rx.url)
    const aggregateId = crypto.randomUUID()
    const name = 'say "hi" \\ C:\\path\n\ttab, café, 🎤, {"not": "json"}'
    const payload = { id: aggregateId, venue_id: venue.id, status: 'waiting' as const, party_size: 2, name, room_id: null, reservation_id: null }
    await ctx.deps.db.transaction((tx) => emit(tx, ctx.clock(), [{ type: 'waitlist.updated', aggregateId, venueId: venue.id, payload }]))
    expect(await relayAndDeliver()).toBe(1)
    const { body } = rx.got[0]!
    expect(JSON.parse(body)).toMatchObject({ type: 'waitlist.updated', aggregate_id: aggregateId, data: payload })
    expect(rx.got[0]!.headers['webhook-signature']).toBe(`v1,${hmac(secret, rx.got[0]!)}`)
  })
})

describe('concurrency', () => {
  it(`three senders at once over 30 pending deliveries send each exactly once (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const rx = await receiver(() => 200, 5)
    const { venue, id } = await subscribed(rx.url)
    // 30 events of 30 aggregates, written as a change would write them.
    await ctx.deps.db.transaction((tx) =>
      emit(
        tx,
        ctx.clock(),
        Array.from({ length: 30 }, () => ({
          type: 'inventory.changed' as const,
          aggregateId: crypto.randomUUID(),
          venueId: venue.id,
          payload: { venue_id: venue.id, room_type_id: null, from: '2027-01-01', to: '2027-01-02', cause: 'edit' as const },
        })),
      ),
    )
    await ctx.services.relay.drain()
    expect(await deliveriesOf(id)).toHaveLength(30)
    // Two servers and a worker: three instances sharing nothing but the database.
    const senders = [1, 2, 3].map(() => new OutboundWebhooks(ctx.deps, ctx.services.venues))
    const tried = await Promise.all(senders.map((s) => s.deliverDue()))
    expect(tried.reduce((a, b) => a + b, 0)).toBe(30)
    expect(rx.got).toHaveLength(30)
    expect(new Set(rx.got.map((g) => g.headers['webhook-id'])).size).toBe(30)
    const rows = await deliveriesOf(id)
    expect(rows.map((d) => [d.status, d.attempts])).toEqual(Array(30).fill(['succeeded', 1]))
  })
})
