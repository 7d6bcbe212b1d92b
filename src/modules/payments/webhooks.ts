import { eq, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import { Compile } from 'typebox/compile'
import type { Deps } from '../../deps.js'
import { fixedQuery, rawOf, valueSlot } from '../../db/fixed-query.js'
import { namedStatement } from '../../db/named-statement.js'
import { AppError } from '../../http/errors.js'
import { verifyWebhook } from './gateway.js'
import { logOne, logPayment, logValues } from './records.js'
import { sendRefunds } from './refunds.js'
import { webhookEvents } from './schema.js'
import { StripeEventBody } from './schemas.js'
import type { Settlement } from './settlement.js'
import { relayHereSet, type LocalRelay } from '../events/relay.js'

// Compiled once: the interpreting Value.Check cost the webhook a fifth of its CPU.
const isStripeEvent = Compile(StripeEventBody)

const p = sql.placeholder

// Every verified event's two statements of its own, their texts built once.
// The event, stored under its id unless it is there already: then no row comes back.
const storeEvent = namedStatement<{ id: string }>(
  'reservoir_store_webhook_event',
  sql`insert into ${webhookEvents} (id, type, payload, outcome, received_at)
    select ${p('id')}::text, ${p('type')}::text, ${p('payload')}::jsonb, 'processing', ${p('now')}::timestamptz
    where ${relayHereSet}
    on conflict (id) do nothing returning id`,
)

// The outcome, stored by the statement that logs the event: one round trip fewer.
const outcomeLogged = fixedQuery((ex) => {
  const outcome = ex.$with('outcome', {}).as(
    ex
      .update(webhookEvents)
      .set({ outcome: valueSlot<string>('outcome') })
      .where(eq(webhookEvents.id, p('eventId')))
      .getSQL(),
  )
  return logOne(ex.with(outcome))
}, 'reservoir_webhook_outcome')

export interface WebhookAnswer {
  received: true
  duplicate: boolean
  outcome: string
}

/**
 * Stripe's webhook: the signature is checked on the raw bytes before anything is read; the
 * event is stored under its own id in the transaction that acts on it, so a redelivery,
 * concurrent or later, finds the id taken and only counts itself as a duplicate.
 */
export class WebhookService {
  constructor(
    private readonly deps: Deps,
    private readonly settlement: Settlement,
    private readonly relay: LocalRelay,
  ) {}

  async receive(raw: Buffer, signature: string | undefined): Promise<WebhookAnswer> {
    const now = this.deps.clock()
    let event: Stripe.Event
    try {
      event = verifyWebhook(raw, signature ?? '', this.deps.config.stripe.webhookSecret, now)
    } catch {
      throw new AppError('invalid_signature', 'The Stripe-Signature header does not match this payload', null)
    }
    // The SDK types whatever bytes were signed as an event; the route's schema checks the
    // envelope routing relies on for HTTP, and this check does the same for any other caller.
    if (!isStripeEvent.Check(event)) throw new AppError('validation_failed', 'Not a Stripe event', null)
    // Its events wake this process's relay after the commit rather than through NOTIFY (LocalRelay).
    const result = await this.relay.transactionSaying(this.deps.db, async (tx) => {
      const fresh = await storeEvent.run(rawOf(tx), {
        id: event.id,
        type: event.type,
        payload: JSON.stringify(event),
        now: now.toISOString(),
        relayHere: this.relay.setting,
      })
      if (fresh.length === 0) {
        await tx
          .update(webhookEvents)
          .set({ duplicates: sql`${webhookEvents.duplicates} + 1` })
          .where(eq(webhookEvents.id, event.id))
        await logPayment(tx, now, { kind: 'webhook_received', code: 'duplicate', raw: { id: event.id, type: event.type } })
        return { duplicate: true, outcome: 'duplicate', refundIds: [] as string[] }
      }
      const settled = await this.settlement.apply(tx, event, now)
      await outcomeLogged(tx, {
        outcome: settled.outcome,
        eventId: event.id,
        ...logValues(now, { kind: 'webhook_received', paymentId: settled.paymentId, code: settled.outcome, raw: event }),
      })
      return { duplicate: false, outcome: settled.outcome, refundIds: settled.refundIds }
    })
    // Refunds decided here reach the gateway after commit; the job retries any that fail.
    await sendRefunds(this.deps, result.refundIds)
    return { received: true, duplicate: result.duplicate, outcome: result.outcome }
  }
}
