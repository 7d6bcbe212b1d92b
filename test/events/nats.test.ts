import { jetstreamManager } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BrokerRelay } from '../../src/modules/events/broker.js'
import { natsPublisher, type Publisher } from '../../src/modules/events/nats.js'
import { emit } from '../../src/modules/events/outbox.js'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client, factories, slot } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

// The local NATS server (with JetStream) every machine of this project runs, CI's included.
const NATS_URL = 'nats://127.0.0.1:4222'
/** An `inventory.changed` payload, for events written straight to the outbox. */
const calendarEdit = (venueId: string) => ({ venue_id: venueId, room_type_id: null, from: '2027-01-01', to: '2027-01-02', cause: 'edit' as const })
const tag = randomBytes(4).toString('hex')
const nats = { url: NATS_URL, stream: `TEST_${tag}`, subjectPrefix: `test${tag}` }

let ctx: TestContext, nc: NatsConnection

beforeAll(async () => {
  ;({ ctx } = await scene({ config: { nats } }))
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
    expect(await ctx.services.broker!.drain()).toBeGreaterThan(0)
    const created = (await stored()).filter((m) => m.body.aggregate_id === made.body.id)
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ subject: `${nats.subjectPrefix}.reservation.created`, body: { type: 'reservation.created', venue_id: venue.id } })
    expect(created[0]!.msgId).toBe(created[0]!.body.id)
  })

  it('stores an event once when the publisher dies after publishing and before its commit', async () => {
    const venueId = crypto.randomUUID()
    const aggregateId = crypto.randomUUID()
    await ctx.services.relay.drain()
    await ctx.services.broker!.drain()
    const before = (await stored()).length
    await ctx.deps.db.transaction((tx) => emit(tx, ctx.clock(), [{ type: 'inventory.changed', aggregateId, venueId, payload: calendarEdit(venueId) }]))
    expect(await ctx.services.relay.drain()).toBe(1)
    const real = natsPublisher(nats)
    const dies: Publisher = {
      publish: async (events) => {
        await real.publish(events)
        throw new Error('killed between publish and commit')
      },
      close: () => real.close(),
    }
    const doomed = new BrokerRelay(ctx.deps, dies)
    try {
      await expect(doomed.drain()).rejects.toThrow('killed')
    } finally {
      await doomed.close()
    }
    // After the "restart" the event is still queued for the broker and goes out again, with the same id.
    expect(await ctx.services.broker!.drain()).toBe(1)
    const mine = (await stored()).slice(before).filter((m) => m.body.aggregate_id === aggregateId)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.msgId).toMatch(/^evt_\d+$/)
  })
})

describe('a broker that is down', () => {
  it('holds up only itself: the relay delivers to everything else and the events wait for the broker', async () => {
    // Nothing listens on port 1.
    const down = await buildTestApp({ nats: { url: 'nats://127.0.0.1:1', stream: nats.stream, subjectPrefix: nats.subjectPrefix } })
    try {
      const aggregateId = crypto.randomUUID()
      await down.deps.db.transaction((tx) =>
        emit(tx, down.clock(), [{ type: 'inventory.changed', aggregateId, venueId: crypto.randomUUID(), payload: calendarEdit(aggregateId) }]),
      )
      expect(await down.services.relay.drain()).toBeGreaterThan(0)
      const { rows: unpublished } = await down.database.raw.query<{ n: number }>('select count(*)::int as n from outbox_events where published_at is null')
      expect(unpublished[0]!.n).toBe(0)
      await expect(down.services.broker!.drain()).rejects.toThrow()
      const { rows: queued } = await down.database.raw.query<{ n: number }>(
        'select count(*)::int as n from broker_outbox b join outbox_events o on o.id = b.event_id where o.aggregate_id = $1',
        [aggregateId],
      )
      expect(queued[0]!.n).toBe(1)
    } finally {
      await down.close()
    }
  })
})
