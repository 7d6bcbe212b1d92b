import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

/*
 * Marketplace money after booking (SPEC §11): an earning per completed booking at the tier of
 * the practitioner's month, cleared after 48 h, paid out once through Connect. Every figure is
 * checked in SQL, not only in the answers.
 */
const ZONE = 'America/New_York'
const START = '2027-01-04T12:00:00Z'

let ctx: TestContext
let f: Factories
let admin: Actor
let teacher: Actor
let customer: Actor
let practitioner: { id: string; venue_id: string }
let accountId: string

/** A client whose token is valid at the test clock's current time. */
const at = async (actor: Actor) => client(ctx, await tokenAt(ctx, actor))
const rows = <T>(query: ReturnType<typeof sql>) => rowsOf<T>(ctx.deps.db, query)
const fake = () => fakeOf(ctx)

/**
 * A 1:1 session at `price` (minor units) starting at `start` (local), booked and paid by the
 * customer on January 4th, then checked in and completed by the teacher at `completedAt`
 * (local); the relay then writes its earning. Answers the reservation id.
 */
async function completed(price: number, start: string, completedAt: string): Promise<string> {
  ctx.clock.set(START)
  const service = await (
    await at(teacher)
  ).post('/services', {
    practitioner_id: practitioner.id,
    type: 'session',
    title: `Session at ${price}`,
    category: 'Coaching',
    price: { amount: price, currency: 'USD' },
    duration_minutes: 60,
  })
  expect(service.status, JSON.stringify(service.body)).toBe(201)
  const c = await at(customer)
  const held = await c.post('/reservations', {
    venue_id: practitioner.venue_id,
    items: [{ kind: 'session', service_id: service.body.id, start: local(ZONE, start) }],
  })
  expect(held.status, JSON.stringify(held.body)).toBe(201)
  expect((await c.post(`/reservations/${held.body.id}/checkout`, { auto_confirm: true })).body.reservation_status).toBe('confirmed')
  ctx.clock.set(local(ZONE, completedAt))
  const t = await at(teacher)
  expect((await t.post(`/reservations/${held.body.id}/check-in`, {})).status).toBe(200)
  expect((await t.post(`/reservations/${held.body.id}/complete`, {})).status).toBe(200)
  await ctx.services.relay.drain()
  return held.body.id as string
}

const earningOf = async (reservationId: string) =>
  (
    await rows<{ gross: number; rate_bp: number; commission: number; net: number; month: string; status: string; payout_id: string | null }>(
      sql`select gross, rate_bp, commission, net, month, status, payout_id from earnings where reservation_id = ${reservationId} and kind = 'earning'`,
    )
  )[0]

/** Available, unpaid net in SQL: what the next payout would send. */
const availableNet = async () =>
  Number(
    (
      await rows<{ n: string }>(
        sql`select coalesce(sum(net), 0) as n from earnings where practitioner_id = ${practitioner.id} and payout_id is null and status = 'available'`,
      )
    )[0]!.n,
  )

beforeAll(async () => {
  ;({ ctx, f, admin, teacher, customer } = await scene({
    at: START,
    admin: true,
    customers: { teacher: 'Tess', customer: 'Cal' },
    config: { allowAutoConfirm: true },
  }))
  const applied = await client(ctx, teacher.access).post('/practitioners/apply', {
    display_name: 'Tess Coaching',
    locations: [{ city: 'New York', is_virtual: false }],
    timezone: ZONE,
    currency: 'USD',
  })
  practitioner = applied.body
  await client(ctx, admin.access).post(`/practitioners/${practitioner.id}/verify`)
  await client(ctx, teacher.access).post(`/practitioners/${practitioner.id}/schedule`, { hours: everyDay('08:00', '23:30') })
})
afterAll(() => ctx.close())

