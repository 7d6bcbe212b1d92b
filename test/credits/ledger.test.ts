import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditBalance, expireCredits, grantCredits, refundToCredits, restoreCredits, spendCredits, type SpendInput } from '../../src/modules/credits/ledger.js'
import { creditEntries, creditGrants, type GrantKind } from '../../src/modules/credits/schema.js'
import type { TestContext } from '../helpers/context.js'
import { scene, type Factories } from '../helpers/scene.js'

const START = new Date('2027-01-04T12:00:00Z')
const HOUR = 3600_000
const DAY = 24 * HOUR
const later = (ms: number) => new Date(START.getTime() + ms)

let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene()))
afterAll(() => ctx.close())

const give = (userId: string, amount: number, opts: { currency?: string; expiresAt?: Date | null; kind?: GrantKind; at?: Date } = {}) =>
  grantCredits(ctx.deps.db, {
    userId,
    kind: opts.kind ?? 'purchase',
    currency: opts.currency ?? 'USD',
    amount,
    expiresAt: opts.expiresAt ?? null,
    note: null,
    createdBy: null,
    now: opts.at ?? START,
  })

const spend = (input: Partial<SpendInput> & { userId: string; upTo: number }) =>
  ctx.deps.db.transaction((tx) => spendCredits(tx, { currency: 'USD', reservationId: null, paymentId: randomUUID(), now: START, ...input }))

const restore = (paymentId: string, now = START) => ctx.deps.db.transaction((tx) => restoreCredits(tx, { paymentId, now }))

const grantRow = async (id: string) => (await ctx.deps.db.select().from(creditGrants).where(eq(creditGrants.id, id)))[0]!

const entriesOf = (userId: string) => ctx.deps.db.select().from(creditEntries).where(eq(creditEntries.userId, userId)).orderBy(creditEntries.id)

async function ledgerSum(userId: string, currency = 'USD'): Promise<number> {
  const [row] = await ctx.deps.db
    .select({ n: sql<string>`coalesce(sum(${creditEntries.amount}), 0)` })
    .from(creditEntries)
    .where(sql`${creditEntries.userId} = ${userId} and ${creditEntries.currency} = ${currency}`)
  return Number(row!.n)
}

describe('balance', () => {
  it('sums what is left of every grant per currency and omits empty currencies', async () => {
    const u = await f.newCustomer()
    await give(u.id, 100)
    await give(u.id, 50, { expiresAt: later(30 * DAY) })
    await give(u.id, 30, { currency: 'EUR' })
    await give(u.id, 20, { currency: 'GBP' })
    expect(await spend({ userId: u.id, upTo: 20, currency: 'GBP' })).toBe(20)
    expect(await spend({ userId: u.id, upTo: 25 })).toBe(25)
    expect(await creditBalance(ctx.deps.db, u.id, START)).toEqual([
      { currency: 'EUR', amount: 30 },
      { currency: 'USD', amount: 125 },
    ])
    // Another user's grants do not count.
    const other = await f.newCustomer()
    expect(await creditBalance(ctx.deps.db, other.id, START)).toEqual([])
  })

  it('grantCredits writes one entry of the grant kind with the positive amount', async () => {
    const u = await f.newCustomer()
    const g = await give(u.id, 75, { kind: 'promotion', expiresAt: later(DAY) })
    expect(g).toMatchObject({ userId: u.id, kind: 'promotion', amount: 75, usedAmount: 0, expiredAt: null })
    expect(g.expiresAt?.toISOString()).toBe(later(DAY).toISOString())
    const entries = await entriesOf(u.id)
    expect(entries.map((e) => [e.kind, e.amount, e.grantId, e.paymentId])).toEqual([['promotion', 75, g.id, null]])
  })
})

