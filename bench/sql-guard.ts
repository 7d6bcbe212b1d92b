// The guard: the mirror (sql-mirror.ts, sql-direct.ts) must send what the service sends. At
// start-up the bench runs one real create() and one real forDay() through the app's own services
// on the bench database, records every statement that reaches a pg client, does the same for
// createDirect() and availabilityDirect(), and compares the texts (whitespace collapsed,
// parameter values ignored, `begin`/`commit` included on both sides) and the row mode, statement
// by statement.
import pg from 'pg'
import { buildServices } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { signWebhook } from '../src/modules/payments/gateway.js'
import { makeDeps } from '../src/server.js'
import type { Checkout } from './checkouts.js'
import type { DayWindow, Fixture } from './fixture.js'
import { log } from './format.js'
import { WEBHOOK_SECRET } from './settings.js'
import { randomClaim } from './slots.js'
import { availabilityDirect, createDirect, webhookDirect } from './sql-direct.js'
import { firstDifference, recordingStatements, squash } from './sql-recording.js'
import { succeededEvent, type StripeEvent } from './stripe-events.js'

export interface MirrorPart {
  service: number
  bench: number
  difference: string | null
}

export interface MirrorCheck {
  matches: boolean
  /** False when the guard itself failed: then no part is known to match. */
  ran: boolean
  /** The first difference, e.g. "create: statement 3 of 9: …", or null. */
  difference: string | null
  create: MirrorPart
  availability: MirrorPart
  webhook: MirrorPart
  /** What the service sent, whitespace collapsed, in order. */
  serviceStatements: { create: string[]; availability: string[]; webhook: string[] }
}

export async function checkMirror(url: string, fx: Fixture, env: Record<string, string | undefined>): Promise<MirrorCheck> {
  // Cache off, so forDay() reaches the database whatever the default is; the queries of a miss are the same.
  const config = loadConfig({ ...env, AVAILABILITY_CACHE_MS: '0' })
  const database = await openDatabase({ url, poolSize: 2 })
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  try {
    const services = buildServices(makeDeps(config, database))
    const who = { userId: fx.userId, role: 'customer' as const }
    const [serviceDay, benchDay, serviceWebhookDay, benchWebhookDay] = fx.guardDays
    const claimOn = (day: DayWindow) => {
      const c = randomClaim(fx, [day])
      return { venue_id: fx.venueId, items: [{ kind: 'slot' as const, room_id: c.room.id, start: c.start.toISOString(), end: c.end.toISOString() }] }
    }
    const serviceCreate = await recordingStatements(() => services.reservations.create(who, claimOn(serviceDay!)))
    const serviceAvailability = await recordingStatements(() => services.availability.forDay(fx.venueId, fx.availabilityDay, 1))
    const benchCreate = await recordingStatements(() => createDirect(pool, fx, [benchDay!]))
    const benchAvailability = await recordingStatements(() => availabilityDirect(pool, fx))
    if (benchCreate.result !== 'ok' || benchAvailability.result !== 'ok') {
      throw new Error(`the bench's own SQL did not run cleanly: create ${benchCreate.result}, availability ${benchAvailability.result}`)
    }

    // The webhook: a hold and its checkout through the services (in-process fake gateway), then
    // one signed payment_intent.succeeded through the real receive(); then the same for the mirror.
    const checkedOut = async (day: DayWindow): Promise<Checkout> => {
      const r = await services.reservations.create(who, claimOn(day))
      const { payment } = await services.checkout.checkout(who, r.id, {})
      return { reservationId: r.id, intentId: payment.intentId!, clientSecret: payment.clientSecret, amount: payment.amount, currency: payment.currency }
    }
    const forService = succeededEvent(await checkedOut(serviceWebhookDay!), new Date())
    const signature = signWebhook(forService.payload, WEBHOOK_SECRET, new Date())
    const serviceWebhook = await recordingStatements(() => services.webhooks.receive(Buffer.from(forService.payload), signature))
    const forBench = succeededEvent(await checkedOut(benchWebhookDay!), new Date())
    const benchWebhook = await recordingStatements(() => webhookDirect(pool, JSON.parse(forBench.payload) as StripeEvent))
    if (serviceWebhook.result.outcome !== 'confirmed' || benchWebhook.result !== 'ok') {
      throw new Error(`the webhook did not confirm: service ${serviceWebhook.result.outcome}, bench ${benchWebhook.result}`)
    }

    const createDiff = firstDifference(serviceCreate.sent, benchCreate.sent)
    const availabilityDiff = firstDifference(serviceAvailability.sent, benchAvailability.sent)
    const webhookDiff = firstDifference(serviceWebhook.sent, benchWebhook.sent)
    const difference = createDiff ? `create: ${createDiff}` : availabilityDiff ? `availability: ${availabilityDiff}` : webhookDiff ? `webhook: ${webhookDiff}` : undefined
    return {
      matches: difference === undefined,
      ran: true,
      difference: difference ?? null,
      create: { service: serviceCreate.sent.length, bench: benchCreate.sent.length, difference: createDiff ?? null },
      availability: { service: serviceAvailability.sent.length, bench: benchAvailability.sent.length, difference: availabilityDiff ?? null },
      webhook: { service: serviceWebhook.sent.length, bench: benchWebhook.sent.length, difference: webhookDiff ?? null },
      serviceStatements: {
        create: serviceCreate.sent.map((s) => squash(s.text)),
        availability: serviceAvailability.sent.map((s) => squash(s.text)),
        webhook: serviceWebhook.sent.map((s) => squash(s.text)),
      },
    }
  } finally {
    await pool.end()
    await database.close()
  }
}

