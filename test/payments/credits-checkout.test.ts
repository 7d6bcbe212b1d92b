import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grantCredits } from '../../src/modules/credits/ledger.js'
import { creditEntries, creditGrants } from '../../src/modules/credits/schema.js'
import { paymentLog, payments, refunds } from '../../src/modules/payments/schema.js'
import { reservations } from '../../src/modules/reservations/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

// Bookings are on 2027-01-08, four days ahead: cancelling gives everything back by default.
const T0 = '2027-01-04T12:00:00Z'

let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, admin: Actor

beforeAll(async () => ({ ctx, f, venue, staff, admin } = await scene({ at: T0, venue: {}, staff: 'staff', admin: true })))
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)

const give = (user: Actor, amount: number, currency = 'USD') =>
  grantCredits(ctx.deps.db, { userId: user.id, kind: 'purchase', currency, amount, expiresAt: null, note: null, createdBy: null, now: ctx.clock() })

/** A hold on a fresh room (two hours at 50.00: 100.00 unless told) and its checkout. */
async function checkout(customer: Actor, body: object = {}, opts: { at?: Venue; hourlyRate?: number; hours?: number } = {}) {
  const at = opts.at ?? venue
  const room = await f.newRoom(at, { hourlyRate: opts.hourlyRate ?? 5000 })
  const end = `2027-01-08T${19 + (opts.hours ?? 2)}:00`
  return holdAndCheckout(ctx, customer, at, room, '2027-01-08T19:00', end, body)
}

const balance = async (user: Actor) => (await as(user).get('/credits/balance')).body.balances as { amount: number; currency: string }[]
const paymentOf = async (reservationId: string) => (await ctx.deps.db.select().from(payments).where(eq(payments.reservationId, reservationId)))[0]!
const refundsOf = (reservationId: string) => ctx.deps.db.select().from(refunds).where(eq(refunds.reservationId, reservationId)).orderBy(asc(refunds.seq))
const reservationOf = async (id: string) => (await ctx.deps.db.select().from(reservations).where(eq(reservations.id, id)))[0]!
const entriesOf = (user: Actor) => ctx.deps.db.select().from(creditEntries).where(eq(creditEntries.userId, user.id)).orderBy(asc(creditEntries.id))
const grantsOf = (user: Actor) =>
  ctx.deps.db.select().from(creditGrants).where(eq(creditGrants.userId, user.id)).orderBy(asc(creditGrants.createdAt), asc(creditGrants.kind))
const callsFor = (reservationId: string, method: string) =>
  fakeOf(ctx).calls.filter((c) => c.method === method && c.idempotencyKey?.startsWith(`${reservationId}-`))

/** The card amounts the gateway refunded for a payment, from its raw answers in the payment log. */
async function gatewayRefundAmounts(paymentId: string): Promise<number[]> {
  const rows = await ctx.deps.db
    .select({ raw: paymentLog.raw })
    .from(paymentLog)
    .where(and(eq(paymentLog.paymentId, paymentId), eq(paymentLog.kind, 'refund_created')))
    .orderBy(asc(paymentLog.id))
  const byId = new Map<string, number>()
  for (const { raw } of rows) {
    const r = raw as { object?: string; id?: string; amount?: number }
    if (r.object === 'refund' && r.id) byId.set(r.id, r.amount!)
  }
  return [...byId.values()]
}

