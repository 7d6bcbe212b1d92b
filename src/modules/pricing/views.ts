import type { Venue } from '../venues/service.js'
import type { PricingRule } from './rules.js'

/** A rule, its fixed amount in its venue's currency. */
export const ruleOut = (r: PricingRule, venue: Venue) => ({
  id: r.id,
  venue_id: r.venueId,
  kind: r.kind,
  name: r.name,
  room_type_id: r.roomTypeId,
  rate_plan_id: r.ratePlanId,
  starts_on: r.startsOn,
  ends_on: r.endsOn,
  weekdays: r.weekdays,
  amount: r.amount === null ? null : { amount: r.amount, currency: venue.currency },
  percent: r.percent,
  priority: r.priority,
  created_at: r.createdAt.toISOString(),
})
