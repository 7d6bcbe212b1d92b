import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Tx } from '../../src/db/client.js'
import type { RelayedEvent } from '../../src/modules/events/envelope.js'
import { emit } from '../../src/modules/events/outbox.js'
import { OutboxRelay, type RelaySink } from '../../src/modules/events/relay.js'
import { realtimeSink } from '../../src/modules/realtime/channels.js'
import { databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { factories } from '../helpers/factories.js'
import { listening, openSocket } from '../helpers/sockets.js'
import { scene } from '../helpers/scene.js'

let ctx: TestContext

beforeAll(async () => ({ ctx } = await scene()))
afterAll(() => ctx.close())

/** A sink that records what it was handed, optionally slowly (so relays overlap). */
function recorder(delayMs = 0) {
  const seen: RelayedEvent[] = []
  const sink: RelaySink = {
    name: 'recorder',
    deliver: async (_tx, events) => {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
      seen.push(...events)
    },
  }
  return { seen, sink }
}

const failing: RelaySink = {
  name: 'failing',
  deliver: async () => {
    throw new Error('the process died here')
  },
}

async function queueEvents(aggregateId: string, n: number, venueId: string | null = null, tx?: Tx) {
  // `total` numbers the events, so their order can be read back.
  const rows = Array.from({ length: n }, (_, i) => ({ type: 'reservation.created' as const, aggregateId, venueId, payload: { id: aggregateId, total: i } }))
  await emit(tx ?? ctx.deps.db, ctx.clock(), rows)
}

const uuid = () => crypto.randomUUID()
/** The number `queueEvents` gave an event. */
const seqOf = (e: RelayedEvent) => (e.type === 'reservation.created' ? e.payload.total : -1)
const pending = async () => (await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from outbox_events where published_at is null')).rows[0]!.n

describe('the outbox relay', () => {
  it('drains everything pending, and a second run finds nothing', async () => {
    await ctx.services.relay.drain()
    const { seen, sink } = recorder()
    const relay = new OutboxRelay(ctx.deps, [sink], 7)
    const a = uuid()
    await queueEvents(a, 20)
    expect(await relay.drain()).toBe(20)
    expect(seen.map((e) => seqOf(e))).toEqual([...Array(20).keys()])
    expect(await relay.drain()).toBe(0)
    expect(await pending()).toBe(0)
  })

  it('delivers a row with a lower id that committed after a higher one was relayed (no high-water mark)', async () => {
    const { seen, sink } = recorder()
    const relay = new OutboxRelay(ctx.deps, [sink])
    const [late, early] = [uuid(), uuid()]
    const { rows } = await ctx.database.raw.query<{ id: string }>("select nextval('outbox_events_id_seq') as id")
    const reserved = Number(rows[0]!.id)
    await queueEvents(early, 1)
    expect(await relay.drain()).toBe(1)
    // The transaction that took `reserved` commits only now.
    await ctx.database.raw.query(
      `insert into outbox_events (id, type, aggregate_id, payload, created_at) values ($1, 'reservation.created', $2, '{}', now())`,
      [reserved, late],
    )
    expect(await relay.drain()).toBe(1)
    expect(seen.map((e) => e.aggregateId)).toEqual([early, late])
    expect(seen[1]!.id).toBeLessThan(seen[0]!.id)
  })

  it('rolls a batch back as a whole when a sink fails, and delivers it on the next run', async () => {
    const base = await listening(ctx)
    const f = factories(ctx)
    const venue = await f.newVenue()
    const staff = await f.newStaff(venue)
    const socket = await openSocket(`${base}/ws/reservations?venue_id=${venue.id}&token=${staff.access}`)
    try {
      await ctx.services.relay.drain()
      const a = uuid()
      await queueEvents(a, 3, venue.id)
      const crashing = new OutboxRelay(ctx.deps, [realtimeSink, failing])
      await expect(crashing.drain()).rejects.toThrow('the process died here')
      expect(await pending()).toBe(3)
      expect(await ctx.services.relay.drain()).toBe(3)
      await socket.next((fr) => fr.type === 'event' && fr.event.data.total === 2)
      // The notices of the rolled-back batch never left: each event reached the socket once.
      const ids = socket.frames.filter((fr) => fr.type === 'event').map((fr) => fr.event.id)
      expect(ids).toHaveLength(3)
      expect(new Set(ids).size).toBe(3)
    } finally {
      socket.close()
    }
  })
})

describe.runIf(onPostgres())('the outbox relay on PostgreSQL', () => {
  it('delivers both events of two transactions that commit out of sequence order', async () => {
    await ctx.services.relay.drain()
    const { seen, sink } = recorder()
    const relay = new OutboxRelay(ctx.deps, [sink])
    const slow = new pg.Client({ connectionString: await databaseUrl(ctx) })
    await slow.connect()
    try {
      const [first, second] = [uuid(), uuid()]
      await slow.query('begin')
      await slow.query(`insert into outbox_events (type, aggregate_id, payload, created_at) values ('reservation.created', $1, '{}', now())`, [first])
      await queueEvents(second, 1)
      expect(await relay.drain()).toBe(1)
      await slow.query('commit')
      expect(await relay.drain()).toBe(1)
      expect(seen.map((e) => e.aggregateId)).toEqual([second, first])
      expect(seen[0]!.id).toBeGreaterThan(seen[1]!.id)
    } finally {
      await slow.end()
    }
  })

  it('keeps each aggregate in order with four relays at once, delivering every event once', async () => {
    await ctx.services.relay.drain()
    const aggregates = Array.from({ length: 8 }, uuid)
    // Interleaved: each aggregate's events are spread over the whole id range.
    await ctx.deps.db.transaction(async (tx) => {
      for (let round = 0; round < 40; round++)
        for (const a of aggregates)
          await emit(tx, ctx.clock(), [{ type: 'reservation.created', aggregateId: a, venueId: null, payload: { id: a, total: round } }])
    })
    const seen: RelayedEvent[] = []
    const sink: RelaySink = {
      name: 'shared',
      deliver: async (_tx, events) => {
        seen.push(...events)
        await new Promise((r) => setTimeout(r, 5))
      },
    }
    const relays = Array.from({ length: 4 }, () => new OutboxRelay(ctx.deps, [sink], 25))
    // Each relay runs until the outbox is empty, as a loop would.
    await Promise.all(
      relays.map(async (relay) => {
        while ((await pending()) > 0) await relay.drain()
      }),
    )
    expect(seen).toHaveLength(320)
    expect(new Set(seen.map((e) => e.id)).size).toBe(320)
    for (const a of aggregates) {
      expect(seen.filter((e) => e.aggregateId === a).map((e) => seqOf(e))).toEqual([...Array(40).keys()])
    }
  })

  it('lets a notice reach a socket held by another process (LISTEN/NOTIFY across connections)', async () => {
    const { openDatabase } = await import('../../src/db/client.js')
    const other = await openDatabase({ url: await databaseUrl(ctx), poolSize: 2 })
    const heard: string[] = []
    const stop = await other.listen('reservoir_events', (p) => heard.push(p))
    try {
      const a = uuid()
      await queueEvents(a, 1, uuid())
      await ctx.services.relay.drain()
      const deadline = Date.now() + 5_000
      while (!heard.some((p) => p.includes(a)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      expect(heard.filter((p) => p.includes(a))).toHaveLength(1)
    } finally {
      await stop()
      await other.close()
    }
  })
})
