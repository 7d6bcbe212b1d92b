import { signWebhook } from '../src/modules/payments/gateway.js'
import type { Checkout } from './checkouts.js'
import { cannon, type HttpRun } from './load.js'
import { WEBHOOK_CONNECTIONS, WEBHOOK_SECRET } from './settings.js'
import { succeededEvent } from './stripe-events.js'

/** Sends one distinct, signed event per checkout through autocannon (`amount` = the number of checkouts). */
export async function webhookCannon(base: string, checkouts: readonly Checkout[]) {
  const at = new Date()
  const events = checkouts.map((c) => succeededEvent(c, at))
  // Signed just before sending, as Stripe signs each delivery; the server allows 300 s of skew.
  const signatures = events.map((e) => signWebhook(e.payload, WEBHOOK_SECRET, at))
  let next = 0
  let reused = 0
  let answered = 0
  let lastAnswerAt = 0
  const outcomes: Record<string, number> = {}
  const startedAt = performance.now()
  const measured = await cannon(
    {
      url: base,
      connections: Math.min(WEBHOOK_CONNECTIONS, checkouts.length),
      amount: checkouts.length,
      // autocannon notices the end only on a sampling tick (1 s by default); check every 100 ms.
      sampleInt: 100,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/payments/webhook',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            let i = next++
            // autocannon asks once per request sent; should it ever ask more, resend the last (a visible duplicate).
            if (i >= events.length) {
              reused++
              i = events.length - 1
            }
            return { ...req, body: events[i]!.payload, headers: { ...req.headers, 'stripe-signature': signatures[i]! } }
          },
          onResponse: (status, body) => {
            let label = `http_${status}`
            if (status === 200) {
              try {
                label = String((JSON.parse(body) as { outcome?: string }).outcome)
              } catch {
                label = 'unparsable'
              }
            }
            outcomes[label] = (outcomes[label] ?? 0) + 1
            if (++answered === checkouts.length) lastAnswerAt = performance.now()
          },
        },
      ],
    },
    200,
  )
  // With `amount`, autocannon reports only on its next sampling tick, so its duration runs up to
  // a tick past the last answer (with the default 1 s tick, 7.01 s for a 6.2 s run). The rate uses
  // the time to the last answer.
  const seconds = lastAnswerAt > 0 ? (lastAnswerAt - startedAt) / 1000 : measured.seconds
  const run: HttpRun = { ...measured, seconds, rps: measured.requests / seconds, okPerSecond: measured.ok / seconds }
  return { run, autocannonSeconds: measured.seconds, events: events.map((e) => e.event), built: Math.min(next, events.length), reused, outcomes }
}
