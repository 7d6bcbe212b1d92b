import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import {
  adjust,
  isoWeekday,
  nightsOf,
  priceNight,
  stayLines,
  type PricedPlan,
  type PricedRoomType,
  type PriceRule,
} from '../../src/modules/pricing/stay-price.js'

// Calendar used below (2027): Mon 1 Mar … Fri 5, Sat 6, Sun 7 Mar; Sat 27 / Sun 28 Mar is the
// EU spring-forward weekend, Sat 13 / Sun 14 Mar the US one; Fri 31 Dec 2027, Sat 1 Jan 2028.
const FRI = '2027-03-05'
const SAT = '2027-03-06'
const SUN = '2027-03-07'
const MON = '2027-03-08'

const TYPE: PricedRoomType = { id: 'type-a', name: 'Double', baseRate: 10000 }
const OTHER_TYPE_ID = 'type-b'
const FLEX: PricedPlan = { id: 'plan-a', name: 'Flex', adjustmentPercent: 0 }
const NONREF: PricedPlan = { id: 'plan-a', name: 'NonRef', adjustmentPercent: -10 }
const OTHER_PLAN_ID = 'plan-b'

const T0 = new Date('2027-01-01T00:00:00Z')
const later = (ms: number) => new Date(T0.getTime() + ms)

let seq = 0
/** A rule with "any" scope and no bounds unless told; ids increase with each call. */
function rule(r: Partial<PriceRule> & Pick<PriceRule, 'kind'>): PriceRule {
  seq += 1
  return {
    id: `rule-${String(seq).padStart(5, '0')}`,
    name: `${r.kind}-${seq}`,
    roomTypeId: null,
    ratePlanId: null,
    startsOn: null,
    endsOn: null,
    weekdays: null,
    amount: null,
    percent: null,
    priority: 0,
    createdAt: T0,
    ...r,
  }
}

const season = (r: Partial<PriceRule> = {}) => rule({ kind: 'season', name: 'High', startsOn: '2027-03-01', endsOn: '2027-03-31', ...r })
const weekend = (r: Partial<PriceRule> = {}) => rule({ kind: 'weekday', name: 'Weekend', weekdays: [6, 7], ...r })
const override = (r: Partial<PriceRule> = {}) =>
  rule({ kind: 'override', name: 'Promo', ratePlanId: 'plan-a', startsOn: '2027-03-01', endsOn: '2027-03-31', amount: 7000, ...r })

describe('isoWeekday', () => {
  it('numbers Monday 1 … Sunday 7', () => {
    expect(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', FRI, SAT, SUN].map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('is right across month, year and leap-day boundaries and on DST weekends', () => {
    expect(isoWeekday('2027-12-31')).toBe(5)
    expect(isoWeekday('2028-01-01')).toBe(6)
    expect(isoWeekday('2028-01-02')).toBe(7)
    expect(isoWeekday('2028-02-29')).toBe(2)
    expect(isoWeekday('2027-03-27')).toBe(6)
    expect(isoWeekday('2027-03-28')).toBe(7)
    expect(isoWeekday('2027-10-31')).toBe(7)
  })
})

describe('adjust: a percentage on an integer, rounded half up', () => {
  it('gives exact results where there is nothing to round', () => {
    expect(adjust(10000, -10)).toBe(9000)
    expect(adjust(10000, 20)).toBe(12000)
    expect(adjust(10000, 0)).toBe(10000)
    expect(adjust(12345, 1000)).toBe(135795)
  })

  it('rounds exact halves up', () => {
    expect(adjust(15, -10)).toBe(14) // 13.5
    expect(adjust(25, 10)).toBe(28) // 27.5
    expect(adjust(5, -50)).toBe(3) // 2.5
    expect(adjust(1, -50)).toBe(1) // 0.5
    expect(adjust(3, 50)).toBe(5) // 4.5
  })

  it('rounds everything else to the nearest integer', () => {
    expect(adjust(10001, 15)).toBe(11501) // 11501.15
    expect(adjust(9999, -10)).toBe(8999) // 8999.1
    expect(adjust(7, 33)).toBe(9) // 9.31
    expect(adjust(7, 36)).toBe(10) // 9.52
    expect(adjust(1, -1)).toBe(1) // 0.99
    expect(adjust(1, -51)).toBe(0) // 0.49
  })

  it('-100 % gives 0 for any amount', () => {
    for (const a of [0, 1, 15, 9999, 10000, 4_999_999]) expect(adjust(a, -100)).toBe(0)
  })

  it('is the integer nearest amount × (100 + percent) / 100, halves up (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: -100, max: 1000 }), (amount, percent) => {
        const r = adjust(amount, percent)
        const exact100 = amount * (100 + percent) // the exact result, times 100
        expect(Number.isInteger(r)).toBe(true)
        // r - 0.5 <= exact < r + 0.5, in integers: 100r - 50 <= exact100 < 100r + 50
        expect(100 * r - 50).toBeLessThanOrEqual(exact100)
        expect(exact100).toBeLessThan(100 * r + 50)
      }),
      { numRuns: 500 },
    )
  })
})