describe('credits at checkout', () => {
  it('applies part credits, part card: the intent asks only the rest', async () => {
    const bea = await f.newCustomer('Bea')
    await give(bea, 3000)
    const { id, intentId, checkout: out } = await checkout(bea)
    expect(out).toMatchObject({
      amount: { amount: 7000, currency: 'USD' },
      credits_applied: { amount: 3000, currency: 'USD' },
      status: 'pending',
      reservation_status: 'awaiting_payment',
    })
    expect(intentId).toMatch(/^pi_/)
    expect((await fakeOf(ctx).retrieveIntent(intentId)).amount).toBe(7000)
    expect(await balance(bea)).toEqual([])
    expect(await paymentOf(id)).toMatchObject({ status: 'pending', amount: 7000, creditAmount: 3000, method: null })
    const spends = (await entriesOf(bea)).filter((e) => e.kind === 'spend')
    expect(spends.map((e) => [e.amount, e.reservationId])).toEqual([[-3000, id]])

    await fakeOf(ctx).pay(intentId)
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed' })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', amount: 7000, creditAmount: 3000, capturedAmount: 7000, method: 'card' })
    const read = await as(bea).get(`/reservations/${id}`)
    expect(read.body.payment).toMatchObject({ amount: { amount: 7000 }, credits: { amount: 3000 }, captured: { amount: 7000 }, refundable: { amount: 10000 } })
    expect(read.body.refund_preview).toMatchObject({ amount: { amount: 10000 }, percent: 100 })
  })

  it('credits that cover everything confirm at once: no intent, method credits', async () => {
    const cai = await f.newCustomer('Cai')
    const granted = await as(admin).post('/credits/grants', { user_id: cai.id, kind: 'purchase', amount: { amount: 15000, currency: 'USD' } })
    expect(granted.status).toBe(201)
    const { id, intentId, checkout: out } = await checkout(cai)
    expect(out).toMatchObject({
      payment_intent_id: null,
      client_secret: null,
      amount: { amount: 0, currency: 'USD' },
      credits_applied: { amount: 10000, currency: 'USD' },
      status: 'succeeded',
      reservation_status: 'confirmed',
    })
    expect(intentId).toBeNull()
    expect(callsFor(id, 'createIntent')).toHaveLength(0)
    expect(await balance(cai)).toEqual([{ amount: 5000, currency: 'USD' }])
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed', holdExpiresAt: null })
    expect(await paymentOf(id)).toMatchObject({
      status: 'succeeded',
      gateway: 'credits',
      method: 'credits',
      amount: 0,
      creditAmount: 10000,
      capturedAmount: 0,
      intentId: null,
    })
    const read = await as(cai).get(`/reservations/${id}`)
    expect(read.body).toMatchObject({ status: 'confirmed', payment: { method: 'credits', status: 'succeeded', credits: { amount: 10000 } } })
    expect(read.body.refund_preview).toMatchObject({ amount: { amount: 10000 }, percent: 100, tier: 0 })
  })

  it('cancelling a credits-paid booking 48 h ahead gives the credits back as a refund grant', async () => {
    const dan = await f.newCustomer('Dan')
    await give(dan, 10000)
    const { id } = await checkout(dan)
    expect(await balance(dan)).toEqual([])

    const cancelled = await as(dan).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('refunded')
    expect(cancelled.body.payment).toMatchObject({ status: 'refunded', refunded: { amount: 10000 } })
    expect(cancelled.body.payment.refunds).toHaveLength(1)
    expect(cancelled.body.payment.refunds[0]).toMatchObject({ amount: { amount: 0 }, credit_amount: { amount: 10000 }, status: 'succeeded', source: 'policy' })

    expect(await balance(dan)).toEqual([{ amount: 10000, currency: 'USD' }])
    expect(await reservationOf(id)).toMatchObject({ status: 'refunded' })
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', creditAmount: 10000, creditRefundedAmount: 10000, refundedAmount: 0 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.creditAmount, r.status])).toEqual([[0, 10000, 'succeeded']])
    const grants = await grantsOf(dan)
    expect(grants.map((g) => [g.kind, g.amount, g.usedAmount])).toEqual([
      ['purchase', 10000, 10000],
      ['refund', 10000, 0],
    ])
    expect(grants[1]!.reservationId).toBe(id)
    // Nothing went to the card gateway.
    expect(callsFor(id, 'refund')).toHaveLength(0)
    const history = await as(dan).get('/credits/history?kind=refund')
    expect(history.body.results.map((e: { amount: { amount: number } }) => e.amount.amount)).toEqual([10000])
  })

  it('refunds a mixed payment card first, then credits, which come back as a refund grant', async () => {
    const eve = await f.newCustomer('Eve')
    await give(eve, 3000)
    const { id, intentId } = await checkout(eve)
    await fakeOf(ctx).pay(intentId)
    const paymentId = (await paymentOf(id)).id

    // 50.00 of the 70.00 card part.
    const first = await as(staff).post(`/reservations/${id}/refund`, { amount: 5000, reason: 'short session' })
    expect(first.status).toBe(200)
    expect(await balance(eve)).toEqual([])
    // 40.00 more: the last 20.00 of the card, then 20.00 of credits.
    const second = await as(staff).post(`/reservations/${id}/refund`, { amount: 4000, reason: 'and the room was cold' })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ status: 'partially_refunded', refunded: { amount: 9000 }, refundable: { amount: 1000 } })
    expect(
      second.body.refunds.map((r: { amount: { amount: number }; credit_amount: { amount: number } }) => [r.amount.amount, r.credit_amount.amount]),
    ).toEqual([
      [5000, 0],
      [2000, 2000],
    ])
    await fakeOf(ctx).drain()

    expect(await paymentOf(id)).toMatchObject({
      status: 'partially_refunded',
      capturedAmount: 7000,
      refundedAmount: 7000,
      creditAmount: 3000,
      creditRefundedAmount: 2000,
    })
    expect((await refundsOf(id)).map((r) => [r.seq, r.amount, r.creditAmount, r.status])).toEqual([
      [1, 5000, 0, 'succeeded'],
      [2, 2000, 2000, 'succeeded'],
    ])
    expect(await gatewayRefundAmounts(paymentId)).toEqual([5000, 2000])
    expect(await balance(eve)).toEqual([{ amount: 2000, currency: 'USD' }])
    expect((await grantsOf(eve)).filter((g) => g.kind === 'refund').map((g) => g.amount)).toEqual([2000])

    // The guest cancels 48 h+ ahead: the policy's 100 % is capped at what is left, 10.00 of credits.
    const cancelled = await as(eve).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('refunded')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 7000, creditRefundedAmount: 3000 })
    expect((await refundsOf(id)).map((r) => [r.amount, r.creditAmount])).toEqual([
      [5000, 0],
      [2000, 2000],
      [0, 1000],
    ])
    expect(await balance(eve)).toEqual([{ amount: 3000, currency: 'USD' }])
    expect(callsFor(id, 'refund')).toHaveLength(2)
  })

  it('cancelling an unpaid checkout cancels the intent at the gateway and gives the credits back', async () => {
    const fay = await f.newCustomer('Fay')
    const grant = await give(fay, 3000)
    const { id, intentId, checkout: out } = await checkout(fay)
    expect(out).toMatchObject({ reservation_status: 'awaiting_payment', credits_applied: { amount: 3000 } })
    expect(await balance(fay)).toEqual([])

    const cancelled = await as(fay).post(`/reservations/${id}/cancel`, { reason: 'changed my mind' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    expect(cancelled.body.payment).toMatchObject({ status: 'canceled' })
    expect(cancelled.body.refund_preview).toBeNull()
    await fakeOf(ctx).drain()

    expect(callsFor(id, 'cancelIntent').map((c) => c.idempotencyKey)).toEqual([`${id}-cancel`])
    expect((await fakeOf(ctx).retrieveIntent(intentId)).status).toBe('canceled')
    expect(await balance(fay)).toEqual([{ amount: 3000, currency: 'USD' }])
    expect(await reservationOf(id)).toMatchObject({ status: 'cancelled' })
    expect(await paymentOf(id)).toMatchObject({ status: 'canceled', creditAmount: 3000, creditRefundedAmount: 3000, capturedAmount: 0 })
    // Restored to the very grant it came from, not as a new refund grant.
    expect((await grantsOf(fay)).map((g) => [g.id, g.usedAmount])).toEqual([[grant.id, 0]])
    expect((await entriesOf(fay)).map((e) => [e.kind, e.amount])).toEqual([
      ['purchase', 3000],
      ['spend', -3000],
      ['restore', 3000],
    ])
    expect(await refundsOf(id)).toHaveLength(0)
  })

  it('use_credits: false leaves the credits untouched and asks the card for everything', async () => {
    const gus = await f.newCustomer('Gus')
    await give(gus, 3000)
    const { id, checkout: out } = await checkout(gus, { use_credits: false })
    expect(out).toMatchObject({ amount: { amount: 10000 }, credits_applied: { amount: 0 }, status: 'pending', reservation_status: 'awaiting_payment' })
    expect(await balance(gus)).toEqual([{ amount: 3000, currency: 'USD' }])
    expect(await paymentOf(id)).toMatchObject({ amount: 10000, creditAmount: 0 })
    expect((await entriesOf(gus)).map((e) => e.kind)).toEqual(['purchase'])
  })

  it('credits in another currency are not applied', async () => {
    const hal = await f.newCustomer('Hal')
    await give(hal, 5000, 'EUR')
    const { id, checkout: out } = await checkout(hal)
    expect(out).toMatchObject({ amount: { amount: 10000, currency: 'USD' }, credits_applied: { amount: 0 } })
    expect(await balance(hal)).toEqual([{ amount: 5000, currency: 'EUR' }])
    expect(await paymentOf(id)).toMatchObject({ amount: 10000, creditAmount: 0 })
  })
})

