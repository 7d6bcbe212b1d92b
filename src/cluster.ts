import cluster, { type Worker } from 'node:cluster'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from './config.js'
import { startEmbeddedPostgres } from './db/embedded-postgres.js'
import { prepareDatabase, startServer, type Running } from './server.js'

/*
 * `reservoir serve --workers N` (PostgreSQL, a server's or embedded): the API is stateless, so
 * N processes share the port through node:cluster. The primary migrates and loads the demo
 * once, then forks the workers and only supervises them; with Linux's round-robin scheduling it
 * also accepts the connections and hands them out, which is why it runs nothing else. Each
 * worker opens its own pool and serves; the jobs, the relay and the senders run in worker 1
 * alone (see "Several processes" in docs/decisions.md).
 */

/** Primary → worker: the configuration the primary read, so every worker has the same (secrets generated in a test run included). */
interface Assignment {
  type: 'reservoir:assignment'
  config: Config
}
const WANT_ASSIGNMENT = 'reservoir:want-assignment'

/** A worker that dies sooner than this after it started is restarted after a pause that doubles each time, up to the cap. */
const SHORT_LIFE_MS = 10_000
const RESTART_PAUSE_MS = 1_000
const RESTART_PAUSE_MAX_MS = 30_000
/** Stopping: how long workers get to finish their requests and jobs before they are killed. */
const STOP_GRACE_MS = 20_000

export interface Cluster {
  stop: () => Promise<void>
}

/**
 * The primary: prepares the database, forks `count` workers, waits until each is listening,
 * restarts any that dies. Without DATABASE_URL the primary runs embedded PostgreSQL itself (the
 * CLI has checked that it is the engine here: PGlite belongs to one process) and hands the
 * workers its socket; the cluster stops after the workers.
 */
export async function startCluster(fromEnv: Config, count: number, log: FastifyBaseLogger): Promise<Cluster> {
  const embedded = fromEnv.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(fromEnv.dataDir, (line) => log.info(line), {
        // Every worker's pool, and for each some room for its jobs' and LISTEN connections.
        maxConnections: count * (fromEnv.databasePoolSize + 10) + 10,
      })
  const config = embedded ? { ...fromEnv, databaseUrl: embedded.url } : fromEnv
  if (embedded) log.info({ engine: 'postgres', dataDir: fromEnv.dataDir }, 'embedded database: PostgreSQL, shared by the workers')
  try {
    await prepareDatabase(config, log)
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  if (config.paymentGateway === 'fake') {
    log.warn(
      'the fake payment gateway keeps its payments in the memory of the worker that made them: a refund or check served by another worker will not find them',
    )
  }
  // Structured clone rather than JSON, so the configuration arrives as it was (undefined included).
  cluster.setupPrimary({ serialization: 'advanced' })
  const workers = new Map<number, Worker>()
  let stopping = false
  let up = false

  const fork = (slot: number, pause: number): Promise<void> => {
    const worker = cluster.fork()
    workers.set(slot, worker)
    const startedAt = Date.now()
    const pid = worker.process.pid
    worker.on('message', (message: unknown) => {
      if (message !== WANT_ASSIGNMENT) return
      // Worker 1 runs the jobs and the loops (when JOBS allows); the demo is loaded already.
      const assignment: Assignment = { type: 'reservoir:assignment', config: { ...config, seedDemo: false, jobs: config.jobs && slot === 1 } }
      worker.send(assignment)
    })
    return new Promise((resolve, reject) => {
      worker.once('listening', () => {
        log.info({ worker: slot, workerPid: pid, jobs: config.jobs && slot === 1 }, 'worker listening')
        resolve()
      })
      worker.once('exit', (code, signal) => {
        if (workers.get(slot) === worker) workers.delete(slot)
        // Dead before it ever listened, at start: the cluster cannot start (its error is on stderr).
        reject(new Error(`worker ${slot} exited with ${signal ?? code} before it was listening`))
        if (stopping || !up) return
        const next = Date.now() - startedAt < SHORT_LIFE_MS ? Math.min(RESTART_PAUSE_MAX_MS, pause * 2) : RESTART_PAUSE_MS
        const wait = Date.now() - startedAt < SHORT_LIFE_MS ? pause : 0
        log.error({ worker: slot, workerPid: pid, code, signal, restartInMs: wait }, 'worker died; starting another')
        setTimeout(() => {
          if (!stopping) fork(slot, next).catch(() => {})
        }, wait).unref()
      })
    })
  }

  const stop = async () => {
    stopping = true
    const alive = [...workers.values()].filter((w) => !w.isDead())
    const exits = alive.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))))
    // Each worker stops as a single server does on SIGTERM: it stops accepting, finishes its requests and jobs, closes its pool.
    for (const w of alive) w.process.kill('SIGTERM')
    const timer = setTimeout(() => alive.forEach((w) => w.process.kill('SIGKILL')), STOP_GRACE_MS)
    await Promise.all(exits)
    clearTimeout(timer)
    await embedded?.stop()
  }

  try {
    await Promise.all(Array.from({ length: count }, (_, i) => fork(i + 1, RESTART_PAUSE_MS)))
  } catch (error) {
    await stop()
    throw error
  }
  up = true
  log.info({ workers: count, port: config.port }, 'serving with several workers')
  return { stop }
}

/** A worker: asks the primary for its configuration, then serves as `serve` does, on the database the primary prepared. */
export async function startClusterWorker(): Promise<Running> {
  const assignment = await new Promise<Assignment>((resolve) => {
    const onMessage = (message: Assignment) => {
      if (message?.type !== 'reservoir:assignment') return
      process.off('message', onMessage)
      resolve(message)
    }
    process.on('message', onMessage)
    process.send!(WANT_ASSIGNMENT)
  })
  return startServer(assignment.config, { prepared: true })
}

export const isClusterWorker = () => cluster.isWorker
