import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { drizzle } from 'drizzle-orm/node-postgres'
import { rowsOf } from '../../src/db/client.js'
import { GuardedPool } from '../../src/db/pool.js'
import { fromDatabaseError } from '../../src/http/errors.js'
import { buildTestApp, databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { adminQuery } from '../helpers/global-setup.js'

/**
 * A pg connection ended by the server (57P01, what a restart does) while the process holds
 * it. Without a listener its 'error' event would end the process (and fail this file as an
 * unhandled error); with one, the work on it fails with 503 database_unavailable.
 */
describe.runIf(onPostgres())('a connection that dies while the process holds it', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  /** Ends one backend from a connection of its own, and gives its 'error' event time to arrive. */
  const terminate = async (pid: number) => {
    await adminQuery(inject('pg')!.url, `select pg_terminate_backend(${pid})`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const pidOf = async (ex: Parameters<typeof rowsOf>[0]) => (await rowsOf<{ pid: number }>(ex, sql`select pg_backend_pid() as pid`))[0]!.pid

  it('inside a transaction, between statements: 503, not a crash, and nothing of it is kept', async () => {
    const failure = await ctx.deps.db
      .transaction(async (tx) => {
        await tx.execute(sql`create table doomed_write (id int)`)
        await terminate(await pidOf(tx))
        await tx.execute(sql`select 1`)
      })
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(failure).not.toBeNull()
    expect(fromDatabaseError(failure)?.code).toBe('database_unavailable')
    const { rows } = await ctx.database.raw.query(`select 1 from pg_tables where tablename = 'doomed_write'`)
    expect(rows).toEqual([])
  })

  it('inside a transaction, during a statement: 503', async () => {
    const failure = await ctx.deps.db
      .transaction(async (tx) => {
        const pid = await pidOf(tx)
        const slow = tx.execute(sql`select pg_sleep(5)`)
        await new Promise((r) => setTimeout(r, 100))
        await terminate(pid)
        await slow
      })
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(fromDatabaseError(failure)?.code).toBe('database_unavailable')
  })

  it('an idle pool connection: the next query still works', async () => {
    const pid = await pidOf(ctx.deps.db)
    await terminate(pid)
    const { rows } = await ctx.database.raw.query<{ n: number }>('select 1 as n')
    expect(rows).toEqual([{ n: 1 }])
  })

  it('a transaction whose BEGIN meets a dead connection gives its pool slot back', async () => {
    // One client, so a slot lost to the failed BEGIN (drizzle-orm#6241) would leave the next query waiting forever.
    const pool = new GuardedPool({ connectionString: await databaseUrl(ctx), max: 1 })
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    // The first checkout's socket dies after the pool hands the client out and before BEGIN is answered.
    let cut = false
    pool.on('acquire', (client) => {
      if (cut) return
      cut = true
      ;(client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
    })
    const db = drizzle({ client: pool })
    try {
      const failure = await db
        .transaction(async () => 'never')
        .then(
          () => null,
          (error: unknown) => error,
        )
      expect(fromDatabaseError(failure)?.code).toBe('database_unavailable')
      const next = await Promise.race([
        rowsOf<{ n: number }>(db as never, sql`select 1 as n`),
        new Promise((r) => setTimeout(() => r('the pool never answered'), 5_000)),
      ])
      expect(next).toEqual([{ n: 1 }])
      expect(pool.totalCount).toBe(1)
    } finally {
      // A leaked client would keep `end` waiting for it forever.
      await Promise.race([pool.end(), new Promise((r) => setTimeout(r, 1_000))])
    }
  })

  it('the start-up lock’s connection: the work finishes and the lock is given back', async () => {
    await ctx.database.exclusive(async () => {
      const { rows } = await ctx.database.raw.query<{ pid: number }>(`select pid from pg_locks where locktype = 'advisory' and granted`)
      expect(rows).toHaveLength(1)
      await terminate(rows[0]!.pid)
    })
    const { rows } = await ctx.database.raw.query(`select pid from pg_locks where locktype = 'advisory'`)
    expect(rows).toEqual([])
  })

  it('a LISTEN connection comes back by itself, says so, and hears notices again', async () => {
    const heard: string[] = []
    let resumed = 0
    let lost = 0
    const stop = await ctx.database.listen(
      'connection_loss_test',
      (payload) => heard.push(payload),
      () => (resumed += 1),
      () => (lost += 1),
    )
    try {
      const listener = async () =>
        (await ctx.database.raw.query<{ pid: number }>(`select pid from pg_stat_activity where query ilike 'LISTEN%connection_loss_test%'`)).rows
      const [before] = await listener()
      await terminate(before!.pid)
      const deadline = Date.now() + 10_000
      while (resumed === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect([lost, resumed]).toEqual([1, 1])
      await ctx.database.raw.query(`select pg_notify('connection_loss_test', 'after')`)
      while (!heard.includes('after') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(heard).toEqual(['after'])
    } finally {
      await stop()
    }
  })
})
