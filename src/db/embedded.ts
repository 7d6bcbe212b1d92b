import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config.js'

/** The embedded database a DATA_DIR gets when there is no DATABASE_URL, and why, for the start-up log. */
export interface EmbeddedChoice {
  engine: 'postgres' | 'pglite'
  /** PGlite's data directory, or the DATA_DIR that embedded PostgreSQL keeps its cluster, socket and log under. */
  dir: string
  why: string
}

const hasCluster = (dir: string) => existsSync(join(dir, 'PG_VERSION'))

/**
 * EMBEDDED_DATABASE=auto (the default) runs PostgreSQL's own binaries under DATA_DIR/postgres:
 * on the figures of docs/embedded-database.md it serves 2.7 times the holds of PGlite, with a
 * p99 of milliseconds rather than seconds, in under half the server's memory. PGlite stands in
 * where they cannot run, and keeps a DATA_DIR that already holds a PGlite database (from before
 * this default): switching would start the user on an empty database. An explicit setting is
 * obeyed, and fails loudly.
 */
export async function chooseEmbedded(config: Pick<Config, 'dataDir' | 'embeddedDatabase'>): Promise<EmbeddedChoice> {
  const postgres = join(config.dataDir, 'postgres')
  const pglite = join(config.dataDir, 'pglite')
  if (config.embeddedDatabase === 'pglite') return { engine: 'pglite', dir: pglite, why: 'EMBEDDED_DATABASE=pglite' }
  if (config.embeddedDatabase === 'postgres') return { engine: 'postgres', dir: config.dataDir, why: 'EMBEDDED_DATABASE=postgres' }
  if (hasCluster(postgres)) return { engine: 'postgres', dir: config.dataDir, why: `${postgres} holds the database` }
  if (hasCluster(pglite))
    return { engine: 'pglite', dir: pglite, why: `${pglite} holds the database (EMBEDDED_DATABASE=postgres would start a new, empty one)` }
  const { embeddedPostgresProblem } = await import('./embedded-postgres.js')
  const problem = await embeddedPostgresProblem(config.dataDir)
  if (problem) return { engine: 'pglite', dir: pglite, why: `PGlite instead of PostgreSQL: ${problem}` }
  return { engine: 'postgres', dir: config.dataDir, why: 'the default' }
}
