import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { writeFile, rm, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { browserSkipReason } from './browser-skip.js'
import { openDatabase } from '../../src/db/client.js'
import { migrate } from '../../src/db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the server URL and the migrated template every test file copies. */
    pg: { url: string; template: string } | null
    /** PGlite: a dump of a migrated database every test file loads. */
    pgliteDump: string | null
  }
}

/** Migrates once, so each test file starts from a fresh copy in well under a second. */
export default async function setup(project: TestProject) {
  await buildConsole()
  const url = process.env.DATABASE_URL
  if (url) {
    // Named per run, so two runs against one server cannot drop each other's template.
    const template = `${new URL(url).pathname.slice(1)}_tpl_${process.pid}`
    await adminQuery(url, `drop database if exists "${template}" with (force)`)
    await adminQuery(url, `create database "${template}"`)
    const db = await openDatabase({ url: withDatabase(url, template), poolSize: 2 })
    await migrate(db)
    await db.close()
    project.provide('pg', { url, template })
    project.provide('pgliteDump', null)
    return async () => {
      await adminQuery(url, `drop database if exists "${template}" with (force)`)
    }
  }
  const client = await PGlite.create(undefined, { extensions: { btree_gist } })
  const migrated = await openPgliteMigrated(client)
  const dir = await mkdtemp(join(tmpdir(), 'reservoir-test-'))
  const file = join(dir, 'migrated.tar')
  await writeFile(file, Buffer.from(await migrated.arrayBuffer()))
  await client.close()
  project.provide('pg', null)
  project.provide('pgliteDump', file)
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The browser tests drive the console as `npm run build` makes it: build it once from the
 * current sources, or say plainly why they are skipped.
 */
async function buildConsole() {
  const skip = browserSkipReason()
  if (skip) {
    console.warn(`\n  Browser tests (test/console) skipped: ${skip}.\n`)
    return
  }
  const { build } = await import('vite')
  await build({ configFile: fileURLToPath(new URL('../../console/vite.config.ts', import.meta.url)) })
}

async function openPgliteMigrated(client: PGlite): Promise<Blob> {
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate: run } = await import('drizzle-orm/pglite/migrator')
  await run(drizzle({ client }), { migrationsFolder: fileURLToPath(new URL('../../src/db/migrations', import.meta.url)) })
  return client.dumpDataDir('none')
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
