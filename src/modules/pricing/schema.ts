import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { ratePlans, roomTypes } from '../stays/schema.js'
import { venues } from '../venues/schema.js'

export const pricingRuleKinds = ['season', 'weekday', 'override'] as const
export type PricingRuleKind = (typeof pricingRuleKinds)[number]

/**
 * A nightly price rule of a venue; see `stay-price.ts` for how they combine. A rule sets a
 * nightly `amount` or moves the price by `percent`; `override` rules name a rate plan and
 * set an amount. Null room type / rate plan / dates / weekdays mean "any".
 */
export const pricingRules = pgTable(
  'pricing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: pricingRuleKinds }).notNull(),
    name: text('name').notNull(),
    roomTypeId: uuid('room_type_id').references(() => roomTypes.id, { onDelete: 'cascade' }),
    ratePlanId: uuid('rate_plan_id').references(() => ratePlans.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    weekdays: jsonb('weekdays').$type<number[]>(),
    amount: integer('amount'),
    percent: integer('percent'),
    priority: integer('priority').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pricing_rules_venue_idx').on(t.venueId),
    check('pricing_rules_kind_check', sql`${t.kind} in (${literalList(pricingRuleKinds)})`),
    // Exactly one of amount and percent.
    check('pricing_rules_effect_check', sql`(${t.amount} is null) <> (${t.percent} is null)`),
    check('pricing_rules_amount_check', sql`${t.amount} is null or ${t.amount} >= 0`),
    check('pricing_rules_percent_check', sql`${t.percent} is null or ${t.percent} between -100 and 1000`),
    check('pricing_rules_range_check', sql`${t.startsOn} is null or ${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check(
      'pricing_rules_override_check',
      sql`${t.kind} <> 'override' or (${t.ratePlanId} is not null and ${t.amount} is not null and ${t.startsOn} is not null and ${t.endsOn} is not null)`,
    ),
    check('pricing_rules_weekday_check', sql`${t.kind} <> 'weekday' or ${t.weekdays} is not null`),
    check('pricing_rules_season_check', sql`${t.kind} <> 'season' or (${t.startsOn} is not null and ${t.endsOn} is not null)`),
  ],
)
