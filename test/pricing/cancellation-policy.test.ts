import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_POLICY,
  cancellationTerms,
  noShowTerms,
  refundAmount,
  tierDeadline,
  type CancellationPolicy,
} from '../../src/modules/pricing/cancellation-policy.js'

const HOUR = 3600_000
const at = (zone: string, wallClock: string) => DateTime.fromISO(wallClock, { zone }).toJSDate()
const shift = (d: Date, ms: number) => new Date(d.getTime() + ms)
const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / HOUR

describe('default policy, in a zone without DST (Asia/Tokyo)', () => {
  const zone = 'Asia/Tokyo'
  const start = at(zone, '2027-01-15T19:00')

  it('refunds in full until 48 h before the start, the deadline included', () => {
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -49 * HOUR), zone)).toEqual({ percent: 100, tier: 0, deadline: shift(start, -48 * HOUR) })
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -48 * HOUR), zone)).toEqual({ percent: 100, tier: 0, deadline: shift(start, -48 * HOUR) })
  })

  it('refunds half from just after the 48 h deadline until the start, the start included', () => {
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -48 * HOUR + 1), zone)).toEqual({ percent: 50, tier: 1, deadline: start })
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -47 * HOUR), zone)).toEqual({ percent: 50, tier: 1, deadline: start })
    expect(cancellationTerms(DEFAULT_POLICY, start, start, zone)).toEqual({ percent: 50, tier: 1, deadline: start })
  })

  it('refunds nothing once the start has passed', () => {
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, 1), zone)).toEqual({ percent: 0, tier: null, deadline: null })
  })

  it('finds tiers by hours_before whatever order they are listed in, and names them by their position', () => {
    const policy: CancellationPolicy = {
      tiers: [
        { hours_before: 0, refund_percent: 25 },
        { hours_before: 168, refund_percent: 100 },
        { hours_before: 36, refund_percent: 60 },
      ],
      no_show_percent: 0,
    }
    expect(cancellationTerms(policy, start, shift(start, -200 * HOUR), zone)).toMatchObject({ percent: 100, tier: 1 })
    expect(cancellationTerms(policy, start, shift(start, -100 * HOUR), zone)).toMatchObject({ percent: 60, tier: 2, deadline: shift(start, -36 * HOUR) })
    expect(cancellationTerms(policy, start, shift(start, -10 * HOUR), zone)).toMatchObject({ percent: 25, tier: 0, deadline: start })
  })

  it('a policy without a 0 h tier refunds nothing after its last deadline, before the start', () => {
    const policy: CancellationPolicy = { tiers: [{ hours_before: 24, refund_percent: 100 }], no_show_percent: 0 }
    expect(cancellationTerms(policy, start, shift(start, -23 * HOUR), zone)).toEqual({ percent: 0, tier: null, deadline: null })
  })

  it('no-show terms are the policy no-show share with no tier and no deadline', () => {
    expect(noShowTerms(DEFAULT_POLICY)).toEqual({ percent: 0, tier: null, deadline: null })
    expect(noShowTerms({ ...DEFAULT_POLICY, no_show_percent: 25 })).toEqual({ percent: 25, tier: null, deadline: null })
  })
})

