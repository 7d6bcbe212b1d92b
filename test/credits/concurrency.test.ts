import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditBalance, expireCredits, grantCredits, restoreCredits, spendCredits } from '../../src/modules/credits/ledger.js'
import { onPostgres, type TestContext } from '../helpers/context.js'
import { scene, type Factories } from '../helpers/scene.js'

const START = new Date('2027-01-04T12:00:00Z')
let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene()))
afterAll(() => ctx.close())

const give = (userId: string, amount: number, expiresAt: Date | null = null) =>
  grantCredits(ctx.deps.db, { userId, kind: 'purchase', currency: 'USD', amount, expiresAt, note: null, createdBy: null, now: START })

/** Grants whose used amount left [0, amount], and the user's spends net of restores; the invariant says none and the balance. */
async function audit(userId: string) {
  const { rows } = await ctx.database.raw.query<{ over: number; used: number; spent: number }>(
    `select (select count(*)::int from credit_grants where user_id = $1 and (used_amount > amount or used_amount < 0)) as over,
            (select coalesce(sum(used_amount), 0)::int from credit_grants where user_id = $1) as used,
            (select coalesce(-sum(amount), 0)::int from credit_entries where user_id = $1 and kind in ('spend', 'restore')) as spent`,
    [userId],
  )
  return rows[0]!
}

describe(`concurrent spending (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('20 parallel spends of 60 against a balance of 100 spend exactly 100 in all', async () => {
    const u = await f.newCustomer()
    // Two grants, so each spend locks and draws from several rows.
    await give(u.id, 70, new Date(START.getTime() + 86_400_000))
    await give(u.id, 30)
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        ctx.deps.db.transaction((tx) =>
          spendCredits(tx, { userId: u.id, currency: 'USD', upTo: 60, reservationId: null, paymentId: randomUUID(), now: START }),
        ),
      ),
    )
    const rejected = results.filter((r) => r.status === 'rejected')
    expect(rejected).toEqual([])
    const spent = results.map((r) => (r.status === 'fulfilled' ? r.value : 0))
    const total = spent.reduce((a, b) => a + b, 0)
    expect(total).toBeLessThanOrEqual(100)
    // Nobody is refused while credit is left: the spends queue on the locks, they do not fail.
    expect(total).toBe(100)
    expect(spent.filter((s) => s > 0).sort((a, b) => a - b)).toEqual([40, 60])
    expect(await audit(u.id)).toEqual({ over: 0, used: 100, spent: 100 })
    expect(await creditBalance(ctx.deps.db, u.id, START)).toEqual([])
  })

  it('parallel restores of one payment, racing the expiry job, restore it once', async () => {
    const u = await f.newCustomer()
    await give(u.id, 40, new Date(START.getTime() + 1000))
    await give(u.id, 100)
    const spendFor = (paymentId: string, upTo: number) =>
      ctx.deps.db.transaction((tx) => spendCredits(tx, { userId: u.id, currency: 'USD', upTo, reservationId: null, paymentId, now: START }))
    // Another payment shares the expiring grant, so a double restore would show in used_amount.
    expect(await spendFor(randomUUID(), 35)).toBe(35)
    const paymentId = randomUUID()
    expect(await spendFor(paymentId, 25)).toBe(25)
    const later = new Date(START.getTime() + 2000)
    const [sweep, ...restores] = await Promise.all([
      expireCredits(ctx.deps.db, later),
      ...Array.from({ length: 6 }, () => ctx.deps.db.transaction((tx) => restoreCredits(tx, { paymentId, now: later }))),
    ])
    expect(sweep).toBeGreaterThanOrEqual(0)
    expect(restores.reduce((a, b) => a + b, 0)).toBe(25)
    expect(restores.filter((r) => r > 0)).toHaveLength(1)
    expect(await audit(u.id)).toEqual({ over: 0, used: 35, spent: 35 })
    // The job swept the lapsed grant before or after the restore; either way the ledger sums to the balance.
    await expireCredits(ctx.deps.db, later)
    const { rows } = await ctx.database.raw.query<{ n: number }>(`select coalesce(sum(amount), 0)::int as n from credit_entries where user_id = $1`, [u.id])
    expect(rows[0]!.n).toBe(100)
    expect(await creditBalance(ctx.deps.db, u.id, later)).toEqual([{ currency: 'USD', amount: 100 }])
  })
})
