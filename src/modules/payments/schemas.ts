import { Type, type Static } from 'typebox'
import { Instant, MoneyOut, Nullable, Ordering, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import { creditPurchaseStatuses, logKinds, paymentMethods, paymentStatuses, refundSources, refundStatuses } from './schema.js'

const Amount = Type.Integer({ minimum: 1, maximum: 5_000_000, description: 'minor units, in the reservation currency' })
const Reason = Type.String({ minLength: 1, maxLength: 500 })

export const CheckoutBody = Type.Object(
  {
    auto_confirm: Type.Optional(Type.Boolean({ description: "development only: pay at once with the fake gateway's test card" })),
    use_credits: Type.Optional(Type.Boolean({ default: true, description: "apply the customer's credits before the card" })),
  },
  { additionalProperties: false },
)
export type CheckoutBody = Static<typeof CheckoutBody>

/** What a checkout answers; a purchase of a package answers the same and its reservation. */
export const checkoutFields = {
  payment_id: Uuid,
  payment_intent_id: Nullable(Type.String()),
  client_secret: Nullable(Type.String()),
  amount: MoneyOut,
  credits_applied: MoneyOut,
  status: Type.Enum([...paymentStatuses]),
  reservation_status: Type.String(),
}

export const CheckoutOut = named('Checkout', Type.Object(checkoutFields))

export const CancelBody = Type.Object(
  {
    reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    refund_amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 5_000_000, description: "staff only: instead of the policy's amount; needs a reason" })),
  },
  { additionalProperties: false },
)
export type CancelBody = Static<typeof CancelBody>

export const RefundBody = Type.Object({ amount: Type.Optional(Amount), reason: Reason }, { additionalProperties: false })
export type RefundBody = Static<typeof RefundBody>

const RefundOut = named(
  'Refund',
  Type.Object({
    id: Uuid,
    amount: MoneyOut,
    credit_amount: MoneyOut,
    status: Type.Enum([...refundStatuses]),
    source: Type.Enum([...refundSources]),
    reason: Nullable(Type.String()),
    gateway_refund_id: Nullable(Type.String()),
    created_at: Instant,
  }),
)

export const PaymentOut = named(
  'Payment',
  Type.Object({
    id: Uuid,
    reservation_id: Uuid,
    venue_id: Uuid,
    user_id: Nullable(Uuid),
    gateway: Type.String(),
    status: Type.Enum([...paymentStatuses]),
    method: Nullable(Type.Enum([...paymentMethods])),
    amount: MoneyOut,
    credits: MoneyOut,
    captured: MoneyOut,
    refunded: MoneyOut,
    refundable: MoneyOut,
    payment_intent_id: Nullable(Type.String()),
    charge_id: Nullable(Type.String()),
    customer_id: Nullable(Type.String()),
    card: Nullable(
      Type.Object({ brand: Nullable(Type.String()), last4: Nullable(Type.String()), exp_month: Nullable(Type.Integer()), exp_year: Nullable(Type.Integer()) }),
    ),
    receipt_url: Nullable(Type.String()),
    failure: Nullable(Type.Object({ code: Nullable(Type.String()), message: Nullable(Type.String()) })),
    refunds: Type.Array(RefundOut),
    created_at: Instant,
    updated_at: Instant,
  }),
)

export const RefundPreviewOut = named(
  'RefundPreview',
  Type.Object({
    amount: MoneyOut,
    percent: Type.Integer(),
    tier: Nullable(Type.Integer({ description: 'position of the policy tier that applies' })),
    deadline: Nullable(Instant),
    basis: Type.Enum(['cancellation', 'no_show']),
  }),
)

export const PaymentHistoryQuery = Type.Object(
  {
    ...PageQuery,
    venue: Type.Optional(Uuid),
    status: Type.Optional(Type.Enum([...paymentStatuses])),
    ordering: Ordering(['created_at']),
  },
  { additionalProperties: false },
)
export type PaymentHistoryQuery = Static<typeof PaymentHistoryQuery>

/** Only what routing needs; the signature covers the raw bytes, which are checked first. */
export const StripeEventBody = Type.Object(
  { id: Type.String({ maxLength: 255 }), type: Type.String({ maxLength: 255 }), data: Type.Object({ object: Type.Object({}) }) },
  { additionalProperties: true },
)

export const WebhookOut = named('StripeWebhookReceipt', Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean(), outcome: Type.String() }))

export const PaymentPage = Page(PaymentOut)

export const CreditPurchaseBody = Type.Object(
  {
    amount: Type.Object(
      {
        amount: Type.Integer({ minimum: 50, maximum: 5_000_000, description: 'minor units; at least what a card network charges' }),
        currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      },
      { additionalProperties: false },
    ),
    auto_confirm: CheckoutBody.properties.auto_confirm,
  },
  { additionalProperties: false },
)
export type CreditPurchaseBody = Static<typeof CreditPurchaseBody>

export const CreditPurchaseOut = named(
  'CreditPurchase',
  Type.Object({
    id: Uuid,
    status: Type.Enum([...creditPurchaseStatuses]),
    amount: MoneyOut,
    payment_intent_id: Nullable(Type.String()),
    client_secret: Nullable(Type.String()),
    grant_id: Nullable(Uuid),
    failure_code: Nullable(Type.String()),
    created_at: Instant,
  }),
)

export const PaymentLogOut = named(
  'PaymentLogEntry',
  Type.Object({
    id: Type.Integer(),
    kind: Type.Enum([...logKinds]),
    code: Nullable(Type.String()),
    payment_id: Nullable(Uuid),
    raw: Type.Unknown({ description: 'the gateway event or answer, as received' }),
    created_at: Instant,
  }),
)
export const PaymentLogPage = Page(PaymentLogOut)
export const PaymentLogQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
