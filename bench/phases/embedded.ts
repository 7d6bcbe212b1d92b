/**
 * One embedded database mode measured as `npm start` runs it (docs/embedded-database.md), on a
 * fresh DATA_DIR under /tmp/reservoir-embedded/<mode>: the first start (an empty DATA_DIR:
 * initdb and migrations) and its time to a healthy server; the bench's fixture (50 rooms, 1,000
 * reservations on one day) seeded into it; a second start on that data (time, RSS after start),
 * then holds (POST /reservations, 50 connections) and availability with the cache off (50
 * connections), 2 s of warm-up and 10 s each, RSS at peak; then `kill -9` of the server: is a
 * database process left behind, does a restart come up, are the rows still there.
 *
 * Modes: postgres (EMBEDDED_DATABASE=postgres, the default's engine: PostgreSQL 17 binaries from
 * npm), pglite (the fallback), pglite-tuned (PGlite with the options of TUNED_PGLITE below, a
 * preload that wraps PGlite.create in the server, to see what PGlite's own knobs buy).
 * `npm run bench` runs the postgres mode as its phase (v); bench/embedded.ts runs them side by side.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { TokenSigner } from '../../src/modules/auth/tokens.js'
import { cpuShareBetween, cpuSnapshot, procTicks, type CpuShare } from '../cpu.js'
import { seed, type Fixture } from '../fixture.js'
import { f0, f1, f2, log } from '../format.js'
import { cannon, type HttpRun } from '../load.js'
import { RssSampler, rssKb } from '../memory.js'
import { holdBody } from './holds.js'
import { availRequest, probeAvailability } from './availability.js'
import { freePort, serverEnv, startServer, stopServer, type Server } from '../server.js'
import { AVAILABILITY_CONNECTIONS, HOLD_CONNECTIONS, ROOT, SECONDS, WARMUP_SECONDS } from '../settings.js'
import type * as EmbeddedPostgresModule from '../../src/db/embedded-postgres.js'

export type Mode = 'pglite' | 'pglite-tuned' | 'postgres'
const BASE = '/tmp/reservoir-embedded'

export interface ModeResult {
  mode: Mode
  firstStartMs: number
  startMs: number
  rssAfterStartMb: number
  dbPssAfterStartMb: number
  holds: HttpRun
  holdsCpu: CpuShare
  availability: HttpRun
  availabilityCpu: CpuShare
  peakRssMb: number
  dbPeakPssMb: number
  killed: string
}

/** The postmaster of a data directory and its children (backends, checkpointer, …). */
function postgresPids(dataDir: string): number[] {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return []
  const pm = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  const out = [pm]
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) === pm) out.push(Number(entry))
    } catch {
      // gone
    }
  }
  return out
}

/** Proportional set size: shared memory (shared_buffers) counted once over all processes. */
function pssMb(pids: readonly number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      kb += Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
    } catch {
      // gone
    }
  }
  return kb / 1024
}

/** A live postgres process whose working directory is this data directory (an orphan after kill -9). */
function livePostgresOn(dataDir: string): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue
      if (/State:\s+Z/.test(readFileSync(`/proc/${entry}/status`, 'utf8'))) continue
      if (readlinkSync(`/proc/${entry}/cwd`) === dataDir) out.push(Number(entry))
    } catch {
      // gone
    }
  }
  return out
}

async function metered<T>(serverPid: number, dbPids: () => number[], work: () => Promise<T>): Promise<{ result: T; cpu: CpuShare }> {
  const before = cpuSnapshot(serverPid, dbPids())
  const t0 = performance.now()
  const result = await work()
  const seconds = (performance.now() - t0) / 1000
  return { result, cpu: cpuShareBetween(before, cpuSnapshot(serverPid, dbPids()), seconds, procTicks) }
}

const cpuText = (c: CpuShare) =>
  `cores: server ${f2(c.server)}, database processes ${f2(c.postgres)}, load generator ${f2(c.bench)}, others ${f2(c.others)}${c.others > 0.2 ? ' NOISY' : ''}, idle ${f2(c.idle)}`

