import type { FastifyBaseLogger } from 'fastify'
import { buildApp, buildServices, type App, type Services } from './app.js'
import type { Config } from './config.js'
import { openDatabase, type Database } from './db/client.js'
import { chooseEmbedded } from './db/embedded.js'
import { migrate } from './db/migrate.js'
import type { Deps } from './deps.js'
import { TokenSigner } from './modules/auth/tokens.js'
import { VenueChanges } from './modules/events/venue-changes.js'
import { seedDemo } from './modules/demo/seed.js'
import { backgroundLoops, jobHandlers } from './modules/jobs/handlers.js'
import { startLoops, type Loops } from './modules/jobs/loops.js'
import { createGateway } from './modules/payments/gateways.js'
import { startJobs, type Jobs } from './modules/jobs/runner.js'

/**
 * Opens the configured database (DATABASE_URL, else the embedded one under DATA_DIR that
 * `chooseEmbedded` picks) and migrates it, unless the caller knows it is migrated already (a
 * worker of `serve --workers`).
 */
export async function openConfiguredDatabase(config: Config, { migrated = false } = {}): Promise<Database> {
  const database = config.databaseUrl ? await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize }) : await openEmbedded(config)
  if (!migrated) await database.exclusive(() => migrate(database))
  return database
}

async function openEmbedded(config: Config): Promise<Database> {
  const [choice, { default: pino }] = await Promise.all([chooseEmbedded(config), import('pino')])
  const log = pino({ level: config.logLevel })
  log.info({ engine: choice.engine, dataDir: config.dataDir }, `embedded database: ${choice.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} (${choice.why})`)
  return choice.engine === 'postgres'
    ? openDatabase({ embeddedPostgresDir: choice.dir, poolSize: config.databasePoolSize, log: (line) => log.info(line) })
    : openDatabase({ dataDir: choice.dir })
}

export function makeDeps(config: Config, database: Database): Deps {
  const clock = () => new Date()
  return { config, database, db: database.db, clock, tokens: new TokenSigner(config), changes: new VenueChanges(), gateway: createGateway(config, clock) }
}

export interface Running {
  app: App
  deps: Deps
  services: Services
  jobs: Jobs | undefined
  loops: Loops | undefined
  stop: () => Promise<void>
}

/**
 * Start-up order: database and migrations, demo data, HTTP app, jobs, then listen. `prepared`:
 * the primary of `serve --workers` has migrated and loaded the demo already (`prepareDatabase`).
 */
export async function startServer(config: Config, { prepared = false } = {}): Promise<Running> {
  const database = await openConfiguredDatabase(config, { migrated: prepared })
  const deps = makeDeps(config, database)
  const services = buildServices(deps)
  const app = await buildApp(deps, services)
  if (!prepared) await loadDemo(deps, services, app.log)
  const jobs = config.jobs ? await startJobs(database, jobHandlers(deps, services), app.log) : undefined
  const loops = config.jobs ? await startLoops(database, backgroundLoops(services), app.log) : undefined
  await app.listen({ port: config.port, host: config.host })
  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      await app.close()
      await loops?.stop()
      await jobs?.stop()
      await services.close()
      await database.close()
    })())
  return { app, deps, services, jobs, loops, stop }
}

/** The demo, when SEED_DEMO says so: once per database, under the start-up lock. */
async function loadDemo(deps: Deps, services: Services, log: FastifyBaseLogger): Promise<void> {
  if (!deps.config.seedDemo) return
  const seeded = await deps.database.exclusive(() => seedDemo(deps, services))
  if (seeded.admin?.generated) {
    // Printed once, on the start that created the account; it is not stored anywhere readable.
    console.log(`\n  Demo admin: ${seeded.admin.email} / ${seeded.admin.password}\n  (set ADMIN_EMAIL and ADMIN_PASSWORD to choose them)\n`)
  } else if (seeded.seeded) log.info({ email: seeded.admin?.email }, 'demo data loaded')
}

/** What the primary of `serve --workers N` does before it forks: migrations and the demo, once, then it lets go of the database. */
export async function prepareDatabase(config: Config, log: FastifyBaseLogger): Promise<void> {
  const database = await openConfiguredDatabase(config)
  try {
    const deps = makeDeps(config, database)
    await loadDemo(deps, buildServices(deps), log)
  } finally {
    await database.close()
  }
}

/** A worker process: the same jobs and loops (relay, senders), no HTTP. For deployments that split the two. */
export async function startWorker(config: Config): Promise<{ stop: () => Promise<void> }> {
  const database = await openConfiguredDatabase(config)
  const deps = makeDeps(config, database)
  const services = buildServices(deps)
  const { default: pino } = await import('pino')
  const log = pino({ level: config.logLevel })
  const jobs = await startJobs(database, jobHandlers(deps, services), log)
  const loops = await startLoops(database, backgroundLoops(services), log)
  log.info('worker started')
  return {
    stop: async () => {
      await loops.stop()
      await jobs.stop()
      await services.close()
      await database.close()
    },
  }
}
