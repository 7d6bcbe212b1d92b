/**
 * (m)–(o), events: how fast committed domain events reach a staff dashboard's WebSocket.
 *
 * A second server runs with JOBS=true (the relay and the senders on, as in production); a
 * WebSocket client holds /ws/reservations of the bench venue. Producers commit outbox rows
 * straight through `pg` (one event per transaction, each its own reservation, as bookings
 * would), and note when each commit returned; the client notes when each event arrived.
 *
 *   (m) flat out for BENCH_SECONDS: the commit rate the database takes from the producers
 *       (the same SQL run directly), and the rate at which events reach the socket;
 *   (n) m's delivered rate / m's commit rate: the share of the database's own event rate the
 *       relay and the feed deliver end to end;
 *   (o) paced at (m)'s delivered rate for BENCH_SECONDS: latency from commit to the socket,
 *       p50 / p99 / max, and again at half that rate;
 *   and the relay's own ceiling, which (m) does not reach when the producers are the limit:
 *       a backlog of BACKLOG events committed in one statement, and the time until the last
 *       one is on the socket.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import WebSocket from 'ws'
import { TokenSigner } from '../../src/modules/auth/tokens.js'
import { f0, f1, log } from '../format.js'
import { RssSampler } from '../memory.js'
import { serverEnv, startServer, freePort, stopServer } from '../server.js'
import { SECONDS, WARMUP_SECONDS } from '../settings.js'
import type { PhaseContext } from './context.js'

const PRODUCERS = 16
const BACKLOG = 20_000

interface Arrivals {
  committed: Map<number, number>
  arrived: Map<number, number>
}

export async function measureEvents({ url, fx, resources }: PhaseContext, jwtSecret: string) {
  log(`(m) events from commit to a WebSocket client: a server with the relay on, ${PRODUCERS} producers committing straight through pg …`)
  const server = (resources.eventsServer = await startServer(serverEnv(url, jwtSecret, { JOBS: 'true' }), await freePort()))
  // Its RSS counts towards (f), the peak of every server process of the run.
  const sampler = new RssSampler(server.child.pid!)
  sampler.start()
  const pool = new pg.Pool({ connectionString: url, max: PRODUCERS })
  resources.pools.push(pool)
  const signer = new TokenSigner({ jwtSecret, accessTokenMinutes: 120, refreshTokenDays: 1 })
  // A platform admin counts as staff of every venue.
  const token = await signer.access({ userId: fx.userId, role: 'admin' }, new Date())
  const state: Arrivals = { committed: new Map(), arrived: new Map() }
  const socket = await connect(`${server.base.replace('http', 'ws')}/api/v1/ws/reservations?venue_id=${fx.venueId}&token=${token}`, state)
  let seq = 0
  const insert = async () => {
    const n = ++seq
    await pool.query(
      `insert into outbox_events (type, aggregate_id, venue_id, payload, created_at) values ('reservation.created', $1, $2, jsonb_build_object('bench_seq', $3::int), now())`,
      [randomUUID(), fx.venueId, n],
    )
    state.committed.set(n, performance.now())
  }
  try {
    if (WARMUP_SECONDS > 0) await flatOut(insert, WARMUP_SECONDS)
    await settle(state)
    state.committed.clear()
    state.arrived.clear()

    const started = performance.now()
    await flatOut(insert, SECONDS)
    const producedMs = performance.now() - started
    await settle(state)
    const committed = state.committed.size
    const lastArrival = Math.max(...state.arrived.values())
    const m = {
      committed,
      commitsPerSecond: committed / (producedMs / 1000),
      delivered: countDelivered(state),
      eventsPerSecond: countDelivered(state) / ((lastArrival - started) / 1000),
      drainMsAfterLastCommit: lastArrival - Math.max(...state.committed.values()),
    }
    log(
      `    committed ${f0(m.committed)} events, ${f0(m.commitsPerSecond)}/s straight through pg; delivered ${f0(m.delivered)} to the socket at ${f0(m.eventsPerSecond)}/s`,
    )
    log(`    the socket had the last event ${f0(m.drainMsAfterLastCommit)} ms after the last commit`)
    const n = m.eventsPerSecond / m.commitsPerSecond
    log(`(n) delivered / committed rate: ${n.toFixed(3)}`)

    const o = await paced(insert, state, m.eventsPerSecond)
    log(`(o) at ${f0(o.rate)} events/s: commit → socket p50 ${f1(o.p50)} ms, p99 ${f1(o.p99)} ms, max ${f1(o.max)} ms (${f0(o.count)} events)`)
    const half = await paced(insert, state, m.eventsPerSecond / 2)
    log(`    at ${f0(half.rate)} events/s: p50 ${f1(half.p50)} ms, p99 ${f1(half.p99)} ms, max ${f1(half.max)} ms`)

    const backlog = await drainBacklog(pool, fx.venueId, state, seq)
    log(
      `    backlog: ${f0(BACKLOG)} events committed at once reached the socket in ${f0(backlog.ms)} ms: ${f0(backlog.eventsPerSecond)} events/s through the relay and the feed\n`,
    )
    sampler.sample()
    return { m, n, o, half, backlog, peakRssMb: sampler.peakKb / 1024 }
  } finally {
    sampler.stop()
    socket.close()
    await stopServer(server)
    resources.eventsServer = undefined
  }
}

export type EventsRun = Awaited<ReturnType<typeof measureEvents>>

function connect(url: string, state: Arrivals): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as { type: string; event?: { data: { bench_seq?: number } } }
      if (frame.type === 'ready') resolve(socket)
      const n = frame.event?.data.bench_seq
      if (n !== undefined && !state.arrived.has(n)) state.arrived.set(n, performance.now())
    })
    socket.on('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)))
    socket.on('error', reject)
  })
}

/** BACKLOG events in one commit: how fast the relay and the feed empty an outbox. */
async function drainBacklog(pool: pg.Pool, venueId: string, state: Arrivals, after: number) {
  state.committed.clear()
  state.arrived.clear()
  await pool.query(
    `insert into outbox_events (type, aggregate_id, venue_id, payload, created_at)
     select 'reservation.created', gen_random_uuid(), $1, jsonb_build_object('bench_seq', $2::int + n), now() from generate_series(1, $3::int) n`,
    [venueId, after, BACKLOG],
  )
  const committed = performance.now()
  for (let n = after + 1; n <= after + BACKLOG; n++) state.committed.set(n, committed)
  await settle(state)
  const last = Math.max(...state.arrived.values())
  return { events: BACKLOG, delivered: countDelivered(state), ms: last - committed, eventsPerSecond: countDelivered(state) / ((last - committed) / 1000) }
}

