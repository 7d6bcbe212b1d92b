/**
 * Reservoir's benchmark, in one run on PostgreSQL (`npm run bench`):
 *
 *   (a) holds/s through POST /api/v1/reservations (50 connections, random rooms and times)
 *   (b) the same SQL transaction sent straight through `pg` (pool of 50, concurrency 50)
 *   (c) a / b, the share of the database's own throughput the HTTP stack delivers
 *   (d) GET /venues/{id}/availability on a day with 1,000 reservations (20 connections),
 *       and the same four queries sent straight through `pg`; when the service has an
 *       availability cache (AVAILABILITY_CACHE_MS), once at its default and once with it off
 *   (e) availability req/s / GET /ping req/s on the same server
 *   (f) peak RSS of the server process
 *
 * The server is the real one (`node dist/cli.js serve`, what `npm start` runs; `npm run bench`
 * builds it first) in a child process, on a fresh database that is dropped at the end. Targets
 * are reported as PASS/MISS; the run always exits 0 once it has measured (a benchmark never
 * fails a build). Results are also written to bench/results.json.
 *
 * (b) and the availability SQL are a hand-written mirror of what the services send. So that it
 * cannot go stale silently, the bench first runs one real create() and one real forDay()
 * through the app's own services on the bench database, records the statements, and compares
 * them with what the mirror sends ("SQL mirror matches the service: yes / NO — …").
 *
 * Knobs (all optional): BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (default 2),
 * DATABASE_URL (only its server is used; the database is reservoir_bench), BENCH_KEEP_DB=1
 * (leave reservoir_bench in place afterwards, to look at plans).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { DateTime } from 'luxon'
import pg from 'pg'
import { buildServices } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { TokenSigner } from '../src/modules/auth/tokens.js'
import { makeDeps } from '../src/server.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)
const DB_NAME = 'reservoir_bench'
const ZONE = 'America/Denver'
const ROOMS = 50
const PER_ROOM_ON_AVAILABILITY_DAY = 20 // 50 × 20 = 1,000 reservations on one day
const HOLD_CONNECTIONS = 50
const AVAILABILITY_CONNECTIONS = 20
const HOLD_DAYS = 365
const MINUTE = 60_000
const SLOT = 30 * MINUTE

const TARGETS = { holdRatio: 0.5, availabilityP99Ms: 25, rssMb: 300 }

// ---------------------------------------------------------------------------------------------
// Database server and the bench database

function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
  url.pathname = `/${database}`
  return url.toString()
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

const dropDatabase = () => adminQuery(`drop database if exists "${DB_NAME}" with (force)`)

// ---------------------------------------------------------------------------------------------
// Fixtures

interface RoomRow {
  id: string
  name: string
  hourlyRate: number
}

interface Fixture {
  userId: string
  venueId: string
  rooms: RoomRow[]
  availabilityDay: string
  /** Business days (start, end instants) used by (a) and by (b); disjoint, far from the availability day. */
  httpDays: DayWindow[]
  sqlDays: DayWindow[]
  /** Two more days, after those, for the SQL guard's one service create and one mirror create. */
  guardDays: DayWindow[]
}

interface DayWindow {
  date: string
  start: number
  end: number
}

function dayWindows(from: DateTime, count: number): DayWindow[] {
  return Array.from({ length: count }, (_, i) => {
    const day = from.plus({ days: i })
    return { date: day.toISODate()!, start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() }
  })
}

async function seed(url: string): Promise<Fixture> {
  const database = await openDatabase({ url, poolSize: 4 })
  try {
    await migrate(database)
    const q = database.raw.query
    const [user] = (
      await q<{ id: string }>(
        `insert into users (email, password_hash, name, role) values ('bench@reservoir.local', 'not-a-hash', 'Bench Customer', 'customer') returning id`,
      )
    ).rows
    await q(`insert into users (email, password_hash, name, role) values ('bench-admin@reservoir.local', 'not-a-hash', 'Bench Admin', 'admin')`)
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '00:00' }))
    const [venue] = (
      await q<{ id: string }>(
        `insert into venues (name, slug, kind, timezone, currency, opening_hours) values ('Bench Hall', 'bench-hall', 'venue', $1, 'USD', $2) returning id`,
        [ZONE, JSON.stringify(hours)],
      )
    ).rows
    const roomSpecs = Array.from({ length: ROOMS }, (_, i) => ({ name: `Room ${String(i + 1).padStart(2, '0')}`, rate: 2000 + 100 * (i % 20) }))
    const rooms = (
      await q<{ id: string; name: string; hourly_rate: number }>(
        `insert into rooms (venue_id, name, capacity, hourly_rate, slot_minutes, min_minutes, max_minutes, buffer_minutes)
         select $1, r.name, 8, r.rate, 30, 60, 240, 0 from jsonb_to_recordset($2::jsonb) as r(name text, rate int)
         returning id, name, hourly_rate`,
        [venue!.id, JSON.stringify(roomSpecs)],
      )
    ).rows.map((r) => ({ id: r.id, name: r.name, hourlyRate: r.hourly_rate }))

    const today = DateTime.now().setZone(ZONE).startOf('day')
    const availability = today.plus({ days: 7 })
    const availabilityDay = availability.toISODate()!

    // 1,000 confirmed reservations on the availability day: per room, 20 of the 24 hours get
    // one booking of 30 or 60 minutes, on the 30-minute grid, so no two overlap.
    const res: Record<string, unknown>[] = []
    const items: Record<string, unknown>[] = []
    const now = new Date().toISOString()
    for (const room of rooms) {
      const hoursOfDay = shuffle(Array.from({ length: 24 }, (_, h) => h)).slice(0, PER_ROOM_ON_AVAILABILITY_DAY)
      for (const h of hoursOfDay) {
        const long = Math.random() < 0.5
        const offset = long ? 0 : Math.random() < 0.5 ? 0 : 30
        const start = availability.plus({ hours: h, minutes: offset })
        const end = start.plus({ minutes: long ? 60 : 30 })
        const amount = Math.floor((room.hourlyRate * (long ? 60 : 30) + 30) / 60)
        const id = randomUUID()
        const quote = {
          currency: 'USD',
          lines: [{ item_index: 0, kind: 'slot', description: `${room.name}, ${long ? 60 : 30} min`, unit: 'hour', quantity: long ? 1 : 0.5, unit_amount: room.hourlyRate, amount, rule: 'hourly_rate' }],
          subtotal: amount,
          discounts: 0,
          total: amount,
        }
        res.push({ id, starts_at: start.toUTC().toISO(), ends_at: end.toUTC().toISO(), total: amount, quote })
        items.push({ reservation_id: id, room_id: room.id, starts_at: start.toUTC().toISO(), ends_at: end.toUTC().toISO(), amount })
      }
    }
    await q(
      `insert into reservations (id, venue_id, user_id, created_by, status, party_size, total_amount, currency, quote, hold_expires_at, starts_at, ends_at, created_at, updated_at)
       select r.id, $1, $2, $2, 'confirmed', 2, r.total, 'USD', r.quote, null, r.starts_at, r.ends_at, $3, $3
       from jsonb_to_recordset($4::jsonb) as r(id uuid, starts_at timestamptz, ends_at timestamptz, total int, quote jsonb)`,
      [venue!.id, user!.id, now, JSON.stringify(res)],
    )
    await q(
      `insert into reservation_items (reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
       select i.reservation_id, 0, 'slot', i.room_id, i.starts_at, i.ends_at, i.ends_at, i.amount, true
       from jsonb_to_recordset($1::jsonb) as i(reservation_id uuid, room_id uuid, starts_at timestamptz, ends_at timestamptz, amount int)`,
      [JSON.stringify(items)],
    )
    await q('analyze')
    return {
      userId: user!.id,
      venueId: venue!.id,
      rooms,
      availabilityDay,
      httpDays: dayWindows(today.plus({ days: 30 }), HOLD_DAYS),
      sqlDays: dayWindows(today.plus({ days: 30 + HOLD_DAYS + 5 }), HOLD_DAYS),
      guardDays: dayWindows(today.plus({ days: 30 + 2 * HOLD_DAYS + 10 }), 2),
    }
  } finally {
    await database.close()
  }
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!

