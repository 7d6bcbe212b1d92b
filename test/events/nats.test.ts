import { jetstreamManager } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { natsSink } from '../../src/modules/events/nats.js'
import { OutboxRelay, type RelaySink } from '../../src/modules/events/relay.js'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client, factories, slot } from '../helpers/factories.js'

// The local NATS server (with JetStream) every machine of this project runs, CI's included.
const NATS_URL = 'nats://127.0.0.1:4222'
const tag = randomBytes(4).toString('hex')
const nats = { url: NATS_URL, stream: `TEST_${tag}`, subjectPrefix: `test${tag}` }

let ctx: TestContext
let nc: NatsConnection

beforeAll(async () => {
  ctx = await buildTestApp({ nats })
  nc = await connect({ servers: NATS_URL })
})
afterAll(async () => {
  const jsm = await jetstreamManager(nc)
  await jsm.streams.delete(nats.stream).catch(() => {})
  await nc.drain()
  await ctx.close()
})

/** Everything the stream holds, in order: subject, message id and body. */
async function stored() {
  const jsm = await jetstreamManager(nc)
  const info = await jsm.streams.info(nats.stream)
  const out: Array<{ subject: string; msgId: string | undefined; body: any }> = []
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(nats.stream, { seq })
    if (m) out.push({ subject: m.subject, msgId: m.header?.get('Nats-Msg-Id'), body: m.json() })
  }
  return out
}

describe('publishing to NATS JetStream', () => {
  it('publishes each relayed event on a subject per type, with the event id as message id', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: 'UTC', hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })) })
    const room = await f.newRoom(venue)
    const customer = await f.newCustomer()
    const day = DateTime.utc().plus({ days: 2 }).toISODate()
    const made = await client(ctx, customer.access).post('/reservations', { venue_id: venue.id, items: [slot(room, `${day}T10:00:00Z`, `${day}T11:00:00Z`)] })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(await ctx.services.relay.drain()).toBeGreaterThan(0)
    const created = (await stored()).filter((m) => m.body.aggregate_id === made.body.id)
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ subject: `${nats.subjectPrefix}.reservation.created`, body: { type: 'reservation.created', venue_id: venue.id } })
    expect(created[0]!.msgId).toBe(created[0]!.body.id)
  })

  it('stores an event once when the relay dies after publishing and before its commit', async () => {
    const venueId = crypto.randomUUID()
    const aggregateId = crypto.randomUUID()
    await ctx.services.relay.drain()
    const before = (await stored()).length
    await ctx.deps.db.transaction(async (tx) => {
      const { outboxInsert } = await import('../../src/modules/events/outbox.js')
      await outboxInsert(tx, ctx.clock(), [{ type: 'inventory.changed', aggregateId, venueId, payload: { cause: 'test' } }])
    })
    const died: RelaySink = {
      name: 'dies',
      deliver: async () => {
        throw new Error('killed between publish and commit')
      },
    }
    const publisher = natsSink(nats)
    try {
      await expect(new OutboxRelay(ctx.deps, [publisher, died]).drain()).rejects.toThrow('killed')
    } finally {
      await publisher.close()
    }
    // After the "restart" the event is still pending and goes out again, with the same id.
    expect(await ctx.services.relay.drain()).toBe(1)
    const mine = (await stored()).slice(before).filter((m) => m.body.aggregate_id === aggregateId)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.msgId).toMatch(/^evt_\d+$/)
  })
})
