import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildServices } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { makeDeps, openConfiguredDatabase } from '../../src/server.js'
import { onPostgres } from '../helpers/context.js'
import { adminQuery, withDatabase } from '../helpers/global-setup.js'

/* The CLI as a user meets it: a real process, its exit status, what it prints where. */

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `reservoir …` (through tsx, as `npm run cli` does; `bin` runs the npm bin instead). */
function reservoir(args: string[], env: Record<string, string> = {}, entry: 'src' | 'bin' = 'src'): Promise<Run> {
  const script = entry === 'src' ? ['--import', 'tsx', 'src/cli.ts'] : ['bin/reservoir.js']
  const proc = spawn(process.execPath, [...script, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (d) => (stdout += String(d)))
  proc.stderr.on('data', (d) => (stderr += String(d)))
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })))
}

const COMMANDS = ['serve', 'worker', 'migrate', 'seed-demo', 'create-admin', 'set-password']
const STACK = /^\s+at /m

// Each case is a process of its own; they run side by side.
describe.concurrent('usage', () => {
  let dir: string
  /** A DATA_DIR that must still not exist afterwards: a usage error touches nothing. */
  let untouched: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reservoir-cli-'))
    // PGlite, where several workers are a usage error (embedded PostgreSQL serves them: test/db/embedded-postgres-cluster.test.ts).
    untouched = { DATA_DIR: join(dir, 'never-created'), EMBEDDED_DATABASE: 'pglite' }
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it.for(['--help', '-h'])('%s prints the usage on stdout and exits 0', async (flag, { expect }) => {
    const run = await reservoir([flag], untouched)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: reservoir <command>/)
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
    expect(run.stdout).toContain('Exit status: 0 done, 1 failed, 2 usage error')
    expect(run.stderr).toBe('')
  })

  it('prints the usage on stderr and exits 2 when no command is given, instead of starting a server', async ({ expect }) => {
    const run = await reservoir([], untouched)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^Usage: reservoir <command>/)
    expect(run.stdout).toBe('')
    expect(existsSync(untouched.DATA_DIR!)).toBe(false)
  })

  it.for(COMMANDS)('%s --help prints its own usage and exits 0', async (command, { expect }) => {
    const run = await reservoir([command, '--help'], untouched)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^Usage: reservoir ${command}\\b`))
    expect(run.stderr).toBe('')
  })

  const mistakes: [string[], string][] = [
    [['frobnicate'], 'reservoir: unknown command "frobnicate"'],
    [['--port', '80'], 'reservoir: unknown flag --port'],
    [['serve', '--port', '80'], 'reservoir: unknown flag --port for serve'],
    [['migrate', 'now'], 'reservoir: unexpected argument "now" for migrate'],
    [['serve', '--help=yes'], 'reservoir: --help takes no value'],
    [['create-admin', '--email', 'ops@example.test'], 'reservoir: create-admin needs --password'],
    [['create-admin', '--email', '--password', 'long enough password'], 'reservoir: --email needs a value'],
    [['create-admin', '--email', 'ops@example.test', '--password', 'short'], 'reservoir: --password: the password needs 10 to 200 characters'],
    [['create-admin', '--email', 'not-an-email', '--password', 'long enough password'], 'reservoir: --email: "not-an-email" is not an email address'],
    [
      ['create-admin', '--email', 'ops@example.test', '--password', 'long enough password', '--role', 'owner'],
      'reservoir: unknown flag --role for create-admin',
    ],
    [['serve', '--workers', '0'], 'reservoir: --workers: "0" is not a whole number from 1 to 64'],
    [['serve', '--workers', 'two'], 'reservoir: --workers: "two" is not a whole number from 1 to 64'],
    // Found once the configuration is read (no DATABASE_URL here), still before DATA_DIR is touched.
    [
      ['serve', '--workers', '2'],
      'reservoir: --workers 2 needs PostgreSQL, and the embedded database here is PGlite (EMBEDDED_DATABASE=pglite), which belongs to one process',
    ],
    [['set-password', '--password', 'long enough password'], 'reservoir: set-password needs --email'],
    [['set-password', '--email', 'ops@example.test', '--password', 'long enough password', '--name', 'X'], 'reservoir: unknown flag --name for set-password'],
  ]

  it.for(mistakes)('%j: one line saying what is wrong, a pointer to --help, exit 2', async ([args, message], { expect }) => {
    const run = await reservoir(args, untouched)
    expect(run.code).toBe(2)
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines[0]).toBe(message)
    expect(lines[1]).toMatch(/^Run 'reservoir (\S+ )?--help' for usage\.$/)
    expect(lines).toHaveLength(2)
    expect(run.stderr).not.toMatch(STACK)
    expect(run.stdout).toBe('')
    expect(existsSync(untouched.DATA_DIR!)).toBe(false)
  })

  it('refuses WORKERS above 1 on PGlite the same way as --workers', async ({ expect }) => {
    const run = await reservoir(['serve'], { ...untouched, WORKERS: '2' })
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(
      'reservoir: WORKERS=2 needs PostgreSQL, and the embedded database here is PGlite (EMBEDDED_DATABASE=pglite), which belongs to one process',
    )
    expect(existsSync(untouched.DATA_DIR!)).toBe(false)
  })

  it('works the same through the npm bin (npx reservoir)', async ({ expect }) => {
    const help = await reservoir(['--help'], untouched, 'bin')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: reservoir <command>/)
    const wrong = await reservoir(['serve', '--verbose'], untouched, 'bin')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('reservoir: unknown flag --verbose for serve')
  })
})

describe('create-admin and set-password on a database', () => {
  let dir: string
  let env: Record<string, string>
  let dropDatabase = async () => {}
  const EMAIL = 'Ops.Lead@Example.test'
  const FIRST = 'first long password'
  const SECOND = 'second long password'

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reservoir-cli-db-'))
    const pg = inject('pg')
    if (pg) {
      const name = `${pg.template.replace(/_tpl_\d+$/, '')}_cli`
      await adminQuery(pg.url, `drop database if exists "${name}" with (force)`)
      await adminQuery(pg.url, `create database "${name}" template "${pg.template}"`)
      env = { DATA_DIR: dir, DATABASE_URL: withDatabase(pg.url, name) }
      dropDatabase = () => adminQuery(pg.url, `drop database if exists "${name}" with (force)`)
    } else {
      env = { DATA_DIR: dir }
    }
  })
  afterAll(async () => {
    await dropDatabase()
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens the database the CLI uses, in this process, and closes it again (PGlite admits one process at a time). */
  async function withServices<T>(work: (services: ReturnType<typeof buildServices>) => Promise<T>): Promise<T> {
    const config = loadConfig({ NODE_ENV: 'test', ...env })
    const database = await openConfiguredDatabase(config)
    try {
      return await work(buildServices(makeDeps(config, database)))
    } finally {
      await database.close()
    }
  }

  it('create-admin creates a platform admin once; a second time the email is taken (exit 1, no stack)', async () => {
    const created = await reservoir(['create-admin', '--email', EMAIL, '--password', FIRST, '--name', 'Ops Lead'], env)
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^admin created: Ops\.Lead@Example\.test \([0-9a-f-]{36}\)$/m)
    const again = await reservoir(['create-admin', '--email', EMAIL.toLowerCase(), '--password', FIRST], env)
    expect(again.code).toBe(1)
    expect(again.stderr.trim()).toBe('reservoir: An account with this email already exists')
    const user = await withServices((s) => s.auth.findByEmail(EMAIL))
    expect(user).toMatchObject({ role: 'admin', name: 'Ops Lead' })
  })

  it('set-password sets the password, ends every session and clears a lock-out', async () => {
    const sessions = await withServices(async (s) => {
      const a = await s.auth.login(EMAIL, FIRST, '192.0.2.1')
      const b = await s.auth.login(EMAIL, FIRST, '192.0.2.2')
      // Locked out: more failures than the account's allowance.
      for (let i = 0; i <= loadConfig({ NODE_ENV: 'test' }).loginFailures.perAccount; i++) {
        await s.auth.login(EMAIL, 'a wrong password', `192.0.2.${10 + i}`).catch(() => {})
      }
      await expect(s.auth.login(EMAIL, FIRST, '192.0.2.3')).rejects.toMatchObject({ code: 'rate_limited' })
      return [a.refresh, b.refresh]
    })

    const run = await reservoir(['set-password', '--email', EMAIL.toUpperCase(), '--password', SECOND], env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(`password set for ${EMAIL}; 2 sessions ended`)

    await withServices(async (s) => {
      for (const refresh of sessions) await expect(s.auth.refresh(refresh)).rejects.toMatchObject({ code: 'invalid_token' })
      await expect(s.auth.login(EMAIL, FIRST, '192.0.2.4')).rejects.toMatchObject({ code: 'invalid_credentials' })
      const session = await s.auth.login(EMAIL, SECOND, '192.0.2.4')
      expect(session.user.role).toBe('admin')
    })
  })

  it('set-password names an unknown email and exits 1', async () => {
    const run = await reservoir(['set-password', '--email', 'nobody@example.test', '--password', SECOND], env)
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe('reservoir: no account has the email nobody@example.test')
  })

  it.runIf(!onPostgres())('refuses the embedded database while another process has it open, and takes over after one that died', async () => {
    const pidFile = join(dir, 'reservoir.pid')
    // This test process is alive: as far as the CLI can tell, a server has the directory.
    await writeFile(pidFile, `${process.pid}\n`)
    const refused = await reservoir(['set-password', '--email', EMAIL, '--password', FIRST], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`is open in process ${process.pid}`)
    expect(refused.stderr).not.toMatch(STACK)
    // A pid file left by a process that has exited is stale.
    const gone = spawn(process.execPath, ['-e', ''])
    await new Promise((resolve) => gone.once('exit', resolve))
    await writeFile(pidFile, `${gone.pid}\n`)
    const run = await reservoir(['set-password', '--email', EMAIL, '--password', FIRST], env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(existsSync(pidFile)).toBe(false)
  })
})