/** Which parts of the mirror send what the service sends. */
export interface MirrorFreshness {
  create: boolean
  availability: boolean
  webhook: boolean
}

/**
 * Runs the guard and prints its verdict, with what to update where the mirror is stale. A guard
 * that cannot run counts as a mismatch: then no part is trusted.
 */
export async function guardMirror(url: string, fx: Fixture, env: Record<string, string | undefined>): Promise<{ mirror: MirrorCheck; fresh: MirrorFreshness; mirrorLine: string }> {
  const mirror = await checkMirror(url, fx, env).catch(
    (error: unknown): MirrorCheck => ({
      matches: false,
      ran: false,
      difference: `the guard could not run: ${error instanceof Error ? error.message : String(error)}`,
      create: { service: 0, bench: 0, difference: null },
      availability: { service: 0, bench: 0, difference: null },
      webhook: { service: 0, bench: 0, difference: null },
      serviceStatements: { create: [], availability: [], webhook: [] },
    }),
  )
  // Each mirrored part is trusted on its own: a stale webhook mirror does not void (b).
  const fresh = {
    create: mirror.ran && mirror.create.difference === null,
    availability: mirror.ran && mirror.availability.difference === null,
    webhook: mirror.ran && mirror.webhook.difference === null,
  }
  const mirrorLine = mirror.matches
    ? `SQL mirror matches the service: yes (create: ${mirror.create.service} statements with begin/commit; availability: ${mirror.availability.service}; webhook: ${mirror.webhook.service} with begin/commit)`
    : !mirror.ran
      ? `SQL mirror matches the service: NO — ${mirror.difference}`
      : `SQL mirror matches the service: NO — ${[
          mirror.create.difference && `create() differs at ${mirror.create.difference}`,
          mirror.availability.difference && `forDay() differs at ${mirror.availability.difference}`,
          mirror.webhook.difference && `webhook receive() differs at ${mirror.webhook.difference}`,
        ]
          .filter(Boolean)
          .join('; ')}`
  log(mirrorLine)
  if (!fresh.create) log("    (b) below is NOT the service's SQL: update SQL in bench/sql-mirror.ts and createDirect() in bench/sql-direct.ts")
  if (!fresh.availability) log("    the availability SQL below is NOT the service's SQL: update SQL in bench/sql-mirror.ts and availabilityDirect() in bench/sql-direct.ts")
  if (!fresh.webhook) log("    (g)'s SQL through pg is NOT the service's SQL: update SQL in bench/sql-mirror.ts and webhookDirect() in bench/sql-direct.ts")
  return { mirror, fresh, mirrorLine }
}

/** Added to a phase's heading when the SQL it sends through pg is no longer the service's. */
export const staleNote = (ok: boolean) => (ok ? '' : ' (MIRROR IS STALE, see above)')