/** A random valid slot claim: 60–240 minutes on the 30-minute grid, inside one 24-hour business day. */
function randomClaim(fx: Fixture, days: readonly DayWindow[]) {
  const room = pick(fx.rooms)
  const day = pick(days)
  const lengthSlots = 2 + Math.floor(Math.random() * 7)
  const slotsInDay = Math.round((day.end - day.start) / SLOT) // 46, 48 or 50 around DST
  const k = Math.floor(Math.random() * (slotsInDay - lengthSlots + 1))
  const start = day.start + k * SLOT
  return { room, day, start: new Date(start), end: new Date(start + lengthSlots * SLOT), minutes: lengthSlots * 30 }
}

// ---------------------------------------------------------------------------------------------
// The server under test, and its memory

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

interface Server {
  child: ChildProcess
  base: string
  output: string[]
}

/** The server's environment; the SQL guard builds the services from the same settings. */
function serverEnv(url: string, jwtSecret: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  const huge = '1000000000'
  // The availability cache runs at its default unless a phase sets it (see main()).
  const { AVAILABILITY_CACHE_MS: _ignored, ...inherited } = process.env
  return {
    ...inherited,
    DATABASE_URL: url,
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    JOBS: 'false',
    LOG_LEVEL: 'warn',
    JWT_SECRET: jwtSecret,
    RATE_LIMIT_ANONYMOUS: huge,
    RATE_LIMIT_AUTHENTICATED: huge,
    RATE_LIMIT_STAFF: huge,
    RATE_LIMIT_LOGIN: huge,
    ...extra,
  }
}

async function startServer(env: Record<string, string | undefined>, port: number): Promise<Server> {
  const child = spawn(process.execPath, ['dist/cli.js', 'serve'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim() && output.length < 200) output.push(line)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output.join('\n')}`)
    try {
      const res = await fetch(`${base}/api/v1/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output.join('\n')}`)
    await sleep(200)
  }
  return { child, base, output }
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** Samples the child's resident set size every 100 ms; `peak` is overall, `phase` since the last reset. */
class RssSampler {
  peakKb = 0
  phaseKb = 0
  private timer: NodeJS.Timeout | undefined
  constructor(private readonly pid: number) {}

  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), 100)
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }
  resetPhase(): number {
    const kb = this.phaseKb
    this.phaseKb = 0
    return kb / 1024
  }
  sample(): void {
    const kb = rssKb(this.pid)
    if (kb === undefined) return
    // The kernel's high-water mark catches peaks between two samples.
    this.peakKb = Math.max(this.peakKb, kb, rssKb(this.pid, 'VmHWM') ?? 0)
    this.phaseKb = Math.max(this.phaseKb, kb)
  }
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  const proc = `/proc/${pid}/status`
  try {
    if (existsSync(proc)) {
      const m = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(readFileSync(proc, 'utf8'))
      return m ? Number(m[1]) : undefined
    }
    if (field === 'VmHWM') return undefined
    const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()
    return out ? Number(out) : undefined
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Where the CPU went during a phase (Linux /proc): the server, PostgreSQL, this process (the load
// generator), and everything else on the machine, which on a shared box is noise to report.

interface CpuShare {
  /** Cores in use on average during the phase, by whom. */
  server: number
  postgres: number
  bench: number
  others: number
  idle: number
}

function procTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12]) // utime + stime
  } catch {
    return 0
  }
}

function allPostgresPids(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

interface CpuSnapshot {
  total: number
  idle: number
  server: number
  bench: number
  postgres: Map<number, number>
}

function cpuSnapshot(serverPid: number, postgresPids: readonly number[]): CpuSnapshot {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  return {
    total: cpu.slice(0, 8).reduce((sum, x) => sum + (x || 0), 0), // user … steal
    idle: (cpu[3] ?? 0) + (cpu[4] ?? 0),
    server: procTicks(serverPid),
    bench: procTicks(process.pid),
    postgres: new Map(postgresPids.map((pid) => [pid, procTicks(pid)])),
  }
}

/**
 * The PostgreSQL processes working for this benchmark: backends connected to its database and
 * the server's own background processes. Backends of other databases count as "others".
 */
async function ourPostgresPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity where (datname = $1 or backend_type <> 'client backend') and pid <> pg_backend_pid()`,
      [DB_NAME],
    )
    return rows.map((r) => r.pid)
  } finally {
    await client.end()
  }
}

