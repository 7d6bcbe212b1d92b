import type { QuoteLine } from './quote.js'
import type { PricingRuleKind } from './schema.js'

/** A pricing rule as the engine reads it (a row of `pricing_rules`). */
export interface PriceRule {
  id: string
  kind: PricingRuleKind
  name: string
  roomTypeId: string | null
  ratePlanId: string | null
  startsOn: string | null
  endsOn: string | null
  weekdays: number[] | null
  amount: number | null
  percent: number | null
  priority: number
  createdAt: Date
}

export interface PricedRoomType {
  id: string
  name: string
  baseRate: number
}

export interface PricedPlan {
  id: string
  name: string
  adjustmentPercent: number
}

export interface NightPrice {
  night: string
  amount: number
  rule: string
}

/** ISO weekday (Monday 1 … Sunday 7) of a calendar date. */
export function isoWeekday(night: string): number {
  const day = new Date(`${night}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** A percentage change on an integer amount, rounded half up, in integers only. */
export const adjust = (amount: number, percent: number) => Math.floor((amount * (100 + percent) + 50) / 100)

function applies(rule: PriceRule, night: string, weekday: number, roomTypeId: string, planId: string | null): boolean {
  if (rule.roomTypeId !== null && rule.roomTypeId !== roomTypeId) return false
  if (rule.ratePlanId !== null && rule.ratePlanId !== planId) return false
  if (rule.startsOn !== null && night < rule.startsOn) return false
  if (rule.endsOn !== null && night > rule.endsOn) return false
  return rule.weekdays === null || rule.weekdays.includes(weekday)
}

/**
 * Of several matching rules of one kind, the one that wins: higher priority, then the more
 * specific (a rate plan's over a room type's over the venue's), then the newest.
 */
function winner(rules: readonly PriceRule[]): PriceRule | undefined {
  const specificity = (r: PriceRule) => (r.ratePlanId ? 2 : 0) + (r.roomTypeId ? 1 : 0)
  let best: PriceRule | undefined
  for (const r of rules) {
    if (
      !best ||
      r.priority > best.priority ||
      (r.priority === best.priority &&
        (specificity(r) > specificity(best) ||
          (specificity(r) === specificity(best) && (r.createdAt > best.createdAt || (r.createdAt.getTime() === best.createdAt.getTime() && r.id > best.id)))))
    ) {
      best = r
    }
  }
  return best
}

/**
 * The price of one night of a room type under a rate plan. Precedence (docs/decisions.md):
 * 1. an `override` for the rate plan and night sets the price, and nothing else applies;
 * 2. otherwise the room type's base rate, replaced (amount) or moved (percent) by the
 *    winning `season` covering the night,
 * 3. then replaced or moved by the winning `weekday` rule,
 * 4. then moved by the rate plan's own adjustment.
 */
export function priceNight(night: string, roomType: PricedRoomType, plan: PricedPlan | null, rules: readonly PriceRule[]): NightPrice {
  const weekday = isoWeekday(night)
  const planId = plan?.id ?? null
  const matching = rules.filter((r) => applies(r, night, weekday, roomType.id, planId))
  const override = winner(matching.filter((r) => r.kind === 'override'))
  if (override) return { night, amount: override.amount!, rule: `override:${override.name}` }
  let amount = roomType.baseRate
  const steps: string[] = []
  for (const kind of ['season', 'weekday'] as const) {
    const rule = winner(matching.filter((r) => r.kind === kind))
    if (!rule) continue
    amount = rule.amount ?? adjust(amount, rule.percent!)
    steps.push(`${kind}:${rule.name}`)
  }
  if (plan && plan.adjustmentPercent !== 0) {
    amount = adjust(amount, plan.adjustmentPercent)
    steps.push(`rate_plan:${plan.name}`)
  }
  return { night, amount, rule: steps.length ? steps.join('+') : 'base_rate' }
}

const DAY_MS = 86_400_000

/** How many nights lie between two dates, without listing them (a far departure is cheap to refuse). */
export const nightCount = (arrival: string, departure: string) =>
  Math.round((Date.parse(`${departure}T00:00:00Z`) - Date.parse(`${arrival}T00:00:00Z`)) / DAY_MS)

/** The nights of a stay: arrival up to, not including, departure. */
export function nightsOf(arrival: string, departure: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${arrival}T00:00:00Z`), end = Date.parse(`${departure}T00:00:00Z`); t < end; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10))
  }
  return out
}

/** One quote line per night: `quantity` units at that night's price. */
export function stayLines(
  index: number,
  roomType: PricedRoomType,
  plan: PricedPlan | null,
  quantity: number,
  arrival: string,
  departure: string,
  rules: readonly PriceRule[],
): QuoteLine[] {
  return nightsOf(arrival, departure).map((night) => {
    const price = priceNight(night, roomType, plan, rules)
    return {
      item_index: index,
      kind: 'stay',
      description: `${roomType.name}${plan ? ` (${plan.name})` : ''}, night of ${night}`,
      unit: 'night',
      quantity,
      unit_amount: price.amount,
      amount: price.amount * quantity,
      rule: price.rule,
      night,
      room_type_id: roomType.id,
      rate_plan_id: plan?.id ?? null,
    }
  })
}
