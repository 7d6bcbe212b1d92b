// The guard: the mirror (sql-mirror.ts, sql-direct.ts) must send what the service sends. At
// start-up the bench runs one real create() (a slot hold, and a stay hold), one real forDay(),
// one real webhook receive() and one real stay search() through the app's own services on the
// bench database, records every statement that reaches a pg client, does the same for
// createDirect(), availabilityDirect(), webhookDirect(), stayCreateDirect() and
// staySearchDirect(), and compares the texts (whitespace collapsed, parameter values ignored,
// `begin`/`commit` included on both sides) and the row mode, statement by statement. (The
// search's last two queries run concurrently, so those two are compared in text order.)
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { buildServices } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { signWebhook } from '../src/modules/payments/gateway.js'
import { reservationOut } from '../src/modules/reservations/views.js'
import { makeDeps } from '../src/server.js'
import type { Checkout } from './checkouts.js'
import type { DayWindow, Fixture } from './fixture.js'
import { log } from './format.js'
import { WEBHOOK_SECRET } from './settings.js'
import { randomClaim, SlotAllocator } from './slots.js'
import { availabilityDirect, createDirect, stayCreateDirect, staySearchDirect, venueRow, webhookDirect } from './sql-direct.js'
import { firstDifference, recordingStatements, squash, type SentStatement } from './sql-recording.js'
import { STAY_BOOKING_NIGHTS, STAY_SEARCH_GUESTS, STAY_SEARCH_MAX_NIGHTS } from './settings.js'
import { randomSearch, randomStayClaim, searchPath } from './stays-fixture.js'
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
  stayCreate: MirrorPart
  staySearch: MirrorPart
  /** What the service sent, whitespace collapsed, in order. */
  serviceStatements: { create: string[]; availability: string[]; webhook: string[]; stayCreate: string[]; staySearch: string[] }
}

/** Statements from `from` on were sent concurrently: their order is the pool's, so compare them sorted. */
const concurrentFrom = (sent: readonly SentStatement[], from: number) => [
  ...sent.slice(0, from),
  ...sent.slice(from).sort((a, b) => (squash(a.text) < squash(b.text) ? -1 : 1)),
]