describe('whole-day tiers across DST: counted in local calendar days at the start wall-clock time', () => {
  it('America/Denver, spring forward (2027-03-14): the 48 h deadline is 19:00 two days earlier, 47 real hours before', () => {
    const zone = 'America/Denver'
    const start = at(zone, '2027-03-15T19:00')
    const deadline = tierDeadline(start, 48, zone)
    expect(deadline).toEqual(at(zone, '2027-03-13T19:00'))
    expect(deadline.toISOString()).toBe('2027-03-14T02:00:00.000Z')
    expect(hoursBetween(deadline, start)).toBe(47)
    // The last instant of the full refund is the deadline itself; one second later it is half.
    expect(cancellationTerms(DEFAULT_POLICY, start, deadline, zone)).toMatchObject({ percent: 100, tier: 0, deadline })
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(deadline, 1000), zone)).toMatchObject({ percent: 50, tier: 1 })
    // 47.5 real hours before: a naive "48 real hours" would already refund half; the local day rule still refunds all.
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -47.5 * HOUR), zone).percent).toBe(100)
  })

  it('America/Denver, fall back (2027-11-07): the 48 h deadline is 49 real hours before', () => {
    const zone = 'America/Denver'
    const start = at(zone, '2027-11-08T19:00')
    const deadline = tierDeadline(start, 48, zone)
    expect(deadline).toEqual(at(zone, '2027-11-06T19:00'))
    expect(hoursBetween(deadline, start)).toBe(49)
    // 48.5 real hours before is already past the local-day deadline.
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -48.5 * HOUR), zone).percent).toBe(50)
    expect(cancellationTerms(DEFAULT_POLICY, start, shift(start, -49 * HOUR), zone).percent).toBe(100)
  })

  it('Pacific/Auckland, DST ends (2027-04-04 03:00): a 48 h tier spanning it is 49 real hours, a 24 h one after it 24', () => {
    const zone = 'Pacific/Auckland'
    const start = at(zone, '2027-04-05T19:00')
    expect(hoursBetween(tierDeadline(start, 24, zone), start)).toBe(24)
    expect(hoursBetween(tierDeadline(start, 48, zone), start)).toBe(49)
    expect(tierDeadline(start, 48, zone)).toEqual(at(zone, '2027-04-03T19:00'))
  })

  it('tiers that are not whole days are plain hours, DST or not', () => {
    const zone = 'America/Denver'
    const start = at(zone, '2027-03-15T10:00')
    expect(hoursBetween(tierDeadline(start, 36, zone), start)).toBe(36)
    expect(hoursBetween(tierDeadline(start, 30, zone), start)).toBe(30)
    // 0 h is the start itself.
    expect(tierDeadline(start, 0, zone)).toEqual(start)
  })
})

describe('refundAmount', () => {
  it('rounds down to the minor unit: fractions of a cent stay with the venue', () => {
    expect(refundAmount(10000, 30)).toBe(3000)
    expect(refundAmount(3333, 50)).toBe(1666)
    expect(refundAmount(999, 33)).toBe(329)
    expect(refundAmount(1, 99)).toBe(0)
    expect(refundAmount(12345, 100)).toBe(12345)
    expect(refundAmount(12345, 0)).toBe(0)
  })
})

// ---------- properties ----------

const ZONES = ['UTC', 'Asia/Tokyo', 'America/Denver', 'Europe/London', 'Pacific/Auckland', 'America/Sao_Paulo'] as const
const zoneArb = fc.constantFrom(...ZONES)
const startArb = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
// As the venue API accepts them: whole hours up to a year; whole days are common, so drawn often.
const hoursArb = fc.oneof(
  fc.integer({ min: 0, max: 365 }).map((d) => d * 24),
  fc.integer({ min: 0, max: 8760 }),
  fc.integer({ min: 0, max: 96 }),
)

/**
 * A sensible policy: distinct deadlines, and the refund never grows as the deadline gets
 * closer to the start (listed in any order).
 */
const policyArb: fc.Arbitrary<CancellationPolicy> = fc
  .record({
    hours: fc.uniqueArray(hoursArb, { minLength: 1, maxLength: 5 }),
    percents: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
    noShow: fc.integer({ min: 0, max: 100 }),
    order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ hours, percents, noShow, order }) => {
    const byHours = [...hours].sort((a, b) => b - a)
    const desc = [...percents].sort((a, b) => b - a)
    const tiers = byHours.map((h, i) => ({ hours_before: h, refund_percent: desc[i]! }))
    // Shuffle deterministically, so the listed order is not the hours order.
    const shuffled = tiers
      .map((t, i) => ({ t, k: order[i]! }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.t)
    return { tiers: shuffled, no_show_percent: noShow }
  })

