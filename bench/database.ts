/** The PostgreSQL server the bench runs on: admin statements, the bench database, and the counts read after the run. */
import pg from 'pg'
import { DB_NAME } from './settings.js'

export function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export const dropDatabase = () => adminQuery(`drop database if exists "${DB_NAME}" with (force)`)

/** The server's version line, e.g. "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)". */
export async function postgresVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const r = await c.query<{ v: string }>("select split_part(version(), ' on ', 1) as v")
  await c.end()
  return r.rows[0]!.v
}

/** How many holds actually landed, as a cross-check of the 201 count; and the webhook events stored. */
export async function countRows(url: string) {
  const check = new pg.Client({ connectionString: url })
  await check.connect()
  const counts = (
    await check.query<{ held: string; awaiting: string; confirmed: string; total: string }>(
      `select count(*) filter (where status = 'pending') as held, count(*) filter (where status = 'awaiting_payment') as awaiting, count(*) filter (where status = 'confirmed') as confirmed, count(*) as total from reservations`,
    )
  ).rows[0]!
  const webhookRows = (
    await check.query<{ rows: string; duplicates: string }>(`select count(*) as rows, coalesce(sum(duplicates), 0) as duplicates from webhook_events`)
  ).rows[0]!
  await check.end()
  return { counts, webhookRows }
}