describe('commission tiers', () => {
  it('charges 5 % up to $5,000 of the month’s completed volume, 4 % past it, by the month in the practitioner’s zone', async () => {
    const first = await completed(300_000, '2027-01-10T10:00', '2027-01-10T11:00')
    const crossing = await completed(300_000, '2027-01-11T10:00', '2027-01-11T11:00')
    const after = await completed(100_000, '2027-01-12T10:00', '2027-01-12T11:00')
    expect(await earningOf(first)).toMatchObject({ gross: 300_000, rate_bp: 500, commission: 15_000, net: 285_000, month: '2027-01', status: 'pending' })
    // $3,000 before it: this booking crosses $5,000 and is still charged 5 %.
    expect(await earningOf(crossing)).toMatchObject({ rate_bp: 500, commission: 15_000 })
    // $6,000 before it: past the threshold, 4 %.
    expect(await earningOf(after)).toMatchObject({ gross: 100_000, rate_bp: 400, commission: 4_000, net: 96_000 })
    // 23:30 on January 31st in New York is February 1st in UTC: still January's volume, at 4 %.
    const lastEvening = await completed(50_000, '2027-01-31T22:00', '2027-01-31T23:30')
    expect(await earningOf(lastEvening)).toMatchObject({ month: '2027-01', rate_bp: 400 })
    // Half an hour after local midnight, a new month starts again at 5 %.
    const newMonth = await completed(50_000, '2027-01-31T22:30', '2027-02-01T00:30')
    expect(await earningOf(newMonth)).toMatchObject({ month: '2027-02', rate_bp: 500, commission: 2_500 })
    const summary = await (await at(teacher)).get('/practitioner/earnings/summary')
    expect(summary.status, JSON.stringify(summary.body)).toBe(200)
    expect(summary.body).toMatchObject({ month: '2027-02', month_volume: { amount: 50_000, currency: 'USD' }, tier: 0, commission_rate_percent: 5 })
    // One earning per booking, however often the relay hands the event over.
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from earnings where practitioner_id = ${practitioner.id}`)
    expect(count).toEqual({ n: 5 })
  })
})

describe('payouts', () => {
  it('refuses until the Connect account is enabled by account.updated', async () => {
    ctx.clock.set('2027-02-05T12:00:00Z')
    const t = await at(teacher)
    expect((await t.post('/practitioner/payouts/request', {})).body.code).toBe('payouts_disabled')
    const connected = await t.post('/practitioner/connect', {})
    expect(connected.status, JSON.stringify(connected.body)).toBe(200)
    expect(connected.body).toMatchObject({ payouts_enabled: false, onboarding_url: expect.stringMatching(/^https:\/\//) })
    accountId = connected.body.account_id
    // Asking again resumes the same account.
    expect((await t.post('/practitioner/connect', {})).body.account_id).toBe(accountId)
    expect((await t.post('/practitioner/payouts/request', {})).body.code).toBe('payouts_disabled')
    expect(await ctx.services.earnings.weeklyPayouts()).toBe(0)
    await fake().completeOnboarding(accountId)
    const [account] = await rows<{ payouts_enabled: boolean }>(sql`select payouts_enabled from payout_accounts where practitioner_id = ${practitioner.id}`)
    expect(account).toEqual({ payouts_enabled: true })
    expect(await rows(sql`select id from payouts where practitioner_id = ${practitioner.id}`)).toEqual([])
  })

  it('10 concurrent requests and the weekly job: exactly one payout, each earning in it once, one transfer, nothing left available', async () => {
    ctx.clock.set('2027-02-05T12:00:00Z')
    const t = await at(teacher)
    const transfersBefore = fake().calls.filter((c) => c.method === 'transfer').length
    const [answers, weekly] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => t.post('/practitioner/payouts/request', {}))),
      ctx.services.earnings.weeklyPayouts(),
    ])
    const made = answers.filter((a) => a.status === 201)
    expect(made.length + weekly).toBe(1)
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'below_minimum')).toBe(true)
    const payouts = await rows<{ id: string; amount: number; status: string; earning_count: number }>(
      sql`select id, amount, status, earning_count from payouts where practitioner_id = ${practitioner.id}`,
    )
    expect(payouts).toHaveLength(1)
    const payout = payouts[0]!
    const [paid] = await rows<{ n: number; net: string }>(sql`select count(*)::int as n, sum(net) as net from earnings where payout_id = ${payout.id}`)
    expect(payout).toMatchObject({ status: 'paid', earning_count: 5, amount: Number(paid!.net) })
    expect(paid!.n).toBe(5)
    expect(await rows(sql`select id from earnings where practitioner_id = ${practitioner.id} and payout_id is null`)).toEqual([])
    const transfers = fake()
      .calls.filter((c) => c.method === 'transfer')
      .slice(transfersBefore)
    expect(transfers).toEqual([{ method: 'transfer', idempotencyKey: `payout-${payout.id}` }])
    expect(await availableNet()).toBe(0)
    const summary = (await t.get('/practitioner/earnings/summary')).body
    expect(summary).toMatchObject({ available: { amount: 0 }, paid: { amount: payout.amount } })
  })

  it('below the minimum: 409 with what is available and what is missing', async () => {
    await completed(2_000, '2027-02-07T10:00', '2027-02-07T11:00')
    ctx.clock.set('2027-02-10T09:00:00Z')
    const early = await (await at(teacher)).post('/practitioner/payouts/request', {})
    expect([early.status, early.body.code]).toEqual([409, 'below_minimum'])
    expect(early.body.detail).toMatchObject({ available: { amount: 1_900 }, minimum: { amount: 5_000 }, missing: { amount: 3_100, currency: 'USD' } })
    expect(await rows(sql`select id from payouts where practitioner_id = ${practitioner.id} and status <> 'paid'`)).toEqual([])
  })

  it('a failed transfer gives the earnings back, and the next payout includes them once', async () => {
    const booking = await completed(20_000, '2027-02-10T10:00', '2027-02-10T11:00')
    ctx.clock.set('2027-02-13T12:00:00Z')
    fake().failTransfersTo(accountId)
    const t = await at(teacher)
    const failed = await t.post('/practitioner/payouts/request', {})
    expect(failed.status, JSON.stringify(failed.body)).toBe(201)
    expect(failed.body).toMatchObject({ status: 'failed', failure: { code: 'balance_insufficient' }, amount: { amount: 20_900 }, earnings: 2 })
    expect(await earningOf(booking)).toMatchObject({ status: 'available', payout_id: null })
    fake().failTransfersTo(null)
    const next = await t.post('/practitioner/payouts/request', {})
    expect(next.body).toMatchObject({ status: 'paid', amount: { amount: 20_900 }, earnings: 2 })
    expect(await earningOf(booking)).toMatchObject({ status: 'paid', payout_id: next.body.id })
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from payouts where status = 'paid' and practitioner_id = ${practitioner.id}`)
    expect(count).toEqual({ n: 2 })
    // The teacher heard of both, in the app and by email, once each.
    const told = await rows<{ template: string; channel: string; subject: string }>(
      sql`select template, channel, subject from notifications where subject_id in (${failed.body.id}, ${next.body.id}) order by template, channel`,
    )
    expect(told).toEqual([
      { template: 'payout_failed', channel: 'email', subject: 'Payout of $209.00 failed' },
      { template: 'payout_failed', channel: 'in_app', subject: 'Payout of $209.00 failed' },
      { template: 'payout_sent', channel: 'email', subject: 'Payout of $209.00 sent' },
      { template: 'payout_sent', channel: 'in_app', subject: 'Payout of $209.00 sent' },
    ])
  })

  it('a refund after the payout is a negative adjustment the next payout nets; nothing already written changes', async () => {
    const booking = await completed(100_000, '2027-02-15T10:00', '2027-02-15T11:00')
    ctx.clock.set('2027-02-18T12:00:00Z')
    const t = await at(teacher)
    expect((await t.post('/practitioner/payouts/request', {})).body).toMatchObject({ status: 'paid', amount: { amount: 95_000 } })
    const before = await rows(sql`select * from earnings where practitioner_id = ${practitioner.id} order by id`)
    const refund = await t.post(`/reservations/${booking}/refund`, { amount: 40_000, reason: 'the hour was cut short' })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    await fake().drain()
    await ctx.services.relay.drain()
    const after = await rows<{ id: string }>(sql`select * from earnings where practitioner_id = ${practitioner.id} order by id`)
    expect(after.filter((row) => before.some((b) => (b as { id: string }).id === row.id))).toEqual(before)
    const [adjustment] = await rows<{ gross: number; commission: number; net: number; status: string }>(
      sql`select gross, commission, net, status from earnings where reservation_id = ${booking} and kind = 'adjustment'`,
    )
    expect(adjustment).toEqual({ gross: -40_000, commission: -2_000, net: -38_000, status: 'available' })
    await completed(60_000, '2027-02-20T10:00', '2027-02-20T11:00')
    ctx.clock.set('2027-02-23T12:00:00Z')
    const netted = await (await at(teacher)).post('/practitioner/payouts/request', {})
    expect(netted.body).toMatchObject({ status: 'paid', amount: { amount: 57_000 - 38_000 }, earnings: 2 })
    const ledger = (await (await at(teacher)).get('/practitioner/transactions?page_size=100')).body
    expect(ledger.results.map((r: { kind: string }) => r.kind)).toEqual(expect.arrayContaining(['earning', 'adjustment', 'payout']))
  })
})

