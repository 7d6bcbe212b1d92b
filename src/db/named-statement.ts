import { fillPlaceholders, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { RawSql } from './client.js'

/**
 * A hot path's statement with its text fixed once: built from Drizzle's SQL with named
 * placeholders when the module loads, and sent under `name`, so that PostgreSQL parses and
 * plans it once per connection and Node builds no SQL per request. In a transaction it runs on
 * the transaction's connection (`rawOf(tx)`).
 */
export interface NamedStatement<Row> {
  name: string
  text: string
  run(raw: Pick<RawSql, 'query'>, values: Record<string, unknown>): Promise<Row[]>
}

export function namedStatement<Row>(name: string, statement: SQL): NamedStatement<Row> {
  const { sql: text, params } = new PgDialect().sqlToQuery(statement)
  return {
    name,
    text,
    run: async (raw, values) => (await raw.query<Row>(text, fillPlaceholders(params, values), name)).rows,
  }
}
