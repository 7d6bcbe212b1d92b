import { Agent, request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectionOwners } from '../../bench/cpu.js'
import { buildTestApp, databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { startReservoir, until, workersOf, type Child } from '../helpers/processes.js'

/*
 * `serve --workers N` as it runs: a primary process and N workers on one port. Which worker
 * answered is read from /proc (the process that holds the server side of a connection), not
 * from anything the API says: a worker is not the API's business. (The refusal on the
 * embedded database is a usage error, tested with the others in test/cli/cli.test.ts.)
 */

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** `n` requests at once on `n` connections kept open, and the client's end of each. */
async function onConnections(base: string, path: string, headers: Record<string, string>, n: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: n })
  const answers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<{ status: number; localPort: number }>((resolve, reject) => {
          const req = request(`${base}${path}`, { agent, headers }, (res) => {
            res.resume()
            res.on('end', () => resolve({ status: res.statusCode!, localPort: req.socket!.localPort! }))
          })
          req.on('error', reject)
          req.end()
        }),
    ),
  )
  return { answers, close: () => agent.destroy() }
}

describe.runIf(onPostgres() && process.platform === 'linux')('serve --workers 2 on PostgreSQL', () => {
  let ctx: TestContext
  let server: Child
  let primary: number

  beforeAll(async () => {
    ctx = await buildTestApp()
    // NODE_ENV=test makes a JWT secret per process unless one is given: none is, so tokens that
    // pass on both workers show the workers share the primary's configuration.
    server = await startReservoir('serve', { DATABASE_URL: await databaseUrl(ctx), DATABASE_POOL_SIZE: '3' }, ['--workers', '2'])
    primary = server.proc.pid!
    await until('both workers', () => (server.output.join('').includes('serving with several workers') ? true : undefined), 60_000)
  })
  afterAll(async () => {
    await server?.kill('SIGKILL')
    await ctx.close()
  })

  /** The processes' log lines so far (the last may be half written: it is left for the next look). */
  const log = () =>
    server.output
      .join('')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as { msg: string; pid: number; worker?: number; workerPid?: number; jobs?: boolean }]
        } catch {
          return []
        }
      })

  it('answers on one port from two worker processes that share one configuration, and runs the jobs in one of them', async () => {
    const workers = workersOf(primary)
    expect(workers).toHaveLength(2)
    const listening = log().filter((l) => l.msg === 'worker listening')
    expect(listening.map((l) => l.workerPid).sort()).toEqual([...workers].sort())
    expect(listening.filter((l) => l.jobs).map((l) => l.worker)).toEqual([1])

    const res = await fetch(`${server.base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cluster@example.test', password: 'long enough password', name: 'Cluster' }),
    })
    expect(res.status).toBe(201)
    const { access } = (await res.json()) as { access: string }
    const port = Number(new URL(server.base!).port)
    const { answers, close } = await onConnections(server.base!, '/auth/user', { authorization: `Bearer ${access}` }, 8)
    try {
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
      const owners = connectionOwners(
        port,
        answers.map((a) => a.localPort),
        [primary, ...workers],
      )
      expect(owners.sort()).toEqual([...workers].sort())
    } finally {
      close()
    }
  })

  it('restarts a worker killed with SIGKILL while the other keeps the port answering', async () => {
    const [first, second] = workersOf(primary).sort((a, b) => a - b)
    process.kill(first!, 'SIGKILL')
    const died = await until('the primary to notice', () => log().find((l) => l.msg === 'worker died; starting another' && l.workerPid === first), 60_000)
    const health = await onConnections(server.base!, '/health', {}, 6)
    health.close()
    expect(health.answers.map((a) => a.status)).toEqual(Array(6).fill(200))
    const replaced = await until(
      'a new worker',
      () => log().find((l) => l.msg === 'worker listening' && l.worker === died.worker && l.workerPid !== first),
      60_000,
    )
    expect(workersOf(primary).sort()).toEqual([second!, replaced.workerPid!].sort())
    // The replacement takes over the slot, and with it the jobs if the dead one ran them.
    expect(replaced.jobs).toBe(died.worker === 1)
  })

  it('stops every worker on SIGTERM to the primary, and exits 0', async () => {
    const workers = workersOf(primary)
    await server.kill('SIGTERM')
    expect(server.proc.exitCode).toBe(0)
    await until('the workers to be gone', () => (workers.every((pid) => !alive(pid)) ? true : undefined), 5_000)
  })
})