describe('a transfer Stripe reverses', () => {
  it('ends the payout failed, owes its earnings again to the next payout; a partial reversal waits for a person', async () => {
    const booking = await completed(50_000, '2027-02-21T10:00', '2027-02-21T11:00')
    ctx.clock.set('2027-02-24T09:00:00Z')
    const t = await at(teacher)
    const paid = await t.post('/practitioner/payouts/request', {})
    expect(paid.body).toMatchObject({ status: 'paid', amount: { amount: 47_500 }, earnings: 1 })
    await fake().reverseTransfer(paid.body.transfer_id)
    const [reversed] = await rows<{ status: string; failure_code: string }>(sql`select status, failure_code from payouts where id = ${paid.body.id}`)
    expect(reversed).toEqual({ status: 'failed', failure_code: 'transfer_reversed' })
    expect(await earningOf(booking)).toMatchObject({ status: 'available', payout_id: null })
    // The same webhook again changes nothing.
    await fake().reverseTransfer(paid.body.transfer_id)
    const again = await t.post('/practitioner/payouts/request', {})
    expect(again.body).toMatchObject({ status: 'paid', amount: { amount: 47_500 }, earnings: 1 })
    expect(await earningOf(booking)).toMatchObject({ status: 'paid', payout_id: again.body.id })
    await fake().reverseTransfer(again.body.transfer_id, 1_000)
    expect((await rows<{ status: string }>(sql`select status from payouts where id = ${again.body.id}`))[0]).toEqual({ status: 'paid' })
    const logged = await rows<{ code: string }>(sql`select code from payment_log where kind = 'error' and code = 'transfer_partially_reversed'`)
    expect(logged).toHaveLength(1)
  })
})

