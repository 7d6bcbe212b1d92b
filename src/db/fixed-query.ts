import { sql, type Placeholder } from 'drizzle-orm'
import pg from 'pg'
import type { Executor, RawSql } from './client.js'

/** What Drizzle's `.prepare()` answers: its text built once, run with the placeholders' values. */
interface Prepared<T> {
  execute(values?: Record<string, unknown>): Promise<T>
}

/**
 * A Drizzle query of a hot path, built once with `sql.placeholder`s and run with their values in
 * whatever the caller runs in: the database or an open transaction. Drizzle builds a query's SQL
 * anew on every run, and a verified webhook's statements spent a third of the server's time
 * there (docs/performance.md); `.prepare()` builds it once, but binds it to the connection of
 * the executor that built it. So the prepared query is built on the first run, and each run
 * sends it through the caller's connection: the query's own `client` (node-postgres and PGlite
 * both keep it there) replaced by the executor's. Rows come back mapped as Drizzle maps them.
 * A test (test/db/fixed-query.test.ts) fails if a Drizzle upgrade moves either field.
 */
export function fixedQuery<T>(build: (ex: Executor) => { prepare(name: string): Prepared<T> }, name: string) {
  let prepared: Prepared<T> | undefined
  return (ex: Executor, values: Record<string, unknown>): Promise<T> => {
    prepared ??= build(ex).prepare(name)
    const through = Object.create(prepared) as Prepared<T> & { client: unknown }
    through.client = clientOf(ex)
    return through.execute(values)
  }
}

/**
 * The caller's connection (the database's pool or a transaction's client), as `RawSql.query`:
 * so that a `namedStatement`, an `sql` template whose text is fixed once, runs in a transaction.
 */
export function rawOf(ex: Executor): Pick<RawSql, 'query'> {
  const client = clientOf(ex) as { query(config: unknown, values?: unknown[]): Promise<{ rows: never[] }> }
  // node-postgres takes the statement's name in a config; PGlite, one in-process connection, has no use for it.
  const takesNames = client instanceof pg.Client || client instanceof pg.Pool
  return {
    query: async (text, values, name) => {
      const r = takesNames && name ? await client.query({ text, values, name }) : await client.query(text, values)
      return { rows: r.rows }
    },
  }
}

function clientOf(ex: Executor): unknown {
  const client = (ex as unknown as { session?: { client?: unknown } }).session?.client
  if (!client) throw new Error('fixedQuery: this Drizzle executor keeps no session client')
  return client
}

/**
 * A placeholder where Drizzle's types ask for a value (an update's `set`): Drizzle binds it as
 * it binds a value, with the column's encoder, and fills it from the run's values.
 */
export const valueSlot = <T>(name: string): T => sql.placeholder(name) as unknown as T

/**
 * A row's placeholders under one prefix (`event.type`, …), keyed by column, for a part of a
 * statement built once (an event, a log row, an audit row), and the values that fill them: the
 * names live in one place, and the type checker sees that every column gets a value.
 */
export function placeholderRow<K extends string>(prefix: string, columns: readonly K[]) {
  return {
    slots: Object.fromEntries(columns.map((c) => [c, sql.placeholder(`${prefix}.${c}`)])) as Record<K, Placeholder>,
    values: (row: Record<K, unknown>): Record<string, unknown> => Object.fromEntries(columns.map((c) => [`${prefix}.${c}`, row[c]])),
  }
}
