import { fillPlaceholders, sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Executor } from './client.js'

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
 * `fixedQuery` for a statement written as SQL (`sql` with placeholders), built when the module
 * loads; its rows come as the driver gives them.
 */
export function fixedSql<Row>(statement: SQL) {
  const { sql: text, params } = new PgDialect().sqlToQuery(statement)
  return async (ex: Executor, values: Record<string, unknown>): Promise<Row[]> => {
    const client = clientOf(ex) as { query(text: string, values: unknown[]): Promise<{ rows: Row[] }> }
    return (await client.query(text, fillPlaceholders(params, values))).rows
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
