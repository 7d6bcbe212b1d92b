import { randomBytes } from 'node:crypto'
import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookSubscriptions } from '../../src/modules/webhooks/schema.js'
import { buildTestApp, databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { factories, slot } from '../helpers/factories.js'
import { startReservoir, until, type Child } from '../helpers/processes.js'
import { webhookReceiver, type Receiver } from '../helpers/receiver.js'
import { listening, openSocket } from '../helpers/sockets.js'

const NATS_URL = 'nats://127.0.0.1:4222'

const aggregateOf = (body: string) => (JSON.parse(body) as { aggregate_id: string }).aggregate_id

describe.runIf(onPostgres())('processes against one PostgreSQL', () => {
  let ctx: TestContext
  let hook: Receiver
  const children: Child[] = []
  const tag = randomBytes(4).toString('hex')
  const nats = { NATS_URL, NATS_STREAM: `SPLIT_${tag}`, NATS_SUBJECT_PREFIX: `split${tag}` }

  beforeAll(async () => {
    ctx = await buildTestApp()
    hook = await webhookReceiver()
  })
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')))
    await hook.close()
    const nc = await connect({ servers: NATS_URL })
    await (await jetstreamManager(nc)).streams.delete(nats.NATS_STREAM).catch(() => {})
    await nc.drain()
    await ctx.close()
  })

  async function scene() {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: 'UTC', hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })) })
    const rooms = await Promise.all(Array.from({ length: 4 }, () => f.newRoom(venue)))
    const staff = await f.newStaff(venue)
    const customer = await f.newCustomer()
    const secret = `whsec_${randomBytes(24).toString('base64')}`
    await ctx.deps.db.insert(webhookSubscriptions).values({ venueId: venue.id, url: hook.url, secret })
    return { venue, rooms, staff, customer }
  }

  const env = async (extra: Record<string, string> = {}) => ({
    DATABASE_URL: await databaseUrl(ctx),
    DATABASE_POOL_SIZE: '5',
    JWT_SECRET: ctx.config.jwtSecret,
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    ...nats,
    ...extra,
  })

  it('delivers an event committed by a process that was killed before relaying it, once restarted (WebSocket, webhook, NATS)', async () => {
    const { venue, rooms, staff, customer } = await scene()
    // A dashboard connected to another instance (this test's in-process app, which relays nothing).
    const socket = await openSocket(`${await listening(ctx)}/ws/reservations?venue_id=${venue.id}&token=${staff.access}`)
    try {
      // JOBS=false keeps the doomed server from relaying, so the kill surely lands between commit and delivery.
      const doomed = await startReservoir('serve', await env({ JOBS: 'false' }))
      children.push(doomed)
      const day = DateTime.utc().plus({ days: 3 }).toISODate()
      const res = await fetch(`${doomed.base}/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${customer.access}` },
        body: JSON.stringify({ venue_id: venue.id, items: [slot(rooms[0]!, `${day}T10:00:00Z`, `${day}T11:00:00Z`)] }),
      })
      const made = (await res.json()) as { id: string }
      expect(res.status, JSON.stringify(made)).toBe(201)
      await doomed.kill('SIGKILL')
      const { rows } = await ctx.database.raw.query<{ id: string }>('select id from outbox_events where aggregate_id = $1 and published_at is null', [made.id])
      expect(rows).toHaveLength(1)
      const eventId = `evt_${rows[0]!.id}`

      const worker = await startReservoir('worker', await env())
      children.push(worker)
      const frame = await socket.next((fr) => fr.type === 'event' && fr.event.aggregate_id === made.id, 20_000)
      const delivery = await until('the webhook', () => hook.got.find((g) => aggregateOf(g.body) === made.id), 20_000)
      const nc = await connect({ servers: NATS_URL })
      try {
        const jsm = await jetstreamManager(nc)
        const stored = await until(
          'the NATS message',
          () =>
            jsm.streams
              .getMessage(nats.NATS_STREAM, { last_by_subj: `${nats.NATS_SUBJECT_PREFIX}.reservation.created` })
              .catch(() => undefined)
              .then((m) => m ?? undefined),
          20_000,
        )
        // One id everywhere: consumers de-duplicate on it.
        expect(frame.event.id).toBe(eventId)
        expect(delivery.headers['webhook-id']).toBe(eventId)
        expect(stored.header?.get('Nats-Msg-Id')).toBe(eventId)
        expect(stored.json<{ aggregate_id: string }>().aggregate_id).toBe(made.id)
      } finally {
        await nc.drain()
      }
      await worker.kill()
    } finally {
      socket.close()
    }
  })

  it('sends each webhook once with two servers and a worker running jobs and relays at once', async () => {
    const { venue, rooms, customer } = await scene()
    const servers = await Promise.all([startReservoir('serve', await env()), startReservoir('serve', await env())])
    const worker = await startReservoir('worker', await env())
    children.push(...servers, worker)
    const day = DateTime.utc().plus({ days: 4 }).toISODate()
    const made = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const start = DateTime.fromISO(`${day}T08:00:00Z`).plus({ hours: Math.floor(i / 4) })
        const res = await fetch(`${servers[i % 2]!.base}/reservations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${customer.access}` },
          body: JSON.stringify({ venue_id: venue.id, items: [slot(rooms[i % 4]!, start.toISO()!, start.plus({ hours: 1 }).toISO()!)] }),
        })
        expect(res.status).toBe(201)
        return ((await res.json()) as { id: string }).id
      }),
    )
    const mine = () => hook.got.filter((g) => made.includes(aggregateOf(g.body)))
    await until('every webhook', () => (new Set(mine().map((g) => g.headers['webhook-id'])).size === 24 ? true : undefined), 20_000)
    // Time for a duplicate to show up, if any process were to send one.
    await new Promise((r) => setTimeout(r, 2_000))
    expect(mine()).toHaveLength(24)
    const { rows } = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from outbox_events where published_at is null')
    expect(rows[0]!.n).toBe(0)
    await Promise.all([...servers, worker].map((c) => c.kill()))
  })
})
