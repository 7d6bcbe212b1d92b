import pg from 'pg'
import { databaseUrl, type TestContext } from './context.js'

/**
 * Runs `statement` in a transaction of its own connection and leaves it unfinished while
 * `work` starts requests against the rows it touched; once `waiters` backends of this
 * database wait on a lock (or 20 s have passed), rolls it back and returns what `work`
 * answered. PostgreSQL only: PGlite is one connection.
 */
export async function whileUnfinished<T>(ctx: TestContext, statement: string, params: unknown[], waiters: number, work: () => Promise<T>): Promise<T> {
  const open = new pg.Client({ connectionString: await databaseUrl(ctx) })
  await open.connect()
  try {
    await open.query('begin')
    await open.query(statement, params)
    const answers = work()
    const deadline = Date.now() + 20_000
    for (;;) {
      const { rows } = await open.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      )
      if (rows[0]!.n >= waiters || Date.now() > deadline) break
      await new Promise((r) => setTimeout(r, 20))
    }
    await open.query('rollback')
    return await answers
  } finally {
    await open.end()
  }
}
