import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'Europe/Lisbon'
const NOW = '2027-05-03T08:00:00Z'

let ctx: TestContext
let f: Factories
let admin: Actor
let teacher: Actor
let practitioner: { id: string; venue_id: string }
let workshop: { id: string }
let session: { id: string }
let occurrences: { id: string }[]

const as = (actor: Actor) => client(ctx, actor.access)
const book = (actor: Actor, item: Record<string, unknown>) => as(actor).post('/reservations', { venue_id: practitioner.venue_id, items: [item] })
const rows = <T>(query: ReturnType<typeof sql>) => rowsOf<T>(ctx.deps.db, query)
const one = async <T>(query: ReturnType<typeof sql>) => (await rows<T>(query))[0]!

async function newService(extra: Record<string, unknown>) {
  const res = await as(teacher).post('/services', {
    practitioner_id: practitioner.id,
    type: 'workshop',
    title: 'Flow',
    category: 'Yoga',
    price: { amount: 2000, currency: 'EUR' },
    duration_minutes: 60,
    ...extra,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string }
}

async function newPackage(body: Record<string, unknown>, kind: 'packages' | 'bundles' = 'packages', who = teacher) {
  return as(who).post(`/practitioners/${practitioner.id}/${kind}`, { name: 'Three classes', valid_for_days: 30, ...body })
}

/** A package of `sessions` workshop seats, bought and paid at once; answers the buyer's entitlement. */
async function boughtEntitlement(buyer: Actor, sessions: number, serviceId = workshop.id) {
  const pkg = await newPackage({ items: [{ service_id: serviceId, sessions }], discount_percent: 10 })
  expect(pkg.status, JSON.stringify(pkg.body)).toBe(201)
  const bought = await as(buyer).post(`/packages/${pkg.body.id}/purchase`, { auto_confirm: true })
  expect(bought.status, JSON.stringify(bought.body)).toBe(201)
  return one<{ id: string; total: number; used: number }>(
    sql`select id, total, used from entitlements where purchase_id = ${bought.body.reservation_id} and service_id = ${serviceId}`,
  )
}

const usedOf = async (id: string) => (await one<{ used: number }>(sql`select used from entitlements where id = ${id}`)).used

/** Active items redeeming the entitlement: what `used` must equal while nothing was consumed for good. */
const activeRedemptions = async (id: string) =>
  (await one<{ n: number }>(sql`select coalesce(sum(quantity), 0)::int as n from reservation_items where entitlement_id = ${id} and active`)).n

beforeAll(async () => {
  ;({ ctx, f, admin, teacher } = await scene({ at: NOW, admin: true, customers: { teacher: 'Ana' }, config: { allowAutoConfirm: true } }))
  const applied = await as(teacher).post('/practitioners/apply', {
    display_name: 'Ana Yoga',
    locations: [{ city: 'Lisbon', is_virtual: false }],
    timezone: ZONE,
    currency: 'EUR',
  })
  practitioner = applied.body
  await as(admin).post(`/practitioners/${practitioner.id}/verify`)
  await as(teacher).post(`/practitioners/${practitioner.id}/schedule`, { hours: everyDay('09:00', '18:00') })
  workshop = await newService({ max_participants: 20 })
  session = await newService({ type: 'session', title: 'Private class', price: { amount: 5000, currency: 'EUR' } })
  const scheduled = await as(teacher).post(`/services/${workshop.id}/schedule`, {
    occurrences: [10, 11, 12, 13, 14].map((day) => ({ start: local(ZONE, `2027-05-${day}T10:00`), end: local(ZONE, `2027-05-${day}T11:00`) })),
  })
  expect(scheduled.status).toBe(201)
  occurrences = scheduled.body.occurrences
})
afterAll(() => ctx.close())

describe('defining packages and bundles', () => {
  it('prices a package at its discount and a bundle at its price, with the saving, and lists them publicly', async () => {
    const pkg = await newPackage({ items: [{ service_id: workshop.id, sessions: 3 }], discount_percent: 10 })
    expect(pkg.status, JSON.stringify(pkg.body)).toBe(201)
    expect(pkg.body).toMatchObject({
      kind: 'package',
      discount_percent: 10,
      list_price: { amount: 6000, currency: 'EUR' },
      price: { amount: 5400, currency: 'EUR' },
      saving: { amount: 600, currency: 'EUR' },
      valid_for_days: 30,
      items: [{ service_id: workshop.id, sessions: 3, unit_price: { amount: 2000, currency: 'EUR' }, on_sale: true }],
    })
    const bundle = await newPackage(
      {
        items: [
          { service_id: session.id, sessions: 2 },
          { service_id: workshop.id, sessions: 2 },
        ],
        price: { amount: 10000, currency: 'EUR' },
      },
      'bundles',
    )
    expect(bundle.status, JSON.stringify(bundle.body)).toBe(201)
    expect(bundle.body).toMatchObject({
      kind: 'bundle',
      discount_percent: null,
      list_price: { amount: 14000 },
      price: { amount: 10000 },
      saving: { amount: 4000 },
    })
    const listed = await client(ctx).get(`/practitioners/${practitioner.id}/bundles`)
    expect(listed.status).toBe(200)
    expect(listed.body.results.map((b: { id: string }) => b.id)).toContain(bundle.body.id)
    expect(listed.body.results.every((b: { kind: string }) => b.kind === 'bundle')).toBe(true)
    const stored = await one<{ n: number }>(sql`select count(*)::int as n from package_items where package_id = ${bundle.body.id}`)
    expect(stored.n).toBe(2)
  })

  it('only the practitioner’s own staff define them, from their own services, in their currency', async () => {
    const before = await one<{ n: number }>(sql`select count(*)::int as n from packages`)
    const stranger = await f.newCustomer('Stranger')
    const other = await newPackage({ items: [{ service_id: workshop.id, sessions: 1 }], discount_percent: 5 }, 'packages', stranger)
    expect(other.status).toBe(403)
    // Another verified practitioner's owner neither defines packages here nor puts Ana's services in their own.
    const rival = await f.newCustomer('Rival')
    const rivalProfile = await as(rival).post('/practitioners/apply', {
      display_name: 'Rival Yoga',
      locations: [{ is_virtual: true }],
      timezone: ZONE,
      currency: 'EUR',
    })
    await as(admin).post(`/practitioners/${rivalProfile.body.id}/verify`)
    expect((await newPackage({ items: [{ service_id: workshop.id, sessions: 1 }], discount_percent: 5 }, 'packages', rival)).status).toBe(403)
    const borrowed = await as(rival).post(`/practitioners/${rivalProfile.body.id}/bundles`, {
      name: 'Borrowed',
      items: [{ service_id: workshop.id, sessions: 1 }],
      price: { amount: 100, currency: 'EUR' },
      valid_for_days: 10,
    })
    expect([borrowed.status, borrowed.body.detail]).toEqual([400, { field: 'items.0.service_id' }])
    const dollars = await newPackage({ items: [{ service_id: workshop.id, sessions: 1 }], price: { amount: 100, currency: 'USD' } }, 'bundles')
    expect(dollars.status).toBe(400)
    const twice = await newPackage({
      items: [
        { service_id: workshop.id, sessions: 1 },
        { service_id: workshop.id, sessions: 2 },
      ],
      discount_percent: 5,
    })
    expect(twice.body.detail).toMatchObject({ reason: 'duplicate_service' })
    const foreign = await newPackage({ items: [{ service_id: '00000000-0000-4000-8000-000000000000', sessions: 1 }], discount_percent: 5 })
    expect(foreign.status).toBe(400)
    expect((await one<{ n: number }>(sql`select count(*)::int as n from packages`)).n).toBe(before.n)
  })
})

describe('buying', () => {
  it('a card payment through the verified webhook grants the entitlements; an unpaid hold grants none', async () => {
    const pkg = await newPackage({ items: [{ service_id: workshop.id, sessions: 4 }], discount_percent: 25, valid_for_days: 60 })
    const buyer = await f.newCustomer('Buyer')
    const opened = await as(buyer).post(`/packages/${pkg.body.id}/purchase`, {})
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    expect(opened.body).toMatchObject({ status: 'pending', reservation_status: 'awaiting_payment', amount: { amount: 6000, currency: 'EUR' } })
    const purchase = opened.body.reservation_id as string
    expect(await rows(sql`select id from entitlements where purchase_id = ${purchase}`)).toEqual([])
    await fakeOf(ctx).pay(opened.body.payment_intent_id)
    const granted = await one<{ total: number; used: number; user_id: string; expires_at: Date }>(
      sql`select total, used, user_id, expires_at from entitlements where purchase_id = ${purchase}`,
    )
    expect(granted).toMatchObject({ total: 4, used: 0, user_id: buyer.id })
    expect(new Date(granted.expires_at).toISOString()).toBe(new Date(Date.parse(NOW) + 60 * 86_400_000).toISOString())
    const mine = await as(buyer).get('/entitlements')
    expect(mine.body.results).toEqual([
      expect.objectContaining({ service_id: workshop.id, sessions_total: 4, sessions_left: 4, status: 'active', purchase_id: purchase }),
    ])
    // Someone else sees none of them.
    expect((await as(teacher).get('/entitlements')).body.results.some((e: { purchase_id: string }) => e.purchase_id === purchase)).toBe(false)

    const idle = await f.newCustomer('Idle')
    const unpaid = await as(idle).post(`/packages/${pkg.body.id}/purchase`, {})
    ctx.clock.advance(16 * 60_000)
    await ctx.services.reservations.expireLapsedHolds()
    expect((await one<{ status: string }>(sql`select status from reservations where id = ${unpaid.body.reservation_id}`)).status).toBe('expired')
    expect(await rows(sql`select id from entitlements where purchase_id = ${unpaid.body.reservation_id}`)).toEqual([])
    ctx.clock.set(NOW)
  })

  it('a bundle is paid in full even where the venue takes deposits, and a paid purchase is not cancelled like a booking', async () => {
    const bundle = await newPackage({ items: [{ service_id: session.id, sessions: 2 }], price: { amount: 7000, currency: 'EUR' } }, 'bundles')
    const buyer = await f.newCustomer('Bundle buyer')
    const bought = await as(buyer).post(`/bundles/${bundle.body.id}/purchase`, { auto_confirm: true })
    expect(bought.body).toMatchObject({ status: 'succeeded', reservation_status: 'confirmed', amount: { amount: 7000 } })
    const cancel = await as(buyer).post(`/reservations/${bought.body.reservation_id}/cancel`, {})
    expect(cancel.status).toBe(409)
    expect(cancel.body.code).toBe('purchase_final')
    expect((await one<{ status: string }>(sql`select status from reservations where id = ${bought.body.reservation_id}`)).status).toBe('confirmed')
    // A package is not bought through its bundle's route, nor the other way round.
    expect((await as(buyer).post(`/packages/${bundle.body.id}/purchase`, {})).status).toBe(404)
  })
})

describe('redeeming', () => {
  it('10 concurrent bookings redeeming a 3-session package: exactly 3, used = 3; cancelling one within policy gives it back', async () => {
    const buyer = await f.newCustomer('Regular')
    const entitlement = await boughtEntitlement(buyer, 3)
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => book(buyer, { kind: 'seat', occurrence_id: occurrences[i % 5]!.id, quantity: 1, entitlement_id: entitlement.id })),
    )
    const made = answers.filter((a) => a.status === 201)
    expect(made).toHaveLength(3)
    expect(answers.filter((a) => a.status !== 201).map((a) => a.body.code)).toEqual(Array(7).fill('entitlement_used_up'))
    expect(await usedOf(entitlement.id)).toBe(3)
    expect(await activeRedemptions(entitlement.id)).toBe(3)
    expect(made[0]!.body.total).toEqual({ amount: 0, currency: 'EUR' })
    expect(made[0]!.body.items[0]).toMatchObject({ kind: 'seat', entitlement_id: entitlement.id, price: { amount: 0 } })
    // Nothing to pay: checkout confirms without a card.
    for (const m of made) {
      const paid = await as(buyer).post(`/reservations/${m.body.id}/checkout`, {})
      expect(paid.body).toMatchObject({ status: 'succeeded', reservation_status: 'confirmed', amount: { amount: 0 } })
    }
    const cancelled = await as(buyer).post(`/reservations/${made[0]!.body.id}/cancel`, {})
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect(await usedOf(entitlement.id)).toBe(2)
    expect(await activeRedemptions(entitlement.id)).toBe(2)
    // Cancelling again changes nothing.
    expect((await as(buyer).post(`/reservations/${made[0]!.body.id}/cancel`, {})).status).toBe(409)
    expect(await usedOf(entitlement.id)).toBe(2)
    // The session given back can be booked again.
    expect((await book(buyer, { kind: 'seat', occurrence_id: occurrences[4]!.id, quantity: 1, entitlement_id: entitlement.id })).status).toBe(201)
    expect(await usedOf(entitlement.id)).toBe(3)
  })

  it('a lapsed hold gives its session back; a no-show keeps it spent', async () => {
    const buyer = await f.newCustomer('Forgetful')
    const entitlement = await boughtEntitlement(buyer, 2)
    const held = await book(buyer, { kind: 'seat', occurrence_id: occurrences[0]!.id, quantity: 1, entitlement_id: entitlement.id })
    expect(held.status).toBe(201)
    expect(await usedOf(entitlement.id)).toBe(1)
    ctx.clock.advance(16 * 60_000)
    await ctx.services.reservations.expireLapsedHolds()
    expect(await usedOf(entitlement.id)).toBe(0)

    const kept = await book(buyer, { kind: 'seat', occurrence_id: occurrences[0]!.id, quantity: 1, entitlement_id: entitlement.id })
    await as(buyer).post(`/reservations/${kept.body.id}/checkout`, {})
    ctx.clock.set(local(ZONE, '2027-05-10T10:30'))
    const absent = await client(ctx, await tokenAt(ctx, teacher)).post(`/reservations/${kept.body.id}/no-show`, {})
    expect(absent.status, JSON.stringify(absent.body)).toBe(200)
    expect(await usedOf(entitlement.id)).toBe(1)
    ctx.clock.set(NOW)
  })

  it('a 1:1 session redeems one too, and keeps it when rescheduled', async () => {
    const buyer = await f.newCustomer('Private')
    const entitlement = await boughtEntitlement(buyer, 1, session.id)
    const held = await book(buyer, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-05-20T09:00'), entitlement_id: entitlement.id })
    expect(held.status, JSON.stringify(held.body)).toBe(201)
    expect(held.body.total.amount).toBe(0)
    const moved = await as(buyer).post(`/reservations/${held.body.id}/reschedule`, { item_id: held.body.items[0].id, start: local(ZONE, '2027-05-21T09:00') })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.total.amount).toBe(0)
    expect(moved.body.items[0]).toMatchObject({ entitlement_id: entitlement.id, price: { amount: 0 } })
    expect(await usedOf(entitlement.id)).toBe(1)
  })

  it('someone else’s, another service’s and an expired entitlement redeem nothing; the lapse job marks the expired', async () => {
    const owner = await f.newCustomer('Owner')
    const other = await f.newCustomer('Other')
    const entitlement = await boughtEntitlement(owner, 2)
    const june = await as(teacher).post(`/services/${workshop.id}/schedule`, {
      occurrences: [{ start: local(ZONE, '2027-06-20T10:00'), end: local(ZONE, '2027-06-20T11:00') }],
    })
    const theirs = await book(other, { kind: 'seat', occurrence_id: occurrences[1]!.id, quantity: 1, entitlement_id: entitlement.id })
    expect(theirs.status).toBe(404)
    const wrong = await book(owner, { kind: 'session', service_id: session.id, start: local(ZONE, '2027-05-22T09:00'), entitlement_id: entitlement.id })
    expect(wrong.status).toBe(404)
    expect(await usedOf(entitlement.id)).toBe(0)
    ctx.clock.advance(31 * 86_400_000)
    const later = client(ctx, await tokenAt(ctx, owner))
    const late = await later.post('/reservations', {
      venue_id: practitioner.venue_id,
      items: [{ kind: 'seat', occurrence_id: june.body.occurrences[0].id, quantity: 1, entitlement_id: entitlement.id }],
    })
    expect([late.status, late.body.code]).toEqual([409, 'entitlement_expired'])
    expect(await ctx.services.packages.lapseExpired()).toBeGreaterThanOrEqual(1)
    expect((await one<{ lapsed: boolean }>(sql`select lapsed_at is not null as lapsed from entitlements where id = ${entitlement.id}`)).lapsed).toBe(true)
    expect(await ctx.services.packages.lapseExpired()).toBe(0)
    expect((await later.get('/entitlements')).body.results.find((e: { id: string }) => e.id === entitlement.id).status).toBe('expired')
    ctx.clock.set(NOW)
  })

  it('a cancellation past the policy’s last refunding tier keeps the session spent; the venue cancelling gives it back', async () => {
    const policy = { tiers: [{ hours_before: 48, refund_percent: 100 }], no_show_percent: 0 }
    expect((await as(teacher).patch(`/venues/${practitioner.venue_id}`, { cancellation_policy: policy, deposit_percent: 50 })).status).toBe(200)
    const buyer = await f.newCustomer('Late')
    const entitlement = await boughtEntitlement(buyer, 2)
    // Paid in full (two seats at 20.00 less 10 %), not the venue's 50 % deposit.
    const paid = await one<{ amount: number }>(
      sql`select p.amount from payments p join entitlements e on e.purchase_id = p.reservation_id where e.id = ${entitlement.id}`,
    )
    expect(paid).toEqual({ amount: 3600 })
    const [late, early] = await Promise.all(
      [occurrences[3]!, occurrences[4]!].map((o) => book(buyer, { kind: 'seat', occurrence_id: o.id, quantity: 1, entitlement_id: entitlement.id })),
    )
    for (const r of [late!, early!]) await as(buyer).post(`/reservations/${r.body.id}/checkout`, {})
    expect(await usedOf(entitlement.id)).toBe(2)
    // A day before the 13th: past the 48-hour tier, the customer's cancellation refunds nothing and keeps it.
    ctx.clock.set(local(ZONE, '2027-05-12T10:00'))
    const buyerNow = client(ctx, await tokenAt(ctx, buyer))
    expect((await buyerNow.post(`/reservations/${late!.body.id}/cancel`, {})).status).toBe(200)
    expect(await usedOf(entitlement.id)).toBe(2)
    // The practitioner cancelling the 14th gives it back, whatever the policy.
    expect((await client(ctx, await tokenAt(ctx, teacher)).post(`/reservations/${early!.body.id}/cancel`, { reason: 'ill' })).status).toBe(200)
    expect(await usedOf(entitlement.id)).toBe(1)
    expect(await activeRedemptions(entitlement.id)).toBe(0)
    ctx.clock.set(NOW)
  })
})
