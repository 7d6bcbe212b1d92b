import { fileURLToPath } from 'node:url'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { Database } from './client.js'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Applies drizzle-kit's migrations; the same files run on PGlite and PostgreSQL. */
export async function migrate(database: Database): Promise<void> {
  const run = database.kind === 'pglite' ? migratePglite : migratePg
  // Both migrators take a Drizzle database of their own driver; ours is that, typed generically.
  await run(database.db as never, { migrationsFolder })
}