/** Runs `work` and tells how the machine's cores were shared while it ran (Linux only). */
async function metered<T>(serverPid: number, url: string, work: () => Promise<T>): Promise<{ result: T; cpu: CpuShare | undefined }> {
  if (!existsSync('/proc/stat')) return { result: await work(), cpu: undefined }
  const before = cpuSnapshot(serverPid, allPostgresPids())
  const result = await work()
  // Backends are listed after the run (pools are still open then) and read from /proc before and after.
  // (Only local processes: with a remote PostgreSQL, its CPU is simply not seen.)
  const local = new Set(allPostgresPids())
  const pids = (await ourPostgresPids(url).catch(() => [] as number[])).filter((pid) => local.has(pid))
  const after = cpuSnapshot(serverPid, pids)
  const cores = os.cpus().length
  const total = after.total - before.total
  const share = (ticks: number) => (total > 0 ? (ticks / total) * cores : 0)
  const server = share(after.server - before.server)
  const bench = share(after.bench - before.bench)
  const idle = share(after.idle - before.idle)
  const postgres = share([...after.postgres].reduce((sum, [pid, ticks]) => sum + ticks - (before.postgres.get(pid) ?? 0), 0))
  return { result, cpu: { server, postgres, bench, idle, others: Math.max(0, cores - idle - server - postgres - bench) } }
}

const cpuLine = (c: CpuShare | undefined) =>
  c ? `cores used: server ${f2(c.server)}, postgres ${f2(c.postgres)}, load generator ${f2(c.bench)}, others ${f2(c.others)}, idle ${f2(c.idle)}` : ''

// ---------------------------------------------------------------------------------------------
// Load generators

interface HttpRun {
  requests: number
  seconds: number
  rps: number
  ok: number
  okPerSecond: number
  statusCodes: Record<string, number>
  errors: number
  timeouts: number
  latency: { p50: number; p90: number; p99: number; max: number; mean: number }
}

async function cannon(opts: autocannon.Options, okStatus: number): Promise<HttpRun> {
  const result = await autocannon({ timeout: 30, ...opts })
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat?.count ?? 0
  const seconds = result.duration
  const requests = result.requests.total
  const ok = statusCodes[String(okStatus)] ?? 0
  return {
    requests,
    seconds,
    rps: requests / seconds,
    ok,
    okPerSecond: ok / seconds,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
  }
}

interface LoopRun {
  ops: number
  seconds: number
  ok: number
  okPerSecond: number
  opsPerSecond: number
  outcomes: Record<string, number>
  latency: { p50: number; p90: number; p99: number; max: number; mean: number }
}

/** Runs `op` from `concurrency` workers for `seconds`; `op` answers an outcome label ('ok' counts). */
async function loop(concurrency: number, seconds: number, op: () => Promise<string>): Promise<LoopRun> {
  const latencies: number[] = []
  const outcomes: Record<string, number> = {}
  const started = performance.now()
  const deadline = started + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now()
        let outcome: string
        try {
          outcome = await op()
        } catch (error) {
          outcome = `error:${(error as { code?: string }).code ?? (error as Error).message}`
        }
        latencies.push(performance.now() - t0)
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
  const ok = outcomes.ok ?? 0
  return {
    ops: latencies.length,
    seconds: elapsed,
    ok,
    okPerSecond: ok / elapsed,
    opsPerSecond: latencies.length / elapsed,
    outcomes,
    latency: { p50: at(50), p90: at(90), p99: at(99), max: latencies[latencies.length - 1] ?? 0, mean: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1) },
  }
}

// ---------------------------------------------------------------------------------------------
// The SQL the server sends, replicated statement for statement (captured from Drizzle's logger)

/** Drizzle's node-postgres driver leaves these types as strings; do the same for parity. */
const asText = (v: string) => v
const drizzleTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    [1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182].includes(oid) ? asText : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}
/** Selects with fields and `insert … returning` go through Drizzle in array row mode. */
const mapped = (text: string, values: unknown[]) => ({ text, values, rowMode: 'array' as const, types: drizzleTypes })
const raw = (text: string, values: unknown[]) => ({ text, values, types: drizzleTypes })

const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`

const SQL = {
  venue: `select "id", "name", "slug", "kind", "timezone", "currency", "address", "opening_hours", "hold_ttl_minutes", "created_at", "updated_at" from "venues" where "venues"."id" = $1`,
  begin: 'begin',
  // loadTargets(): the rooms, share-locked, with the closure dates that matter in the same row.
  roomsForKeyShare: `select "id", "venue_id", "name", "capacity", "hourly_rate", "slot_minutes", "min_minutes", "max_minutes", "buffer_minutes", "amenities", "archived_at", "created_at", "updated_at", array(select "date"::text from "venue_closures"
    where "venue_id" = $1 and "date" = any($2::date[])) from "rooms" where ("rooms"."id" in ($3) and "rooms"."venue_id" = $4 and "rooms"."archived_at" is null) for key share of "rooms"`,
  expireColliding: `
    select r.id, r.status, r.venue_id from reservations r
    where r.hold_expires_at <= $1 and r.status in ('pending', 'awaiting_payment') and exists (
        select 1 from reservation_items i
        join unnest($2::uuid[], $3::timestamptz[],
                    $4::timestamptz[]) as c(room_id, s, e)
          on i.room_id = c.room_id and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange(c.s, c.e, '[)')
        where i.reservation_id = r.id and i.active)
    order by r.id
    limit $5
    for update `,
  insertReservation: `insert into "reservations" ("id", "venue_id", "user_id", "created_by", "status", "party_size", "notes", "guest", "total_amount", "currency", "quote", "hold_expires_at", "starts_at", "ends_at", "created_at", "updated_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning "id", "venue_id", "user_id", "created_by", "status", "party_size", "notes", "guest", "total_amount", "currency", "quote", "hold_expires_at", "starts_at", "ends_at", "created_at", "updated_at"`,
  insertItem: `insert into "reservation_items" ("id", "reservation_id", "position", "kind", "room_id", "starts_at", "ends_at", "blocked_until", "price_amount", "active") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id", "reservation_id", "position", "kind", "room_id", "starts_at", "ends_at", "blocked_until", "price_amount", "active"`,
  // recordTransitions(): the audit row and its outbox event in one statement.
  recordTransition: `with "audit" as (insert into "reservation_transitions" ("id", "reservation_id", "from_status", "to_status", "actor_id", "reason", "created_at") values (default, $1, $2, $3, $4, $5, $6) returning "id") insert into "outbox_events" ("id", "type", "version", "aggregate_id", "venue_id", "payload", "created_at", "published_at") values (default, $7, default, $8, $9, $10, $11, default)`,
  commit: 'commit',
  rollback: 'rollback',
  // availability
  closureOnDate: `select "id" from "venue_closures" where ("venue_closures"."venue_id" = $1 and "venue_closures"."date" = $2)`,
  fittingRooms: `select "id", "venue_id", "name", "capacity", "hourly_rate", "slot_minutes", "min_minutes", "max_minutes", "buffer_minutes", "amenities", "archived_at", "created_at", "updated_at" from "rooms" where ("rooms"."venue_id" = $1 and "rooms"."archived_at" is null and "rooms"."capacity" >= $2) order by "rooms"."name" asc, "rooms"."id" asc`,
  busySpans: `
      select i.room_id, i.starts_at as s, i.blocked_until as e
      from reservation_items i
      where i.room_id = any($1::uuid[]) and i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange($2, $3, '[)')
        -- Lapsed holds are few and indexed; excluding them beats joining every claim to its reservation.
        and i.reservation_id not in (select id from reservations where hold_expires_at <= $4)`,
}