describe('who sees the money', () => {
  it('another practitioner’s staff and customers get 404; only admins hold payouts, and a hold stops them', async () => {
    ctx.clock.set('2027-02-23T12:00:00Z')
    const other = await f.newCustomer('Other teacher')
    const applied = await (
      await at(other)
    ).post('/practitioners/apply', { display_name: 'Other', locations: [{ is_virtual: true }], timezone: ZONE, currency: 'USD' })
    expect(applied.status).toBe(201)
    for (const path of ['/practitioner/earnings', '/practitioner/earnings/summary', '/practitioner/payouts', '/practitioner/transactions']) {
      expect((await (await at(other)).get(`${path}?practitioner_id=${practitioner.id}`)).status).toBe(404)
      expect((await (await at(customer)).get(`${path}?practitioner_id=${practitioner.id}`)).status).toBe(404)
      // Their own (empty) books are theirs to read.
      expect((await (await at(other)).get(path)).status).toBe(200)
    }
    expect((await (await at(customer)).post('/practitioner/payouts/request', { practitioner_id: practitioner.id })).status).toBe(404)
    expect((await (await at(teacher)).put(`/practitioners/${practitioner.id}/payouts-hold`, { held: true })).status).toBe(403)
    const held = await (await at(admin)).put(`/practitioners/${practitioner.id}/payouts-hold`, { held: true, reason: 'chargeback review' })
    expect(held.body).toMatchObject({ held: true, reason: 'chargeback review' })
    await completed(80_000, '2027-02-24T10:00', '2027-02-24T11:00')
    ctx.clock.set('2027-02-27T12:00:00Z')
    expect((await (await at(teacher)).post('/practitioner/payouts/request', {})).body.code).toBe('payouts_held')
    expect(await ctx.services.earnings.weeklyPayouts()).toBe(0)
    await (await at(admin)).put(`/practitioners/${practitioner.id}/payouts-hold`, { held: false })
    expect(await ctx.services.earnings.weeklyPayouts()).toBe(1)
  })

  it('the reservation’s payment log and audit trail: staff and admins read the log, its customer the trail', async () => {
    const booking = await completed(10_000, '2027-03-01T10:00', '2027-03-01T11:00')
    const log = await (await at(teacher)).get(`/reservations/${booking}/payment-log`)
    expect(log.status).toBe(200)
    expect(log.body.results.map((l: { kind: string }) => l.kind)).toEqual(expect.arrayContaining(['intent_created', 'intent_succeeded', 'webhook_received']))
    expect(log.body.results.find((l: { kind: string }) => l.kind === 'intent_succeeded').raw).toMatchObject({ object: 'payment_intent', status: 'succeeded' })
    expect((await (await at(customer)).get(`/reservations/${booking}/payment-log`)).status).toBe(404)
    const trail = await (await at(customer)).get(`/reservations/${booking}/history`)
    expect(trail.body.results.map((s: { to: string }) => s.to)).toEqual(['pending', 'awaiting_payment', 'confirmed', 'checked_in', 'completed'])
    expect(trail.body.results[4]).toMatchObject({ from: 'checked_in', actor_id: teacher.id })
  })
})

