import Stripe from 'stripe'
import { AppError } from '../../http/errors.js'

/** A PaymentIntent as we need it, whichever gateway answered. */
export interface GatewayIntent {
  id: string
  /** Stripe's intent statuses: requires_payment_method, processing, succeeded, canceled, … */
  status: string
  amount: number
  amountReceived: number
  /** ISO 4217, upper case (Stripe sends lower case). */
  currency: string
  clientSecret: string | null
  metadata: Record<string, string>
  latestChargeId: string | null
  /** As the gateway answered; `latest_charge` is expanded when the answer is a retrieve. */
  raw: Stripe.PaymentIntent
}

export interface GatewayRefund {
  id: string
  status: string
  amount: number
  raw: Stripe.Refund
}

export interface GatewayTransfer {
  id: string
  amount: number
  raw: Stripe.Transfer
}

export interface CreateIntentInput {
  /** What the intent pays for: `{ reservation_id }`, or `{ credit_purchase_id }` for credit bought by card. */
  metadata: { reservation_id: string } | { credit_purchase_id: string }
  amount: number
  currency: string
  description: string
  receiptEmail: string | null
  /** The payer's customer at the provider (`cus_…`), so their payments are kept together; none for guests. */
  customerId?: string | null
  /** `"{reservation_id}-{action}"` (`"credits-{id}"`): a retried call creates nothing new. */
  idempotencyKey: string
}

/** A customer at the provider: one per user, made at their first card checkout. */
export interface GatewayCustomer {
  id: string
  raw: Stripe.Customer
}

export interface CreateCustomerInput {
  userId: string
  email: string
  name: string
  /** `"{user_id}-customer"`: two first checkouts at once make one customer. */
  idempotencyKey: string
}

export interface RefundInput {
  intentId: string
  amount: number
  reservationId: string
  refundId: string
  idempotencyKey: string
}

export interface TransferInput {
  amount: number
  currency: string
  destination: string
  idempotencyKey: string
  metadata: Record<string, string>
}

/** A practitioner's Stripe Connect Express account, as far as payouts care. */
export interface GatewayAccount {
  id: string
  payoutsEnabled: boolean
  detailsSubmitted: boolean
  raw: Stripe.Account
}

export interface CreateAccountInput {
  email: string
  metadata: Record<string, string>
  /** `"{practitioner_id}-account"`: two first requests make one account. */
  idempotencyKey: string
}

export interface AccountLinkInput {
  accountId: string
  /** Where Stripe sends the practitioner back when done, and when the link has expired. */
  returnUrl: string
  refreshUrl: string
}

/** A Stripe Billing subscription, as far as a practitioner's plan cares. */
export interface GatewaySubscription {
  id: string
  status: Stripe.Subscription.Status
  currentPeriodEnd: Date | null
  /** To pay the first invoice on the client (Stripe's invoice confirmation secret). */
  clientSecret: string | null
  raw: Stripe.Subscription
}

export interface CreatePriceInput {
  name: string
  amount: number
  currency: string
  interval: 'month' | 'year'
  idempotencyKey: string
}

export interface CreateSubscriptionInput {
  customerId: string
  priceId: string
  metadata: Record<string, string>
  idempotencyKey: string
}

/** The period end of a subscription: on its items since Stripe's 2025 API versions. */
export const subscriptionOf = (sub: Stripe.Subscription): GatewaySubscription => {
  const end = sub.items?.data?.[0]?.current_period_end
  const invoice = typeof sub.latest_invoice === 'object' ? sub.latest_invoice : null
  return {
    id: sub.id,
    status: sub.status,
    currentPeriodEnd: typeof end === 'number' ? new Date(end * 1000) : null,
    clientSecret: invoice?.confirmation_secret?.client_secret ?? null,
    raw: sub,
  }
}

/** The account as we keep it, whichever gateway answered. */
export const accountOf = (account: Stripe.Account): GatewayAccount => ({
  id: account.id,
  payoutsEnabled: account.payouts_enabled ?? false,
  detailsSubmitted: account.details_submitted ?? false,
  raw: account,
})

/**
 * The only door to the payment provider. Every method that creates or moves money takes an
 * idempotency key, so a call retried after a timeout or a crash cannot charge twice.
 */
export interface PaymentGateway {
  readonly name: 'fake' | 'stripe'
  createCustomer(input: CreateCustomerInput): Promise<GatewayCustomer>
  createIntent(input: CreateIntentInput): Promise<GatewayIntent>
  retrieveIntent(intentId: string): Promise<GatewayIntent>
  cancelIntent(intentId: string, idempotencyKey: string): Promise<GatewayIntent>
  refund(input: RefundInput): Promise<GatewayRefund>
  transfer(input: TransferInput): Promise<GatewayTransfer>
  createAccount(input: CreateAccountInput): Promise<GatewayAccount>
  /** A one-time onboarding link (Stripe's expire within minutes; ask again for a fresh one). */
  createAccountLink(input: AccountLinkInput): Promise<{ url: string; expiresAt: Date }>
  /** A recurring price for a platform plan (with its product). */
  createPrice(input: CreatePriceInput): Promise<{ id: string }>
  /** Starts `incomplete` until its first invoice is paid; the webhooks say what it becomes. */
  createSubscription(input: CreateSubscriptionInput): Promise<GatewaySubscription>
  cancelSubscription(id: string, idempotencyKey: string): Promise<GatewaySubscription>
}

/**
 * The id of a Stripe field that is either an id or, when expanded, the object itself
 * (`latest_charge`, `payment_intent`, `customer`). Anything else a payload might carry
 * instead reads as no id.
 */
export function expandableId(field: string | { id: string } | null | undefined): string | null {
  if (typeof field === 'string') return field
  return typeof field?.id === 'string' ? field.id : null
}
/** A PaymentIntent as we keep it, whichever gateway answered with it. */
export function intentOf(intent: Stripe.PaymentIntent): GatewayIntent {
  return {
    id: intent.id,
    status: intent.status,
    amount: intent.amount,
    amountReceived: intent.amount_received,
    currency: intent.currency.toUpperCase(),
    clientSecret: intent.client_secret,
    metadata: intent.metadata,
    latestChargeId: expandableId(intent.latest_charge),
    raw: intent,
  }
}

/**
 * What a failed gateway call answers the API's caller: the provider's refusal (402, with its
 * code), or that it could not be reached (502). The caller logs the raw error first.
 */
export function gatewayFailure(error: unknown): AppError {
  if (error instanceof GatewayRejection) return new AppError('payment_rejected', 'The payment provider refused this payment', { code: error.code })
  return new AppError('payment_gateway_unavailable', 'The payment provider could not be reached; try again', null)
}

/** A gateway answer that will not change on retry (a card error, an invalid request). */
export class GatewayRejection extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly raw: unknown,
  ) {
    super(message)
  }
}

export const WEBHOOK_TOLERANCE_SECONDS = 300

/**
 * Verifies a Stripe-Signature header with the SDK's own implementation: HMAC-SHA256 over
 * `t.payload`, only `v1` signatures, constant-time comparison, and a 300 s tolerance
 * measured on our clock. Throws on any failure. The helpers are static: no client is made for
 * them (a client builds all of its ~150 resources, 0.2 MB of heap).
 */
export function verifyWebhook(raw: Buffer | string, header: string, secret: string, now: Date): Stripe.Event {
  return Stripe.webhooks.constructEvent(raw, header, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, now.getTime())
}

/** Signs a payload the way Stripe does; the fake gateway and the tests deliver through this. */
export function signWebhook(payload: string, secret: string, at: Date): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(at.getTime() / 1000) })
}
