import { DateTime } from '../../luxon.js'
import { invalidInput } from '../../http/errors.js'

/**
 * Ordered refund tiers: the first tier whose deadline (`hours_before` the start) has not
 * passed gives the refund. Later than every tier, or after the start, refunds nothing.
 */
export interface CancellationPolicy {
  tiers: { hours_before: number; refund_percent: number }[]
  no_show_percent: number
}

export const DEFAULT_POLICY: CancellationPolicy = {
  tiers: [
    { hours_before: 48, refund_percent: 100 },
    { hours_before: 0, refund_percent: 50 },
  ],
  no_show_percent: 0,
}

export interface RefundTerms {
  percent: number
  /** The tier that applied, by position, or null when none did (late, or a no-show). */
  tier: number | null
  /** When this tier stops applying; null once nothing better can be lost. */
  deadline: Date | null
}

/**
 * The deadline of a tier. Whole days are counted in the venue's calendar at the start's
 * wall-clock time, so "48 h before a 19:00 start" is 19:00 two days earlier even across a
 * DST change, as a guest reading the policy would expect; other tiers are plain hours.
 */
export function tierDeadline(start: Date, hoursBefore: number, timezone: string): Date {
  const local = DateTime.fromJSDate(start, { zone: timezone })
  const at = hoursBefore % 24 === 0 ? local.minus({ days: hoursBefore / 24 }) : local.minus({ hours: hoursBefore })
  return at.toJSDate()
}

/** What share of the money paid a cancellation at `now` gives back. */
export function cancellationTerms(policy: CancellationPolicy, start: Date, now: Date, timezone: string): RefundTerms {
  const ordered = policy.tiers.map((t, i) => ({ ...t, i })).sort((a, b) => b.hours_before - a.hours_before)
  for (const tier of ordered) {
    const deadline = tierDeadline(start, tier.hours_before, timezone)
    if (now.getTime() <= deadline.getTime()) return { percent: tier.refund_percent, tier: tier.i, deadline }
  }
  return { percent: 0, tier: null, deadline: null }
}

export const noShowTerms = (policy: CancellationPolicy): RefundTerms => ({ percent: policy.no_show_percent, tier: null, deadline: null })

/** The refund in minor units; fractions of a cent stay with the venue. */
export const refundAmount = (paid: number, percent: number) => Math.floor((paid * percent) / 100)

/**
 * Tiers must name distinct deadlines, and an earlier cancellation never gets back less than
 * a later one: a policy that rewards waiting is a typo, not a business rule.
 */
export function assertPolicy(policy: CancellationPolicy): void {
  const tiers = [...policy.tiers].sort((a, b) => b.hours_before - a.hours_before)
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.hours_before === tiers[i - 1]!.hours_before) throw invalidInput('Two tiers have the same hours_before', { field: 'cancellation_policy' })
    if (tiers[i]!.refund_percent > tiers[i - 1]!.refund_percent) {
      throw invalidInput('A later cancellation cannot refund more than an earlier one', { field: 'cancellation_policy', tier: tiers[i] })
    }
  }
}