export async function checkMirror(url: string, fx: Fixture, env: Record<string, string | undefined>): Promise<MirrorCheck> {
  // Cache off, so forDay() reaches the database whatever the default is; the queries of a miss are the same.
  const config = loadConfig({ ...env, AVAILABILITY_CACHE_MS: '0' })
  const database = await openDatabase({ url, poolSize: 2 })
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  try {
    const services = buildServices(makeDeps(config, database))
    // The bench's server runs its relay loop (LocalRelay): its writers send what they send with one running.
    services.localRelay.attach(() => {})
    const who = { userId: fx.userId, role: 'customer' as const }
    const [serviceDay, benchDay, serviceWebhookDay, benchWebhookDay] = fx.guardDays
    const claimOn = (day: DayWindow) => {
      const c = randomClaim(fx, [day])
      return { venue_id: fx.venueId, items: [{ kind: 'slot' as const, room_id: c.room.id, start: c.start.toISOString(), end: c.end.toISOString() }] }
    }
    // Both sides keep a venue's row (VenueService.cached, venueRow): compare them as they run, warm.
    for (const venueId of [fx.venueId, fx.stays.venueId]) await Promise.all([services.venues.cached(venueId), venueRow(pool, venueId)])
    // The service keeps a room's row too (SlotHolds): a first hold on a room warms it; the second, on the
    // same room an hour apart so it cannot collide, is the one compared.
    const oneRoom = new SlotAllocator({ ...fx, rooms: [fx.rooms[0]!] }, [serviceDay!])
    const slotClaim = (s: { room: { id: string }; start: Date; end: Date }) => ({
      venue_id: fx.venueId,
      items: [{ kind: 'slot' as const, room_id: s.room.id, start: s.start.toISOString(), end: s.end.toISOString() }],
    })
    await services.reservations.create(who, slotClaim(oneRoom.next()))
    // As (a) books: with an Idempotency-Key, which goes in the hold's statement with its answer.
    const key = { scope: `user:${who.userId}`, key: randomUUID(), requestHash: 'guard', createdAt: new Date(), responseStatus: 201 }
    const serviceCreate = await recordingStatements(() => services.reservations.createKeyed(who, slotClaim(oneRoom.next()), key, reservationOut))
    const serviceAvailability = await recordingStatements(() => services.availability.forDay(fx.venueId, fx.availabilityDay, 1))
    const benchCreate = await recordingStatements(() => createDirect(pool, fx, [benchDay!]))
    const benchAvailability = await recordingStatements(() => availabilityDirect(pool, fx))
    if (serviceCreate.result === undefined) throw new Error('the keyed hold left its key to the usual path: the guard compared no hold')
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

    // Stays: one hold of one stay item (a random type, plan and dates, as (j) books), and one search.
    const s = fx.stays
    const stayClaim = (c = randomStayClaim(s, STAY_BOOKING_NIGHTS)) => {
      return {
        claim: c,
        body: {
          venue_id: s.venueId,
          items: [
            {
              kind: 'stay' as const,
              room_type_id: c.roomType.id,
              rate_plan_id: c.planId,
              arrival: c.arrival,
              departure: c.departure,
              quantity: c.quantity,
              guests: c.guests,
            },
          ],
        },
      }
    }
    // Both sides keep a copy of a room type (StayHolds, stayCopy): a first hold of one type warms
    // it; the second, of the same type, is the one compared.
    const warm = randomStayClaim(s, STAY_BOOKING_NIGHTS)
    const sameType = () => ({ ...randomStayClaim(s, STAY_BOOKING_NIGHTS), roomType: warm.roomType, planId: warm.planId })
    await services.reservations.create(who, stayClaim(warm).body)
    await stayCreateDirect(pool, fx, warm)
    // As (j) books: with an Idempotency-Key, which goes in the hold's statement with its answer.
    const stayKey = { ...key, key: randomUUID() }
    const serviceStayCreate = await recordingStatements(() => services.reservations.createKeyed(who, stayClaim(sameType()).body, stayKey, reservationOut))
    const benchStayCreate = await recordingStatements(() => stayCreateDirect(pool, fx, sameType()))
    const search = randomSearch(s, STAY_SEARCH_MAX_NIGHTS, STAY_SEARCH_GUESTS)
    const serviceStaySearch = await recordingStatements(() =>
      services.staySearch.search(
        { venue: s.venueId, arrival: search.arrival, departure: search.departure, guests: search.guests, rooms: search.rooms },
        searchPath(s.venueId, search),
      ),
    )
    const benchStaySearch = await recordingStatements(() => staySearchDirect(pool, fx, search))
    if (serviceStayCreate.result === undefined) throw new Error('the keyed stay hold left its key to the usual path: the guard compared no hold')
    if (benchStayCreate.result !== 'ok' || benchStaySearch.result !== 'ok' || serviceStaySearch.result.count !== s.roomTypes.length) {
      throw new Error(
        `the stays did not run cleanly: bench create ${benchStayCreate.result}, bench search ${benchStaySearch.result}, service search ${serviceStaySearch.result.count} room types`,
      )
    }
    const stayCreateDiff = firstDifference(serviceStayCreate.sent, benchStayCreate.sent)
    const staySearchDiff = firstDifference(concurrentFrom(serviceStaySearch.sent, 2), concurrentFrom(benchStaySearch.sent, 2))

    const difference = createDiff
      ? `create: ${createDiff}`
      : availabilityDiff
        ? `availability: ${availabilityDiff}`
        : webhookDiff
          ? `webhook: ${webhookDiff}`
          : stayCreateDiff
            ? `stay create: ${stayCreateDiff}`
            : staySearchDiff
              ? `stay search: ${staySearchDiff}`
              : undefined
    return {
      matches: difference === undefined,
      ran: true,
      difference: difference ?? null,
      create: { service: serviceCreate.sent.length, bench: benchCreate.sent.length, difference: createDiff ?? null },
      availability: { service: serviceAvailability.sent.length, bench: benchAvailability.sent.length, difference: availabilityDiff ?? null },
      webhook: { service: serviceWebhook.sent.length, bench: benchWebhook.sent.length, difference: webhookDiff ?? null },
      stayCreate: { service: serviceStayCreate.sent.length, bench: benchStayCreate.sent.length, difference: stayCreateDiff ?? null },
      staySearch: { service: serviceStaySearch.sent.length, bench: benchStaySearch.sent.length, difference: staySearchDiff ?? null },
      serviceStatements: {
        create: serviceCreate.sent.map((x) => squash(x.text)),
        availability: serviceAvailability.sent.map((x) => squash(x.text)),
        webhook: serviceWebhook.sent.map((x) => squash(x.text)),
        stayCreate: serviceStayCreate.sent.map((x) => squash(x.text)),
        staySearch: serviceStaySearch.sent.map((x) => squash(x.text)),
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
  stayCreate: boolean
  staySearch: boolean
}

/**
 * Runs the guard and prints its verdict, with what to update where the mirror is stale. A guard
 * that cannot run counts as a mismatch: then no part is trusted.
 */
export async function guardMirror(
  url: string,
  fx: Fixture,
  env: Record<string, string | undefined>,
): Promise<{ mirror: MirrorCheck; fresh: MirrorFreshness; mirrorLine: string }> {
  const mirror = await checkMirror(url, fx, env).catch((error: unknown): MirrorCheck => ({
    matches: false,
    ran: false,
    difference: `the guard could not run: ${error instanceof Error ? error.message : String(error)}`,
    create: { service: 0, bench: 0, difference: null },
    availability: { service: 0, bench: 0, difference: null },
    webhook: { service: 0, bench: 0, difference: null },
    stayCreate: { service: 0, bench: 0, difference: null },
    staySearch: { service: 0, bench: 0, difference: null },
    serviceStatements: { create: [], availability: [], webhook: [], stayCreate: [], staySearch: [] },
  }))
  // Each mirrored part is trusted on its own: a stale webhook mirror does not void (b).
  const fresh = {
    create: mirror.ran && mirror.create.difference === null,
    availability: mirror.ran && mirror.availability.difference === null,
    webhook: mirror.ran && mirror.webhook.difference === null,
    stayCreate: mirror.ran && mirror.stayCreate.difference === null,
    staySearch: mirror.ran && mirror.staySearch.difference === null,
  }
  const mirrorLine = mirror.matches
    ? `SQL mirror matches the service: yes (create: ${mirror.create.service} statement${mirror.create.service === 1 ? '' : 's'}; availability: ${mirror.availability.service}; webhook: ${mirror.webhook.service} with begin/commit; stay create: ${mirror.stayCreate.service}; stay search: ${mirror.staySearch.service})`
    : !mirror.ran
      ? `SQL mirror matches the service: NO — ${mirror.difference}`
      : `SQL mirror matches the service: NO — ${[
          mirror.create.difference && `create() differs at ${mirror.create.difference}`,
          mirror.availability.difference && `forDay() differs at ${mirror.availability.difference}`,
          mirror.webhook.difference && `webhook receive() differs at ${mirror.webhook.difference}`,
          mirror.stayCreate.difference && `stay create() differs at ${mirror.stayCreate.difference}`,
          mirror.staySearch.difference && `stay search() differs at ${mirror.staySearch.difference}`,
        ]
          .filter(Boolean)
          .join('; ')}`
  log(mirrorLine)
  if (!fresh.create) log("    (b) below is NOT the service's SQL: update SQL in bench/sql-mirror.ts and createDirect() in bench/sql-direct.ts")
  if (!fresh.availability)
    log("    the availability SQL below is NOT the service's SQL: update SQL in bench/sql-mirror.ts and availabilityDirect() in bench/sql-direct.ts")
  if (!fresh.webhook) log("    (g)'s SQL through pg is NOT the service's SQL: update SQL in bench/sql-mirror.ts and webhookDirect() in bench/sql-direct.ts")
  if (!fresh.stayCreate) log("    (k) below is NOT the service's SQL: update SQL in bench/sql-mirror.ts and stayCreateDirect() in bench/sql-direct.ts")
  if (!fresh.staySearch)
    log("    (i)'s SQL through pg is NOT the service's SQL: update SQL in bench/sql-mirror.ts and staySearchDirect() in bench/sql-direct.ts")
  return { mirror, fresh, mirrorLine }
}

/** Added to a phase's heading when the SQL it sends through pg is no longer the service's. */
export const staleNote = (ok: boolean) => (ok ? '' : ' (MIRROR IS STALE, see above)')