describe('the practitioner hears', () => {
  it('when earnings clear (once per run), and when a customer reviews them', async () => {
    const booking = await completed(30_000, '2027-03-20T10:00', '2027-03-20T11:00')
    ctx.clock.set('2027-03-23T12:00:00Z')
    await ctx.services.earnings.clearAndRetry()
    await ctx.services.earnings.clearAndRetry()
    const cleared = await rows<{ subject: string; user_id: string }>(
      sql`select subject, user_id from notifications where template = 'earnings_available' and channel = 'in_app' and created_at = ${new Date('2027-03-23T12:00:00Z').toISOString()}`,
    )
    // One message for what cleared together: this booking's 285.00 and March 1st's 95.00.
    expect(cleared).toEqual([{ subject: '$380.00 is now available', user_id: teacher.id }])
    const review = await (await at(customer)).post('/reviews', { reservation_id: booking, rating: 4, text: 'Clear and kind' })
    expect(review.status, JSON.stringify(review.body)).toBe(201)
    const reviewed = await rows<{ subject: string; channel: string }>(
      sql`select subject, channel from notifications where template = 'review_received' and subject_id = ${review.body.id} order by channel`,
    )
    expect(reviewed).toEqual([
      { subject: 'A new 4-star review', channel: 'email' },
      { subject: 'A new 4-star review', channel: 'in_app' },
    ])
  })
})

describe('analytics', () => {
  it('counts bookings, revenue and earnings per local month, and a DST day is one 23-hour bucket', async () => {
    const t = await at(teacher)
    const months = await t.get('/practitioner/analytics?from=2027-01-01&to=2027-02-28&interval=month')
    expect(months.status, JSON.stringify(months.body)).toBe(200)
    const [january, february] = months.body.results
    // Five sessions started in January (two on the 31st, one of them completed in February).
    expect(january).toMatchObject({ period: '2027-01-01', bookings: 5, revenue: { amount: 800_000, currency: 'USD' }, cancellations: 0 })
    // Earnings by the month they were written: four in January, at 15,000 + 15,000 + 4,000 + 2,000 commission.
    expect(january.earnings).toMatchObject({ gross: { amount: 750_000 }, commission: { amount: 36_000 } })
    expect(january.start).toBe('2027-01-01T05:00:00.000Z')
    expect(february.earnings.gross.amount).toBeGreaterThan(0)
    // 22:30 on March 14th (the day clocks go forward) is 02:30 UTC on the 15th: it counts on the 14th.
    await completed(10_000, '2027-03-14T22:30', '2027-03-14T23:30')
    const days = await (await at(teacher)).get(`/venues/${practitioner.venue_id}/analytics?from=2027-03-13&to=2027-03-15`)
    expect(days.status, JSON.stringify(days.body)).toBe(200)
    expect(days.body.count).toBe(3)
    expect(days.body.results[1]).toEqual({
      period: '2027-03-14',
      start: '2027-03-14T05:00:00.000Z',
      end: '2027-03-15T04:00:00.000Z',
      bookings: 1,
      revenue: { amount: 10_000, currency: 'USD' },
      cancellations: 0,
    })
    expect(days.body.results[2]).toMatchObject({ period: '2027-03-15', bookings: 0 })
    expect((await (await at(customer)).get(`/venues/${practitioner.venue_id}/analytics?from=2027-03-13&to=2027-03-15`)).status).toBe(403)
    expect((await (await at(customer)).get(`/practitioner/analytics?from=2027-03-13&to=2027-03-15&practitioner_id=${practitioner.id}`)).status).toBe(404)
  })
})

