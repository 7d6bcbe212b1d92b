import { fileURLToPath } from 'node:url'
import type { Database } from './client.js'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Applies drizzle-kit's migrations; the same files run on PGlite and PostgreSQL. */
export async function migrate(database: Database): Promise<void> {
  const { migrate: run } = database.kind === 'pglite' ? await import('drizzle-orm/pglite/migrator') : await import('drizzle-orm/node-postgres/migrator')
  // Both migrators take a Drizzle database of their own driver; ours is that, typed generically.
  await run(database.db as never, { migrationsFolder })
}
