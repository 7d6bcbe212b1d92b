import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spendCredits } from '../../src/modules/credits/ledger.js'
import type { TestContext } from '../helpers/context.js'
import { client, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const START = '2027-01-04T12:00:00.000Z'
const HOUR = 3600_000
let ctx: TestContext, f: Factories, admin: Actor, alice: Actor, bob: Actor

beforeAll(async () => ({ ctx, f, admin, alice, bob } = await scene({ at: START, customers: { alice: 'Alice', bob: 'Bob' }, admin: true })))
afterAll(() => ctx.close())
afterEach(() => ctx.clock.set(START))

const usd = (amount: number) => ({ amount, currency: 'USD' })
/** POST /credits/grants, by default as the admin with a token fresh at the test clock. */
const grant = async (body: Record<string, unknown>, token?: string, headers?: Record<string, string>) =>
  client(ctx, token ?? (await tokenAt(ctx, admin))).post('/credits/grants', body, headers)

async function counts() {
  const { rows } = await ctx.database.raw.query<{ grants: number; entries: number }>(
    `select (select count(*)::int from credit_grants) as grants, (select count(*)::int from credit_entries) as entries`,
  )
  return rows[0]!
}

describe('granting credits', () => {
  it('an admin grant answers 201 with the grant and shows in the balance', async () => {
    const carol = await f.newCustomer()
    const expires = new Date(Date.parse(START) + 30 * 24 * HOUR).toISOString()
    const res = await grant({ user_id: carol.id, kind: 'promotion', amount: usd(2500), expires_at: expires, note: 'welcome' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      user_id: carol.id,
      kind: 'promotion',
      amount: usd(2500),
      used: usd(0),
      expires_at: expires,
      note: 'welcome',
      created_at: START,
    })
    const never = await grant({ user_id: carol.id, kind: 'purchase', amount: { amount: 700, currency: 'EUR' } })
    expect(never.status).toBe(201)
    expect(never.body).toMatchObject({ expires_at: null, note: null })
    const balance = await client(ctx, carol.access).get('/credits/balance')
    expect(balance.status).toBe(200)
    expect(balance.body).toEqual({ balances: [{ amount: 700, currency: 'EUR' }, usd(2500)] })
  })

  it('a customer may not grant: 403 and nothing written', async () => {
    const before = await counts()
    const res = await grant({ user_id: alice.id, kind: 'purchase', amount: usd(100) }, alice.access)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('forbidden')
    expect(await counts()).toEqual(before)
    expect((await client(ctx).post('/credits/grants', { user_id: alice.id, kind: 'purchase', amount: usd(100) })).status).toBe(401)
  })

  it('bad bodies are 400 validation_failed and write nothing', async () => {
    const before = await counts()
    const bad: Record<string, unknown>[] = [
      { user_id: alice.id, kind: 'purchase', amount: usd(0) },
      { user_id: alice.id, kind: 'purchase', amount: usd(5_000_001) },
      { user_id: alice.id, kind: 'purchase', amount: { amount: 100, currency: 'usd' } },
      { user_id: alice.id, kind: 'purchase', amount: { amount: '100', currency: 'USD' } },
      { user_id: alice.id, kind: 'purchase', amount: { amount: 10.5, currency: 'USD' } },
      { user_id: alice.id, kind: 'refund', amount: usd(100) },
      { user_id: alice.id, kind: 'purchase', amount: usd(100), used_amount: 50 },
      { user_id: alice.id, kind: 'purchase', amount: { ...usd(100), extra: 1 } },
      { user_id: 'not-a-uuid', kind: 'purchase', amount: usd(100) },
      { user_id: alice.id, kind: 'purchase', amount: usd(100), note: 'x'.repeat(501) },
      { user_id: alice.id, kind: 'purchase', amount: usd(100), expires_at: 'tomorrow' },
      { user_id: alice.id, kind: 'purchase', amount: usd(100), expires_at: '2027-01-04T11:00:00Z' },
      { user_id: alice.id, kind: 'purchase', amount: usd(100), expires_at: START },
      { kind: 'purchase', amount: usd(100) },
    ]
    for (const body of bad) {
      const res = await grant(body)
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'validation_failed' })
    }
    expect(await counts()).toEqual(before)
  })

  it('a grant to an unknown user is 404', async () => {
    const before = await counts()
    const res = await grant({ user_id: randomUUID(), kind: 'purchase', amount: usd(100) })
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('not_found')
    expect(await counts()).toEqual(before)
  })

  it('replays a grant sent again with the same Idempotency-Key', async () => {
    const dave = await f.newCustomer()
    const body = { user_id: dave.id, kind: 'purchase', amount: usd(300) }
    const first = await grant(body, undefined, { 'idempotency-key': 'grant-dave-1' })
    const again = await grant(body, undefined, { 'idempotency-key': 'grant-dave-1' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    expect((await client(ctx, dave.access).get('/credits/balance')).body.balances).toEqual([usd(300)])
  })
})

describe('reading credits', () => {
  it('a customer reads their own balance and ledger, newest first, paginated', async () => {
    const erin = await f.newCustomer()
    const g1 = await grant({ user_id: erin.id, kind: 'purchase', amount: usd(1000) })
    ctx.clock.advance(HOUR)
    const promo = await grant({ user_id: erin.id, kind: 'promotion', amount: usd(200), expires_at: new Date(Date.parse(START) + 2 * HOUR).toISOString() })
    expect(promo.status).toBe(201)
    ctx.clock.advance(HOUR / 2)
    const paymentId = randomUUID()
    const reservationId = randomUUID()
    await ctx.deps.db.transaction((tx) => spendCredits(tx, { userId: erin.id, currency: 'USD', upTo: 250, paymentId, reservationId, now: ctx.clock() }))
    const c = client(ctx, await tokenAt(ctx, erin))
    expect((await c.get('/credits/balance')).body).toEqual({ balances: [usd(950)] })
    const all = await c.get('/credits/history')
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ count: 4, next: null, previous: null })
    expect(all.body.results.map((e: { kind: string; amount: { amount: number } }) => [e.kind, e.amount.amount])).toEqual([
      ['spend', -50],
      ['spend', -200],
      ['promotion', 200],
      ['purchase', 1000],
    ])
    expect(all.body.results[0]).toEqual({
      id: expect.any(Number),
      kind: 'spend',
      amount: usd(-50),
      grant_id: g1.body.id,
      reservation_id: reservationId,
      payment_id: paymentId,
      created_at: ctx.clock().toISOString(),
    })
    const paged = await c.get('/credits/history?page_size=3')
    expect(paged.body.results).toHaveLength(3)
    expect(paged.body.next).toContain('page=2')
    const second = await c.get(paged.body.next)
    expect(second.body.results.map((e: { kind: string }) => e.kind)).toEqual(['purchase'])
    expect(second.body.previous).toContain('page=1')
    const spends = await c.get('/credits/history?kind=spend')
    expect(spends.body.count).toBe(2)

    // Past the promotion's expiry the balance drops at once; the job adds the history line.
    ctx.clock.advance(HOUR)
    const c2 = client(ctx, await tokenAt(ctx, erin))
    expect((await c2.get('/credits/balance')).body).toEqual({ balances: [usd(950)] })
    expect(await ctx.services.credits.expireLapsed()).toBeGreaterThanOrEqual(1)
    expect((await c2.get('/credits/history?kind=expiry')).body.count).toBe(0) // fully spent: nothing to expire
  })

  it("another user's credits are 404 for a customer, readable for an admin", async () => {
    expect((await grant({ user_id: bob.id, kind: 'purchase', amount: usd(400) })).status).toBe(201)
    const a = client(ctx, alice.access)
    for (const url of [`/credits/balance?user_id=${bob.id}`, `/credits/history?user_id=${bob.id}`]) {
      const res = await a.get(url)
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('not_found')
      expect(JSON.stringify(res.body)).not.toContain('400')
    }
    expect((await a.get(`/credits/balance?user_id=${alice.id}`)).status).toBe(200)
    const ad = client(ctx, admin.access)
    expect((await ad.get(`/credits/balance?user_id=${bob.id}`)).body).toEqual({ balances: [usd(400)] })
    const history = await ad.get(`/credits/history?user_id=${bob.id}`)
    expect(history.body.results.map((e: { kind: string; amount: { amount: number } }) => [e.kind, e.amount.amount])).toEqual([['purchase', 400]])
    expect((await ad.get(`/credits/balance?user_id=${randomUUID()}`)).status).toBe(404)
    expect((await ad.get('/credits/balance?user_id=nope')).status).toBe(400)
    expect((await client(ctx).get('/credits/balance')).status).toBe(401)
  })

  it('expiry lines appear in the history once the job has run', async () => {
    const fay = await f.newCustomer()
    expect((await grant({ user_id: fay.id, kind: 'promotion', amount: usd(500), expires_at: new Date(Date.parse(START) + HOUR).toISOString() })).status).toBe(
      201,
    )
    ctx.clock.advance(HOUR)
    const c = client(ctx, await tokenAt(ctx, fay))
    expect((await c.get('/credits/balance')).body).toEqual({ balances: [] })
    expect((await c.get('/credits/history')).body.count).toBe(1)
    expect(await ctx.services.credits.expireLapsed()).toBe(1)
    expect(await ctx.services.credits.expireLapsed()).toBe(0)
    const history = await c.get('/credits/history')
    expect(history.body.results.map((e: { kind: string; amount: { amount: number } }) => [e.kind, e.amount.amount])).toEqual([
      ['expiry', -500],
      ['promotion', 500],
    ])
  })
})