// From 400 days before the start to 5 days after it.
const offsetArb = fc.integer({ min: -400 * 24 * HOUR, max: 5 * 24 * HOUR })

describe('properties', () => {
  it('the refund share never increases as the cancellation moves later', () => {
    fc.assert(
      fc.property(policyArb, zoneArb, startArb, offsetArb, offsetArb, (policy, zone, start, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a]
        const first = cancellationTerms(policy, start, shift(start, early), zone)
        const second = cancellationTerms(policy, start, shift(start, late), zone)
        expect(second.percent).toBeLessThanOrEqual(first.percent)
      }),
      { numRuns: 500 },
    )
  })

  it('the tier found is open at `now`, and every tier with an earlier deadline has closed', () => {
    fc.assert(
      fc.property(policyArb, zoneArb, startArb, offsetArb, (policy, zone, start, offset) => {
        const now = shift(start, offset)
        const terms = cancellationTerms(policy, start, now, zone)
        const deadlines = policy.tiers.map((t) => tierDeadline(start, t.hours_before, zone))
        if (terms.tier === null) {
          expect(terms).toEqual({ percent: 0, tier: null, deadline: null })
          for (const d of deadlines) expect(now.getTime()).toBeGreaterThan(d.getTime())
          return
        }
        const tier = policy.tiers[terms.tier]!
        expect(terms.percent).toBe(tier.refund_percent)
        expect(terms.deadline).toEqual(deadlines[terms.tier])
        expect(now.getTime()).toBeLessThanOrEqual(terms.deadline!.getTime())
        policy.tiers.forEach((t, i) => {
          if (t.hours_before > tier.hours_before) expect(now.getTime()).toBeGreaterThan(deadlines[i]!.getTime())
        })
        // Nothing is refunded after the start: every deadline is at or before it.
        expect(terms.deadline!.getTime()).toBeLessThanOrEqual(start.getTime())
      }),
      { numRuns: 500 },
    )
  })

  it('whole-day deadlines keep the start wall-clock time and date distance; other tiers are exact hours', () => {
    fc.assert(
      fc.property(zoneArb, startArb, fc.integer({ min: 0, max: 365 }), fc.integer({ min: 1, max: 8760 }), (zone, start, days, hours) => {
        const deadline = tierDeadline(start, days * 24, zone)
        const s = DateTime.fromJSDate(start, { zone })
        const d = DateTime.fromJSDate(deadline, { zone })
        // These zones move their clocks by one hour, twice a year at most: 24 h a day, give or take one hour.
        expect(Math.abs(hoursBetween(deadline, start) - days * 24)).toBeLessThanOrEqual(1)
        const sameWallClock = d.toFormat('HH:mm:ss.SSS') === s.toFormat('HH:mm:ss.SSS')
        // Only a wall-clock time that does not exist that day (a spring-forward gap) may move.
        if (sameWallClock) expect(s.startOf('day').diff(d.startOf('day'), 'days').days).toBe(days)
        else expect(d.isInDST).toBe(true)
        if (hours % 24 !== 0) expect(hoursBetween(tierDeadline(start, hours, zone), start)).toBe(hours)
      }),
      { numRuns: 500 },
    )
  })

  it('refundAmount never exceeds what was paid, is a whole non-negative number, and grows with the share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (paid, p, q) => {
        const a = refundAmount(paid, p)
        expect(Number.isInteger(a)).toBe(true)
        expect(a).toBeGreaterThanOrEqual(0)
        expect(a).toBeLessThanOrEqual(paid)
        expect(refundAmount(paid, 100)).toBe(paid)
        if (p <= q) expect(a).toBeLessThanOrEqual(refundAmount(paid, q))
        // Rounded down: less than one minor unit short of the exact share.
        expect(paid * p - a * 100).toBeGreaterThanOrEqual(0)
        expect(paid * p - a * 100).toBeLessThan(100)
      }),
      { numRuns: 1000 },
    )
  })
})