describe('expiry', () => {
  it('drops a lapsed grant from the balance at once; the job writes one expiry entry and is idempotent', async () => {
    const u = await f.newCustomer()
    const expiring = await give(u.id, 100, { expiresAt: later(HOUR) })
    await give(u.id, 40)
    expect(await spend({ userId: u.id, upTo: 30 })).toBe(30)
    expect(await creditBalance(ctx.deps.db, u.id, later(HOUR - 1))).toEqual([{ currency: 'USD', amount: 110 }])
    // At the expiry instant the rest of the grant is gone, before any job has run.
    expect(await creditBalance(ctx.deps.db, u.id, later(HOUR))).toEqual([{ currency: 'USD', amount: 40 }])
    // It cannot be spent either.
    expect(await spend({ userId: u.id, upTo: 1000, now: later(HOUR) })).toBe(40)

    const swept = await expireCredits(ctx.deps.db, later(HOUR))
    expect(swept).toBeGreaterThanOrEqual(1)
    expect((await grantRow(expiring.id)).expiredAt?.toISOString()).toBe(later(HOUR).toISOString())
    expect(await expireCredits(ctx.deps.db, later(HOUR + 1))).toBe(0)
    const expiries = (await entriesOf(u.id)).filter((e) => e.kind === 'expiry')
    expect(expiries.map((e) => [e.grantId, e.amount])).toEqual([[expiring.id, -70]])
    // Once swept, the ledger sums to the balance.
    expect(await ledgerSum(u.id)).toBe(0)
    expect(await creditBalance(ctx.deps.db, u.id, later(HOUR))).toEqual([])
  })

  it('sweeps a fully used grant without an entry', async () => {
    const u = await f.newCustomer()
    const g = await give(u.id, 10, { expiresAt: later(HOUR) })
    expect(await spend({ userId: u.id, upTo: 10 })).toBe(10)
    await expireCredits(ctx.deps.db, later(2 * HOUR))
    expect((await grantRow(g.id)).expiredAt).not.toBeNull()
    expect((await entriesOf(u.id)).map((e) => e.kind)).toEqual(['purchase', 'spend'])
  })
})

describe('spending', () => {
  it('draws soonest-expiring grants first, never-expiring ones last, ties by creation', async () => {
    const u = await f.newCustomer()
    const forever = await give(u.id, 10, { at: later(-3 * HOUR) })
    const tenDays = await give(u.id, 10, { expiresAt: later(10 * DAY), at: later(-2 * HOUR) })
    const twoDaysOld = await give(u.id, 10, { expiresAt: later(2 * DAY), at: later(-2 * HOUR) })
    const twoDaysNew = await give(u.id, 10, { expiresAt: later(2 * DAY), at: later(-HOUR) })
    const paymentId = randomUUID()
    const reservationId = randomUUID()
    expect(await spend({ userId: u.id, upTo: 25, paymentId, reservationId })).toBe(25)
    const spends = (await entriesOf(u.id)).filter((e) => e.kind === 'spend')
    expect(spends.map((e) => [e.grantId, e.amount, e.paymentId, e.reservationId])).toEqual([
      [twoDaysOld.id, -10, paymentId, reservationId],
      [twoDaysNew.id, -10, paymentId, reservationId],
      [tenDays.id, -5, paymentId, reservationId],
    ])
    expect((await grantRow(forever.id)).usedAmount).toBe(0)
    expect((await grantRow(tenDays.id)).usedAmount).toBe(5)
  })

  it('spends what there is when the balance is short, and nothing from an empty balance', async () => {
    const u = await f.newCustomer()
    await give(u.id, 20)
    await give(u.id, 10, { expiresAt: later(DAY) })
    await give(u.id, 500, { currency: 'EUR' })
    expect(await spend({ userId: u.id, upTo: 50 })).toBe(30)
    expect(await creditBalance(ctx.deps.db, u.id, START)).toEqual([{ currency: 'EUR', amount: 500 }])
    const before = (await entriesOf(u.id)).length
    expect(await spend({ userId: u.id, upTo: 50 })).toBe(0)
    expect(await spend({ userId: u.id, upTo: 0, currency: 'EUR' })).toBe(0)
    expect(await entriesOf(u.id)).toHaveLength(before)
    expect(await ledgerSum(u.id)).toBe(0)
  })
})