const HOLD_TTL_MINUTES = 15

/** One ReservationService.create() worth of SQL for one random slot claim. */
async function createDirect(pool: pg.Pool, fx: Fixture, days: readonly DayWindow[] = fx.sqlDays): Promise<string> {
  const now = new Date()
  const at = now.toISOString()
  const claim = randomClaim(fx, days)
  await pool.query(mapped(SQL.venue, [fx.venueId]))
  const client = await pool.connect()
  try {
    await client.query(raw(SQL.begin, []))
    try {
      // The closure dates that could matter: the start's local date and the day before.
      const local = DateTime.fromMillis(claim.start.getTime(), { zone: ZONE })
      const dates = pgArray([local.toISODate()!, local.minus({ days: 1 }).toISODate()!])
      await client.query(mapped(SQL.roomsForKeyShare, [fx.venueId, dates, claim.room.id, fx.venueId]))
      const startIso = claim.start.toISOString()
      const endIso = claim.end.toISOString()
      await client.query(raw(SQL.expireColliding, [at, pgArray([claim.room.id]), pgArray([startIso]), pgArray([endIso]), 500]))
      const amount = Math.floor((claim.room.hourlyRate * claim.minutes + 30) / 60)
      const quote = {
        currency: 'USD',
        lines: [{ item_index: 0, kind: 'slot', description: `${claim.room.name}, ${claim.minutes} min`, unit: 'hour', quantity: claim.minutes / 60, unit_amount: claim.room.hourlyRate, amount, rule: 'hourly_rate' }],
        subtotal: amount,
        discounts: 0,
        total: amount,
      }
      const holdUntil = new Date(now.getTime() + HOLD_TTL_MINUTES * MINUTE).toISOString()
      const inserted = await client.query(
        mapped(SQL.insertReservation, [fx.venueId, fx.userId, fx.userId, 'pending', 1, null, null, amount, 'USD', JSON.stringify(quote), holdUntil, startIso, endIso, at, at]),
      )
      const reservationId = (inserted.rows[0] as unknown[])[0] as string
      await client.query(mapped(SQL.insertItem, [reservationId, 0, 'slot', claim.room.id, startIso, endIso, endIso, amount, true]))
      await client.query(
        raw(SQL.recordTransition, [reservationId, null, 'pending', fx.userId, null, at, 'reservation.created', reservationId, fx.venueId, JSON.stringify({ id: reservationId, total: amount }), at]),
      )
      await client.query(raw(SQL.commit, []))
      return 'ok'
    } catch (error) {
      await client.query(raw(SQL.rollback, []))
      if ((error as { code?: string }).code === '23P01') return 'slot_taken'
      throw error
    }
  } finally {
    client.release()
  }
}

/** AvailabilityService.forDay()'s four queries (without the interval arithmetic and JSON). */
async function availabilityDirect(pool: pg.Pool, fx: Fixture): Promise<string> {
  const now = new Date()
  await pool.query(mapped(SQL.venue, [fx.venueId]))
  await pool.query(mapped(SQL.closureOnDate, [fx.venueId, fx.availabilityDay]))
  const rooms = await pool.query(mapped(SQL.fittingRooms, [fx.venueId, 1]))
  const ids = rooms.rows.map((r) => (r as unknown[])[0] as string)
  const day = DateTime.fromISO(fx.availabilityDay, { zone: ZONE })
  const from = new Date(day.toMillis() - 24 * 3600_000).toISOString()
  const to = new Date(day.plus({ days: 1 }).toMillis() + 24 * 3600_000).toISOString()
  const busy = await pool.query(raw(SQL.busySpans, [pgArray(ids), from, to, now.toISOString()]))
  return busy.rows.length >= ROOMS * PER_ROOM_ON_AVAILABILITY_DAY ? 'ok' : `short:${busy.rows.length}`
}

// ---------------------------------------------------------------------------------------------
// The guard: the mirror above must send what the service sends. At start-up the bench runs one
// real create() and one real forDay() through the app's own services on the bench database,
// records every statement that reaches a pg client, does the same for createDirect() and
// availabilityDirect(), and compares the texts (whitespace collapsed, parameter values ignored,
// `begin`/`commit` included on both sides) and the row mode, statement by statement.

interface SentStatement {
  text: string
  rowMode: string | undefined
}

