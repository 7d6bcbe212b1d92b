import fc from 'fast-check'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RatePlan, RoomType } from '../../src/modules/stays/room-types.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, tokenAt, type Actor } from '../helpers/factories.js'
import { stay } from '../helpers/stays.js'
import { scene, type Factories, type StayFactories } from '../helpers/scene.js'

/**
 * Quote, reservation and search price a stay the same way, and the way the pricing rules say.
 * Each run builds a fresh hotel (so runs do not interfere and shrinking replays cleanly),
 * posts random rules through the API as a manager, then quotes, books and searches random
 * stays. The expected night prices come from a model written here from the contract, not
 * from src/modules/pricing/stay-price.ts.
 */

const NOW = '2027-11-15T10:00:00Z'
// The loaded calendar: crosses a year end, a leap day and the EU DST weekend (Sun 26 Mar 2028).
const FIRST = '2027-12-20'
const LAST = '2028-04-05'
const DAY = 86_400_000
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const dayOf = (i: number) => addDays(FIRST, i)
const indexOf = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${FIRST}T00:00:00Z`)) / DAY
const NIGHTS = indexOf(LAST) + 1
const CURRENCY = 'EUR'
const NUM_RUNS = Number(process.env.QUOTE_PROPERTY_RUNS ?? 60)

let ctx: TestContext, f: Factories, s: StayFactories, guest: Actor

beforeAll(async () => ({ ctx, f, stays: s, guest } = await scene({ at: NOW, customers: { guest: 'Test User' } })))
afterAll(() => ctx.close())

// ---------------------------------------------------------------------------------------------
// The model: how a night is priced, from the contract (precedence and tie-breaks as documented).

interface ModelRule {
  id: string
  kind: 'season' | 'weekday' | 'override'
  name: string
  roomTypeId: string | null
  ratePlanId: string | null
  startsOn: string | null
  endsOn: string | null
  weekdays: number[] | null
  amount: number | null
  percent: number | null
  priority: number
  createdAt: number
}

/** Half up on integers: the nearest integer to amount × (100 + percent) / 100, .5 going up. */
function percentOf(amount: number, percent: number): number {
  const hundredths = amount * (100 + percent)
  const rest = hundredths % 100
  return (hundredths - rest) / 100 + (rest >= 50 ? 1 : 0)
}

function modelNight(night: string, type: RoomType, plan: RatePlan | null, rules: readonly ModelRule[]): { amount: number; rule: string } {
  const weekday = DateTime.fromISO(night, { zone: 'UTC' }).weekday
  const fits = rules.filter(
    (r) =>
      (r.roomTypeId === null || r.roomTypeId === type.id) &&
      (r.ratePlanId === null || r.ratePlanId === plan?.id) &&
      (r.startsOn === null || r.startsOn <= night) &&
      (r.endsOn === null || night <= r.endsOn) &&
      (r.weekdays === null || r.weekdays.includes(weekday)),
  )
  const specificity = (r: ModelRule) => (r.ratePlanId !== null ? 2 : 0) + (r.roomTypeId !== null ? 1 : 0)
  const best = (kind: ModelRule['kind']) =>
    fits
      .filter((r) => r.kind === kind)
      .sort((a, b) => b.priority - a.priority || specificity(b) - specificity(a) || b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))[0]
  const override = best('override')
  if (override) return { amount: override.amount!, rule: `override:${override.name}` }
  let amount = type.baseRate
  const steps: string[] = []
  for (const kind of ['season', 'weekday'] as const) {
    const r = best(kind)
    if (!r) continue
    amount = r.amount !== null ? r.amount : percentOf(amount, r.percent!)
    steps.push(`${kind}:${r.name}`)
  }
  if (plan && plan.adjustmentPercent !== 0) {
    amount = percentOf(amount, plan.adjustmentPercent)
    steps.push(`rate_plan:${plan.name}`)
  }
  return { amount, rule: steps.length ? steps.join('+') : 'base_rate' }
}

// ---------------------------------------------------------------------------------------------
// Generators. Indices are drawn wide and reduced modulo what exists, so they shrink well.

const arbRoomType = fc.record({
  baseRate: fc.integer({ min: 0, max: 30000 }),
  maxOccupancy: fc.integer({ min: 1, max: 4 }),
  plans: fc.array(fc.integer({ min: -50, max: 100 }), { maxLength: 2 }),
})

const arbRule = fc.record({
  kind: fc.constantFrom<ModelRule['kind']>('season', 'weekday', 'override'),
  type: fc.nat(9),
  plan: fc.nat(9),
  scope: fc.constantFrom('venue', 'type', 'plan', 'type+plan'),
  // Dates: mostly near one of the stays (so rules and stays meet), sometimes anywhere.
  start: fc.oneof(fc.record({ stay: fc.nat(9), offset: fc.integer({ min: -6, max: 4 }) }), fc.record({ day: fc.integer({ min: -10, max: NIGHTS - 1 }) })),
  length: fc.integer({ min: 0, max: 30 }),
  weekdays: fc.oneof(fc.constant([6, 7]), fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })),
  weekdayDates: fc.boolean(),
  effect: fc.oneof(fc.record({ amount: fc.integer({ min: 0, max: 30000 }) }), fc.record({ percent: fc.integer({ min: -100, max: 200 }) })),
  priority: fc.integer({ min: -2, max: 2 }),
  // Advance the clock before creating the rule, or create it at the same instant as the last.
  tick: fc.boolean(),
})

const arbStay = fc.record({
  type: fc.nat(9),
  plan: fc.option(fc.nat(9), { nil: undefined }),
  // Arrivals anywhere, and often just before the year end, the leap day or the DST weekend.
  arrival: fc.oneof(fc.nat(NIGHTS - 1), fc.constantFrom(...['2027-12-29', '2028-02-26', '2028-03-23'].map(indexOf))),
  nights: fc.integer({ min: 1, max: 7 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  guests: fc.nat(20),
})

const arbScenario = fc.record({
  types: fc.array(arbRoomType, { minLength: 1, maxLength: 2 }),
  rules: fc.array(arbRule, { maxLength: 10 }),
  stays: fc.array(arbStay, { minLength: 1, maxLength: 2 }),
})
type Scenario = typeof arbScenario extends fc.Arbitrary<infer T> ? T : never

// ---------------------------------------------------------------------------------------------

interface Hotel {
  hotel: Venue
  types: { type: RoomType; plans: RatePlan[] }[]
  rules: ModelRule[]
}

async function buildHotel(sc: Scenario): Promise<Hotel> {
  ctx.clock.set(NOW)
  const hotel = await s.newHotel({ currency: CURRENCY })
  const types: Hotel['types'] = []
  for (const [i, t] of sc.types.entries()) {
    const type = await s.newRoomType(hotel, { name: `Type ${i}`, totalUnits: 1000, baseRate: t.baseRate, maxOccupancy: t.maxOccupancy })
    const plans: RatePlan[] = []
    for (const [j, adjustmentPercent] of t.plans.entries()) {
      // Distinct creation times, so "the first plan" is the first made.
      plans.push(await s.newRatePlan(type, { name: `Plan ${i}.${j}`, adjustmentPercent, createdAt: new Date(Date.parse(NOW) + j * 1000) }))
    }
    await s.loadNights(type, FIRST, LAST)
    types.push({ type, plans })
  }
  const manager = await f.newStaff(hotel, 'manager')
  const api = client(ctx, manager.access)
  const rules: ModelRule[] = []
  for (const [i, r] of sc.rules.entries()) {
    const { type, plans } = types[r.type % types.length]!
    const plan = plans.length ? plans[r.plan % plans.length]! : null
    if (r.kind === 'override' && !plan) continue // an override needs a rate plan
    let scope = r.scope
    if (r.kind === 'override') scope = r.scope === 'type+plan' ? 'type+plan' : 'plan'
    else if (!plan && (scope === 'plan' || scope === 'type+plan')) scope = 'type'
    const dated = r.kind !== 'weekday' || r.weekdayDates
    const start = 'day' in r.start ? r.start.day : sc.stays[r.start.stay % sc.stays.length]!.arrival + r.start.offset
    const body = {
      kind: r.kind,
      name: `${r.kind}${i}`,
      ...(scope === 'type' || scope === 'type+plan' ? { room_type_id: type.id } : {}),
      ...(scope === 'plan' || scope === 'type+plan' ? { rate_plan_id: plan!.id } : {}),
      ...(dated ? { starts_on: dayOf(start), ends_on: dayOf(start + r.length) } : {}),
      ...(r.kind === 'weekday' ? { weekdays: r.weekdays } : {}),
      ...(r.kind === 'override' || 'amount' in r.effect
        ? { amount: { amount: 'amount' in r.effect ? r.effect.amount : percentOf(type.baseRate, r.effect.percent), currency: CURRENCY } }
        : { percent: r.effect.percent }),
      priority: r.priority,
    }
    if (r.tick) ctx.clock.advance(1000)
    const res = await api.post(`/venues/${hotel.id}/pricing-rules`, body)
    expect(res.status, JSON.stringify({ body, answer: res.body })).toBe(201)
    const out = res.body
    rules.push({
      id: out.id,
      kind: out.kind,
      name: out.name,
      roomTypeId: out.room_type_id,
      ratePlanId: out.rate_plan_id,
      startsOn: out.starts_on,
      endsOn: out.ends_on,
      weekdays: out.weekdays,
      amount: out.amount === null ? null : out.amount.amount,
      percent: out.percent,
      priority: out.priority,
      createdAt: Date.parse(out.created_at),
    })
  }
  return { hotel, types, rules }
}

/** The claim of a generated stay, and the plan it will be priced under (the first one when it names none). */
function claimOf(h: Hotel, st: Scenario['stays'][number]) {
  const { type, plans } = h.types[st.type % h.types.length]!
  const named = st.plan !== undefined && plans.length ? plans[st.plan % plans.length]! : undefined
  const plan = named ?? plans[0] ?? null
  const nights = Math.min(st.nights, NIGHTS - st.arrival)
  const arrival = dayOf(st.arrival)
  const departure = dayOf(st.arrival + nights)
  const guests = st.quantity + (st.guests % (type.maxOccupancy * st.quantity - st.quantity + 1))
  return { type, plan, nights, claim: stay(type, arrival, departure, st.quantity, guests, named) }
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)

async function checkScenario(sc: Scenario) {
  const h = await buildHotel(sc)
  const claims = sc.stays.map((st) => claimOf(h, st))
  const body = { venue_id: h.hotel.id, items: claims.map((c) => c.claim) }

  // The quote: totals are sums of lines, lines are unit × quantity, one per night per item,
  // and every night is priced as the model says.
  const quote = await client(ctx).post('/quotes', body)
  expect(quote.status, JSON.stringify(quote.body)).toBe(200)
  const q = quote.body
  expect(q.currency).toBe(CURRENCY)
  expect(q.discounts).toBe(0)
  expect(q.subtotal).toBe(sum(q.lines.map((l: any) => l.amount)))
  expect(q.total).toBe(q.subtotal)
  for (const l of q.lines) expect(l.amount, JSON.stringify(l)).toBe(l.unit_amount * l.quantity)
  expect(q.lines.map((l: any) => l.item_index)).toEqual(claims.flatMap((c, i) => Array<number>(c.nights).fill(i)))
  claims.forEach((c, i) => {
    const lines = q.lines.filter((l: any) => l.item_index === i)
    expect(lines).toHaveLength(c.nights)
    lines.forEach((l: any, n: number) => {
      const night = addDays(c.claim.arrival, n)
      const expected = modelNight(night, c.type, c.plan, h.rules)
      expect(
        {
          night: l.night,
          kind: l.kind,
          unit: l.unit,
          quantity: l.quantity,
          unit_amount: l.unit_amount,
          rule: l.rule,
          room_type_id: l.room_type_id,
          rate_plan_id: l.rate_plan_id,
        },
        JSON.stringify({ claim: c.claim, plan: c.plan && { id: c.plan.id, adj: c.plan.adjustmentPercent }, rules: h.rules }),
      ).toEqual({
        night,
        kind: 'stay',
        unit: 'night',
        quantity: c.claim.quantity,
        unit_amount: expected.amount,
        rule: expected.rule,
        room_type_id: c.type.id,
        rate_plan_id: c.plan?.id ?? null,
      })
    })
  })

  // Search: the offer for the room type and plan, for rooms = quantity, costs what the quote says.
  for (const [i, c] of claims.entries()) {
    const lines = q.lines.filter((l: any) => l.item_index === i)
    const url = `/stays/search?venue=${h.hotel.id}&arrival=${c.claim.arrival}&departure=${c.claim.departure}&guests=${c.claim.guests}&rooms=${c.claim.quantity}`
    const search = await client(ctx).get(url)
    expect(search.status, JSON.stringify(search.body)).toBe(200)
    const result = search.body.results.find((r: any) => r.room_type_id === c.type.id)
    expect(result, `${url} → ${JSON.stringify(search.body)}`).toBeDefined()
    const offer = result.offers.find((o: any) => o.rate_plan_id === (c.plan?.id ?? null))
    expect(offer, JSON.stringify(result.offers)).toBeDefined()
    expect(offer.total).toEqual({ amount: sum(lines.map((l: any) => l.amount)), currency: CURRENCY })
    expect(offer.nightly).toEqual(lines.map((l: any) => ({ night: l.night, amount: l.amount, rule: l.rule })))
  }

  // Booking the same body stores exactly the quoted price, and reads it back unchanged.
  const booked = await client(ctx, await tokenAt(ctx, guest)).post('/reservations', body)
  expect(booked.status, JSON.stringify(booked.body)).toBe(201)
  const stored = { currency: q.currency, lines: q.lines, subtotal: q.subtotal, discounts: q.discounts, total: q.total }
  expect(booked.body.total).toEqual({ amount: q.total, currency: CURRENCY })
  expect(booked.body.quote).toEqual(stored)
  expect(booked.body.quote.lines).toEqual(q.lines)
  claims.forEach((c, i) => {
    expect(booked.body.items[i]).toMatchObject({
      kind: 'stay',
      room_type_id: c.type.id,
      rate_plan_id: c.plan?.id ?? null,
      nights: c.nights,
      quantity: c.claim.quantity,
    })
    expect(booked.body.items[i].price).toEqual({ amount: sum(q.lines.filter((l: any) => l.item_index === i).map((l: any) => l.amount)), currency: CURRENCY })
  })
  const again = await client(ctx, await tokenAt(ctx, guest)).get(`/reservations/${booked.body.id}`)
  expect(again.status).toBe(200)
  expect(again.body.total).toEqual({ amount: q.total, currency: CURRENCY })
  expect(again.body.quote).toEqual(stored)
}

describe('stay quotes, reservations and search agree on the price (property)', () => {
  it('a fixed scenario: season, weekend, override and a plan adjustment across the year end', async () => {
    // Fri 31 Dec 2027 … Mon 3 Jan 2028; base 10000; season +20 % from 30 Dec; weekend amount 15000;
    // plan -10 %; an override of 5000 on 2 Jan for the plan.
    const sc: Scenario = {
      types: [{ baseRate: 10000, maxOccupancy: 2, plans: [-10] }],
      rules: [],
      stays: [],
    }
    const h = await buildHotel(sc)
    const { type, plans } = h.types[0]!
    const plan = plans[0]!
    const api = client(ctx, (await f.newStaff(h.hotel, 'manager')).access)
    const post = async (b: object) => {
      const res = await api.post(`/venues/${h.hotel.id}/pricing-rules`, b)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    await post({ kind: 'season', name: 'Holidays', starts_on: '2027-12-30', ends_on: '2028-01-10', percent: 20 })
    await post({ kind: 'weekday', name: 'Weekend', weekdays: [6, 7], amount: { amount: 15000, currency: CURRENCY } })
    await post({
      kind: 'override',
      name: 'Promo',
      rate_plan_id: plan.id,
      starts_on: '2028-01-02',
      ends_on: '2028-01-02',
      amount: { amount: 5000, currency: CURRENCY },
    })
    const body = { venue_id: h.hotel.id, items: [stay(type, '2027-12-31', '2028-01-04', 2, 3, plan)] }
    const quote = await client(ctx).post('/quotes', body)
    expect(quote.status, JSON.stringify(quote.body)).toBe(200)
    expect(quote.body.lines.map((l: any) => [l.night, l.unit_amount, l.amount, l.rule])).toEqual([
      ['2027-12-31', 10800, 21600, `season:Holidays+rate_plan:${plan.name}`],
      ['2028-01-01', 13500, 27000, `season:Holidays+weekday:Weekend+rate_plan:${plan.name}`],
      ['2028-01-02', 5000, 10000, 'override:Promo'],
      ['2028-01-03', 10800, 21600, `season:Holidays+rate_plan:${plan.name}`],
    ])
    expect(quote.body.total).toBe(80200)
    const search = await client(ctx).get(`/stays/search?venue=${h.hotel.id}&arrival=2027-12-31&departure=2028-01-04&guests=3&rooms=2`)
    expect(search.status, JSON.stringify(search.body)).toBe(200)
    expect(search.body.results[0].offers[0]).toMatchObject({ rate_plan_id: plan.id, total: { amount: 80200, currency: CURRENCY } })
    const booked = await client(ctx, await tokenAt(ctx, guest)).post('/reservations', body)
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect(booked.body.total).toEqual({ amount: 80200, currency: CURRENCY })
    expect(booked.body.quote.lines).toEqual(quote.body.lines)
  })

  it('for random rules and stays: quote total = Σ lines = subtotal, line = unit × quantity, one line per night, priced by the rules; the reservation stores that quote; search shows that total', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async (sc) => {
        await checkScenario(sc)
      }),
      { numRuns: NUM_RUNS },
    )
  }, 600_000)
})
