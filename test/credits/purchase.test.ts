import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

const NOW = '2027-02-01T10:00:00Z'

let ctx: TestContext
let f: Factories

const as = (actor: Actor) => client(ctx, actor.access)
const rows = <T>(query: ReturnType<typeof sql>) => rowsOf<T>(ctx.deps.db, query)
const balanceOf = async (actor: Actor) => (await as(actor).get('/credits/balance')).body.balances
/** The purchase's grants and what the ledger says of them: one grant, one entry, whatever was delivered twice. */
const grantsOf = (purchaseId: string) =>
  rows<{ amount: number; kind: string; entries: number }>(sql`
    select g.amount, g.kind, (select count(*)::int from credit_entries e where e.grant_id = g.id) as entries
    from credit_purchases p join credit_grants g on g.id = p.grant_id where p.id = ${purchaseId}`)

beforeAll(async () => {
  ;({ ctx, f } = await scene({ at: NOW, config: { allowAutoConfirm: true } }))
})
afterAll(() => ctx.close())

describe('buying credit by card', () => {
  it('auto_confirm pays with the test card and grants the credit at once', async () => {
    const buyer = await f.newCustomer('Auto')
    const res = await as(buyer).post('/credits/purchase', { amount: { amount: 5000, currency: 'EUR' }, auto_confirm: true })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ status: 'succeeded', amount: { amount: 5000, currency: 'EUR' }, grant_id: expect.any(String) })
    expect(await balanceOf(buyer)).toEqual([{ amount: 5000, currency: 'EUR' }])
    expect(await grantsOf(res.body.id)).toEqual([{ amount: 5000, kind: 'purchase', entries: 1 }])
  })

  it('grants only when the verified webhook says it was paid, and once however often it comes', async () => {
    const buyer = await f.newCustomer('Card')
    const opened = await as(buyer).post('/credits/purchase', { amount: { amount: 2500, currency: 'USD' } })
    expect(opened.body).toMatchObject({ status: 'pending', grant_id: null, client_secret: expect.any(String) })
    expect(await balanceOf(buyer)).toEqual([])
    const fake = fakeOf(ctx)
    await fake.decline(opened.body.payment_intent_id)
    expect((await as(buyer).get(`/credits/purchases/${opened.body.id}`)).body).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds' })
    await fake.pay(opened.body.payment_intent_id)
    const intent = await ctx.deps.gateway.retrieveIntent(opened.body.payment_intent_id)
    // The same success, delivered again under a new event id, grants nothing more.
    await fake.send(fake.event('payment_intent.succeeded', intent.raw))
    expect((await as(buyer).get(`/credits/purchases/${opened.body.id}`)).body.status).toBe('succeeded')
    expect(await balanceOf(buyer)).toEqual([{ amount: 2500, currency: 'USD' }])
    expect(await grantsOf(opened.body.id)).toEqual([{ amount: 2500, kind: 'purchase', entries: 1 }])
  })

  it('the reconciliation job grants a purchase whose webhook never came', async () => {
    const buyer = await f.newCustomer('Lost')
    const opened = await as(buyer).post('/credits/purchase', { amount: { amount: 1000, currency: 'EUR' } })
    await fakeOf(ctx).pay(opened.body.payment_intent_id, {}, { deliver: false })
    expect(await grantsOf(opened.body.id)).toEqual([])
    ctx.clock.advance(2 * 60_000)
    expect(await ctx.services.reconciler.run()).toBeGreaterThanOrEqual(1)
    expect(await grantsOf(opened.body.id)).toEqual([{ amount: 1000, kind: 'purchase', entries: 1 }])
    ctx.clock.advance(2 * 60_000)
    await ctx.services.reconciler.run()
    expect(await grantsOf(opened.body.id)).toHaveLength(1)
    expect(await balanceOf({ ...buyer, access: await tokenAt(ctx, buyer) })).toEqual([{ amount: 1000, currency: 'EUR' }])
    ctx.clock.set(NOW)
  })

  it('a purchase nobody pays within a day is given up: its intent is cancelled and it grants nothing', async () => {
    const buyer = await f.newCustomer('Gone')
    const opened = await as(buyer).post('/credits/purchase', { amount: { amount: 1500, currency: 'EUR' } })
    ctx.clock.advance(25 * 3600_000)
    await ctx.services.reconciler.run()
    const [row] = await rows<{ status: string }>(sql`select status from credit_purchases where id = ${opened.body.id}`)
    expect(row).toEqual({ status: 'canceled' })
    expect((await ctx.deps.gateway.retrieveIntent(opened.body.payment_intent_id)).status).toBe('canceled')
    expect(await grantsOf(opened.body.id)).toEqual([])
    ctx.clock.set(NOW)
  })

  it('another user cannot see a purchase; a payment of another amount grants nothing', async () => {
    const buyer = await f.newCustomer('Mine')
    const other = await f.newCustomer('Nosy')
    const opened = await as(buyer).post('/credits/purchase', { amount: { amount: 3000, currency: 'EUR' } })
    expect((await as(other).get(`/credits/purchases/${opened.body.id}`)).status).toBe(404)
    await fakeOf(ctx).pay(opened.body.payment_intent_id, { amount: 300 })
    expect((await as(buyer).get(`/credits/purchases/${opened.body.id}`)).body).toMatchObject({ status: 'pending', failure_code: 'payment_mismatch' })
    expect(await grantsOf(opened.body.id)).toEqual([])
  })
})