describe('restoring', () => {
  it('gives a payment’s spends back to the same grants, once', async () => {
    const u = await f.newCustomer()
    const a = await give(u.id, 10, { expiresAt: later(DAY) })
    const b = await give(u.id, 100)
    const paymentId = randomUUID()
    const otherPayment = randomUUID()
    expect(await spend({ userId: u.id, upTo: 25, paymentId })).toBe(25)
    expect(await spend({ userId: u.id, upTo: 5, paymentId: otherPayment })).toBe(5)
    expect((await grantRow(b.id)).usedAmount).toBe(20)

    expect(await restore(paymentId)).toBe(25)
    expect((await grantRow(a.id)).usedAmount).toBe(0)
    expect((await grantRow(b.id)).usedAmount).toBe(5) // the other payment's spend stays
    const restores = (await entriesOf(u.id)).filter((e) => e.kind === 'restore')
    expect(restores.map((e) => [e.grantId, e.amount, e.paymentId]).sort()).toEqual(
      [
        [a.id, 10, paymentId],
        [b.id, 15, paymentId],
      ].sort(),
    )
    const count = (await entriesOf(u.id)).length
    expect(await restore(paymentId)).toBe(0)
    expect(await entriesOf(u.id)).toHaveLength(count)
    expect((await grantRow(b.id)).usedAmount).toBe(5)
    expect(await creditBalance(ctx.deps.db, u.id, START)).toEqual([{ currency: 'USD', amount: 105 }])
    expect(await ledgerSum(u.id)).toBe(105)
    expect(await restore(randomUUID())).toBe(0)
  })

  it('restores into a swept grant with an expiry right after, so the ledger still sums to the balance', async () => {
    const u = await f.newCustomer()
    const lapsing = await give(u.id, 50, { expiresAt: later(HOUR) })
    await give(u.id, 20)
    const paymentId = randomUUID()
    expect(await spend({ userId: u.id, upTo: 60, paymentId })).toBe(60)
    await expireCredits(ctx.deps.db, later(2 * HOUR))
    expect((await grantRow(lapsing.id)).expiredAt).not.toBeNull()

    expect(await restore(paymentId, later(2 * HOUR))).toBe(60)
    const tail = (await entriesOf(u.id)).slice(-3)
    const byGrant = tail.filter((e) => e.grantId === lapsing.id).map((e) => [e.kind, e.amount])
    expect(byGrant).toEqual([
      ['restore', 50],
      ['expiry', -50],
    ])
    expect((await grantRow(lapsing.id)).usedAmount).toBe(0)
    expect(await creditBalance(ctx.deps.db, u.id, later(2 * HOUR))).toEqual([{ currency: 'USD', amount: 20 }])
    expect(await ledgerSum(u.id)).toBe(20)
    // The sweep does not count the restored amount a second time.
    expect(await expireCredits(ctx.deps.db, later(3 * HOUR))).toBe(0)
    expect(await ledgerSum(u.id)).toBe(20)
  })

  it('restored into a lapsed but unswept grant, the job later expires the whole rest', async () => {
    const u = await f.newCustomer()
    const lapsing = await give(u.id, 50, { expiresAt: later(HOUR) })
    const paymentId = randomUUID()
    expect(await spend({ userId: u.id, upTo: 30, paymentId })).toBe(30)
    expect(await restore(paymentId, later(2 * HOUR))).toBe(30)
    expect(await creditBalance(ctx.deps.db, u.id, later(2 * HOUR))).toEqual([])
    await expireCredits(ctx.deps.db, later(2 * HOUR))
    const expiries = (await entriesOf(u.id)).filter((e) => e.kind === 'expiry')
    expect(expiries.map((e) => [e.grantId, e.amount])).toEqual([[lapsing.id, -50]])
    expect(await ledgerSum(u.id)).toBe(0)
  })
})

describe('refunding to credits', () => {
  async function refundedGrant(userId: string, paymentId: string, amount: number) {
    await ctx.deps.db.transaction((tx) => refundToCredits(tx, { userId, currency: 'USD', amount, paymentId, reservationId: null, now: START }))
    const [g] = await ctx.deps.db
      .select()
      .from(creditGrants)
      .where(sql`${creditGrants.userId} = ${userId} and ${creditGrants.kind} = 'refund'`)
    return g!
  }

  it('inherits the latest expiry of the grants the payment spent', async () => {
    const u = await f.newCustomer()
    await give(u.id, 10, { expiresAt: later(2 * DAY) })
    await give(u.id, 10, { expiresAt: later(9 * DAY) })
    await give(u.id, 10) // never expires, but is not reached by this payment
    const paymentId = randomUUID()
    expect(await spend({ userId: u.id, upTo: 15, paymentId })).toBe(15)
    const g = await refundedGrant(u.id, paymentId, 12)
    expect(g).toMatchObject({ kind: 'refund', amount: 12, usedAmount: 0 })
    expect(g.expiresAt?.toISOString()).toBe(later(9 * DAY).toISOString())
    const [entry] = (await entriesOf(u.id)).filter((e) => e.kind === 'refund')
    expect(entry).toMatchObject({ grantId: g.id, amount: 12, paymentId })
  })

  it('never expires when one of the spent grants never expires', async () => {
    const u = await f.newCustomer()
    await give(u.id, 10, { expiresAt: later(2 * DAY) })
    await give(u.id, 10)
    const paymentId = randomUUID()
    expect(await spend({ userId: u.id, upTo: 15, paymentId })).toBe(15)
    expect((await refundedGrant(u.id, paymentId, 15)).expiresAt).toBeNull()
  })

  it('never expires when the payment spent nothing found', async () => {
    const u = await f.newCustomer()
    await give(u.id, 10, { expiresAt: later(2 * DAY) })
    const g = await refundedGrant(u.id, randomUUID(), 5)
    expect(g.expiresAt).toBeNull()
    expect(await creditBalance(ctx.deps.db, u.id, START)).toEqual([{ currency: 'USD', amount: 15 }])
  })
})
