import Stripe from 'stripe'
import {
  GatewayRejection,
  intentOf,
  accountOf,
  subscriptionOf,
  type AccountLinkInput,
  type CreatePriceInput,
  type CreateSubscriptionInput,
  type GatewaySubscription,
  type CreateAccountInput,
  type CreateCustomerInput,
  type GatewayAccount,
  type CreateIntentInput,
  type GatewayCustomer,
  type GatewayIntent,
  type GatewayRefund,
  type GatewayTransfer,
  type PaymentGateway,
  type RefundInput,
  type TransferInput,
} from './gateway.js'

export interface StripeGatewayOptions {
  secretKey: string
  /** e.g. `http://127.0.0.1:12111` for stripe-mock or a test server; unset means api.stripe.com. */
  apiBase?: string
  /** Tests lower this so a failing call does not sit through the SDK's back-off. */
  maxNetworkRetries?: number
}

// Errors Stripe gives the same answer to however often we ask.
const FINAL_ERROR_TYPES = new Set(['StripeCardError', 'StripeInvalidRequestError', 'StripeIdempotencyError'])

/** The real gateway: Stripe's API through the official SDK. */
export class StripeGateway implements PaymentGateway {
  readonly name = 'stripe' as const
  private readonly stripe: Stripe

  constructor(options: StripeGatewayOptions) {
    this.stripe = new Stripe(options.secretKey, {
      ...(options.apiBase ? endpoint(options.apiBase) : {}),
      // The SDK retries connection errors, 409s and 5xx itself, resending the same idempotency key.
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: 20_000,
    })
  }

  /** Creates the Stripe customer a user's payments are kept under. */
  async createCustomer(input: CreateCustomerInput): Promise<GatewayCustomer> {
    const customer = await call(() =>
      this.stripe.customers.create({ email: input.email, name: input.name, metadata: { user_id: input.userId } }, { idempotencyKey: input.idempotencyKey }),
    )
    return { id: customer.id, raw: customer }
  }

  /** Creates the PaymentIntent the customer pays at checkout. */
  async createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    const intent = await call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          automatic_payment_methods: { enabled: true },
          metadata: input.metadata,
          description: input.description,
          ...(input.receiptEmail === null ? {} : { receipt_email: input.receiptEmail }),
          ...(input.customerId ? { customer: input.customerId } : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    )
    return intentOf(intent)
  }

  /** Reads an intent as Stripe holds it now. */
  async retrieveIntent(intentId: string): Promise<GatewayIntent> {
    return intentOf(await call(() => this.stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] })))
  }

  /** Cancels an intent that has not been paid. */
  async cancelIntent(intentId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return intentOf(await call(() => this.stripe.paymentIntents.cancel(intentId, {}, { idempotencyKey })))
  }

  /** Refunds part or all of an intent's charge. */
  async refund(input: RefundInput): Promise<GatewayRefund> {
    const refund = await call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: input.intentId,
          amount: input.amount,
          metadata: { reservation_id: input.reservationId, refund_id: input.refundId },
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    )
    // The type allows a null status (very old refunds); a new one is at worst still pending.
    return { id: refund.id, status: refund.status ?? 'pending', amount: refund.amount, raw: refund }
  }

  /** Moves money to a connected account. */
  async transfer(input: TransferInput): Promise<GatewayTransfer> {
    const transfer = await call(() =>
      this.stripe.transfers.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          destination: input.destination,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    )
    return { id: transfer.id, amount: transfer.amount, raw: transfer }
  }

  async createAccount(input: CreateAccountInput): Promise<GatewayAccount> {
    const account = await call(() =>
      this.stripe.accounts.create(
        { type: 'express', email: input.email, metadata: input.metadata, capabilities: { transfers: { requested: true } } },
        { idempotencyKey: input.idempotencyKey },
      ),
    )
    return accountOf(account)
  }

  async createPrice(input: CreatePriceInput): Promise<{ id: string }> {
    const price = await call(() =>
      this.stripe.prices.create(
        { unit_amount: input.amount, currency: input.currency.toLowerCase(), recurring: { interval: input.interval }, product_data: { name: input.name } },
        { idempotencyKey: input.idempotencyKey },
      ),
    )
    return { id: price.id }
  }

  async createSubscription(input: CreateSubscriptionInput): Promise<GatewaySubscription> {
    const sub = await call(() =>
      this.stripe.subscriptions.create(
        {
          customer: input.customerId,
          items: [{ price: input.priceId }],
          payment_behavior: 'default_incomplete',
          expand: ['latest_invoice.confirmation_secret'],
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    )
    return subscriptionOf(sub)
  }

  async cancelSubscription(id: string, idempotencyKey: string): Promise<GatewaySubscription> {
    return subscriptionOf(await call(() => this.stripe.subscriptions.cancel(id, {}, { idempotencyKey })))
  }

  async createAccountLink(input: AccountLinkInput): Promise<{ url: string; expiresAt: Date }> {
    const link = await call(() =>
      this.stripe.accountLinks.create({ account: input.accountId, refresh_url: input.refreshUrl, return_url: input.returnUrl, type: 'account_onboarding' }),
    )
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) }
  }
}

// The SDK takes host, port and protocol separately, and defaults the port to 443 even for http.
function endpoint(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol }
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (err) {
    if (isFinal(err)) throw new GatewayRejection(err.message, err.code ?? null, err.raw)
    // Connection errors, 5xx, 409 lock timeouts and rate limits: the caller retries later with the same key.
    throw err
  }
}

function isFinal(err: unknown): err is Stripe.errors.StripeError {
  if (!(err instanceof Stripe.errors.StripeError)) return false
  // A rate limit can come back as a 400 with code `rate_limit`, so the type is checked before the status.
  if (err instanceof Stripe.errors.StripeRateLimitError) return false
  const status = err.statusCode ?? 0
  // 401/403 say our key is wrong or rotated, not that the payment is: retry once it is fixed.
  if (status === 401 || status === 403 || status === 409 || status === 429) return false
  return FINAL_ERROR_TYPES.has(err.type) || (status >= 400 && status < 500)
}
