import type { Config } from '../../config.js'
import type { Clock } from '../../deps.js'
import { FakeGateway } from './fake-gateway.js'
import type { PaymentGateway } from './gateway.js'
import { StripeGateway } from './stripe-gateway.js'

/** The gateway the configuration names; the fake one needs no network at all. */
export function createGateway(config: Config, clock: Clock): PaymentGateway {
  if (config.paymentGateway === 'stripe') return new StripeGateway({ secretKey: config.stripe.secretKey!, apiBase: config.stripe.apiBase })
  return new FakeGateway(config.stripe.webhookSecret, clock)
}