describe('nightsOf', () => {
  it('lists arrival up to, not including, departure', () => {
    expect(nightsOf('2027-03-10', '2027-03-13')).toEqual(['2027-03-10', '2027-03-11', '2027-03-12'])
    expect(nightsOf('2027-03-10', '2027-03-11')).toEqual(['2027-03-10'])
  })

  it('is empty when the departure is not after the arrival', () => {
    expect(nightsOf('2027-03-10', '2027-03-10')).toEqual([])
    expect(nightsOf('2027-03-10', '2027-03-09')).toEqual([])
  })

  it('crosses month ends, year ends and leap days', () => {
    expect(nightsOf('2027-01-30', '2027-02-02')).toEqual(['2027-01-30', '2027-01-31', '2027-02-01'])
    expect(nightsOf('2027-04-29', '2027-05-02')).toEqual(['2027-04-29', '2027-04-30', '2027-05-01'])
    expect(nightsOf('2027-12-30', '2028-01-02')).toEqual(['2027-12-30', '2027-12-31', '2028-01-01'])
    expect(nightsOf('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29'])
    expect(nightsOf('2027-02-28', '2027-03-01')).toEqual(['2027-02-28'])
  })

  it('has as many nights as calendar days between the dates (property)', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 90 }), (arrival, length) => {
        const departure = new Date(Date.parse(`${arrival}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10)
        const nights = nightsOf(arrival, departure)
        expect(nights).toHaveLength(length)
        expect(nights[0]).toBe(arrival)
        expect(new Set(nights).size).toBe(length)
        expect([...nights].sort()).toEqual(nights)
        expect(nights.every((n) => /^\d{4}-\d{2}-\d{2}$/.test(n) && n < departure)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('priceNight: precedence', () => {
  it('with no rules, is the base rate', () => {
    expect(priceNight(SAT, TYPE, null, [])).toEqual({ night: SAT, amount: 10000, rule: 'base_rate' })
    // A plan without an adjustment adds no step.
    expect(priceNight(SAT, TYPE, FLEX, [])).toEqual({ night: SAT, amount: 10000, rule: 'base_rate' })
  })

  it('a season covering the night replaces the base rate (amount) or moves it (percent)', () => {
    expect(priceNight(MON, TYPE, null, [season({ amount: 15000 })])).toEqual({ night: MON, amount: 15000, rule: 'season:High' })
    expect(priceNight(MON, TYPE, null, [season({ percent: 20 })])).toEqual({ night: MON, amount: 12000, rule: 'season:High' })
    expect(priceNight(MON, TYPE, null, [season({ percent: -25 })])).toEqual({ night: MON, amount: 7500, rule: 'season:High' })
  })

  it('a season amount of 0 is a price of 0, not "no amount"', () => {
    expect(priceNight(MON, TYPE, null, [season({ amount: 0 })])).toEqual({ night: MON, amount: 0, rule: 'season:High' })
  })

  it('a weekend rule (ISO 6, 7) applies on top of the season on Saturday and Sunday only', () => {
    const rules = [season({ percent: 20 }), weekend({ percent: 10 })]
    expect(priceNight(FRI, TYPE, null, rules)).toEqual({ night: FRI, amount: 12000, rule: 'season:High' })
    expect(priceNight(SAT, TYPE, null, rules)).toEqual({ night: SAT, amount: 13200, rule: 'season:High+weekday:Weekend' })
    expect(priceNight(SUN, TYPE, null, rules)).toEqual({ night: SUN, amount: 13200, rule: 'season:High+weekday:Weekend' })
    expect(priceNight(MON, TYPE, null, rules)).toEqual({ night: MON, amount: 12000, rule: 'season:High' })
  })

  it('a weekend amount replaces whatever the season made of the night', () => {
    const rules = [season({ amount: 15000 }), weekend({ amount: 9000 })]
    expect(priceNight(SAT, TYPE, null, rules)).toEqual({ night: SAT, amount: 9000, rule: 'season:High+weekday:Weekend' })
  })

  it('the weekday rule applies after the season whatever order the rules are listed in', () => {
    const s = season({ amount: 15000 })
    const w = weekend({ percent: 10 })
    expect(priceNight(SAT, TYPE, null, [w, s])).toEqual({ night: SAT, amount: 16500, rule: 'season:High+weekday:Weekend' })
    expect(priceNight(SAT, TYPE, null, [s, w])).toEqual({ night: SAT, amount: 16500, rule: 'season:High+weekday:Weekend' })
  })

  it('an override for the plan and night beats season and weekday rules and ignores the plan adjustment', () => {
    const rules = [season({ percent: 20, priority: 100 }), weekend({ amount: 20000, priority: 100 }), override({ amount: 7777 })]
    expect(priceNight(SAT, TYPE, NONREF, rules)).toEqual({ night: SAT, amount: 7777, rule: 'override:Promo' })
    expect(priceNight(SAT, TYPE, FLEX, rules)).toEqual({ night: SAT, amount: 7777, rule: 'override:Promo' })
  })

  it('an override of 0 sets a price of 0', () => {
    expect(priceNight(SAT, TYPE, NONREF, [override({ amount: 0 })])).toEqual({ night: SAT, amount: 0, rule: 'override:Promo' })
  })

  it('an override never applies without a rate plan, or to another plan', () => {
    const rules = [season({ amount: 15000 }), override({ amount: 7777 })]
    expect(priceNight(SAT, TYPE, null, rules)).toEqual({ night: SAT, amount: 15000, rule: 'season:High' })
    expect(priceNight(SAT, TYPE, { id: OTHER_PLAN_ID, name: 'Other', adjustmentPercent: 0 }, rules)).toEqual({ night: SAT, amount: 15000, rule: 'season:High' })
  })

  it('an override only covers its dates; the nights around it are priced by the other rules', () => {
    const rules = [season({ amount: 15000 }), override({ startsOn: SAT, endsOn: SAT, amount: 7777 })]
    expect(priceNight(FRI, TYPE, NONREF, rules)).toEqual({ night: FRI, amount: 13500, rule: 'season:High+rate_plan:NonRef' })
    expect(priceNight(SAT, TYPE, NONREF, rules)).toEqual({ night: SAT, amount: 7777, rule: 'override:Promo' })
    expect(priceNight(SUN, TYPE, NONREF, rules)).toEqual({ night: SUN, amount: 13500, rule: 'season:High+rate_plan:NonRef' })
  })

  it('the rate plan adjustment is applied last, after the weekday rule', () => {
    // 15000 → +10 % = 16500 → -10 % = 14850 (the plan first would give 13500 → 14850 too, so
    // check with an amount, which would erase an earlier adjustment).
    expect(priceNight(SAT, TYPE, NONREF, [season({ amount: 15000 }), weekend({ percent: 10 })])).toEqual({
      night: SAT,
      amount: 14850,
      rule: 'season:High+weekday:Weekend+rate_plan:NonRef',
    })
    expect(priceNight(SAT, TYPE, NONREF, [weekend({ amount: 9000 })])).toEqual({ night: SAT, amount: 8100, rule: 'weekday:Weekend+rate_plan:NonRef' })
    expect(priceNight(MON, TYPE, NONREF, [season({ amount: 15000 })])).toEqual({ night: MON, amount: 13500, rule: 'season:High+rate_plan:NonRef' })
    expect(priceNight(MON, TYPE, NONREF, [])).toEqual({ night: MON, amount: 9000, rule: 'rate_plan:NonRef' })
  })
})

describe('priceNight: season × weekend × override, under a -10 % plan', () => {
  type Opt = 'none' | 'amount' | 'percent'
  const seasonRule = { none: null, amount: { amount: 15000 }, percent: { percent: 20 } } as const
  const weekendRule = { none: null, amount: { amount: 9000 }, percent: { percent: 10 } } as const
  // [season, weekend, override, expected amount on Saturday, expected rule on Saturday]
  const table: [Opt, Opt, boolean, number, string][] = [
    ['none', 'none', false, 9000, 'rate_plan:NonRef'],
    ['none', 'percent', false, 9900, 'weekday:Weekend+rate_plan:NonRef'],
    ['none', 'amount', false, 8100, 'weekday:Weekend+rate_plan:NonRef'],
    ['amount', 'none', false, 13500, 'season:High+rate_plan:NonRef'],
    ['amount', 'percent', false, 14850, 'season:High+weekday:Weekend+rate_plan:NonRef'],
    ['amount', 'amount', false, 8100, 'season:High+weekday:Weekend+rate_plan:NonRef'],
    ['percent', 'none', false, 10800, 'season:High+rate_plan:NonRef'],
    ['percent', 'percent', false, 11880, 'season:High+weekday:Weekend+rate_plan:NonRef'],
    ['percent', 'amount', false, 8100, 'season:High+weekday:Weekend+rate_plan:NonRef'],
    ['none', 'none', true, 7000, 'override:Promo'],
    ['none', 'percent', true, 7000, 'override:Promo'],
    ['none', 'amount', true, 7000, 'override:Promo'],
    ['amount', 'none', true, 7000, 'override:Promo'],
    ['amount', 'percent', true, 7000, 'override:Promo'],
    ['amount', 'amount', true, 7000, 'override:Promo'],
    ['percent', 'none', true, 7000, 'override:Promo'],
    ['percent', 'percent', true, 7000, 'override:Promo'],
    ['percent', 'amount', true, 7000, 'override:Promo'],
  ]
  const rulesOf = (s: Opt, w: Opt, o: boolean) => [
    ...(seasonRule[s] ? [season(seasonRule[s])] : []),
    ...(weekendRule[w] ? [weekend(weekendRule[w])] : []),
    ...(o ? [override({ amount: 7000 })] : []),
  ]
  const saturday = (s: Opt, o: boolean) => table.find(([ts, tw, to]) => ts === s && tw === 'none' && to === o)!

  it.each(table)('season %s, weekend %s, override %s → Saturday %i (%s)', (s, w, o, amount, label) => {
    expect(priceNight(SAT, TYPE, NONREF, rulesOf(s, w, o))).toEqual({ night: SAT, amount, rule: label })
    expect(priceNight(SUN, TYPE, NONREF, rulesOf(s, w, o))).toEqual({ night: SUN, amount, rule: label })
  })

  it.each(table)('season %s, weekend %s, override %s → on Friday the weekend rule does not apply', (s, w, o) => {
    const [, , , amount, label] = saturday(s, o)
    expect(priceNight(FRI, TYPE, NONREF, rulesOf(s, w, o))).toEqual({ night: FRI, amount, rule: label })
  })

  it.each(table)('season %s, weekend %s, override %s → outside the season and override dates only the weekend rule is left', (s, w, o) => {
    const night = '2027-04-03' // a Saturday in April
    const [, , , amount, label] = table.find(([ts, tw, to]) => ts === 'none' && tw === w && to === false)!
    expect(priceNight(night, TYPE, NONREF, rulesOf(s, w, o))).toEqual({ night, amount, rule: label })
  })
})

describe('priceNight: the winner among rules of one kind', () => {
  it('higher priority wins over more specific and newer', () => {
    const low = season({ name: 'Specific', roomTypeId: TYPE.id, ratePlanId: FLEX.id, amount: 11111, priority: 0, createdAt: later(10_000) })
    const high = season({ name: 'Important', amount: 22222, priority: 1, createdAt: T0 })
    expect(priceNight(MON, TYPE, FLEX, [low, high])).toEqual({ night: MON, amount: 22222, rule: 'season:Important' })
    expect(priceNight(MON, TYPE, FLEX, [high, low])).toEqual({ night: MON, amount: 22222, rule: 'season:Important' })
  })

  it('negative priorities lose to the default 0', () => {
    const neg = season({ name: 'Neg', amount: 11111, priority: -5, createdAt: later(10_000) })
    const zero = season({ name: 'Zero', amount: 22222 })
    expect(priceNight(MON, TYPE, null, [neg, zero]).rule).toBe('season:Zero')
  })

  it('at equal priority, the more specific wins: plan and room type > plan > room type > venue-wide', () => {
    const venueWide = season({ name: 'Venue', amount: 11000, createdAt: later(4000) })
    const typeOnly = season({ name: 'Type', roomTypeId: TYPE.id, amount: 12000, createdAt: later(3000) })
    const planOnly = season({ name: 'Plan', ratePlanId: FLEX.id, amount: 13000, createdAt: later(2000) })
    const both = season({ name: 'Both', roomTypeId: TYPE.id, ratePlanId: FLEX.id, amount: 14000, createdAt: later(1000) })
    const all = [venueWide, typeOnly, planOnly, both]
    for (const order of [all, [...all].reverse()]) {
      expect(priceNight(MON, TYPE, FLEX, order).rule).toBe('season:Both')
      expect(
        priceNight(
          MON,
          TYPE,
          FLEX,
          order.filter((r) => r !== both),
        ).rule,
      ).toBe('season:Plan')
      expect(
        priceNight(
          MON,
          TYPE,
          FLEX,
          order.filter((r) => r !== both && r !== planOnly),
        ).rule,
      ).toBe('season:Type')
      expect(priceNight(MON, TYPE, FLEX, [venueWide]).rule).toBe('season:Venue')
    }
    // Without a plan, plan-scoped rules do not apply at all.
    expect(priceNight(MON, TYPE, null, all)).toEqual({ night: MON, amount: 12000, rule: 'season:Type' })
  })

  it('at equal priority and specificity, the newest wins', () => {
    const old = season({ name: 'Old', amount: 11000, createdAt: T0 })
    const mid = season({ name: 'Mid', amount: 12000, createdAt: later(1) })
    const newest = season({ name: 'New', amount: 13000, createdAt: later(60_000) })
    for (const order of [
      [old, mid, newest],
      [newest, mid, old],
      [mid, newest, old],
    ]) {
      expect(priceNight(MON, TYPE, null, order)).toEqual({ night: MON, amount: 13000, rule: 'season:New' })
    }
  })

  it('at equal priority, specificity and created_at, the greater id wins, whatever the order', () => {
    const a = season({ id: 'aaaaaaaa-0000-4000-8000-000000000000', name: 'A', amount: 11000 })
    const b = season({ id: 'bbbbbbbb-0000-4000-8000-000000000000', name: 'B', amount: 12000, createdAt: new Date(T0.getTime()) })
    expect(priceNight(MON, TYPE, null, [a, b]).rule).toBe('season:B')
    expect(priceNight(MON, TYPE, null, [b, a]).rule).toBe('season:B')
  })

  it('weekday rules pick their own winner the same way', () => {
    const broad = weekend({ name: 'Weekend', percent: 10, createdAt: later(5000) })
    const sat = rule({ kind: 'weekday', name: 'Saturday', weekdays: [6], roomTypeId: TYPE.id, amount: 18000 })
    const urgent = rule({ kind: 'weekday', name: 'Urgent', weekdays: [7], percent: 50, priority: 2 })
    const rules = [broad, sat, urgent]
    expect(priceNight(SAT, TYPE, null, rules)).toEqual({ night: SAT, amount: 18000, rule: 'weekday:Saturday' })
    expect(priceNight(SUN, TYPE, null, rules)).toEqual({ night: SUN, amount: 15000, rule: 'weekday:Urgent' })
    expect(priceNight(FRI, TYPE, null, rules)).toEqual({ night: FRI, amount: 10000, rule: 'base_rate' })
  })

  it('overrides pick their own winner: priority, then newest', () => {
    const a = override({ name: 'A', amount: 5000, createdAt: later(1000) })
    const b = override({ name: 'B', amount: 6000, createdAt: later(2000) })
    const c = override({ name: 'C', amount: 4000, priority: 1 })
    expect(priceNight(SAT, TYPE, FLEX, [a, b])).toEqual({ night: SAT, amount: 6000, rule: 'override:B' })
    expect(priceNight(SAT, TYPE, FLEX, [b, a, c])).toEqual({ night: SAT, amount: 4000, rule: 'override:C' })
  })

  it('a winning season of one kind does not stop the winner of another kind from applying', () => {
    const s = season({ name: 'Big', percent: 50, priority: 1000 })
    const w = weekend({ name: 'Small', percent: 10, priority: -1000 })
    expect(priceNight(SAT, TYPE, null, [s, w])).toEqual({ night: SAT, amount: 16500, rule: 'season:Big+weekday:Small' })
  })

  it('a rule that does not cover the night cannot win, however high its priority', () => {
    const elsewhere = season({ name: 'April', startsOn: '2027-04-01', endsOn: '2027-04-30', amount: 99999, priority: 1000 })
    const here = season({ name: 'March', amount: 15000 })
    expect(priceNight(MON, TYPE, null, [elsewhere, here]).rule).toBe('season:March')
  })
})

describe('priceNight: scope', () => {
  it('ignores rules of another room type and of another rate plan, even at higher priority', () => {
    const rules = [
      season({ name: 'OtherType', roomTypeId: OTHER_TYPE_ID, amount: 50000, priority: 10 }),
      season({ name: 'OtherPlan', ratePlanId: OTHER_PLAN_ID, amount: 60000, priority: 10 }),
      weekend({ name: 'OtherTypeWeekend', roomTypeId: OTHER_TYPE_ID, percent: 100, priority: 10 }),
      weekend({ name: 'OtherPlanWeekend', ratePlanId: OTHER_PLAN_ID, percent: 100, priority: 10 }),
      override({ name: 'OtherPlanOverride', ratePlanId: OTHER_PLAN_ID, amount: 1, priority: 10 }),
    ]
    expect(priceNight(SAT, TYPE, FLEX, rules)).toEqual({ night: SAT, amount: 10000, rule: 'base_rate' })
    expect(priceNight(SAT, TYPE, null, rules)).toEqual({ night: SAT, amount: 10000, rule: 'base_rate' })
    const withOwn = [...rules, season({ name: 'Mine', amount: 12000 })]
    expect(priceNight(SAT, TYPE, FLEX, withOwn)).toEqual({ night: SAT, amount: 12000, rule: 'season:Mine' })
  })

  it('applies venue-wide rules to every room type and plan', () => {
    const rules = [season({ amount: 15000 }), weekend({ percent: 10 })]
    const other: PricedRoomType = { id: OTHER_TYPE_ID, name: 'Suite', baseRate: 30000 }
    expect(priceNight(SAT, other, { id: OTHER_PLAN_ID, name: 'X', adjustmentPercent: 0 }, rules)).toEqual({
      night: SAT,
      amount: 16500,
      rule: 'season:High+weekday:Weekend',
    })
  })

  it('a rule of the room type applies to each of its plans and to no plan', () => {
    const rules = [season({ roomTypeId: TYPE.id, amount: 15000 })]
    expect(priceNight(MON, TYPE, FLEX, rules).amount).toBe(15000)
    expect(priceNight(MON, TYPE, null, rules).amount).toBe(15000)
    expect(priceNight(MON, TYPE, { id: OTHER_PLAN_ID, name: 'X', adjustmentPercent: 0 }, rules).amount).toBe(15000)
  })
})

describe('priceNight: date bounds', () => {
  it('are inclusive at both ends', () => {
    const rules = [season({ startsOn: '2027-03-10', endsOn: '2027-03-12', amount: 15000 })]
    expect(priceNight('2027-03-09', TYPE, null, rules).rule).toBe('base_rate')
    expect(priceNight('2027-03-10', TYPE, null, rules).rule).toBe('season:High')
    expect(priceNight('2027-03-11', TYPE, null, rules).rule).toBe('season:High')
    expect(priceNight('2027-03-12', TYPE, null, rules).rule).toBe('season:High')
    expect(priceNight('2027-03-13', TYPE, null, rules).rule).toBe('base_rate')
  })

  it('a one-day season covers that one night', () => {
    const rules = [season({ startsOn: '2027-12-31', endsOn: '2027-12-31', amount: 50000 })]
    expect(nightsOf('2027-12-30', '2028-01-02').map((n) => priceNight(n, TYPE, null, rules).amount)).toEqual([10000, 50000, 10000])
  })

  it('a weekday rule with dates applies only on its weekdays within them; open ends are unbounded', () => {
    const bounded = weekend({ startsOn: '2027-03-06', endsOn: '2027-03-13', percent: 10 })
    expect(priceNight('2027-02-27', TYPE, null, [bounded]).amount).toBe(10000) // Saturday before
    expect(priceNight('2027-03-06', TYPE, null, [bounded]).amount).toBe(11000) // first day, Saturday
    expect(priceNight('2027-03-07', TYPE, null, [bounded]).amount).toBe(11000)
    expect(priceNight('2027-03-08', TYPE, null, [bounded]).amount).toBe(10000) // in range, Monday
    expect(priceNight('2027-03-13', TYPE, null, [bounded]).amount).toBe(11000) // last day, Saturday
    expect(priceNight('2027-03-14', TYPE, null, [bounded]).amount).toBe(10000) // Sunday after
    const from = weekend({ startsOn: '2027-03-07', percent: 10 })
    expect(priceNight('2027-03-06', TYPE, null, [from]).amount).toBe(10000)
    expect(priceNight('2099-12-26', TYPE, null, [from]).amount).toBe(11000) // a Saturday
    const until = weekend({ endsOn: '2027-03-06', percent: 10 })
    expect(priceNight('2027-03-06', TYPE, null, [until]).amount).toBe(11000)
    expect(priceNight('2027-03-07', TYPE, null, [until]).amount).toBe(10000)
    expect(priceNight('2000-01-01', TYPE, null, [until]).amount).toBe(11000) // a Saturday
  })

  it('seasons compare dates across month and year ends', () => {
    const rules = [season({ name: 'Holidays', startsOn: '2027-12-20', endsOn: '2028-01-05', percent: 50 })]
    const nights = nightsOf('2027-12-18', '2028-01-08')
    const priced = nights.map((n) => priceNight(n, TYPE, null, rules))
    expect(priced.filter((p) => p.rule === 'season:Holidays').map((p) => p.night)).toEqual(nightsOf('2027-12-20', '2028-01-06'))
    expect(priced.filter((p) => p.rule === 'base_rate').map((p) => p.night)).toEqual(['2027-12-18', '2027-12-19', '2028-01-06', '2028-01-07'])
  })
})

describe('priceNight: rounding', () => {
  it('rounds each percent step half up on an odd base rate', () => {
    const odd: PricedRoomType = { id: TYPE.id, name: 'Odd', baseRate: 1005 }
    const plan: PricedPlan = { id: 'plan-a', name: 'Five', adjustmentPercent: -5 }
    const rules = [season({ percent: 10 }), weekend({ percent: 10 })]
    // 1005 → 1105.5 ↑ 1106 → 1216.6 → 1217 → 1156.15 → 1156 (not 1155, the unrounded chain)
    expect(priceNight(SAT, odd, plan, rules)).toEqual({ night: SAT, amount: 1156, rule: 'season:High+weekday:Weekend+rate_plan:Five' })
    expect(priceNight(MON, odd, plan, rules)).toEqual({ night: MON, amount: 1051, rule: 'season:High+rate_plan:Five' }) // 1106 → 1050.7
  })

  it('rounds exact halves up', () => {
    const tiny = (baseRate: number): PricedRoomType => ({ id: TYPE.id, name: 'Tiny', baseRate })
    expect(priceNight(MON, tiny(25), null, [season({ percent: 10 })]).amount).toBe(28) // 27.5
    expect(priceNight(MON, tiny(15), NONREF, []).amount).toBe(14) // 13.5
    expect(priceNight(MON, tiny(5), { id: 'p', name: 'Half', adjustmentPercent: -50 }, []).amount).toBe(3) // 2.5
    expect(priceNight(MON, tiny(10001), null, [season({ percent: 15 })]).amount).toBe(11501) // 11501.15
  })

  it('-100 % gives 0, and later percents keep it 0, but a later amount replaces it', () => {
    expect(priceNight(MON, TYPE, null, [season({ percent: -100 })])).toEqual({ night: MON, amount: 0, rule: 'season:High' })
    expect(priceNight(SAT, TYPE, NONREF, [season({ percent: -100 }), weekend({ percent: 50 })])).toEqual({
      night: SAT,
      amount: 0,
      rule: 'season:High+weekday:Weekend+rate_plan:NonRef',
    })
    expect(priceNight(SAT, TYPE, null, [season({ percent: -100 }), weekend({ amount: 5000 })])).toEqual({
      night: SAT,
      amount: 5000,
      rule: 'season:High+weekday:Weekend',
    })
    expect(priceNight(MON, TYPE, { id: 'p', name: 'Free', adjustmentPercent: -100 }, [season({ amount: 15000 })])).toEqual({
      night: MON,
      amount: 0,
      rule: 'season:High+rate_plan:Free',
    })
  })
})

describe('stayLines', () => {
  it('one line per night, quantity units at that night’s price, across a year end', () => {
    const rules = [season({ name: 'NYE', startsOn: '2027-12-31', endsOn: '2027-12-31', amount: 30000 }), weekend({ percent: 10 })]
    const lines = stayLines(2, TYPE, NONREF, 3, '2027-12-30', '2028-01-03', rules)
    expect(lines).toEqual([
      {
        item_index: 2,
        kind: 'stay',
        description: 'Double (NonRef), night of 2027-12-30',
        unit: 'night',
        quantity: 3,
        unit_amount: 9000,
        amount: 27000,
        rule: 'rate_plan:NonRef',
        night: '2027-12-30',
        room_type_id: TYPE.id,
        rate_plan_id: 'plan-a',
      },
      {
        item_index: 2,
        kind: 'stay',
        description: 'Double (NonRef), night of 2027-12-31',
        unit: 'night',
        quantity: 3,
        unit_amount: 27000,
        amount: 81000,
        rule: 'season:NYE+rate_plan:NonRef',
        night: '2027-12-31',
        room_type_id: TYPE.id,
        rate_plan_id: 'plan-a',
      },
      {
        item_index: 2,
        kind: 'stay',
        description: 'Double (NonRef), night of 2028-01-01',
        unit: 'night',
        quantity: 3,
        unit_amount: 9900,
        amount: 29700,
        rule: 'weekday:Weekend+rate_plan:NonRef',
        night: '2028-01-01',
        room_type_id: TYPE.id,
        rate_plan_id: 'plan-a',
      },
      {
        item_index: 2,
        kind: 'stay',
        description: 'Double (NonRef), night of 2028-01-02',
        unit: 'night',
        quantity: 3,
        unit_amount: 9900,
        amount: 29700,
        rule: 'weekday:Weekend+rate_plan:NonRef',
        night: '2028-01-02',
        room_type_id: TYPE.id,
        rate_plan_id: 'plan-a',
      },
    ])
  })

  it('without a plan, names no plan', () => {
    const [line] = stayLines(0, TYPE, null, 1, '2027-03-01', '2027-03-02', [])
    expect(line).toMatchObject({ description: 'Double, night of 2027-03-01', rate_plan_id: null, unit_amount: 10000, amount: 10000, rule: 'base_rate' })
  })

  it('crosses a month end with the season ending on its last day', () => {
    const rules = [season({ startsOn: '2027-03-01', endsOn: '2027-03-31', percent: 20 })]
    const lines = stayLines(0, TYPE, FLEX, 2, '2027-03-30', '2027-04-02', rules)
    expect(lines.map((l) => [l.night, l.unit_amount, l.amount, l.rule])).toEqual([
      ['2027-03-30', 12000, 24000, 'season:High'],
      ['2027-03-31', 12000, 24000, 'season:High'],
      ['2027-04-01', 10000, 20000, 'base_rate'],
    ])
  })

  it('each line is unit_amount × quantity and the unit price is priceNight’s (property)', () => {
    const kinds = fc.constantFrom<'season' | 'weekday' | 'override'>('season', 'weekday', 'override')
    const day = (from: number, span: number) =>
      fc.integer({ min: from, max: from + span }).map((n) => new Date(Date.UTC(2027, 11, 1) + n * 86_400_000).toISOString().slice(0, 10))
    const arbRule = fc
      .record({
        kind: kinds,
        start: day(0, 40),
        len: fc.integer({ min: 0, max: 20 }),
        weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        amount: fc.option(fc.integer({ min: 0, max: 50000 })),
        percent: fc.integer({ min: -100, max: 300 }),
        priority: fc.integer({ min: -2, max: 2 }),
        scope: fc.constantFrom('venue', 'type', 'plan', 'both', 'otherType', 'otherPlan'),
      })
      .map((r) => {
        const end = new Date(Date.parse(`${r.start}T00:00:00Z`) + r.len * 86_400_000).toISOString().slice(0, 10)
        const typeId = r.scope === 'type' || r.scope === 'both' ? TYPE.id : r.scope === 'otherType' ? OTHER_TYPE_ID : null
        // Overrides always name a plan (this one, or another for the 'otherPlan' scope).
        const planId = r.scope === 'otherPlan' ? OTHER_PLAN_ID : r.scope === 'plan' || r.scope === 'both' || r.kind === 'override' ? 'plan-a' : null
        return rule({
          kind: r.kind,
          roomTypeId: typeId,
          ratePlanId: planId,
          startsOn: r.start,
          endsOn: end,
          weekdays: r.kind === 'weekday' ? r.weekdays : null,
          amount: r.kind === 'override' ? (r.amount ?? 0) : r.amount,
          percent: r.kind === 'override' || r.amount !== null ? null : r.percent,
          priority: r.priority,
        })
      })
    fc.assert(
      fc.property(
        fc.array(arbRule, { maxLength: 8 }),
        day(0, 50),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.integer({ min: -100, max: 100 })),
        (rules, arrival, length, quantity, adjustment) => {
          const departure = new Date(Date.parse(`${arrival}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10)
          const plan = adjustment === null ? null : { id: 'plan-a', name: 'P', adjustmentPercent: adjustment }
          const lines = stayLines(1, TYPE, plan, quantity, arrival, departure, rules)
          expect(lines.map((l) => l.night)).toEqual(nightsOf(arrival, departure))
          for (const l of lines) {
            const p = priceNight(l.night!, TYPE, plan, rules)
            expect(l.unit_amount).toBe(p.amount)
            expect(l.rule).toBe(p.rule)
            expect(l.amount).toBe(p.amount * quantity)
            expect(Number.isInteger(l.unit_amount) && l.unit_amount >= 0).toBe(true)
            // Precedence in the label: override alone, else season before weekday before rate plan.
            expect(l.rule).toMatch(/^(override:[^+]+|base_rate|(season:[^+]+)?(\+?weekday:[^+]+)?(\+?rate_plan:[^+]+)?)$/)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('calendar dates, whatever the process time zone (DST weekends)', () => {
  const savedTz = process.env.TZ
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ
    else process.env.TZ = savedTz
  })

  // [zone, a DST-change weekend there (Fri arrival, Mon departure … Tue), a UTC instant and its offset there, to show the zone took effect]
  const zones: [string, string, string, string, number][] = [
    ['UTC', '2027-03-26', '2027-03-30', '2027-03-28T12:00:00Z', 0],
    ['Europe/Lisbon', '2027-03-26', '2027-03-30', '2027-03-28T12:00:00Z', -60],
    ['Europe/Lisbon', '2027-10-29', '2027-11-02', '2027-10-31T12:00:00Z', 0],
    ['America/Denver', '2027-03-12', '2027-03-16', '2027-03-14T12:00:00Z', 360],
    ['America/Denver', '2027-11-05', '2027-11-09', '2027-11-07T12:00:00Z', 420],
    ['Pacific/Auckland', '2027-04-02', '2027-04-06', '2027-04-04T12:00:00Z', -720],
    ['Pacific/Kiritimati', '2027-03-26', '2027-03-30', '2027-03-28T12:00:00Z', -840],
    ['America/Adak', '2027-03-12', '2027-03-16', '2027-03-15T12:00:00Z', 540],
  ]

  it.each(zones)('in %s, the weekend %s…%s is Saturday and Sunday and the nights are whole days', (zone, arrival, departure, probe, offset) => {
    process.env.TZ = zone
    expect(new Date(probe).getTimezoneOffset()).toBe(offset)
    const nights = nightsOf(arrival, departure)
    expect(nights).toHaveLength(4)
    expect(nights.map(isoWeekday)).toEqual([5, 6, 7, 1])
    const fri = nights[0]!
    const rules = [season({ startsOn: fri, endsOn: nights[2]!, percent: 20 }), weekend({ amount: 20000 })]
    const lines = stayLines(0, TYPE, NONREF, 2, arrival, departure, rules)
    expect(lines.map((l) => [l.night, l.unit_amount, l.amount, l.rule])).toEqual([
      [nights[0], 10800, 21600, 'season:High+rate_plan:NonRef'],
      [nights[1], 18000, 36000, 'season:High+weekday:Weekend+rate_plan:NonRef'],
      [nights[2], 18000, 36000, 'season:High+weekday:Weekend+rate_plan:NonRef'],
      [nights[3], 9000, 18000, 'rate_plan:NonRef'],
    ])
  })
})
