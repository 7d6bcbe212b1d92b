import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/client.js'
import { chooseEmbedded } from '../../src/db/embedded.js'
import { embeddedPostgresProblem } from '../../src/db/embedded-postgres.js'
import { migrate } from '../../src/db/migrate.js'
import { processIsRunning } from '../../src/db/process-alive.js'
import { processTree } from '../../bench/cpu.js'
import { startReservoir, until, workersOf } from '../helpers/processes.js'

/*
 * The embedded database as `npm start` runs it: PostgreSQL's own binaries from npm, a cluster
 * under DATA_DIR/postgres. These tests start the real binaries, whichever database the suite
 * itself runs on. A DATA_DIR is made readable by others (mode 755, as `./data` is) because as
 * root the cluster runs as the `postgres` user, which must reach it.
 */
const dirs: string[] = []
function dataDir(): string {
  const base = mkdtempSync(join(tmpdir(), 'reservoir-embedded-'))
  chmodSync(base, 0o755)
  dirs.push(base)
  return join(base, 'data')
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const problem = await embeddedPostgresProblem(tmpdir())
// The binaries are an optional dependency: npm skips them on a platform they are not built for,
// where PGlite stands in (the choice below says so). Every CI machine is linux-x64 with them.
const withBinaries = problem === undefined
if (!withBinaries) console.warn(`embedded PostgreSQL tests skipped: ${problem}`)

describe.skipIf(!withBinaries)('embedded PostgreSQL: the real binaries', () => {
  it('initialises a cluster, migrates it, keeps its rows across a stop and a start, and stops its postmaster on close', async () => {
    const dir = dataDir()
    const first = await openDatabase({ embeddedPostgresDir: dir })
    expect(first.kind).toBe('postgres')
    await migrate(first)
    await first.raw.query(`insert into users (id, email, name, password_hash, role) values (gen_random_uuid(), 'kept@example.com', 'Kept', 'x', 'customer')`)
    const version = await first.raw.query<{ major: number }>(`select current_setting('server_version_num')::int / 10000 as major`)
    expect(version.rows[0]!.major).toBe(17)
    const postmaster = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])
    expect(processIsRunning(postmaster)).toBe(true)
    await first.close()
    expect(processIsRunning(postmaster)).toBe(false)
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false)

    const second = await openDatabase({ embeddedPostgresDir: dir })
    try {
      const kept = await second.raw.query<{ n: number }>(`select count(*)::int as n from users where email = 'kept@example.com'`)
      expect(kept.rows[0]!.n).toBe(1)
    } finally {
      await second.close()
    }
  }, 60_000)

  it('is what a fresh DATA_DIR gets by default', async () => {
    const choice = await chooseEmbedded(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir() }))
    expect(choice.engine).toBe('postgres')
  })

  it('after `kill -9` of the server: no postmaster is left running, and the next start comes up with the data', async () => {
    const dir = dataDir()
    const env = { DATA_DIR: dir, JWT_SECRET: 'a test secret that is long enough for HS256 signing' }
    const body = JSON.stringify({ email: 'survivor@example.com', password: 'a long password', name: 'Survivor' })
    const json = { 'content-type': 'application/json' }

    const server = await startReservoir('serve', env)
    expect(await (await fetch(`${server.base}/health`)).json()).toEqual({ status: 'ok', database: 'postgres' })
    expect((await fetch(`${server.base}/auth/register`, { method: 'POST', headers: json, body })).status).toBe(201)
    const postmaster = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])
    await server.kill('SIGKILL')
    // The kernel's parent-death signal asks the postmaster for a fast shutdown.
    await until('the postmaster to stop', () => (processIsRunning(postmaster) ? undefined : true), 20_000)

    const again = await startReservoir('serve', env)
    try {
      const login = await fetch(`${again.base}/auth/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'survivor@example.com', password: 'a long password' }),
      })
      expect(login.status).toBe(200)
    } finally {
      await again.kill()
    }
  }, 120_000)

  it('serves `serve --workers 2` from one cluster, which stops after the workers', async () => {
    const dir = dataDir()
    const server = await startReservoir('serve', { DATA_DIR: dir, JWT_SECRET: 'a test secret that is long enough for HS256 signing' }, ['--workers', '2'])
    try {
      await until('both workers', () => (server.output.join('').includes('serving with several workers') ? true : undefined), 60_000)
      const primary = server.proc.pid!
      expect(workersOf(primary)).toHaveLength(2)
      const postmaster = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])
      // The primary's own cluster, not one per worker.
      expect(processTree(primary)).toContain(postmaster)
      const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.base}/health`).then((r) => r.json())))
      expect(answers).toEqual(Array(10).fill({ status: 'ok', database: 'postgres' }))
      await server.kill('SIGTERM')
      expect(server.proc.exitCode).toBe(0)
      expect(processIsRunning(postmaster)).toBe(false)
    } finally {
      await server.kill('SIGKILL')
    }
  }, 120_000)
})

describe('the embedded database chosen for a DATA_DIR (EMBEDDED_DATABASE)', () => {
  const config = (dir: string, setting?: string) => loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...(setting ? { EMBEDDED_DATABASE: setting } : {}) })
  const pgliteData = (dir: string) => {
    mkdirSync(join(dir, 'pglite'), { recursive: true })
    writeFileSync(join(dir, 'pglite', 'PG_VERSION'), '17\n')
  }

  it('obeys an explicit setting', async () => {
    expect(await chooseEmbedded(config(dataDir(), 'pglite'))).toMatchObject({ engine: 'pglite', why: 'EMBEDDED_DATABASE=pglite' })
    expect(await chooseEmbedded(config(dataDir(), 'postgres'))).toMatchObject({ engine: 'postgres', why: 'EMBEDDED_DATABASE=postgres' })
  })

  it('keeps a DATA_DIR that holds a PGlite database on PGlite, rather than starting it on an empty one', async () => {
    const dir = dataDir()
    pgliteData(dir)
    const choice = await chooseEmbedded(config(dir))
    expect(choice).toMatchObject({ engine: 'pglite', dir: join(dir, 'pglite') })
    expect(choice.why).toContain('holds the database')
    // Asked for by name, PostgreSQL is used all the same (a new, empty database).
    expect((await chooseEmbedded(config(dir, 'postgres'))).engine).toBe('postgres')
  })

  it.skipIf(process.getuid?.() !== 0 || !withBinaries)('as root, falls back to PGlite when the postgres user cannot reach DATA_DIR, and says why', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'reservoir-closed-')) // mode 700, root's own
    dirs.push(closed)
    const choice = await chooseEmbedded(config(join(closed, 'data')))
    expect(choice.engine).toBe('pglite')
    expect(choice.why).toBe(`PGlite instead of PostgreSQL: running as root, and the "postgres" user cannot reach ${closed}`)
  })
})
