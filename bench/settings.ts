/**
 * The benchmark's fixed sizes, its knobs and its targets, in one place. The knobs (BENCH_SECONDS,
 * BENCH_WARMUP_SECONDS, BENCH_WORKERS, BENCH_WEBHOOK_EVENTS, BENCH_PHASES) are read here once; see bench/run.ts
 * for all of them.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)
/** BENCH_WORKERS: the server under test runs `serve --workers N` (1, the default, is one process without a cluster). */
export const WORKERS = Number(process.env.BENCH_WORKERS ?? 1)
export const DB_NAME = 'reservoir_bench'
export const ZONE = 'America/Denver'
export const ROOMS = 50
export const PER_ROOM_ON_AVAILABILITY_DAY = 20 // 50 × 20 = 1,000 reservations on one day
export const HOLD_CONNECTIONS = 50
/** Issue 16 measures availability (d), its SQL and ping (e) at 50 connections, like holds. */
export const AVAILABILITY_CONNECTIONS = 50
export const HOLD_DAYS = 365
/**
 * The raw references' days (the single-statement slot INSERT): ten years, so that the tens of
 * thousands of random claims a run makes at the database's rate collide about as rarely as (a)'s.
 */
export const RAW_DAYS = 3650
/** The confirmed reservations the raw slot INSERTs hang their items on (picked at random). */
export const RAW_PARENTS = 1000
export const MINUTE = 60_000
export const SLOT = 30 * MINUTE
export const HOUR = 60 * MINUTE
export const WEBHOOK_CONNECTIONS = 20
export const FLOW_WORKERS = 20
/** Days of one-hour slots handed out one by one to (g) and (h), so that no two of their holds collide. */
export const PAY_DAYS = 120
/** Events in (g)'s warm-up, which also sets how many the measured run sends. */
export const WEBHOOK_WARMUP_EVENTS = 500
export const WEBHOOK_EVENTS = process.env.BENCH_WEBHOOK_EVENTS ? Number(process.env.BENCH_WEBHOOK_EVENTS) : undefined
/** The server's STRIPE_WEBHOOK_SECRET; the bench signs (g) and (h)'s events with it, as Stripe would. */
export const WEBHOOK_SECRET = 'whsec_bench_secret_0123456789'

/** Stays, (i)–(l): the hotel's size, and the loads. */
export const STAY_ROOM_TYPES = 200
export const STAY_NIGHTS = 365
/** Units per room type and night: enough that (j), (k) and their warm-ups never sell a night out. */
export const STAY_UNITS = 1000
export const STAY_SEARCH_CONNECTIONS = 20
export const STAY_SEARCH_GUESTS = 2
export const STAY_SEARCH_MAX_NIGHTS = 7
/** The search's page: the service's default page_size, which (i) leaves as it is. */
export const STAY_SEARCH_PAGE_SIZE = 20
export const STAY_BOOKING_CONNECTIONS = 50
export const STAY_BOOKING_NIGHTS = 3

/**
 * Which phases run: BENCH_PHASES, a comma-separated list of holds (a–c), availability (d, and
 * its cache-off run), ping (e), payments (g, h), stay-search (i), stay-bookings (j–l) and
 * stays (both), events (m–o), seats (p–s: a flash sale of seats, practitioner availability),
 * payouts (t), embedded (v: the embedded default, `npm start`'s database, with its own server);
 * all of them by default. (f), the RSS, is read during whatever runs.
 */
export const PHASE_NAMES = ['holds', 'availability', 'ping', 'payments', 'stay-search', 'stay-bookings', 'events', 'seats', 'payouts', 'embedded'] as const
export type PhaseName = (typeof PHASE_NAMES)[number]
export const PHASES: ReadonlySet<PhaseName> = parsePhases(process.env.BENCH_PHASES)

function parsePhases(value: string | undefined): ReadonlySet<PhaseName> {
  if (!value || !value.trim()) return new Set(PHASE_NAMES)
  const out = new Set<PhaseName>()
  for (const raw of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === 'all') PHASE_NAMES.forEach((p) => out.add(p))
    else if (raw === 'stays') ['stay-search', 'stay-bookings'].forEach((p) => out.add(p as PhaseName))
    else if ((PHASE_NAMES as readonly string[]).includes(raw)) out.add(raw as PhaseName)
    else throw new Error(`BENCH_PHASES: unknown phase "${raw}" (known: ${PHASE_NAMES.join(', ')}, stays, all)`)
  }
  return out
}

/**
 * Issue 16's targets. The ratios are HTTP ÷ the raw reference measured in the same run at the
 * same concurrency (bench/raw.ts): holds ÷ one slot INSERT per transaction, seat holds ÷ the
 * seat's conditional UPDATE, stay holds ÷ the night counters' conditional UPDATE, verified
 * webhooks ÷ the event's minimum SQL. Availability is judged with the cache off at 50
 * connections; the peak RSS over every server process of the run.
 */
export const TARGETS = {
  holdRatio: 0.5,
  seatRatio: 0.5,
  stayBookingRatio: 0.5,
  webhookRatio: 0.5,
  availabilityRps: 1500,
  availabilityP99Ms: 25,
  staySearchP99Ms: 25,
  rssMb: 200,
}
