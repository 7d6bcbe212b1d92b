import { Type, type Static } from 'typebox'
import { Instant, MoneyOut, Nullable, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import { earningKinds, earningStatuses, payoutStatuses } from './schema.js'

const PractitionerId = Type.Optional(Type.String({ format: 'uuid', description: 'whose; by default your own practitioner profile' }))

export const PractitionerQuery = Type.Object({ practitioner_id: PractitionerId }, { additionalProperties: false })
export const PractitionerPageQuery = Type.Object({ ...PageQuery, practitioner_id: PractitionerId }, { additionalProperties: false })
export const PractitionerBody = Type.Object({ practitioner_id: PractitionerId }, { additionalProperties: false })
export type PractitionerBody = Static<typeof PractitionerBody>

export const EarningsQuery = Type.Object(
  {
    ...PageQuery,
    practitioner_id: PractitionerId,
    status: Type.Optional(Type.Enum([...earningStatuses])),
    kind: Type.Optional(Type.Enum([...earningKinds])),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'written at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'written before' })),
  },
  { additionalProperties: false },
)

export const ConnectOut = named(
  'ConnectOnboarding',
  Type.Object({ account_id: Type.String(), onboarding_url: Type.String(), expires_at: Instant, payouts_enabled: Type.Boolean() }),
)

export const EarningOut = named(
  'Earning',
  Type.Object({
    id: Uuid,
    kind: Type.Enum([...earningKinds]),
    reservation_id: Uuid,
    refund_id: Nullable(Uuid),
    gross: MoneyOut,
    card: MoneyOut,
    credits: MoneyOut,
    package_value: MoneyOut,
    commission_rate_percent: Type.Number(),
    commission: MoneyOut,
    net: MoneyOut,
    month: Type.String({ description: 'YYYY-MM in the practitioner’s zone' }),
    status: Type.Enum([...earningStatuses]),
    available_at: Instant,
    payout_id: Nullable(Uuid),
    created_at: Instant,
  }),
)
export const EarningPage = Page(EarningOut)

export const PayoutOut = named(
  'Payout',
  Type.Object({
    id: Uuid,
    practitioner_id: Uuid,
    amount: MoneyOut,
    status: Type.Enum([...payoutStatuses]),
    trigger: Type.Enum(['request', 'weekly']),
    transfer_id: Nullable(Type.String()),
    earnings: Type.Integer(),
    failure: Nullable(Type.Object({ code: Nullable(Type.String()), message: Nullable(Type.String()) })),
    created_at: Instant,
    updated_at: Instant,
  }),
)
export const PayoutPage = Page(PayoutOut)

export const TransactionOut = named(
  'LedgerTransaction',
  Type.Object({
    id: Uuid,
    kind: Type.Enum(['earning', 'adjustment', 'payout']),
    amount: MoneyOut,
    status: Type.String(),
    reservation_id: Nullable(Uuid),
    payout_id: Nullable(Uuid),
    created_at: Instant,
  }),
)
export const TransactionPage = Page(TransactionOut)

export const SummaryOut = named(
  'EarningsSummary',
  Type.Object({
    practitioner_id: Uuid,
    currency: Type.String(),
    pending: MoneyOut,
    available: MoneyOut,
    paid: MoneyOut,
    month: Type.String(),
    month_volume: MoneyOut,
    tier: Type.Integer({ description: '0: standard, 1 and 2: past the first and second threshold' }),
    commission_rate_percent: Type.Number({ description: 'what the next completed booking this month is charged' }),
    payout_minimum: MoneyOut,
    next_payout: Type.Object({ at: Instant, estimate: MoneyOut }),
    payouts_enabled: Type.Boolean(),
    payouts_held: Type.Boolean(),
  }),
)

export const HoldBody = Type.Object(
  { held: Type.Boolean(), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  { additionalProperties: false },
)
export type HoldBody = Static<typeof HoldBody>

export const HoldOut = named(
  'PayoutHold',
  Type.Object({ practitioner_id: Uuid, held: Type.Boolean(), reason: Nullable(Type.String()), held_at: Nullable(Instant) }),
)
