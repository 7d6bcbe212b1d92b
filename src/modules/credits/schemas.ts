import { Type, type Static } from 'typebox'
import { Instant, MoneyOut, Nullable, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import { entryKinds, grantKinds } from './schema.js'

const Currency = Type.String({ pattern: '^[A-Z]{3}$' })

export const BalanceQuery = Type.Object(
  { user_id: Type.Optional(Type.String({ format: 'uuid', description: 'admins only; others get their own' })) },
  { additionalProperties: false },
)
export type BalanceQuery = Static<typeof BalanceQuery>

// A balance sums many grants, so it is not bounded like one amount is.
export const BalanceOut = named(
  'CreditBalances',
  Type.Object({
    balances: Type.Array(Type.Object({ amount: Type.Integer({ minimum: 1, description: 'minor units' }), currency: Currency })),
  }),
)

export const HistoryQuery = Type.Object(
  {
    page: PageQuery.page,
    page_size: PageQuery.page_size,
    user_id: Type.Optional(Type.String({ format: 'uuid', description: 'admins only; others get their own' })),
    kind: Type.Optional(Type.Enum([...entryKinds])),
  },
  { additionalProperties: false },
)
export type HistoryQuery = Static<typeof HistoryQuery>

export const EntryOut = named(
  'CreditEntry',
  Type.Object({
    id: Type.Integer(),
    // Ledger amounts are signed: spends and expiries take credit away.
    kind: Type.Enum([...entryKinds], { description: 'spend and expiry entries have negative amounts' }),
    amount: MoneyOut,
    grant_id: Nullable(Uuid),
    reservation_id: Nullable(Uuid),
    payment_id: Nullable(Uuid),
    created_at: Instant,
  }),
)

export const GrantBody = Type.Object(
  {
    user_id: Uuid,
    kind: Type.Enum(['purchase', 'promotion']),
    amount: Type.Object(
      { amount: Type.Integer({ minimum: 1, maximum: 5_000_000, description: 'minor units' }), currency: Currency },
      { additionalProperties: false },
    ),
    expires_at: Type.Optional(Instant),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type GrantBody = Static<typeof GrantBody>

export const GrantOut = named(
  'CreditGrant',
  Type.Object({
    id: Uuid,
    user_id: Uuid,
    kind: Type.Enum([...grantKinds]),
    amount: MoneyOut,
    used: MoneyOut,
    expires_at: Nullable(Instant),
    note: Nullable(Type.String()),
    created_at: Instant,
  }),
)

export const EntryPage = Page(EntryOut)
