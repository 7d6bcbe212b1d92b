import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { pricingRules } from './schema.js'
import type { PriceRule } from './stay-price.js'

/** Every pricing rule of the venue: booking, quotes, search and the calendar price with them. */
export function venueRules(ex: Executor, venueId: string): Promise<PriceRule[]> {
  return ex.select().from(pricingRules).where(eq(pricingRules.venueId, venueId))
}

export type PriceRuleJson = Omit<PriceRule, 'createdAt'> & { createdAt: string }

/**
 * The venue's pricing rules as a JSON column of another statement (`rulesOf` makes them
 * PriceRules), in id order, so that the same rules always read as the same text.
 */
export const rulesColumn = (venueId: SQL | Placeholder) =>
  sql<PriceRuleJson[]>`coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'name', r.name,
        'roomTypeId', r.room_type_id, 'ratePlanId', r.rate_plan_id, 'startsOn', r.starts_on, 'endsOn', r.ends_on, 'weekdays', r.weekdays,
        'amount', r.amount, 'percent', r.percent, 'priority', r.priority, 'createdAt', r.created_at) order by r.id)
      from ${pricingRules} r where r.venue_id = ${venueId}::uuid), '[]'::json)`

export const rulesOf = (json: readonly PriceRuleJson[]): PriceRule[] => json.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }))

/** Inserts pricing rules as given (the demo's; the API's own way is `PricingRuleService.create`, which checks them). */
export async function insertRules(ex: Executor, rows: readonly (typeof pricingRules.$inferInsert)[]): Promise<void> {
  await ex.insert(pricingRules).values([...rows])
}