describe('practitioner subscriptions (Stripe Billing)', () => {
  it('a plan lowers the commission and features the practitioner exactly while its subscription is active', async () => {
    ctx.clock.set('2027-04-01T12:00:00Z')
    const plan = await (
      await at(admin)
    ).post('/subscription-plans', {
      name: 'Studio',
      price: { amount: 2900, currency: 'USD' },
      interval: 'month',
      commission_discount_percent: 1,
      features: true,
    })
    expect(plan.status, JSON.stringify(plan.body)).toBe(201)
    expect((await client(ctx).get('/subscription-plans')).body.results.map((p: { id: string }) => p.id)).toContain(plan.body.id)
    expect((await (await at(customer)).post('/subscription-plans', { name: 'Mine', price: { amount: 0, currency: 'USD' }, interval: 'month' })).status).toBe(
      403,
    )

    const t = await at(teacher)
    const subscribed = await t.post('/practitioner/subscription', { plan_id: plan.body.id })
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201)
    expect(subscribed.body).toMatchObject({ status: 'incomplete', client_secret: expect.any(String) })
    expect((await t.post('/practitioner/subscription', { plan_id: plan.body.id })).body.code).toBe('already_subscribed')
    const state = async () =>
      (
        await rows<{ status: string; stripe_subscription_id: string; featured: boolean }>(
          sql`select s.status, s.stripe_subscription_id, p.is_featured as featured from practitioner_subscriptions s join practitioners p on p.id = s.practitioner_id
            where s.id = ${subscribed.body.id}`,
        )
      )[0]!
    const { stripe_subscription_id: subId } = await state()
    expect(await state()).toMatchObject({ status: 'incomplete', featured: false })

    // The first invoice is paid: active, featured, and the next booking pays 5 % − 1 %.
    await fake().billSubscription(subId)
    expect(await state()).toMatchObject({ status: 'active', featured: true })
    const discounted = await completed(10_000, '2027-04-05T10:00', '2027-04-05T11:00')
    expect(await earningOf(discounted)).toMatchObject({ rate_bp: 400, commission: 400 })
    expect((await (await at(teacher)).get('/practitioner/earnings/summary')).body.commission_rate_percent).toBe(4)

    // A renewal is declined: past due, no longer featured, and the standard rate again.
    await fake().billSubscription(subId, { fail: true })
    expect(await state()).toMatchObject({ status: 'past_due', featured: false })
    const standard = await completed(10_000, '2027-04-06T10:00', '2027-04-06T11:00')
    expect(await earningOf(standard)).toMatchObject({ rate_bp: 500 })
    await fake().billSubscription(subId)
    expect(await state()).toMatchObject({ status: 'active', featured: true })

    // Someone else's staff see nothing of it; cancelling ends it through the webhook.
    const other = await f.newCustomer('Nosy teacher')
    expect((await (await at(other)).get(`/practitioner/subscription?practitioner_id=${practitioner.id}`)).status).toBe(404)
    const cancelled = await (await at(teacher)).delete('/practitioner/subscription')
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    await fake().drain()
    expect(await state()).toMatchObject({ status: 'canceled', featured: false })
    expect((await (await at(teacher)).get('/practitioner/subscription')).status).toBe(404)
    expect((await (await at(teacher)).post('/practitioner/subscription', { plan_id: plan.body.id })).status).toBe(201)
  })
})
