/** The server under test: the real `node dist/cli.js serve` (with `--workers N` under BENCH_WORKERS) in a child process, on a free port. */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { SERVING_NODE_FLAGS } from '../src/heap.js'
import { connectionOwners, processTree } from './cpu.js'
import { ROOT, WEBHOOK_SECRET, WORKERS } from './settings.js'

export async function freePort(): Promise<number> {
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

export interface Server {
  child: ChildProcess
  base: string
  output: string[]
}

/** The server's environment; the SQL guard builds the services from the same settings. */
export function serverEnv(url: string, jwtSecret: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
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
    // Payments: the offline fake gateway (no network), and a webhook secret the bench signs with.
    PAYMENT_GATEWAY: 'fake',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...extra,
  }
}

/**
 * Node flags for the server under test: those `npm start` gives, then any from
 * BENCH_SERVER_NODE_ARGS (split on spaces; of two values for a flag, the later wins), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it (Node refuses --cpu-prof in NODE_OPTIONS).
 */
const serverNodeArgs = [...SERVING_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)]

export async function startServer(env: Record<string, string | undefined>, port: number): Promise<Server> {
  const child = spawn(process.execPath, [...serverNodeArgs, 'dist/cli.js', 'serve', ...(WORKERS > 1 ? ['--workers', String(WORKERS)] : [])], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim() && output.length < 200) output.push(line)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output.join('\n')}`)
    try {
      // A cluster answers as soon as one worker listens: it is ready when every worker answers.
      if (WORKERS > 1 ? (await answeringWorkers(base, port, child.pid!)) === WORKERS : (await fetch(`${base}/api/v1/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output.join('\n')}`)
    await sleep(200)
  }
  return { child, base, output }
}

/** How many of the cluster's processes answer: health on 4 connections per worker at once, their server ends looked up in /proc. */
async function answeringWorkers(base: string, port: number, primary: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 * WORKERS })
  try {
    const localPorts = await Promise.all(
      Array.from(
        { length: 4 * WORKERS },
        () =>
          new Promise<number>((resolve, reject) => {
            const req = request(`${base}/api/v1/health`, { agent }, (res) => {
              res.resume()
              res.on('end', () => (res.statusCode === 200 ? resolve(req.socket!.localPort!) : reject(new Error(`health ${res.statusCode}`))))
            })
            req.on('error', reject)
            req.end()
          }),
      ),
    )
    return connectionOwners(port, localPorts, processTree(primary)).length
  } finally {
    agent.destroy()
  }
}

export async function stopServer(server: Server): Promise<void> {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
