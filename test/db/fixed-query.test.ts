import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedQuery, rawOf } from '../../src/db/fixed-query.js'
import { namedStatement } from '../../src/db/named-statement.js'
import { appMeta } from '../../src/db/meta-table.js'
import { buildTestApp, onPostgres, type TestContext } from '../helpers/context.js'

// fixedQuery (and rawOf, for a namedStatement): a query built once, run with other values,
// through the connection of whatever it is given: the database, or a transaction (which alone
// sees its own writes).
describe('queries built once (fixedQuery)', () => {
  let ctx: TestContext
  let builds = 0
  const valueOf = fixedQuery((ex) => {
    builds++
    return ex
      .select({ key: appMeta.key, value: appMeta.value })
      .from(appMeta)
      .where(eq(appMeta.key, sql.placeholder('key')))
  }, 'test_fixed_app_meta')
  const keyOf = namedStatement<{ key: string }>('test_fixed_app_meta_key', sql`select key from ${appMeta} where key = ${sql.placeholder('key')}`)
  const setValue = fixedQuery(
    (ex) =>
      ex
        .insert(appMeta)
        .values({ key: sql.placeholder('key'), value: sql.placeholder('value') })
        .returning({ key: appMeta.key }),
    'test_fixed_app_meta_insert',
  )

  beforeAll(async () => {
    ctx = await buildTestApp()
    await ctx.deps.db.insert(appMeta).values([
      { key: 'fixed-a', value: { n: 1 } },
      { key: 'fixed-b', value: { n: 2 } },
    ])
  })
  afterAll(async () => {
    await ctx.close()
  })

  it('builds its SQL once and answers each run with its own values, mapped as Drizzle maps rows', async () => {
    const db = ctx.deps.db
    expect(await valueOf(db, { key: 'fixed-a' })).toEqual([{ key: 'fixed-a', value: { n: 1 } }])
    expect(await valueOf(db, { key: 'fixed-b' })).toEqual([{ key: 'fixed-b', value: { n: 2 } }])
    expect(await valueOf(db, { key: 'none' })).toEqual([])
    expect(builds).toBe(1)
  })

  it("runs in a transaction on the transaction's connection: it sees the transaction's own writes, which roll back with it", async () => {
    await expect(
      ctx.deps.db.transaction(async (tx) => {
        // Its value goes through Drizzle's column encoding (jsonb), placeholders and all.
        expect(await setValue(tx, { key: 'fixed-tx', value: { n: 3 } })).toEqual([{ key: 'fixed-tx' }])
        expect(await valueOf(tx, { key: 'fixed-tx' })).toEqual([{ key: 'fixed-tx', value: { n: 3 } }])
        // Another connection cannot see it yet (PGlite has one connection, which the transaction holds).
        if (onPostgres()) expect(await valueOf(ctx.deps.db, { key: 'fixed-tx' })).toEqual([])
        // A statement written as SQL, fixed once (namedStatement), runs there too.
        expect(await keyOf.run(rawOf(tx), { key: 'fixed-tx' })).toEqual([{ key: 'fixed-tx' }])
        if (onPostgres()) expect(await keyOf.run(rawOf(ctx.deps.db), { key: 'fixed-tx' })).toEqual([])
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await valueOf(ctx.deps.db, { key: 'fixed-tx' })).toEqual([])
    expect(builds).toBe(1)
  })
})
