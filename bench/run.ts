/**
 * Reservoir's benchmark, in one run on PostgreSQL (`npm run bench`):
 *
 *   (a) holds/s through POST /api/v1/reservations (50 connections, random rooms and times),
 *       against the raw reference: one INSERT of a slot claim per transaction straight through
 *       `pg` (pool of 50, concurrency 50; bench/raw.ts), a ÷ raw being issue 16's target
 *   (b) the service's own SQL transaction sent straight through `pg` (pool of 50, concurrency 50)
 *   (c) a / b, the share of that transaction's database throughput the HTTP stack delivers
 *   (d) GET /venues/{id}/availability on a day with 1,000 reservations (50 connections),
 *       and the same queries sent straight through `pg` (three: the venue's row is kept); when the service has an
 *       availability cache (AVAILABILITY_CACHE_MS), once at its default and once with it off
 *   (e) availability req/s / GET /ping req/s on the same server
 *   (f) peak RSS of the server process
 *   (g) verified Stripe webhooks/s through POST /api/v1/payments/webhook (20 connections): one
 *       distinct, signed payment_intent.succeeded per checked-out reservation, then the same
 *       event's minimum SQL (one statement) and the service's own transaction straight through
 *       `pg`, and the ratios; checked afterwards with SQL
 *   (h) full payment flows/s with the fake gateway (20 workers): hold, checkout, signed webhook,
 *       GET until confirmed; checked afterwards with SQL
 *   (i) GET /stays/search on a hotel of 200 room types × 365 nights (20 connections, random
 *       1–7 night stays, the first page), at 1 connection, and its SQL (two statements side by side) straight through `pg`
 *   (j) stay holds/s through POST /api/v1/reservations (50 connections, one 3-night stay item),
 *       against the night counters' conditional UPDATE alone per transaction (raw),
 *   (k) the same SQL transaction straight through `pg` (pool of 50, concurrency 50), (l) j / k;
 *       the night counters are checked against the stay items afterwards
 *   (m) domain events committed straight through `pg` (16 producers) and delivered by a server
 *       with the relay on to a WebSocket client of /ws/reservations: events/s at each end,
 *   (n) m's delivered / committed rate, (o) commit → socket latency p50/p99 at m's rate and half
 *   (p) a flash sale of seats on one occurrence (50 connections) against (q) the seat's
 *       conditional UPDATE alone per transaction, (r) p / q; (s) practitioner availability
 *   (t)–(u) the weekly payout run
 *   (v) the embedded default (`npm start` without DATABASE_URL: PostgreSQL binaries from npm under a
 *       fresh DATA_DIR, its own server): holds and availability with the cache off as in (a) and (d),
 *       start times, RSS, and a restart after `kill -9` (phases/embedded.ts)
 *
 * The server is the real one (`node dist/cli.js serve`, what `npm start` runs; `npm run bench`
 * builds it first) in a child process, on a fresh database that is dropped at the end. Targets
 * are reported as PASS/MISS; the run always exits 0 once it has measured (a benchmark never
 * fails a build). Results are also written to bench/results.json.
 *
 * (b), the availability SQL, the webhook SQL of (g), the search SQL of (i) and (k) are a
 * hand-written mirror of what the services send. So that it cannot go stale silently, the bench
 * first runs one real create() of a slot and one of a stay, one real forDay(), one real webhook
 * receive() and one real stay search() through the app's own services on the bench database,
 * records the statements, and compares them with what the mirror sends ("SQL mirror matches the
 * service: yes / NO — …").
 *
 * Knobs (all optional): BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (default 2),
 * DATABASE_URL (only its server is used; the database is reservoir_bench), BENCH_WORKERS (the
 * server runs `serve --workers N`: its CPU is the cluster's, its RSS the largest process's), BENCH_KEEP_DB=1
 * (leave reservoir_bench in place afterwards, to look at plans), BENCH_WEBHOOK_EVENTS (the
 * number of events (g) sends; by default what the warm-up rate makes last BENCH_SECONDS),
 * BENCH_PHASES (a comma-separated subset of holds, availability, ping, payments, stay-search,
 * stay-bookings, events, seats, payouts, embedded, or stays for stay-search and stay-bookings; all by default: the guard, the probes and (f) always run).
 *
 * This file is the sequence; the rest of bench/ holds its parts: settings.ts (sizes, knobs,
 * targets), database.ts and fixture.ts (the bench database and its seed), server.ts, memory.ts
 * and cpu.ts (the server under test, its RSS, where the CPU went), load.ts and http-client.ts
 * (load generators), sql-mirror.ts, sql-direct.ts, sql-recording.ts and sql-guard.ts (the
 * hand-written SQL and its guard), checkouts.ts, stripe-events.ts, webhook-cannon.ts and
 * payment-check.ts (payments), phases/ (one file per measured phase), report.ts and results.ts.
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { loadConfig } from '../src/config.js'
import { TokenSigner } from '../src/modules/auth/tokens.js'
import { adminQuery, countRows, dropDatabase, postgresVersion, serverUrl } from './database.js'
import { seed } from './fixture.js'
import { f0, f1, f2, log } from './format.js'
import { RssSampler, serverRssKb } from './memory.js'
import { measureAvailability, measureCacheOff, probeAvailability } from './phases/availability.js'
import type { PhaseContext, Resources } from './phases/context.js'
import { holdBody, measureHolds } from './phases/holds.js'
import { runMode } from './phases/embedded.js'
import { measurePayments } from './phases/payments.js'
import { measureEvents } from './phases/events.js'
import { measurePing } from './phases/ping.js'
import { measurePayouts } from './phases/payouts.js'
import { measureSeats } from './phases/seats.js'
import { measureStayBookings, measureStaySearch, probeStayBooking, probeStaySearch } from './phases/stays.js'
import { report } from './report.js'
import { freePort, serverEnv, startServer, stopServer } from './server.js'
import {
  DB_NAME,
  PER_ROOM_ON_AVAILABILITY_DAY,
  PHASE_NAMES,
  PHASES,
  ROOMS,
  SECONDS,
  STAY_NIGHTS,
  STAY_ROOM_TYPES,
  STAY_UNITS,
  WARMUP_SECONDS,
  WORKERS,
  ZONE,
} from './settings.js'
import { guardMirror } from './sql-guard.js'

async function main(): Promise<void> {
  const t0 = Date.now()
  const url = serverUrl(DB_NAME)
  log(
    `Reservoir benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${f0(os.totalmem() / 2 ** 20)} MB RAM, Node ${process.version}`,
  )
  const loadBefore = os.loadavg()[0]!
  log(
    `load average before the run: ${f2(loadBefore)}${loadBefore > 0.5 ? '  (something else is using the CPU: figures will be lower than on a quiet machine)' : ''}`,
  )
  log(`database: ${url.replace(/\/\/([^:@/]+)(:[^@]*)?@/, '//$1@')} (fresh), ${SECONDS}s per phase, ${WARMUP_SECONDS}s warm-up`)
  if (PHASES.size < PHASE_NAMES.length) log(`phases (BENCH_PHASES): ${[...PHASES].join(', ')}; the others are skipped`)

  await dropDatabase()
  await adminQuery(`create database "${DB_NAME}"`)
  const resources: Resources = { pools: [], clients: [] }
  try {
    const fx = await seed(url)
    const version = await postgresVersion(url)
    log(`seeded: venue in ${ZONE} open 24h, ${ROOMS} rooms, ${ROOMS * PER_ROOM_ON_AVAILABILITY_DAY} reservations on ${fx.availabilityDay}; ${version}`)
    log(
      `seeded: hotel in ${ZONE}, ${STAY_ROOM_TYPES} room types × 2 rate plans, ${STAY_NIGHTS} nights (${fx.stays.firstNight} to ${fx.stays.lastNight}) of ${STAY_UNITS} units, high season ${fx.stays.season.from} to ${fx.stays.season.to} (+30 %), weekend Fri/Sat nights (+20 %)`,
    )

    const jwtSecret = randomBytes(32).toString('hex') // 64 characters
    const env = serverEnv(url, jwtSecret)

    // The availability cache, when this version of the service has one (AVAILABILITY_CACHE_MS).
    const cacheDefaultMs = (loadConfig(env) as { availabilityCacheMs?: number }).availabilityCacheMs
    const cacheOffRun = cacheDefaultMs !== undefined && cacheDefaultMs > 0
    const cacheLabel = cacheDefaultMs === undefined ? '' : cacheDefaultMs > 0 ? `, cache at its default (${cacheDefaultMs} ms)` : ', cache off by default'
    log(
      cacheDefaultMs === undefined
        ? 'availability cache: this version has none (no AVAILABILITY_CACHE_MS setting)'
        : `availability cache: AVAILABILITY_CACHE_MS defaults to ${cacheDefaultMs} ms${cacheOffRun ? '; (d) runs with the default, then again on a server with AVAILABILITY_CACHE_MS=0' : ''}`,
    )

    // The guard: does the SQL mirror of (b) and (d) still send what the service sends?
    const { mirror, fresh, mirrorLine } = await guardMirror(url, fx, env)

    const port = await freePort()
    const server = (resources.server = await startServer(env, port))
    const sampler = (resources.sampler = new RssSampler(server.child.pid!))
    sampler.start()
    const startupRssMb = serverRssKb(server.child.pid!) / 1024
    log(
      `server: pid ${server.child.pid} on ${server.base}${WORKERS > 1 ? ` with ${WORKERS} workers (BENCH_WORKERS), every one answering; CPU is theirs and the primary's, RSS the largest process's` : ''}, RSS after start ${f1(startupRssMb)} MB`,
    )

    const signer = new TokenSigner({ jwtSecret, accessTokenMinutes: 120, refreshTokenDays: 1 })
    const token = await signer.access({ userId: fx.userId, role: 'customer' }, new Date())
    const authJson = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

    // Sanity checks: one hold and one availability answer, by hand.
    const probe = await fetch(`${server.base}/api/v1/reservations`, { method: 'POST', headers: authJson, body: holdBody(fx) })
    if (probe.status !== 201) throw new Error(`POST /reservations answered ${probe.status}: ${await probe.text()}`)
    const availabilityPath = `/api/v1/venues/${fx.venueId}/availability?date=${fx.availabilityDay}`
    const { freeIntervals, bytes: availBytes } = await probeAvailability(server.base, availabilityPath)
    await probeStayBooking(server.base, fx.stays, authJson)
    const stayProbe = await probeStaySearch(server.base, fx.stays)
    log(`probe: POST /reservations 201; availability 200 with ${ROOMS} rooms, ${freeIntervals} free intervals, ${f0(availBytes)} bytes`)
    log(
      `probe: POST /reservations with a stay 201; stay search 200 counting ${stayProbe.count} room types, a page of ${stayProbe.results}, for ${stayProbe.nights} nights, ${f0(stayProbe.bytes)} bytes\n`,
    )

    const ctx: PhaseContext = { url, fx, server, sampler, authJson, fresh, resources }
    const holds = PHASES.has('holds') ? await measureHolds(ctx) : undefined
    const availability = PHASES.has('availability') ? await measureAvailability(ctx, availabilityPath, cacheLabel) : undefined
    const ping = PHASES.has('ping') ? await measurePing(ctx) : undefined
    const availOverPing = availability && ping ? availability.d.rps / ping.e.rps : undefined

    // (g) and (h), the payment phases; should they break, the others are still reported and the failure is shown.
    const pay = PHASES.has('payments') ? await measurePayments(ctx) : undefined

    // (i)–(l), stays.
    const staySearch = PHASES.has('stay-search') ? await measureStaySearch(ctx) : undefined
    const stayBookings = PHASES.has('stay-bookings') ? await measureStayBookings(ctx) : undefined

    // (m)–(o), events from commit to a WebSocket client, on a second server with the relay on.
    const events = PHASES.has('events') ? await measureEvents(ctx, jwtSecret) : undefined
    // (p)–(s), the marketplace: a flash sale of seats, and practitioner availability.
    const seats = PHASES.has('seats') ? await measureSeats(ctx) : undefined
    // (t)–(u), the weekly payout run of the marketplace.
    const payouts = PHASES.has('payouts') ? await measurePayouts(url, jwtSecret) : undefined
    // (v), the embedded default (`npm start` without DATABASE_URL) under the same loads as (a) and (d) cache off.
    if (PHASES.has('embedded')) log('(v) the embedded default: PostgreSQL binaries from npm under a fresh DATA_DIR, its own server …')
    const embedded = PHASES.has('embedded') ? await runMode('postgres', jwtSecret) : undefined

    sampler.sample()
    sampler.stop()
    const mainPeakRssMb = sampler.peakKb / 1024

    // (d) again with the cache off: the server reads the setting at start, so a second server.
    const off = cacheOffRun && availability ? await measureCacheOff(server, url, jwtSecret, availabilityPath, resources) : undefined
    const peakRssMb = Math.max(mainPeakRssMb, off?.peakRssMb ?? 0, events?.peakRssMb ?? 0)

    // How many holds actually landed, as a cross-check of the 201 count.
    const rows = await countRows(url)

    report({
      t0,
      loadBefore,
      version,
      fx,
      mirror,
      mirrorLine,
      fresh,
      cacheDefaultMs,
      startupRssMb,
      freeIntervals,
      availBytes,
      holds,
      availability,
      ping,
      availOverPing,
      pay,
      staySearch,
      stayBookings,
      events,
      seats,
      off,
      mainPeakRssMb,
      peakRssMb,
      rows,
      servers: { server, offServer: resources.offServer },
    })
    if (seats && !seats.check.pass) process.exitCode = 1
    if (embedded) {
      const e = embedded
      log(
        `  (v) the embedded default (npm start): ${f0(e.holds.okPerSecond)} holds/s, p50 ${e.holds.latency.p50} / p99 ${e.holds.latency.p99} ms` +
          `${holds ? ` (on the PostgreSQL server above: ${f0(holds.a.okPerSecond)}/s, p99 ${holds.a.latency.p99} ms)` : ''}; ` +
          `availability (cache off) ${f0(e.availability.rps)} req/s, p99 ${e.availability.latency.p99} ms${off ? ` (above: ${f0(off.d.rps)} req/s, p99 ${off.d.latency.p99} ms)` : ''}; ` +
          `server RSS ${f0(e.rssAfterStartMb)} MB after start, ${f0(e.peakRssMb)} MB at peak, PostgreSQL's processes ${f0(e.dbPeakPssMb)} MB (PSS) at peak; ` +
          `first start ${f1(e.firstStartMs / 1000)} s, start ${f1(e.startMs / 1000)} s; ${e.killed}`,
      )
    }
    if (payouts) {
      log(
        `  payouts: the weekly run paid ${f0(payouts.payouts)} practitioners (${f0(payouts.earnings)} earnings) in ${f1(payouts.seconds)} s, ${f0(payouts.payoutsPerSecond)} payouts/s; ${payouts.check.line}`,
      )
      if (!payouts.check.pass) process.exitCode = 1
    }
  } finally {
    resources.sampler?.stop()
    resources.offSampler?.stop()
    for (const pool of resources.pools) await pool.end().catch(() => {})
    for (const c of resources.clients) c.close()
    if (resources.server) await stopServer(resources.server)
    if (resources.offServer) await stopServer(resources.offServer)
    if (resources.eventsServer) await stopServer(resources.eventsServer)
    if (process.env.BENCH_KEEP_DB === '1') log(`  kept database ${DB_NAME}`)
    else await dropDatabase().catch((error: unknown) => log(`could not drop ${DB_NAME}: ${String(error)}`))
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('benchmark could not run:', error)
    process.exit(1)
  },
)