/** Runs `work` while recording every statement any pg client in this process sends. */
async function recordingStatements<T>(work: () => Promise<T>): Promise<{ result: T; sent: SentStatement[] }> {
  const sent: SentStatement[] = []
  const proto = pg.Client.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown }
  const original = proto.query
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; rowMode?: string } | undefined
    sent.push(typeof config === 'string' ? { text: config, rowMode: undefined } : { text: String(config?.text), rowMode: config?.rowMode })
    return original.apply(this, args)
  }
  try {
    return { result: await work(), sent }
  } finally {
    proto.query = original
  }
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The first difference between two statement lists, or undefined when they match. */
function firstDifference(service: readonly SentStatement[], mirror: readonly SentStatement[]): string | undefined {
  for (let i = 0; i < Math.max(service.length, mirror.length); i++) {
    const s = service[i]
    const m = mirror[i]
    const n = `statement ${i + 1} of ${service.length}`
    if (!s) return `${n}: the service sends nothing more, the bench sends "${clip(squash(m!.text), 0)}"`
    if (!m) return `${n}: the bench sends nothing more, the service sends "${clip(squash(s.text), 0)}"`
    const a = squash(s.text)
    const b = squash(m.text)
    if (a !== b) {
      let k = 0
      while (k < a.length && a[k] === b[k]) k++
      return `${n}: the service sends "${clip(a, k)}", the bench sends "${clip(b, k)}" (from character ${k + 1})`
    }
    if ((s.rowMode ?? 'objects') !== (m.rowMode ?? 'objects')) return `${n} ("${clip(a, 0)}"): row mode ${s.rowMode ?? 'objects'} in the service, ${m.rowMode ?? 'objects'} in the bench`
  }
  return undefined
}

/** Up to 120 characters of `text` around position `at`. */
function clip(text: string, at: number): string {
  const from = Math.max(0, at - 40)
  return `${from > 0 ? '…' : ''}${text.slice(from, from + 120)}${from + 120 < text.length ? '…' : ''}`
}

interface MirrorCheck {
  matches: boolean
  /** The first difference, e.g. "create: statement 3 of 9: …", or null. */
  difference: string | null
  create: { service: number; bench: number; difference: string | null }
  availability: { service: number; bench: number; difference: string | null }
  /** What the service sent, whitespace collapsed, in order. */
  serviceStatements: { create: string[]; availability: string[] }
}

async function checkMirror(url: string, fx: Fixture, env: Record<string, string | undefined>): Promise<MirrorCheck> {
  // Cache off, so forDay() reaches the database whatever the default is; the queries of a miss are the same.
  const config = loadConfig({ ...env, AVAILABILITY_CACHE_MS: '0' })
  const database = await openDatabase({ url, poolSize: 2 })
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  try {
    const services = buildServices(makeDeps(config, database))
    const [serviceDay, benchDay] = fx.guardDays
    const c = randomClaim(fx, [serviceDay!])
    const body = { venue_id: fx.venueId, items: [{ kind: 'slot' as const, room_id: c.room.id, start: c.start.toISOString(), end: c.end.toISOString() }] }
    const serviceCreate = await recordingStatements(() => services.reservations.create({ userId: fx.userId, role: 'customer' }, body))
    const serviceAvailability = await recordingStatements(() => services.availability.forDay(fx.venueId, fx.availabilityDay, 1))
    const benchCreate = await recordingStatements(() => createDirect(pool, fx, [benchDay!]))
    const benchAvailability = await recordingStatements(() => availabilityDirect(pool, fx))
    if (benchCreate.result !== 'ok' || benchAvailability.result !== 'ok') {
      throw new Error(`the bench's own SQL did not run cleanly: create ${benchCreate.result}, availability ${benchAvailability.result}`)
    }
    const createDiff = firstDifference(serviceCreate.sent, benchCreate.sent)
    const availabilityDiff = firstDifference(serviceAvailability.sent, benchAvailability.sent)
    const difference = createDiff ? `create: ${createDiff}` : availabilityDiff ? `availability: ${availabilityDiff}` : undefined
    return {
      matches: difference === undefined,
      difference: difference ?? null,
      create: { service: serviceCreate.sent.length, bench: benchCreate.sent.length, difference: createDiff ?? null },
      availability: { service: serviceAvailability.sent.length, bench: benchAvailability.sent.length, difference: availabilityDiff ?? null },
      serviceStatements: { create: serviceCreate.sent.map((s) => squash(s.text)), availability: serviceAvailability.sent.map((s) => squash(s.text)) },
    }
  } finally {
    await pool.end()
    await database.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const f0 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })
const f1 = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const f2 = (n: number) => n.toFixed(2)
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS')

