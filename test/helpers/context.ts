import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { inject } from 'vitest'
import { buildApp, buildServices, type App, type Services } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { openDatabase, type Database } from '../../src/db/client.js'
import type { Deps } from '../../src/deps.js'
import { TokenSigner } from '../../src/modules/auth/tokens.js'
import { VenueChanges } from '../../src/modules/events/venue-changes.js'
import { createGateway } from '../../src/modules/payments/gateways.js'
import { adminQuery, withDatabase } from './global-setup.js'

/** A clock the test moves by hand; it starts at the real time. */
export interface TestClock {
  (): Date
  set(at: Date | string): void
  advance(ms: number): void
}

export function testClock(start = new Date()): TestClock {
  let now = start.getTime()
  const clock = (() => new Date(now)) as TestClock
  clock.set = (at) => {
    now = new Date(at).getTime()
  }
  clock.advance = (ms) => {
    now += ms
  }
  return clock
}

export interface TestContext {
  app: App
  deps: Deps
  services: Services
  clock: TestClock
  database: Database
  config: Config
  close(): Promise<void>
}

export const onPostgres = () => inject('pg') !== null

/** The connection URL of this test file's PostgreSQL database (for a second process or client). */
export async function databaseUrl(ctx: TestContext): Promise<string> {
  const pg = inject('pg')
  if (!pg) throw new Error('only on PostgreSQL')
  const { rows } = await ctx.database.raw.query<{ name: string }>('select current_database() as name')
  return withDatabase(pg.url, rows[0]!.name)
}

/** A fresh database of its own (PGlite copy or PostgreSQL database), and the app on it. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const pg = inject('pg')
  if (pg) {
    const name = `${pg.template.replace(/_tpl_\d+$/, '')}_${randomBytes(4).toString('hex')}`
    await adminQuery(pg.url, `create database "${name}" template "${pg.template}"`)
    const database = await openDatabase({ url: withDatabase(pg.url, name), poolSize: 30 })
    return { database, drop: () => adminQuery(pg.url, `drop database if exists "${name}" with (force)`) }
  }
  const dump = new Blob([await readFile(inject('pgliteDump')!)])
  return { database: await openDatabase({ pgliteDump: dump }), drop: async () => {} }
}

export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const { database, drop } = await openTestDatabase()
  const config = loadConfig(
    { NODE_ENV: 'test' },
    {
      rateLimit: { anonymous: 1_000_000, authenticated: 1_000_000, staff: 1_000_000, register: 1_000_000, refresh: 1_000_000, emailTokens: 1_000_000 },
      jobs: false,
      ...overrides,
    },
  )
  const clock = testClock()
  const deps: Deps = {
    config,
    database,
    db: database.db,
    clock,
    tokens: new TokenSigner(config),
    changes: new VenueChanges(),
    gateway: createGateway(config, clock),
  }
  const services = buildServices(deps)
  const app = await buildApp(deps, services)
  await app.ready()
  return {
    app,
    deps,
    services,
    clock,
    database,
    config,
    close: async () => {
      await app.close()
      await services.close()
      await database.close()
      await drop()
    },
  }
}
