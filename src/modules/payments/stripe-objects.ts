import Stripe from 'stripe'

/*
 * Stripe objects as the SDK types them, for the fake gateway and the tests: each builder takes
 * the fields that matter and fills every other required field with Stripe's empty value once,
 * so a field the SDK renames or adds breaks the build here instead of a payment in production.
 */

/** The fields a caller must give, and any others it wants to set. */
type Given<T, K extends keyof T> = Pick<T, K> & Partial<T>

/** The event of one `type`, with `data.object` typed as that event carries it. */
export type StripeEventOf<T extends Stripe.Event.Type> = Extract<Stripe.Event, { type: T }>

/** What a PaymentIntent holds beyond Stripe's empty values. */
export type PaymentIntentFields = Given<Stripe.PaymentIntent, 'id' | 'amount' | 'currency' | 'created'>

export function newPaymentIntent(fields: PaymentIntentFields): Stripe.PaymentIntent {
  return {
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: null,
    confirmation_method: 'automatic',
    customer: null,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
    ...fields,
  }
}

export function newCharge(fields: Given<Stripe.Charge, 'id' | 'amount' | 'currency' | 'payment_intent' | 'created'>): Stripe.Charge {
  return {
    object: 'charge',
    amount_captured: fields.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: null,
    captured: true,
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_method: null,
    payment_method_details: null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${fields.id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
    ...fields,
  }
}

/** A card charge's `payment_method_details`. */
export function newCardDetails(
  card: Given<Stripe.Charge.PaymentMethodDetails.Card, 'brand' | 'last4' | 'exp_month' | 'exp_year'>,
): Stripe.Charge.PaymentMethodDetails {
  return {
    type: 'card',
    card: {
      amount_authorized: null,
      authorization_code: null,
      checks: null,
      country: null,
      electronic_commerce_indicator: null,
      funding: 'credit',
      installments: null,
      mandate: null,
      network: card.brand,
      network_transaction_id: null,
      regulated_status: null,
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
      ...card,
    },
  }
}

export function newCustomer(fields: Given<Stripe.Customer, 'id' | 'created'>): Stripe.Customer {
  return {
    object: 'customer',
    balance: 0,
    default_source: null,
    description: null,
    email: null,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    shipping: null,
    ...fields,
  }
}

export function newRefund(fields: Given<Stripe.Refund, 'id' | 'amount' | 'currency' | 'created'>): Stripe.Refund {
  return {
    object: 'refund',
    balance_transaction: null,
    charge: null,
    customer: null,
    customer_account: null,
    metadata: {},
    payment_intent: null,
    payment_method: null,
    reason: null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
    ...fields,
  }
}

export function newTransfer(fields: Given<Stripe.Transfer, 'id' | 'amount' | 'currency' | 'destination' | 'created'>): Stripe.Transfer {
  return {
    object: 'transfer',
    amount_reversed: 0,
    balance_transaction: null,
    description: null,
    livemode: false,
    metadata: {},
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${fields.id}/reversals` },
    reversed: false,
    source_transaction: null,
    transfer_group: null,
    ...fields,
  }
}

export function newAccount(fields: Given<Stripe.Account, 'id' | 'email'>): Stripe.Account {
  return {
    object: 'account',
    type: 'express',
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    metadata: {},
    ...fields,
  }
}

/** An event around `object`, as Stripe's API would send it. */
export function newEvent<T extends Stripe.Event.Type>(
  type: T,
  object: StripeEventOf<T>['data']['object'],
  fields: Given<Omit<Stripe.EventBase, 'object' | 'type' | 'data'>, 'id' | 'created'>,
): StripeEventOf<T> {
  const event = {
    object: 'event',
    // The version these types describe; a real endpoint renders events in the one it is pinned to.
    api_version: Stripe.API_VERSION,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...fields,
  } satisfies Stripe.EventBase
  // Each member of the union is EventBase with `type` and `data.object` paired; the compiler
  // cannot see that a generic `T` picks one, so the pairing is stated once, here.
  return event as StripeEventOf<T>
}
