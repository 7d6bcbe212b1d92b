import { Type, type Static } from 'typebox'
import { Instant, LocalDate, Money, MoneyOut, Nullable, Uuid, named, Page } from '../../http/schemas.js'
import { ItemClaimBody, quoteFields } from '../reservations/schemas.js'
import { pricingRuleKinds } from './schema.js'

export const PricingRuleBody = Type.Object(
  {
    kind: Type.Enum([...pricingRuleKinds], {
      description: "season: a date range; weekday: some weekdays (optionally within dates); override: a rate plan's fixed price on dates",
    }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    room_type_id: Type.Optional(Nullable(Uuid)),
    rate_plan_id: Type.Optional(Nullable(Uuid)),
    starts_on: Type.Optional(Nullable(LocalDate)),
    ends_on: Type.Optional(Nullable(LocalDate)),
    weekdays: Type.Optional(
      Nullable(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: 'ISO, Monday = 1' })),
    ),
    amount: Type.Optional(Nullable(Money)),
    percent: Type.Optional(Nullable(Type.Integer({ minimum: -100, maximum: 1000, description: 'moves the price; exclusive with amount' }))),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
  },
  { additionalProperties: false },
)
export type PricingRuleBody = Static<typeof PricingRuleBody>

export const PricingRuleOut = named(
  'PricingRule',
  Type.Object({
    id: Uuid,
    venue_id: Uuid,
    kind: Type.Enum([...pricingRuleKinds]),
    name: Type.String(),
    room_type_id: Nullable(Uuid),
    rate_plan_id: Nullable(Uuid),
    starts_on: Nullable(LocalDate),
    ends_on: Nullable(LocalDate),
    weekdays: Nullable(Type.Array(Type.Integer())),
    amount: Nullable(MoneyOut),
    percent: Nullable(Type.Integer()),
    priority: Type.Integer(),
    created_at: Instant,
  }),
)

export { PageOnlyQuery as PricingRuleListQuery } from '../stays/schemas.js'

export const QuoteBody = Type.Object(
  {
    venue_id: Uuid,
    items: Type.Array(ItemClaimBody, { minItems: 1, maxItems: 10 }),
    party_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
)
export type QuoteBody = Static<typeof QuoteBody>

export const QuoteAnswer = named(
  'Quote',
  Type.Object({
    ...quoteFields,
    venue_id: Uuid,
    cancellation_policy: Type.Object({}, { additionalProperties: true, description: 'the policy a reservation of these items is made under' }),
  }),
)

export const PricingRulePage = Page(PricingRuleOut)