describe('deposits', () => {
  let depositVenue: Venue
  beforeAll(async () => {
    depositVenue = await f.newVenue({ depositPercent: 30 })
  })

  it('a 30 % deposit venue asks 30 % of the total at checkout, and a cancellation refunds what was paid', async () => {
    const ivy = await f.newCustomer('Ivy')
    const { id, intentId, total, checkout: out } = await checkout(ivy, {}, { at: depositVenue })
    expect(total).toBe(10000)
    expect(out).toMatchObject({ amount: { amount: 3000, currency: 'USD' }, credits_applied: { amount: 0 }, status: 'pending' })
    expect((await fakeOf(ctx).retrieveIntent(intentId)).amount).toBe(3000)
    await fakeOf(ctx).pay(intentId)
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed', totalAmount: 10000 })
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', amount: 3000, capturedAmount: 3000 })
    const read = await as(ivy).get(`/reservations/${id}`)
    expect(read.body.refund_preview).toMatchObject({ amount: { amount: 3000 }, percent: 100 })

    const cancelled = await as(ivy).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.body.status).toBe('refunded')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'refunded', refundedAmount: 3000 })
    expect((await refundsOf(id)).map((r) => r.amount)).toEqual([3000])
  })

  it('rounds the deposit up to the minor unit', async () => {
    const jon = await f.newCustomer('Jon')
    // One hour at 33.33: 30 % is 9.999, asked as 10.00.
    const { id, total, checkout: out } = await checkout(jon, {}, { at: depositVenue, hourlyRate: 3333, hours: 1 })
    expect(total).toBe(3333)
    expect(out.amount).toEqual({ amount: 1000, currency: 'USD' })
    expect(await paymentOf(id)).toMatchObject({ amount: 1000, creditAmount: 0 })
  })

  it('credits count towards the deposit', async () => {
    const kim = await f.newCustomer('Kim')
    await give(kim, 1000)
    const { id, checkout: out } = await checkout(kim, {}, { at: depositVenue })
    expect(out).toMatchObject({ amount: { amount: 2000 }, credits_applied: { amount: 1000 } })
    expect(await balance(kim)).toEqual([])
    expect(await paymentOf(id)).toMatchObject({ amount: 2000, creditAmount: 1000 })
  })
})
