import { sql, type SQL } from 'drizzle-orm'

/**
 * A list of constant string literals for `in (…)` in check constraints and fixed filters.
 * Only for values written in our code (enums), never for input: they are inlined, not bound.
 */
export const literalList = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v}'`).join(', '))
