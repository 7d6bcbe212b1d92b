import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embeddedPostgresProblem } from '../../src/db/embedded-postgres.js'
import { onPostgres } from '../helpers/context.js'
import { startReservoir, type Child } from '../helpers/processes.js'
import { webhookReceiver, type Receiver } from '../helpers/receiver.js'

/*
 * The README's walk-through, run as a reader would: every ```sh block, in order, pasted into
 * one bash session, against `reservoir serve` started on a fresh embedded database with the
 * demo and the admin password the README starts it with. Blocks marked ```shell (starting the
 * server, npm commands) are for the reader only.
 */

const README = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
const blocks = [...README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
/** The block's commands without its comments, which may show elided answers (`pi_…`). */
const commands = (block: string) => block.replace(/(^|\s)#.*$/gm, '')

function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn('bash', ['-c', script], { env, cwd: env.HOME, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (d) => (stdout += String(d)))
  proc.stderr.on('data', (d) => (stderr += String(d)))
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })))
}

describe('the README as written', () => {
  it('has a walk-through of sh blocks, each curl failing on an HTTP error, with no placeholders', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    for (const block of blocks) {
      const code = commands(block)
      expect(code).not.toContain('…')
      for (const line of code.split('\n').filter((l) => /\bcurl\s/.test(l))) expect(line, line).toMatch(/\bcurl -fsS\b/)
    }
    // Nothing points outside the repository.
    expect(README).not.toMatch(/\.\.\/shared|SPEC\.md/)
  })
})

// The README promises the embedded database; a PostgreSQL run would start the same server.
describe.skipIf(onPostgres())('the README walk-through against a fresh server', () => {
  let dir: string
  let server: Child
  // The README subscribes a webhook at HOOK_URL; here that is a receiver of the test's own, on
  // loopback, which only a development server allows (and nothing leaves the machine).
  let hooks: Receiver
  const password = /^ADMIN_PASSWORD=(\S+) npm start$/m.exec(README)?.[1]

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reservoir-readme-'))
    // Readable by others as ./data is: as root, embedded PostgreSQL runs as the postgres user.
    await chmod(dir, 0o755)
    hooks = await webhookReceiver()
    server = await startReservoir('serve', {
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      NODE_ENV: 'development',
      DATA_DIR: join(dir, 'data'),
      SEED_DEMO: 'true',
      ADMIN_PASSWORD: password ?? '',
      LOG_LEVEL: 'warn',
    })
  })
  afterAll(async () => {
    await server?.kill()
    await hooks?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('runs every sh block in order in one bash session, and each does what the text says', async () => {
    expect(password).toBeDefined()
    // On the engine `npm start` picks: PostgreSQL's binaries wherever they can run.
    const engine = (await embeddedPostgresProblem(dir)) === undefined ? 'postgres' : 'pglite'
    expect(await (await fetch(`${server.base}/health`)).json()).toEqual({ status: 'ok', database: engine })
    const script = ['set -euo pipefail', ...blocks.map((block, i) => `echo "### README sh block ${i + 1}" >&2\n${block}`)].join('\n')
    const run = await bash(script, {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      RESERVOIR: server.base!.replace(/\/api\/v1$/, ''),
      HOOK_URL: hooks.url,
    })
    const failedIn = /### README sh block (\d+)\s*$/.exec(
      run.stderr
        .trimEnd()
        .split('\n')
        .filter((l) => l.startsWith('###'))
        .pop() ?? '',
    )?.[1]
    expect(run.code, `block ${failedIn ?? '?'} failed:\n${run.stderr}\n--- stdout ---\n${run.stdout}\n--- server ---\n${server.output.join('')}`).toBe(0)
    // Spot checks that the story happened, beyond every request succeeding.
    expect(run.stdout).toContain('"status": "pending"')
    expect(run.stdout).toContain('"reservation_status": "confirmed"')
    expect(run.stdout).toMatch(/"status": "refunded"/)
    expect(run.stdout).toMatch(/"name": ?"Flexible"/)
    // The marketplace: two seats taken in the workshop, and a 1:1 session held.
    expect(run.stdout).toMatch(/"taken":2,"available":10/)
    expect(run.stdout).toMatch(/"kind": "session"/)
    // The package bought, one of its five sessions redeemed for a seat at no charge, credit bought.
    expect(run.stdout).toMatch(/"sessions_total":5,"sessions_left":4/)
    expect(run.stdout).toMatch(/"total": \{\s*"amount": 0,/)
    expect(run.stdout).toMatch(/\[\{"amount":2000,"currency":"EUR"\}\]/)
    expect(run.stdout).toMatch(/"status": "seated"/)
    expect(run.stdout).toMatch(/^reservation\.created /m)
    expect(run.stdout).toMatch(/^reservation\.confirmed /m)
    // A conversation answered by the venue and read by the customer, a post with its upload
    // liked once, and a calendar feed listing the customer's bookings.
    expect(run.stdout).toMatch(/"unread_count":1/)
    expect(run.stdout).toMatch(/\{"sender_side":"venue","text":"Of course: we will keep it cold for you\."\}/)
    expect(run.stdout).toMatch(/"title":"Breathe before you flow","like_count":1,"media_ids":\["[0-9a-f-]{36}"\]/)
    expect(run.stdout).toMatch(/^DTSTART:\d{8}T\d{6}Z$/m)
  })
})
