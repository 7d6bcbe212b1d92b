import { asc, eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { payments } from '../../src/modules/payments/schema.js'
import { reservationTransitions, reservations } from '../../src/modules/reservations/schema.js'
import { type FakeGateway } from '../../src/modules/payments/fake-gateway.js'
import { signWebhook } from '../../src/modules/payments/gateway.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from './context.js'
import { client, local, slot, type Actor, type Reply } from './factories.js'

/** The offline gateway every test app runs with. */
export const fakeOf = (ctx: TestContext) => ctx.deps.gateway as FakeGateway

/** POSTs a Stripe event to the webhook as Stripe would: exact bytes, signed at `at`. */
export async function deliver(
  ctx: TestContext,
  event: unknown,
  opts: { at?: Date; secret?: string; signature?: string; payload?: string } = {},
): Promise<Reply> {
  const payload = opts.payload ?? JSON.stringify(event)
  const signature = opts.signature ?? signWebhook(payload, opts.secret ?? ctx.config.stripe.webhookSecret, opts.at ?? ctx.clock())
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/payments/webhook',
    payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  })
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers }
}

/** The charge `retrieveIntent` expands into its intent; throws if the intent has none. */
export function expandedCharge(intent: Stripe.PaymentIntent): Stripe.Charge {
  const charge = intent.latest_charge
  if (typeof charge !== 'object' || charge === null) throw new Error(`intent ${intent.id} comes without its charge expanded`)
  return charge
}

/** A hold on `room` from `start` to `end` (venue-local wall clock) and its checkout. */
export async function holdAndCheckout(ctx: TestContext, who: Actor, venue: Venue, room: Room, start: string, end: string, body: object = {}) {
  const c = client(ctx, who.access)
  const created = await c.post('/reservations', { venue_id: venue.id, items: [slot(room, local(venue.timezone, start), local(venue.timezone, end))] })
  if (created.status !== 201) throw new Error(`booking failed: ${JSON.stringify(created.body)}`)
  const checkout = await c.post(`/reservations/${created.body.id}/checkout`, body)
  if (checkout.status !== 200) throw new Error(`checkout failed: ${JSON.stringify(checkout.body)}`)
  return {
    id: created.body.id as string,
    intentId: checkout.body.payment_intent_id as string,
    checkout: checkout.body,
    total: created.body.total.amount as number,
  }
}

/** Reads the rows a payment test checks; `ctx` is a getter because tests build it in beforeAll. */
export function stateReaders(ctx: () => TestContext) {
  const db = () => ctx().deps.db
  return {
    reservationOf: async (id: string) => (await db().select().from(reservations).where(eq(reservations.id, id)))[0]!,
    paymentOf: async (reservationId: string) => (await db().select().from(payments).where(eq(payments.reservationId, reservationId)))[0]!,
    transitionsOf: (id: string) =>
      db().select().from(reservationTransitions).where(eq(reservationTransitions.reservationId, id)).orderBy(asc(reservationTransitions.id)),
  }
}
