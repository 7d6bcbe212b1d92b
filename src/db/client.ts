import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { mkdirSync } from 'node:fs'
import pg from 'pg'
import { backoffDelay } from './backoff.js'
import { NamingClient } from './named-by-text.js'
import { GuardedPool } from './pool.js'

// Without the schema: nothing uses Drizzle's relational queries, and with it every transaction
// built a query builder for each of the 64 tables (1.4 % of a webhook-heavy server's time).
type NoSchema = Record<string, never>
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx

/** Runs raw SQL through Drizzle and returns its rows; both drivers answer with `rows`. */
export async function rowsOf<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await ex.execute(query)
  return (result as { rows: T[] }).rows
}

/**
 * A PostgreSQL array literal for one parameter. Drizzle spreads a JS array into a list of
 * parameters, which is right for `in (…)` but not for `= any($1::uuid[])`. A null is NULL.
 */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`
}

/** Raw SQL access for the few callers that speak SQL text (pg-boss, the migrator, tests). */
export interface RawSql {
  /**
   * `name`: a statement whose text never changes (a hot path's), parsed and planned once per
   * connection on PostgreSQL instead of on every call; PGlite, in process, ignores it.
   */
  query: <T = Record<string, unknown>>(text: string, values?: unknown[], name?: string) => Promise<{ rows: T[] }>
  /** Several statements in one string, no parameters; answers the rows of the last one. */
  exec: (text: string) => Promise<{ rows: unknown[] }>
}

export interface Database {
  kind: 'pglite' | 'postgres'
  db: Db
  raw: RawSql
  /**
   * Runs `work` while holding a cluster-wide lock (a PostgreSQL advisory lock), so that N
   * instances starting together migrate and seed one after another. PGlite has one process.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>
  /**
   * LISTENs on `channel` on a connection of its own. `onNotice` gets each payload;
   * `onLost` is called when the connection drops (it reconnects by itself, with backoff) and
   * `onResume` once it is back, since notices sent meanwhile are gone and the listener must
   * catch up from the tables. Answers the way to stop listening.
   */
  listen(channel: string, onNotice: (payload: string) => void, onResume?: () => void, onLost?: () => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

// An arbitrary constant naming Reservoir's start-up lock among advisory locks.
const STARTUP_LOCK = 7_263_540_911

export interface DatabaseOptions {
  /** postgres://… for a server; otherwise the embedded database. */
  url?: string
  /** Directory of the embedded database; undefined keeps it in memory. */
  dataDir?: string
  poolSize?: number
  /** A dump to start the embedded database from (the tests' migrated template). */
  pgliteDump?: Blob
  /** Without `url`: run PostgreSQL binaries from npm under this directory instead of PGlite (src/db/embedded.ts chooses). */
  embeddedPostgresDir?: string
  /** Where embedded PostgreSQL reports what it did at start (initdb, an orphan cleared). */
  log?: (line: string) => void
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 20)
  if (options.embeddedPostgresDir) return openEmbeddedPostgres(options.embeddedPostgresDir, options.poolSize ?? 20, options.log)
  return openPglite(options.dataDir, options.pgliteDump)
}

/** Embedded PostgreSQL: its own postmaster under `dir`, stopped when the database is closed. */
async function openEmbeddedPostgres(dir: string, poolSize: number, log?: (line: string) => void): Promise<Database> {
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js')
  const cluster = await startEmbeddedPostgres(dir, log)
  const database = await openPostgres(cluster.url, poolSize).catch(async (error: unknown) => {
    await cluster.stop()
    throw error
  })
  return {
    ...database,
    close: async () => {
      try {
        await database.close()
      } finally {
        await cluster.stop()
      }
    },
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new GuardedPool({ connectionString: url, max: poolSize, Client: NamingClient })
  // A pg client whose connection ends (a database restart ends every one with 57P01) emits
  // 'error', and an 'error' nobody listens to ends the process. The pool listens only while
  // a client is idle (and re-emits it here); a client checked out for a transaction has no
  // listener of its own, so each gets one for life. Nothing is lost by ignoring the event:
  // the query in flight fails with the cause, later ones with "not queryable", both mapped
  // to 503 database_unavailable, and the pool drops the dead client when it is released.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = drizzlePg({ client: pool }) as unknown as Db
  return {
    kind: 'postgres',
    db,
    raw: {
      query: async (text, values, name) => {
        const r = await pool.query({ text, values, ...(name ? { name } : {}) })
        return { rows: r.rows as never[] }
      },
      exec: async (text) => {
        const r = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[]
        return { rows: (Array.isArray(r) ? r[r.length - 1]?.rows : r.rows) ?? [] }
      },
    },
    exclusive: async (work) => {
      const client = await pool.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK])
        return await work()
      } finally {
        await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => {})
        client.release()
      }
    },
    listen: (channel, onNotice, onResume, onLost) => listenPostgres(url, channel, onNotice, onResume, onLost),
    close: async () => {
      // Handlers of requests whose clients went away can still be mid-query when the server
      // has closed; let their connections come back (for a few seconds at most) first.
      const deadline = Date.now() + 5_000
      while (pool.totalCount > pool.idleCount && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
      await pool.end()
    },
  }
}

async function openPglite(dataDir: string | undefined, dump: Blob | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // Loaded only when used: a server on PostgreSQL does not carry the embedded database.
  const [{ PGlite }, { btree_gist }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('drizzle-orm/pglite'),
  ])
  // PGlite is one connection; it queues every query and transaction behind one mutex, so
  // concurrent requests are serialised rather than interleaved inside each other's transactions.
  const client = await PGlite.create(dataDir, { extensions: { btree_gist }, loadDataDir: dump })
  const db = drizzlePglite({ client }) as unknown as Db
  return {
    kind: 'pglite',
    db,
    raw: {
      query: async (text, values) => {
        const r = await client.query(text, values as unknown[])
        return { rows: r.rows as never[] }
      },
      exec: async (text) => {
        const results = await client.exec(text)
        return { rows: results[results.length - 1]?.rows ?? [] }
      },
    },
    exclusive: (work) => work(),
    listen: async (channel, onNotice) => {
      const stop = await client.listen(channel, onNotice)
      return async () => {
        // After close the unlisten has nothing left to talk to; that is fine.
        if (!client.closed) await stop()
      }
    },
    close: () => client.close(),
  }
}

// A LISTEN connection that lost its server retries from half a second, backing off to 10 s:
// notices missed meanwhile are caught up through `onResume`, so a slow return costs latency only.
const RECONNECT_BASE_MS = 500
const RECONNECT_MAX_MS = 10_000
// A LISTEN connection only receives; a query now and then is how a dead peer (a half-open
// TCP connection after a network fault) is noticed rather than waited on forever.
const LISTEN_PING_MS = 30_000

/**
 * A LISTEN connection that reconnects by itself: a pool connection cannot be used, since
 * the pool would hand it to queries and drop the subscription when it recycles it.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onNotice: (payload: string) => void,
  onResume?: () => void,
  onLost?: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  let attempts = 0
  const later = () => {
    attempts += 1
    retry = setTimeout(() => reconnect(), backoffDelay(attempts, RECONNECT_BASE_MS, RECONNECT_MAX_MS))
  }
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 })
    c.on('notification', (n) => {
      if (n.channel === channel) onNotice(n.payload ?? '')
    })
    let ping: NodeJS.Timeout | undefined
    const lost = () => {
      clearInterval(ping)
      if (stopped || client !== c) return
      client = undefined
      c.end().catch(() => {})
      onLost?.()
      later()
    }
    c.on('error', lost)
    c.on('end', lost)
    try {
      await c.connect()
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      await c.end().catch(() => {})
      throw error
    }
    // Stopped while connecting: this connection has no owner any more.
    if (stopped) {
      await c.end().catch(() => {})
      return
    }
    client = c
    ping = setInterval(() => void c.query('select 1').catch(lost), LISTEN_PING_MS)
    ping.unref()
  }
  const reconnect = () => {
    connect().then(
      () => {
        attempts = 0
        if (!stopped) onResume?.()
      },
      () => {
        if (!stopped) later()
      },
    )
  }
  await connect()
  return async () => {
    stopped = true
    clearTimeout(retry)
    const c = client
    client = undefined
    await c?.end().catch(() => {})
  }
}
