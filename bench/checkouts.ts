/** Payments: checkouts made through the server, for the Stripe events of (g) and (h) to pay. */
import type { Fixture } from './fixture.js'
import type { HttpClient } from './http-client.js'
import { errorLabel } from './load.js'
import { WEBHOOK_CONNECTIONS } from './settings.js'
import type { SlotAllocator } from './slots.js'

export interface Checkout {
  reservationId: string
  intentId: string
  clientSecret: string | null
  amount: number
  currency: string
}

/** A hold on a slot nobody else claims, then its checkout, through the server; throws on anything unexpected. */
export async function holdAndCheckout(
  client: HttpClient,
  auth: Record<string, string>,
  fx: Fixture,
  slots: SlotAllocator,
  steps?: number[],
): Promise<Checkout> {
  const c = slots.next()
  let t = performance.now()
  const body = JSON.stringify({ venue_id: fx.venueId, items: [{ kind: 'slot', room_id: c.room.id, start: c.start.toISOString(), end: c.end.toISOString() }] })
  const held = await client.request('POST', '/api/v1/reservations', auth, body)
  if (held.status !== 201) throw Object.assign(new Error(`hold ${held.status}`), { code: `hold_${held.status}:${held.body?.error?.code ?? ''}` })
  steps?.push(performance.now() - t)
  t = performance.now()
  const id = held.body.id as string
  const paid = await client.request('POST', `/api/v1/reservations/${id}/checkout`, auth, '{}')
  if (paid.status !== 200 || paid.body.status !== 'pending' || paid.body.reservation_status !== 'awaiting_payment' || !paid.body.payment_intent_id) {
    throw Object.assign(new Error(`checkout ${paid.status}`), {
      code: `checkout_${paid.status}:${paid.body?.error?.code ?? paid.body?.reservation_status ?? ''}`,
    })
  }
  steps?.push(performance.now() - t)
  return {
    reservationId: id,
    intentId: paid.body.payment_intent_id,
    clientSecret: paid.body.client_secret,
    amount: paid.body.amount.amount,
    currency: paid.body.amount.currency,
  }
}

/** `count` checkouts from `concurrency` workers; a few failures are tolerated and reported. */
export async function prepareCheckouts(
  client: HttpClient,
  auth: Record<string, string>,
  fx: Fixture,
  slots: SlotAllocator,
  count: number,
  concurrency = WEBHOOK_CONNECTIONS,
) {
  const made: Checkout[] = []
  const failures: Record<string, number> = {}
  let failed = 0
  let started = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started++
        try {
          made.push(await holdAndCheckout(client, auth, fx, slots))
        } catch (error) {
          const label = errorLabel(error)
          failures[label] = (failures[label] ?? 0) + 1
          if (++failed > Math.max(10, count / 20)) throw new Error(`preparing checkouts: too many failures ${JSON.stringify(failures)}`, { cause: error })
          started-- // try another slot
        }
      }
    }),
  )
  return { checkouts: made, seconds: (performance.now() - t0) / 1000, failures }
}