function envFor(mode: Mode, dir: string, jwtSecret: string): Record<string, string | undefined> {
  const env = serverEnv('', jwtSecret, { DATA_DIR: dir, AVAILABILITY_CACHE_MS: '0' })
  delete env.DATABASE_URL
  env.EMBEDDED_DATABASE = mode === 'postgres' ? 'postgres' : 'pglite'
  if (mode === 'pglite-tuned') {
    const preload = join(BASE, 'pglite-tuned.mjs')
    writeFileSync(preload, TUNED_PGLITE.replace('@electric-sql/pglite', pathToFileURL(join(ROOT, 'node_modules/@electric-sql/pglite/dist/index.js')).href))
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(preload).href}`.trim()
  }
  return env
}

/**
 * The server's preload in the pglite-tuned mode: every PGlite.create() gets these knobs on top of its
 * own options. PGlite already runs PostgreSQL with fsync off (-F in PGlite.defaultStartParams);
 * these drop the rest of the per-commit work (WAL flush at commit, full-page images), let the WAL
 * grow between checkpoints and give the WASM heap its room up front.
 */
const TUNED_PGLITE = `import { PGlite } from '@electric-sql/pglite'
const create = PGlite.create.bind(PGlite)
const knobs = ['synchronous_commit=off', 'full_page_writes=off', 'wal_buffers=16MB', 'checkpoint_timeout=30min', 'max_wal_size=1GB']
PGlite.create = (dataDir, options) =>
  create(dataDir, {
    ...options,
    relaxedDurability: true,
    initialMemory: 512 * 2 ** 20,
    startParams: [...PGlite.defaultStartParams, ...knobs.flatMap((s) => ['-c', s])],
  })
`

async function timedStart(env: Record<string, string | undefined>): Promise<{ server: Server; ms: number }> {
  const t0 = performance.now()
  const server = await startServer(env, await freePort())
  return { server, ms: performance.now() - t0 }
}

/** The module from dist/, which finds @embedded-postgres/<platform> where the server does. */
const embeddedPostgres = async () => (await import(pathToFileURL(join(ROOT, 'dist/db/embedded-postgres.js')).href)) as typeof EmbeddedPostgresModule

async function seedMode(mode: Mode, dir: string): Promise<Fixture> {
  if (mode !== 'postgres') {
    return seed({ dataDir: join(dir, 'pglite') })
  }
  const cluster = await (await embeddedPostgres()).startEmbeddedPostgres(dir)
  try {
    return await seed(cluster.url)
  } finally {
    await cluster.stop()
  }
}

async function countReservations(mode: Mode, dir: string): Promise<number> {
  if (mode !== 'postgres') {
    const { openDatabase } = await import('../../src/db/client.js')
    const db = await openDatabase({ dataDir: join(dir, 'pglite') })
    try {
      return Number((await db.raw.query<{ n: string }>('select count(*) as n from reservations')).rows[0]!.n)
    } finally {
      await db.close()
    }
  }
  const cluster = await (await embeddedPostgres()).startEmbeddedPostgres(dir)
  const c = new pg.Client({ connectionString: cluster.url })
  await c.connect()
  try {
    return Number((await c.query<{ n: string }>('select count(*) as n from reservations')).rows[0]!.n)
  } finally {
    await c.end()
    await cluster.stop()
  }
}

export async function runMode(mode: Mode, jwtSecret: string): Promise<ModeResult> {
  const dir = join(BASE, mode)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true, mode: 0o755 })
  const pgData = join(dir, 'postgres')
  const dbPids = () => (mode === 'postgres' ? postgresPids(pgData) : [])
  const env = envFor(mode, dir, jwtSecret)
  log(`== ${mode} (DATA_DIR ${dir})`)

  // The first start: an empty DATA_DIR.
  const first = await timedStart(env)
  log(`   first start (empty DATA_DIR): healthy after ${f0(first.ms)} ms`)
  await stopServer(first.server)

  const fx = await seedMode(mode, dir)
  const { server, ms: startMs } = await timedStart(env)
  const pid = server.child.pid!
  const rssAfterStartMb = rssKb(pid)! / 1024
  const dbPssAfterStartMb = pssMb(dbPids())
  log(
    `   start on the seeded data: healthy after ${f0(startMs)} ms; server RSS ${f1(rssAfterStartMb)} MB${mode === 'postgres' ? `, PostgreSQL processes ${dbPids().length}, PSS ${f1(dbPssAfterStartMb)} MB` : ''}`,
  )
  const sampler = new RssSampler(pid)
  sampler.start()
  let dbPeakPssMb = dbPssAfterStartMb
  const dbSampler = setInterval(() => (dbPeakPssMb = Math.max(dbPeakPssMb, pssMb(dbPids()))), 500)

  const signer = new TokenSigner({ jwtSecret, accessTokenMinutes: 120, refreshTokenDays: 1 })
  const token = await signer.access({ userId: fx.userId, role: 'customer' }, new Date())
  const authJson = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const probe = await fetch(`${server.base}/api/v1/reservations`, { method: 'POST', headers: authJson, body: holdBody(fx) })
  if (probe.status !== 201) throw new Error(`${mode}: POST /reservations answered ${probe.status}: ${await probe.text()}`)
  const availabilityPath = `/api/v1/venues/${fx.venueId}/availability?date=${fx.availabilityDay}`
  await probeAvailability(server.base, availabilityPath)

  const holdRequest = (duration: number) =>
    cannon(
      {
        url: server.base,
        connections: HOLD_CONNECTIONS,
        duration,
        timeout: 10,
        requests: [{ method: 'POST', path: '/api/v1/reservations', headers: authJson, setupRequest: (req) => ({ ...req, body: holdBody(fx) }) }],
      },
      201,
    )
  if (WARMUP_SECONDS > 0) await holdRequest(WARMUP_SECONDS)
  const { result: holds, cpu: holdsCpu } = await metered(pid, dbPids, () => holdRequest(SECONDS))
  log(
    `   holds, ${HOLD_CONNECTIONS} connections: ${f0(holds.okPerSecond)}/s (statuses ${JSON.stringify(holds.statusCodes)}, timeouts ${holds.timeouts}, errors ${holds.errors}), p50 ${holds.latency.p50} ms, p99 ${holds.latency.p99} ms`,
  )
  log(`     ${cpuText(holdsCpu)}`)

  if (WARMUP_SECONDS > 0) await availRequest(server.base, WARMUP_SECONDS, availabilityPath)
  const { result: availability, cpu: availabilityCpu } = await metered(pid, dbPids, () => availRequest(server.base, SECONDS, availabilityPath))
  log(
    `   availability (cache off), ${AVAILABILITY_CONNECTIONS} connections: ${f0(availability.rps)} req/s (statuses ${JSON.stringify(availability.statusCodes)}), p50 ${availability.latency.p50} ms, p99 ${availability.latency.p99} ms`,
  )
  log(`     ${cpuText(availabilityCpu)}`)
  sampler.sample()
  sampler.stop()
  clearInterval(dbSampler)
  const peakRssMb = sampler.peakKb / 1024
  log(`   peak server RSS ${f1(peakRssMb)} MB${mode === 'postgres' ? `; PostgreSQL PSS at peak ${f1(dbPeakPssMb)} MB` : ''}`)

  // kill -9 of the server: what is left, and does a restart come up with the data?
  const before = await (async () => {
    await stopServer(server)
    return countReservations(mode, dir)
  })()
  const victim = await timedStart(env)
  victim.server.child.kill('SIGKILL')
  await new Promise((r) => victim.server.child.once('exit', r))
  await new Promise((r) => setTimeout(r, 1_000))
  const orphans = mode === 'postgres' ? livePostgresOn(pgData) : []
  const leftovers = [existsSync(join(dir, 'reservoir.pid')) ? 'reservoir.pid' : '', existsSync(join(pgData, 'postmaster.pid')) ? 'postmaster.pid' : '']
    .filter(Boolean)
    .join(', ')
  const again = await timedStart(env)
  await stopServer(again.server)
  const after = await countReservations(mode, dir)
  const killed = `1 s after kill -9: ${orphans.length ? `${orphans.length} postgres processes still running` : 'no database process left'}, files left: ${leftovers || 'none'}; restart healthy after ${f0(again.ms)} ms; reservations ${before} before, ${after} after`
  log(`   ${killed}\n`)
  return {
    mode,
    firstStartMs: first.ms,
    startMs,
    rssAfterStartMb,
    dbPssAfterStartMb,
    holds,
    holdsCpu,
    availability,
    availabilityCpu,
    peakRssMb,
    dbPeakPssMb,
    killed,
  }
}
