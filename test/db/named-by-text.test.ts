import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, rowsOf, type Database } from '../../src/db/client.js'
import { namedTexts } from '../../src/db/named-by-text.js'
import { buildTestApp, databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'

// NamingClient: what the process sends a second time with values goes under a name
// derived from its text, and PostgreSQL keeps it parsed; the rest goes as it came.
describe.runIf(onPostgres())('statements named by their text', () => {
  let ctx: TestContext
  let one: Database

  beforeAll(async () => {
    ctx = await buildTestApp()
    // One connection, so that every statement below meets the same server session.
    one = await openDatabase({ url: await databaseUrl(ctx), poolSize: 1 })
  })
  afterAll(async () => {
    await one?.close()
    await ctx.close()
  })

  const prepared = async () =>
    (await one.raw.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements order by statement')).rows

  it('names a statement with values once it is sent again, through Drizzle and raw alike, and answers the same', async () => {
    const before = await prepared()
    const plus = (n: number) => rowsOf<{ n: number }>(one.db, sql`select ${n}::int + 1 as n`)
    expect(await plus(1)).toEqual([{ n: 2 }])
    expect((await prepared()).length).toBe(before.length)
    expect(await plus(2)).toEqual([{ n: 3 }])
    expect(await plus(3)).toEqual([{ n: 4 }])
    const after = await prepared()
    expect(after.length).toBe(before.length + 1)
    expect(after.find((s) => s.statement.includes('::int + 1'))?.name).toMatch(/^rsv_[0-9a-f]{32}$/)
    for (let i = 0; i < 3; i++)
      expect((await one.raw.query<{ s: string }>('select $1::text || $2::text as s', ['a', String(i)])).rows).toEqual([{ s: `a${i}` }])
    expect((await prepared()).length).toBe(before.length + 2)
  })

  it('leaves statements without values as they are: several commands in one still run', async () => {
    const before = await prepared()
    for (let i = 0; i < 3; i++) await one.raw.exec('select 1; select 2')
    expect((await one.raw.query<{ n: number }>('select 3 as n')).rows).toEqual([{ n: 3 }])
    expect((await prepared()).length).toBe(before.length)
  })

  it('keeps a statement that failed to parse unnamed, and the next one right still runs', async () => {
    for (let i = 0; i < 3; i++) await expect(one.raw.query('select $1::int from no_such_table', [1])).rejects.toThrow(/no_such_table/)
    const names = (await prepared()).map((s) => s.statement)
    expect(names.some((s) => s.includes('no_such_table'))).toBe(false)
    expect((await one.raw.query<{ n: number }>('select $1::int as n', [7])).rows).toEqual([{ n: 7 }])
  })

  it('names at most 128 texts in all: the rest still run, unnamed', async () => {
    for (let k = 0; k < 140; k++) {
      for (let i = 0; i < 2; i++) expect((await one.raw.query<{ n: number }>(`select $1::int + ${k} as n`, [i])).rows).toEqual([{ n: i + k }])
    }
    expect(namedTexts()).toBe(128)
    expect((await prepared()).length).toBeLessThanOrEqual(128)
    const text = 'select $1::int * 1000 as n'
    for (let i = 1; i <= 3; i++) expect((await one.raw.query<{ n: number }>(text, [i])).rows).toEqual([{ n: i * 1000 }])
    expect((await prepared()).some((s) => s.statement === text)).toBe(false)
  })
})
