import { eq } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { pricingRules } from './schema.js'
import type { PriceRule } from './stay-price.js'

/** Every pricing rule of the venue: booking, quotes, search and the calendar price with them. */
export function venueRules(ex: Executor, venueId: string): Promise<PriceRule[]> {
  return ex.select().from(pricingRules).where(eq(pricingRules.venueId, venueId))
}

/** Inserts pricing rules as given (the demo's; the API's own way is `PricingRuleService.create`, which checks them). */
export async function insertRules(ex: Executor, rows: readonly (typeof pricingRules.$inferInsert)[]): Promise<void> {
  await ex.insert(pricingRules).values([...rows])
}