function log(message: string): void {
  process.stdout.write(`${message}\n`)
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const line = (r: string[]) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')}`
  const sep = `  ${widths.map((w) => '-'.repeat(w)).join('   ')}`
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n')
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = Date.now()
  const url = serverUrl(DB_NAME)
  log(`Reservoir benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${f0(os.totalmem() / 2 ** 20)} MB RAM, Node ${process.version}`)
  const loadBefore = os.loadavg()[0]!
  log(`load average before the run: ${f2(loadBefore)}${loadBefore > 0.5 ? '  (something else is using the CPU: figures will be lower than on a quiet machine)' : ''}`)
  log(`database: ${url.replace(/\/\/([^:@/]+)(:[^@]*)?@/, '//$1@')} (fresh), ${SECONDS}s per phase, ${WARMUP_SECONDS}s warm-up`)

  await dropDatabase()
  await adminQuery(`create database "${DB_NAME}"`)
  let server: Server | undefined
  let sampler: RssSampler | undefined
  let offServer: Server | undefined
  let offSampler: RssSampler | undefined
  const pools: pg.Pool[] = []
  try {
    const fx = await seed(url)
    const version = await (async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      const r = await c.query<{ v: string }>('select split_part(version(), \' on \', 1) as v')
      await c.end()
      return r.rows[0]!.v
    })()
    log(`seeded: venue in ${ZONE} open 24h, ${ROOMS} rooms, ${ROOMS * PER_ROOM_ON_AVAILABILITY_DAY} reservations on ${fx.availabilityDay}; ${version}`)

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
    const mirror = await checkMirror(url, fx, env).catch(
      (error: unknown): MirrorCheck => ({
        matches: false,
        difference: `the guard could not run: ${error instanceof Error ? error.message : String(error)}`,
        create: { service: 0, bench: 0, difference: null },
        availability: { service: 0, bench: 0, difference: null },
        serviceStatements: { create: [], availability: [] },
      }),
    )
    const mirrorLine = mirror.matches
      ? `SQL mirror matches the service: yes (create: ${mirror.create.service} statements with begin/commit; availability: ${mirror.availability.service})`
      : mirror.create.difference
        ? `SQL mirror matches the service: NO — create() differs at ${mirror.create.difference}`
        : mirror.availability.difference
          ? `SQL mirror matches the service: NO — forDay() differs at ${mirror.availability.difference}`
          : `SQL mirror matches the service: NO — ${mirror.difference}`
    log(mirrorLine)
    if (!mirror.matches) log('    (b) and the availability SQL below are NOT the service\'s SQL: update SQL and createDirect()/availabilityDirect() in bench/run.ts')

    const port = await freePort()
    server = await startServer(env, port)
    sampler = new RssSampler(server.child.pid!)
    sampler.start()
    const startupRssMb = rssKb(server.child.pid!)! / 1024
    log(`server: pid ${server.child.pid} on ${server.base}, RSS after start ${f1(startupRssMb)} MB`)

    const signer = new TokenSigner({ jwtSecret, accessTokenMinutes: 120, refreshTokenDays: 1 })
    const token = await signer.access({ userId: fx.userId, role: 'customer' }, new Date())
    const authJson = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const holdBody = () => {
      const c = randomClaim(fx, fx.httpDays)
      return JSON.stringify({ venue_id: fx.venueId, items: [{ kind: 'slot', room_id: c.room.id, start: c.start.toISOString(), end: c.end.toISOString() }] })
    }

    // Sanity checks: one hold and one availability answer, by hand.
    const probe = await fetch(`${server.base}/api/v1/reservations`, { method: 'POST', headers: authJson, body: holdBody() })
    if (probe.status !== 201) throw new Error(`POST /reservations answered ${probe.status}: ${await probe.text()}`)
    const availabilityPath = `/api/v1/venues/${fx.venueId}/availability?date=${fx.availabilityDay}`
    const probeAvailability = async (base: string) => {
      const avail = await fetch(`${base}${availabilityPath}`)
      const availBody = (await avail.json()) as { rooms?: { free: unknown[] }[] }
      if (avail.status !== 200 || availBody.rooms?.length !== ROOMS) throw new Error(`availability answered ${avail.status}: ${JSON.stringify(availBody).slice(0, 500)}`)
      return { freeIntervals: availBody.rooms.reduce((n, r) => n + r.free.length, 0), bytes: JSON.stringify(availBody).length }
    }
    const { freeIntervals, bytes: availBytes } = await probeAvailability(server.base)
    log(`probe: POST /reservations 201; availability 200 with ${ROOMS} rooms, ${freeIntervals} free intervals, ${f0(availBytes)} bytes\n`)

    const holdRequest = (duration: number) =>
      cannon(
        {
          url: server!.base,
          connections: HOLD_CONNECTIONS,
          duration,
          requests: [{ method: 'POST', path: '/api/v1/reservations', headers: authJson, setupRequest: (req) => ({ ...req, body: holdBody() }) }],
        },
        201,
      )

    // (a) holds through HTTP
    log(`(a) POST /api/v1/reservations, ${HOLD_CONNECTIONS} connections …`)
    if (WARMUP_SECONDS > 0) await holdRequest(WARMUP_SECONDS)
    sampler.resetPhase()
    const pid = server.child.pid!
    const { result: a, cpu: cpuA } = await metered(pid, url, () => holdRequest(SECONDS))
    const rssA = sampler.resetPhase()
    log(`    ${f0(a.okPerSecond)} holds/s (201: ${a.ok}, statuses ${JSON.stringify(a.statusCodes)}), p50 ${a.latency.p50} ms, p99 ${a.latency.p99} ms`)
    log(`    ${cpuLine(cpuA)}`)

    // (b) the same transaction straight through pg
    log(`(b) the same SQL through pg, pool of ${HOLD_CONNECTIONS}, concurrency ${HOLD_CONNECTIONS}${mirror.matches ? '' : ' (MIRROR IS STALE, see above)'} …`)
    const holdPool = new pg.Pool({ connectionString: url, max: HOLD_CONNECTIONS })
    pools.push(holdPool)
    if (WARMUP_SECONDS > 0) await loop(HOLD_CONNECTIONS, WARMUP_SECONDS, () => createDirect(holdPool, fx))
    const { result: b, cpu: cpuB } = await metered(pid, url, () => loop(HOLD_CONNECTIONS, SECONDS, () => createDirect(holdPool, fx)))
    await holdPool.end()
    pools.pop()
    log(`    ${f0(b.okPerSecond)} commits/s (${JSON.stringify(b.outcomes)}), p50 ${f1(b.latency.p50)} ms, p99 ${f1(b.latency.p99)} ms`)
    log(`    ${cpuLine(cpuB)}`)
    const ratio = a.okPerSecond / b.okPerSecond
    log(`(c) a/b = ${ratio.toFixed(3)}\n`)

    // (d) availability through HTTP, then its queries straight through pg
    const availRequest = (base: string, duration: number, path: string, connections = AVAILABILITY_CONNECTIONS) =>
      cannon({ url: base, connections, duration, requests: [{ method: 'GET', path }] }, 200)
    const oneSeconds = Math.max(1, Math.round(SECONDS / 2))
    log(`(d) GET ${availabilityPath.replace(fx.venueId, '{id}')}, ${AVAILABILITY_CONNECTIONS} connections${cacheLabel} …`)
    if (WARMUP_SECONDS > 0) await availRequest(server.base, WARMUP_SECONDS, availabilityPath)
    sampler.resetPhase()
    const { result: d, cpu: cpuD } = await metered(pid, url, () => availRequest(server!.base, SECONDS, availabilityPath))
    const rssD = sampler.resetPhase()
    log(`    ${f0(d.rps)} req/s (statuses ${JSON.stringify(d.statusCodes)}), p50 ${d.latency.p50} ms, p99 ${d.latency.p99} ms`)
    log(`    ${cpuLine(cpuD)}`)
    const d1 = await availRequest(server.base, oneSeconds, availabilityPath, 1)
    log(`    at 1 connection: ${f0(d1.rps)} req/s, p50 ${d1.latency.p50} ms, p99 ${d1.latency.p99} ms`)

    log(`    the same 4 queries through pg, pool of ${AVAILABILITY_CONNECTIONS}${mirror.matches ? '' : ' (MIRROR IS STALE, see above)'} …`)
    const availPool = new pg.Pool({ connectionString: url, max: AVAILABILITY_CONNECTIONS })
    pools.push(availPool)
    if (WARMUP_SECONDS > 0) await loop(AVAILABILITY_CONNECTIONS, WARMUP_SECONDS, () => availabilityDirect(availPool, fx))
    const { result: dSql, cpu: cpuDSql } = await metered(pid, url, () => loop(AVAILABILITY_CONNECTIONS, SECONDS, () => availabilityDirect(availPool, fx)))
    await availPool.end()
    pools.pop()
    log(`    ${f0(dSql.okPerSecond)} req/s (${JSON.stringify(dSql.outcomes)}), p50 ${f1(dSql.latency.p50)} ms, p99 ${f1(dSql.latency.p99)} ms`)
    log(`    ${cpuLine(cpuDSql)}`)

    // (e) the floor: a route with no I/O on the same server
    log(`(e) GET /api/v1/ping, ${AVAILABILITY_CONNECTIONS} connections …`)
    if (WARMUP_SECONDS > 0) await availRequest(server.base, WARMUP_SECONDS, '/api/v1/ping')
    sampler.resetPhase()
    const { result: e, cpu: cpuE } = await metered(pid, url, () => availRequest(server!.base, SECONDS, '/api/v1/ping'))
    const rssE = sampler.resetPhase()
    log(`    ${f0(e.rps)} req/s, p50 ${e.latency.p50} ms, p99 ${e.latency.p99} ms`)
    log(`    ${cpuLine(cpuE)}`)
    const availOverPing = d.rps / e.rps

    sampler.sample()
    sampler.stop()
    const mainPeakRssMb = sampler.peakKb / 1024

    // (d) again with the cache off: the server reads the setting at start, so a second server.
    let off: { d: HttpRun; cpu: CpuShare | undefined; d1: HttpRun; startupRssMb: number; peakRssMb: number; serverCpuMsPerRequest: number | null } | undefined
    if (cacheOffRun) {
      await stopServer(server)
      offServer = await startServer(serverEnv(url, jwtSecret, { AVAILABILITY_CACHE_MS: '0' }), await freePort())
      offSampler = new RssSampler(offServer.child.pid!)
      offSampler.start()
      const offStartupRssMb = rssKb(offServer.child.pid!)! / 1024
      await probeAvailability(offServer.base)
      log(`(d) again with AVAILABILITY_CACHE_MS=0 (cache off): server pid ${offServer.child.pid}, RSS after start ${f1(offStartupRssMb)} MB …`)
      if (WARMUP_SECONDS > 0) await availRequest(offServer.base, WARMUP_SECONDS, availabilityPath)
      const { result: dOff, cpu: cpuDOff } = await metered(offServer.child.pid!, url, () => availRequest(offServer!.base, SECONDS, availabilityPath))
      log(`    ${f0(dOff.rps)} req/s (statuses ${JSON.stringify(dOff.statusCodes)}), p50 ${dOff.latency.p50} ms, p99 ${dOff.latency.p99} ms`)
      log(`    ${cpuLine(cpuDOff)}`)
      const d1Off = await availRequest(offServer.base, oneSeconds, availabilityPath, 1)
      log(`    at 1 connection: ${f0(d1Off.rps)} req/s, p50 ${d1Off.latency.p50} ms, p99 ${d1Off.latency.p99} ms`)
      offSampler.sample()
      offSampler.stop()
      off = {
        d: dOff,
        cpu: cpuDOff,
        d1: d1Off,
        startupRssMb: offStartupRssMb,
        peakRssMb: offSampler.peakKb / 1024,
        serverCpuMsPerRequest: cpuDOff ? (cpuDOff.server * dOff.seconds * 1000) / dOff.requests : null,
      }
    }
    const peakRssMb = Math.max(mainPeakRssMb, off?.peakRssMb ?? 0)

    // How many holds actually landed, as a cross-check of the 201 count.
    const check = new pg.Client({ connectionString: url })
    await check.connect()
    const counts = (await check.query<{ held: string; total: string }>(`select count(*) filter (where status = 'pending') as held, count(*) as total from reservations`)).rows[0]!
    await check.end()

    const loadAfter = os.loadavg()[0]!
    const perRequest = (c: CpuShare | undefined, r: HttpRun) => (c ? (c.server * r.seconds * 1000) / r.requests : NaN)
    const others = Math.max(...[cpuA, cpuB, cpuD, cpuDSql, cpuE, off?.cpu].map((c) => c?.others ?? 0))
    const pass = {
      holdRatio: ratio >= TARGETS.holdRatio,
      availabilityP99: d.latency.p99 <= TARGETS.availabilityP99Ms,
      ...(off ? { availabilityP99CacheOff: off.d.latency.p99 <= TARGETS.availabilityP99Ms } : {}),
      rss: peakRssMb <= TARGETS.rssMb,
    }
    const dName = cacheDefaultMs === undefined ? '' : cacheDefaultMs > 0 ? ` (cache ${cacheDefaultMs} ms, the default)` : ' (cache off, the default)'
    log('')
    log(
      table([
        ['measure', 'value', 'target', ''],
        ['SQL mirror of (b) and (d) matches the service', mirror.matches ? 'yes' : 'NO', 'yes', mirror.matches ? 'PASS' : 'STALE'],
        ['(a) holds/s via HTTP (201s only)', f0(a.okPerSecond), '', ''],
        ['    HTTP hold latency p50 / p99 (ms)', `${a.latency.p50} / ${a.latency.p99}`, '', ''],
        ['    server CPU per hold request (ms)', f2(perRequest(cpuA, a)), '', ''],
        ['(b) commits/s via pg, same SQL', f0(b.okPerSecond), '', ''],
        ['    pg transaction latency p50 / p99 (ms)', `${f1(b.latency.p50)} / ${f1(b.latency.p99)}`, '', ''],
        ['(c) ratio a/b', ratio.toFixed(3), `>= ${TARGETS.holdRatio}`, verdict(pass.holdRatio)],
        [`(d) availability req/s, 1,000 reservations${dName}`, f0(d.rps), '', ''],
        ['    availability latency p50 / p99 (ms)', `${d.latency.p50} / ${d.latency.p99}`, `p99 <= ${TARGETS.availabilityP99Ms}`, verdict(pass.availabilityP99)],
        ['    server CPU per availability request (ms)', f2(perRequest(cpuD, d)), '', ''],
        ['    availability at 1 connection p50 / p99 (ms)', `${d1.latency.p50} / ${d1.latency.p99}`, '', ''],
        ...(off
          ? [
              ['(d) availability req/s, 1,000 reservations (cache off: AVAILABILITY_CACHE_MS=0)', f0(off.d.rps), '', ''],
              ['    availability latency p50 / p99 (ms)', `${off.d.latency.p50} / ${off.d.latency.p99}`, `p99 <= ${TARGETS.availabilityP99Ms}`, verdict(off.d.latency.p99 <= TARGETS.availabilityP99Ms)],
              ['    server CPU per availability request (ms)', f2(perRequest(off.cpu, off.d)), '', ''],
              ['    availability at 1 connection p50 / p99 (ms)', `${off.d1.latency.p50} / ${off.d1.latency.p99}`, '', ''],
            ]
          : []),
        ['    availability SQL via pg req/s', f0(dSql.okPerSecond), '', ''],
        ['    availability SQL latency p50 / p99 (ms)', `${f1(dSql.latency.p50)} / ${f1(dSql.latency.p99)}`, '', ''],
        ['(e) ping req/s', f0(e.rps), '', ''],
        ['    server CPU per ping request (ms)', f2(perRequest(cpuE, e)), '', ''],
        [`    availability${dName} / ping`, f2(availOverPing), '', ''],
        ['(f) peak server RSS (MB)', f1(peakRssMb), `<= ${TARGETS.rssMb}`, verdict(pass.rss)],
        ['    RSS after start / peak in a, d, e (MB)', `${f0(startupRssMb)} / ${f0(rssA)}, ${f0(rssD)}, ${f0(rssE)}`, '', ''],
        ...(off ? [['    cache-off server: after start / peak (MB)', `${f0(off.startupRssMb)} / ${f0(off.peakRssMb)}`, '', '']] : []),
        ['other processes, worst phase (cores of 2)'.replace('2', String(os.cpus().length)), f2(others), '', others > 0.2 ? 'NOISY' : ''],
      ]),
    )
    log(`\n  ${mirrorLine}`)
    log(`  rows in reservations after the run: ${counts.total} = 1,000 seeded + ${Number(counts.held)} holds from (a), (b), their warm-ups, the probe and the SQL guard`)

    const results = {
      at: new Date().toISOString(),
      machine: { loadAverage1mBefore: loadBefore, loadAverage1mAfter: loadAfter, cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim() ?? null, memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, postgres: version },
      settings: {
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        rooms: ROOMS,
        availabilityReservations: ROOMS * PER_ROOM_ON_AVAILABILITY_DAY,
        holdConnections: HOLD_CONNECTIONS,
        availabilityConnections: AVAILABILITY_CONNECTIONS,
        availabilityDay: fx.availabilityDay,
        serverPoolSize: 20,
        server: 'node dist/cli.js serve',
      },
      sqlMirror: { ...mirror, line: mirrorLine },
      availabilityCache: {
        setting: 'AVAILABILITY_CACHE_MS',
        /** null: this version of the service has no such setting. */
        defaultMs: cacheDefaultMs ?? null,
        /** The cache each availability run used, in ms (0 = off). */
        d_availability_http: cacheDefaultMs ?? null,
        d_availability_http_cache_off: off ? 0 : null,
      },
      a_holds_http: { ...a, cpu: cpuA, serverCpuMsPerRequest: cpuA ? (cpuA.server * a.seconds * 1000) / a.requests : null },
      b_holds_sql: { ...b, cpu: cpuB },
      c_ratio: ratio,
      d_availability_http: { ...d, cpu: cpuD, serverCpuMsPerRequest: cpuD ? (cpuD.server * d.seconds * 1000) / d.requests : null },
      d_availability_http_1_connection: d1,
      d_availability_http_cache_off: off ? { ...off.d, cpu: off.cpu, serverCpuMsPerRequest: off.serverCpuMsPerRequest } : null,
      d_availability_http_1_connection_cache_off: off?.d1 ?? null,
      d_availability_sql: { ...dSql, cpu: cpuDSql },
      e_ping_http: { ...e, cpu: cpuE, serverCpuMsPerRequest: cpuE ? (cpuE.server * e.seconds * 1000) / e.requests : null },
      e_availability_over_ping: availOverPing,
      f_rss_mb: {
        peak: peakRssMb,
        afterStart: startupRssMb,
        peakDuringHolds: rssA,
        peakDuringAvailability: rssD,
        peakDuringPing: rssE,
        mainServerPeak: mainPeakRssMb,
        cacheOffServer: off ? { afterStart: off.startupRssMb, peak: off.peakRssMb } : null,
      },
      reservationsInDatabase: { total: Number(counts.total), holds: Number(counts.held) },
      availabilityResponse: { freeIntervals, bytes: availBytes },
      targets: TARGETS,
      pass,
    }
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
    log(
      `\n  targets: ratio ${verdict(pass.holdRatio)}, availability p99${dName} ${verdict(pass.availabilityP99)}${off ? `, availability p99 (cache off) ${verdict(off.d.latency.p99 <= TARGETS.availabilityP99Ms)}` : ''}, RSS ${verdict(pass.rss)}`,
    )
    log(`  load average (1 min) before ${f2(loadBefore)}, after ${f2(loadAfter)} (this run itself adds about 2 on this machine)`)
    log(`  results written to bench/results.json; total time ${f0((Date.now() - t0) / 1000)} s`)
    for (const [name, s] of [['server', server], ['cache-off server', offServer]] as const) {
      if (s && s.output.length > 0) log(`\n  ${name} said (first lines):\n${s.output.slice(0, 10).map((l) => `    ${l.slice(0, 300)}`).join('\n')}`)
    }
  } finally {
    sampler?.stop()
    offSampler?.stop()
    for (const pool of pools) await pool.end().catch(() => {})
    if (server) await stopServer(server)
    if (offServer) await stopServer(offServer)
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