const countDelivered = (s: Arrivals) => [...s.committed.keys()].filter((n) => s.arrived.has(n)).length

/** PRODUCERS workers committing one event per transaction until the time is up. */
async function flatOut(insert: () => Promise<void>, seconds: number): Promise<void> {
  const until = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (performance.now() < until) await insert()
    }),
  )
}

/** Waits until every committed event has arrived, or 30 s. */
async function settle(s: Arrivals): Promise<void> {
  const deadline = performance.now() + 30_000
  while (countDelivered(s) < s.committed.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20))
}

/** Commits at a fixed rate for BENCH_SECONDS and answers the commit → socket latencies. */
async function paced(insert: () => Promise<void>, state: Arrivals, rate: number) {
  state.committed.clear()
  state.arrived.clear()
  const interval = 1000 / rate
  const started = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; performance.now() - started < SECONDS * 1000; i++) {
    const due = started + i * interval
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inFlight.push(insert())
    if (inFlight.length > 1000) await Promise.all(inFlight.splice(0))
  }
  await Promise.all(inFlight)
  await settle(state)
  const latencies = [...state.committed]
    .filter(([n]) => state.arrived.has(n))
    .map(([n, at]) => state.arrived.get(n)! - at)
    .sort((a, b) => a - b)
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  return {
    rate,
    count: latencies.length,
    lost: state.committed.size - latencies.length,
    p50: pick(0.5),
    p99: pick(0.99),
    max: latencies[latencies.length - 1] ?? NaN,
  }
}
