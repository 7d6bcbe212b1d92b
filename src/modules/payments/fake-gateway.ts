import { randomBytes } from 'node:crypto'
import type Stripe from 'stripe'
import type { Clock } from '../../deps.js'
import {
  GatewayRejection,
  expandableId,
  intentOf,
  signWebhook,
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
import {
  newAccount,
  newCardDetails,
  newCharge,
  newCustomer,
  newEvent,
  newPaymentIntent,
  newRefund,
  newTransfer,
  type PaymentIntentFields,
  type StripeEventOf,
} from './stripe-objects.js'

/** Sends a signed webhook to the real endpoint: `app.inject` in-process. */
export type WebhookSink = (payload: string, signature: string) => Promise<void>

export interface TestCard {
  brand?: string
  last4?: string
  wallet?: 'apple_pay' | 'google_pay' | null
  /** Overrides what the "bank" captures, for mismatch tests. */
  amount?: number
  currency?: string
}

const CALLS_KEPT = 1_000

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

/**
 * An offline Stripe: PaymentIntents, charges, refunds and transfers held in memory, with
 * Stripe's idempotency-key semantics, and webhooks built as Stripe builds them and signed
 * with the same scheme, delivered through the real endpoint. One process only: a separate
 * worker has its own memory and cannot see intents the server created.
 */
export class FakeGateway implements PaymentGateway {
  readonly name = 'fake' as const
  /**
   * The customers made, by id: what a test asks of "Stripe's" side. The fake never changes one,
   * so the answer stored under its creation's key is the customer itself, not a second copy.
   */
  readonly customers = new Map<string, Stripe.Customer>()
  /**
   * An intent is kept as the fields it holds beyond Stripe's empty values, and replaced, never
   * changed in place: the answer stored under its creation's key is then that same small object
   * rather than a second, whole copy. The bench's webhook phase makes some 10,000 intents, and
   * the two whole copies of each were a sixth of the server's peak RSS.
   */
  private readonly intents = new Map<string, PaymentIntentFields>()
  private readonly charges = new Map<string, Stripe.Charge>()
  private readonly accounts = new Map<string, Stripe.Account>()
  private readonly subscriptions = new Map<string, Stripe.Subscription>()
  private readonly transfers = new Map<string, Stripe.Transfer>()
  private transferFailure: { destination: string; code: string } | null = null
  private readonly byKey = new Map<string, unknown>()
  private readonly pending = new Set<Promise<void>>()
  private sink: WebhookSink | null = null
  /**
   * The calls with their idempotency keys, for tests and for the curious developer: the last
   * 1,000 at least, never more than 2,000, so that a long-running server's fake does not grow
   * by a log entry per call.
   */
  readonly calls: { method: string; idempotencyKey: string | null }[] = []
  /** Strings that many intents repeat (currency, customer, receipt email), each kept once. */
  private readonly repeated = new Map<string, string>()

  constructor(
    private readonly webhookSecret: string,
    private readonly clock: Clock,
  ) {}

  /** Where webhooks go; until connected they are dropped, as Stripe drops them for a dead endpoint. */
  connect(sink: WebhookSink | null): void {
    this.sink = sink
  }

  async createCustomer(input: CreateCustomerInput): Promise<GatewayCustomer> {
    return this.once('createCustomer', input.idempotencyKey, () => {
      const customer = newCustomer({ id: id('cus_fake'), email: input.email, name: input.name, metadata: { user_id: input.userId }, created: this.seconds() })
      this.customers.set(customer.id, customer)
      return { id: customer.id, raw: customer }
    })
  }

  async createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    const created = this.once('createIntent', input.idempotencyKey, () => {
      const intentId = id('pi')
      const intent: PaymentIntentFields = {
        id: intentId,
        amount: input.amount,
        currency: this.kept(input.currency.toLowerCase()),
        client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
        metadata: { ...input.metadata },
        description: input.description,
        receipt_email: input.receiptEmail && this.kept(input.receiptEmail),
        customer: input.customerId ? this.kept(input.customerId) : null,
        created: this.seconds(),
      }
      this.intents.set(intentId, intent)
      return intent
    })
    return intentOf(newPaymentIntent(created))
  }

  /** Like the Stripe adapter, answers with the latest charge expanded. */
  async retrieveIntent(intentId: string): Promise<GatewayIntent> {
    this.record({ method: 'retrieveIntent', idempotencyKey: null })
    const intent = this.intent(intentId)
    const charge = this.latestCharge(intent)
    return intentOf(charge ? { ...intent, latest_charge: structuredClone(charge) } : intent)
  }

  async cancelIntent(intentId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.once('cancelIntent', idempotencyKey, () => {
      const intent = this.intent(intentId)
      if (intent.status === 'succeeded' || intent.status === 'canceled') {
        throw new GatewayRejection(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`, 'payment_intent_unexpected_state', {
          error: { code: 'payment_intent_unexpected_state' },
          payment_intent: intent,
        })
      }
      const canceled = this.changeIntent(intentId, { status: 'canceled' })
      this.later('payment_intent.canceled', canceled)
      return intentOf(canceled)
    })
  }

  async refund(input: RefundInput): Promise<GatewayRefund> {
    return this.once('refund', input.idempotencyKey, () => {
      const intent = this.intent(input.intentId)
      const charge = this.latestCharge(intent)
      if (!charge) throw new GatewayRejection('This PaymentIntent has no successful charge to refund.', 'charge_not_refundable', { intent })
      const left = charge.amount_captured - charge.amount_refunded
      if (input.amount > left) {
        throw new GatewayRejection(`Refund amount (${input.amount}) is greater than unrefunded amount on charge (${left})`, 'amount_too_large', { charge })
      }
      const refund = newRefund({
        id: id('re'),
        amount: input.amount,
        charge: charge.id,
        payment_intent: intent.id,
        currency: intent.currency,
        status: 'succeeded',
        metadata: { reservation_id: input.reservationId, refund_id: input.refundId },
        created: this.seconds(),
      })
      charge.amount_refunded += input.amount
      charge.refunded = charge.amount_refunded === charge.amount_captured
      charge.refunds?.data.unshift(refund)
      this.later('refund.created', refund)
      this.later('charge.refunded', charge)
      return { id: refund.id, status: 'succeeded', amount: input.amount, raw: structuredClone(refund) }
    })
  }

  async transfer(input: TransferInput): Promise<GatewayTransfer> {
    const failure = this.transferFailure
    if (failure && failure.destination === input.destination) {
      this.record({ method: 'transfer', idempotencyKey: input.idempotencyKey })
      throw new GatewayRejection('Insufficient funds in the platform balance to make this transfer.', failure.code, { error: { code: failure.code } })
    }
    return this.once('transfer', input.idempotencyKey, () => {
      const transfer = newTransfer({
        id: id('tr'),
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        destination: input.destination,
        metadata: input.metadata,
        created: this.seconds(),
      })
      this.transfers.set(transfer.id, transfer)
      // A reversal changes the stored transfer; the key's answer stays as it was.
      return { id: transfer.id, amount: input.amount, raw: structuredClone(transfer) }
    })
  }

  /** Stripe takes a transfer back from the connected account (all of it, unless `amount` says less). */
  async reverseTransfer(transferId: string, amount?: number): Promise<void> {
    const transfer = this.transfers.get(transferId)
    if (!transfer) throw new Error(`no fake transfer ${transferId}`)
    transfer.amount_reversed = Math.min(transfer.amount, transfer.amount_reversed + (amount ?? transfer.amount))
    transfer.reversed = transfer.amount_reversed === transfer.amount
    await this.send(this.event('transfer.reversed', transfer))
  }

  async createAccount(input: CreateAccountInput): Promise<GatewayAccount> {
    return this.once('createAccount', input.idempotencyKey, () => {
      const account = newAccount({ id: id('acct_fake'), email: input.email, metadata: input.metadata, created: this.seconds() })
      this.accounts.set(account.id, account)
      return accountOf(structuredClone(account))
    })
  }

  async createAccountLink(input: AccountLinkInput): Promise<{ url: string; expiresAt: Date }> {
    this.record({ method: 'createAccountLink', idempotencyKey: null })
    if (!this.accounts.has(input.accountId)) throw new GatewayRejection(`No such account: '${input.accountId}'`, 'resource_missing', {})
    // Nothing answers there offline; `completeOnboarding` stands in for the practitioner's visit.
    return { url: `https://connect.stripe.com/setup/e/${input.accountId}/fake`, expiresAt: new Date(this.clock().getTime() + 300_000) }
  }

  /** The practitioner finishes Stripe's onboarding: payouts become possible, and `account.updated` says so. */
  async completeOnboarding(accountId: string, { payoutsEnabled = true } = {}): Promise<void> {
    const account = this.accounts.get(accountId)
    if (!account) throw new Error(`no fake account ${accountId}`)
    Object.assign(account, { details_submitted: true, charges_enabled: payoutsEnabled, payouts_enabled: payoutsEnabled })
    await this.send(this.event('account.updated', account))
  }

  async createPrice(input: CreatePriceInput): Promise<{ id: string }> {
    return this.once('createPrice', input.idempotencyKey, () => ({ id: id('price_fake') }))
  }

  async createSubscription(input: CreateSubscriptionInput): Promise<GatewaySubscription> {
    return this.once('createSubscription', input.idempotencyKey, () => {
      const subId = id('sub_fake')
      // Only the fields Reservoir reads are filled; Stripe's full object has some forty more.
      const sub = {
        id: subId,
        object: 'subscription',
        status: 'incomplete',
        customer: input.customerId,
        metadata: input.metadata,
        items: { object: 'list', data: [{ price: { id: input.priceId }, current_period_end: null }], has_more: false, url: '' },
        latest_invoice: {
          id: id('in_fake'),
          confirmation_secret: { client_secret: `${subId}_secret_${randomBytes(8).toString('hex')}`, type: 'payment_intent' },
        },
        created: this.seconds(),
      } as unknown as Stripe.Subscription
      this.subscriptions.set(subId, sub)
      return subscriptionOf(structuredClone(sub))
    })
  }

  async cancelSubscription(subId: string, idempotencyKey: string): Promise<GatewaySubscription> {
    return this.once('cancelSubscription', idempotencyKey, () => {
      const sub = this.subscription(subId)
      sub.status = 'canceled'
      this.later('customer.subscription.deleted', sub)
      return subscriptionOf(structuredClone(sub))
    })
  }

  /**
   * A subscription's invoice: the first one paid (it becomes active), a renewal paid (its period
   * moves on a month) or a renewal declined (past due). Stripe's webhooks say so, in order.
   */
  async billSubscription(subId: string, { fail = false } = {}): Promise<void> {
    const sub = this.subscription(subId)
    const item = sub.items.data[0]!
    if (fail) {
      sub.status = 'past_due'
    } else {
      sub.status = 'active'
      const from = item.current_period_end ? item.current_period_end * 1000 : this.clock().getTime()
      item.current_period_end = Math.floor(new Date(from).setUTCMonth(new Date(from).getUTCMonth() + 1) / 1000)
    }
    await this.send(this.event('customer.subscription.updated', sub))
  }

  /** Transfers to this account fail from now on (Stripe's `balance_insufficient`, say), until `null`. */
  failTransfersTo(destination: string | null, code = 'balance_insufficient'): void {
    this.transferFailure = destination ? { destination, code } : null
  }

  /**
   * The customer pays: the intent succeeds with a card charge, and Stripe's two webhooks
   * arrive in order (awaited, so the caller sees their effect). `deliver: false` simulates
   * a webhook that never arrives.
   */
  async pay(intentId: string, card: TestCard = {}, { deliver = true } = {}): Promise<void> {
    const intent = this.intent(intentId)
    const amount = card.amount ?? intent.amount
    const chargeId = id('ch')
    const charge = newCharge({
      id: chargeId,
      amount,
      currency: card.currency?.toLowerCase() ?? intent.currency,
      payment_intent: intentId,
      customer: intent.customer,
      receipt_url: `https://pay.stripe.com/receipts/fake/${chargeId}`,
      payment_method_details: newCardDetails({
        brand: card.brand ?? 'visa',
        last4: card.last4 ?? '4242',
        exp_month: 12,
        exp_year: 2030,
        wallet: card.wallet ? { type: card.wallet, dynamic_last4: null } : null,
      }),
      metadata: intent.metadata,
      created: this.seconds(),
    })
    this.charges.set(chargeId, charge)
    const paid = this.changeIntent(intentId, {
      status: 'succeeded',
      amount_received: amount,
      currency: charge.currency,
      latest_charge: chargeId,
      last_payment_error: null,
    })
    if (!deliver) return
    await this.send(this.event('payment_intent.succeeded', paid))
    await this.send(this.event('charge.succeeded', charge))
  }

  /** The card is declined; the intent waits for another payment method, as Stripe's does. */
  async decline(intentId: string, { deliver = true } = {}): Promise<void> {
    const declined = this.changeIntent(intentId, {
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
    })
    if (deliver) await this.send(this.event('payment_intent.payment_failed', declined))
  }

  /** A Stripe event around a copy of `object`, as the API would send it. */
  event<T extends Stripe.Event.Type>(type: T, object: StripeEventOf<T>['data']['object']): StripeEventOf<T> {
    return newEvent(type, structuredClone(object), { id: id('evt'), created: this.seconds(), request: { id: id('req'), idempotency_key: null } })
  }

  /** Signs and delivers one event now. */
  async send(event: Stripe.Event): Promise<void> {
    if (!this.sink) return
    const payload = JSON.stringify(event, null, 2)
    await this.sink(payload, signWebhook(payload, this.webhookSecret, this.clock()))
  }

  /** Waits for the webhooks queued by refunds and cancellations (they arrive asynchronously, as Stripe's do). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  private later<T extends Stripe.Event.Type>(type: T, object: StripeEventOf<T>['data']['object']): void {
    // The event is built now, so it carries the state of this moment, like Stripe's.
    const event = this.event(type, object)
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.send(event))
      .catch(() => {})
      .finally(() => this.pending.delete(delivery))
    this.pending.add(delivery)
  }

  /**
   * Stripe's idempotency: the first answer under a key is the answer to every retry. The answer
   * is kept as `work` made it, so `work` must not hand out anything the fake changes later;
   * each caller gets its own copy.
   */
  private once<T>(method: string, key: string, work: () => T): T {
    this.record({ method, idempotencyKey: key })
    const scoped = `${method}:${key}`
    if (!this.byKey.has(scoped)) this.byKey.set(scoped, work())
    return structuredClone(this.byKey.get(scoped)) as T
  }

  private record(call: { method: string; idempotencyKey: string | null }): void {
    if (this.calls.length >= 2 * CALLS_KEPT) this.calls.splice(0, CALLS_KEPT)
    this.calls.push(call)
  }

  private kept(value: string): string {
    const same = this.repeated.get(value)
    if (same !== undefined) return same
    this.repeated.set(value, value)
    return value
  }

  /** Replaces the intent's fields with `changes` made; answers the whole intent, a copy of its own. */
  private changeIntent(intentId: string, changes: Partial<Stripe.PaymentIntent>): Stripe.PaymentIntent {
    const changed = { ...this.fieldsOf(intentId), ...changes }
    this.intents.set(intentId, changed)
    return newPaymentIntent(structuredClone(changed))
  }

  private subscription(subId: string): Stripe.Subscription {
    const sub = this.subscriptions.get(subId)
    if (!sub) throw new GatewayRejection(`No such subscription: '${subId}'`, 'resource_missing', {})
    return sub
  }

  /** The whole intent as it stands, a copy of its own: changing it changes nothing here. */
  private intent(intentId: string): Stripe.PaymentIntent {
    return newPaymentIntent(structuredClone(this.fieldsOf(intentId)))
  }

  private fieldsOf(intentId: string): PaymentIntentFields {
    const intent = this.intents.get(intentId)
    if (!intent) throw new GatewayRejection(`No such payment_intent: '${intentId}'`, 'resource_missing', { error: { code: 'resource_missing' } })
    return intent
  }

  private latestCharge(intent: Stripe.PaymentIntent): Stripe.Charge | undefined {
    const chargeId = expandableId(intent.latest_charge)
    return chargeId ? this.charges.get(chargeId) : undefined
  }

  private seconds(): number {
    return Math.floor(this.clock().getTime() / 1000)
  }
}
