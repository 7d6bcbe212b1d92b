/**
 * The benchmark's fixed sizes, its knobs and its targets, in one place. The knobs (BENCH_SECONDS,
 * BENCH_WARMUP_SECONDS, BENCH_WEBHOOK_EVENTS) are read here once; see bench/run.ts for all of them.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)
export const DB_NAME = 'reservoir_bench'
export const ZONE = 'America/Denver'
export const ROOMS = 50
export const PER_ROOM_ON_AVAILABILITY_DAY = 20 // 50 × 20 = 1,000 reservations on one day
export const HOLD_CONNECTIONS = 50
export const AVAILABILITY_CONNECTIONS = 20
export const HOLD_DAYS = 365
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

export const TARGETS = { holdRatio: 0.5, availabilityP99Ms: 25, rssMb: 300 }
