/** The service's transactions sent straight through `pg`, with the mirrored SQL of sql-mirror.ts: (b), (d), (g), (i) and (k)'s baselines. */
import { createHash, randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type pg from 'pg'
import { DEFAULT_POLICY, type CancellationPolicy } from '../src/modules/pricing/cancellation-policy.js'
import { rulesOf, type PriceRuleJson } from '../src/modules/pricing/queries.js'
import { quoteOf } from '../src/modules/pricing/quote.js'
import { nightsOf, stayLines, type PriceRule } from '../src/modules/pricing/stay-price.js'
import { claimQueueSpans, spanLockKeys } from '../src/modules/reservations/claims.js'
import { CHECK_IN_TIME, CHECK_OUT_TIME } from '../src/modules/reservations/stay-claims.js'
import { ROOM_RULES, type DayWindow, type Fixture } from './fixture.js'
import {
  MINUTE,
  PER_ROOM_ON_AVAILABILITY_DAY,
  ROOMS,
  STAY_BOOKING_NIGHTS,
  STAY_SEARCH_GUESTS,
  STAY_SEARCH_MAX_NIGHTS,
  STAY_SEARCH_PAGE_SIZE,
  ZONE,
} from './settings.js'
import { randomClaim, slotQuote } from './slots.js'
import { HOLD_TTL_MINUTES, mapped, named, P, pgArray, R, raw, SQL, T, V } from './sql-mirror.js'
import { randomSearch, randomStayClaim, type StayClaimInput, type StaySearchInput } from './stays-fixture.js'
import type { StripeEvent } from './stripe-events.js'

/**
 * The venue's row as VenueService.cached() has it: read once, then kept (the service keeps it for
 * VENUE_CACHE_MS and the bench never changes a venue, so a run reads it about once a second).
 */
const venues = new Map<string, Promise<unknown[]>>()
export function venueRow(pool: pg.Pool, venueId: string): Promise<unknown[]> {
  let row = venues.get(venueId)
  if (!row) {
    row = pool.query(mapped(SQL.venue, [venueId])).then((r) => r.rows[0] as unknown[])
    venues.set(venueId, row)
  }
  return row
}

/** The answer a keyed booking stores under its key: reservationOut's fields for a pending hold of one item. */
export function answerOf(
  r: {
    id: string
    venueId: string
    userId: string
    partySize: number
    quote: { total: number; currency: string }
    holdUntil: string
    start: string
    end: string
    at: string
  },
  item: Record<string, unknown>,
) {
  return {
    id: r.id,
    venue_id: r.venueId,
    user_id: r.userId,
    status: 'pending',
    items: [item],
    party_size: r.partySize,
    notes: null,
    guest: null,
    total: { amount: r.quote.total, currency: r.quote.currency },
    quote: r.quote,
    hold_expires_at: r.holdUntil,
    start: r.start,
    end: r.end,
    created_at: r.at,
    updated_at: r.at,
  }
}

/** The parameters of a one-statement hold's audit row and `reservation.created` event (hold-statement.ts' `audit` and `events`). */
const birthAudit = (userId: string, at: string, id: string, venueId: string, total: number) => [
  userId,
  at,
  at,
  pgArray(['reservation.created']),
  pgArray(['1']),
  pgArray([id]),
  pgArray([venueId]),
  pgArray([JSON.stringify({ id, total })]),
]

/** What the idempotency plugin fingerprints: the method, the path and the body. */
const requestHashOf = (body: unknown) =>
  createHash('sha256')
    .update(`POST /api/v1/reservations\n${JSON.stringify(body)}`)
    .digest('hex')

/**
 * One keyed POST /reservations worth of SQL for one random slot claim (ReservationService.createKeyed()):
 * the one statement of SlotHolds.hold() with the request's Idempotency-Key, autocommit, with the room's rules as the fixture made them (the service's
 * copy of a room is read once a second; the bench's never changes).
 */
export async function createDirect(pool: pg.Pool, fx: Fixture, days: readonly DayWindow[] = fx.sqlDays): Promise<string> {
  const now = new Date()
  const at = now.toISOString()
  const claim = randomClaim(fx, days)
  await venueRow(pool, fx.venueId)
  // The closure dates that could matter: the start's local date and the day before.
  const local = DateTime.fromMillis(claim.start.getTime(), { zone: ZONE })
  const dates = pgArray([local.toISODate()!, local.minus({ days: 1 }).toISODate()!])
  const startIso = claim.start.toISOString()
  const endIso = claim.end.toISOString()
  const blockedUntil = new Date(claim.end.getTime() + ROOM_RULES.bufferMinutes * MINUTE).toISOString()
  const queue = pgArray(spanLockKeys(claimQueueSpans([{ room_id: claim.room.id, start: startIso, end: endIso }])))
  const { amount, quote } = slotQuote(claim)
  const holdUntil = new Date(now.getTime() + HOLD_TTL_MINUTES * MINUTE).toISOString()
  const id = randomUUID()
  const itemId = randomUUID()
  const { capacity, slotMinutes, minMinutes, maxMinutes, bufferMinutes } = ROOM_RULES
  // The request's Idempotency-Key, with the answer (reservationOut's fields) stored under it.
  const request = { venue_id: fx.venueId, items: [{ kind: 'slot', room_id: claim.room.id, start: startIso, end: endIso }] }
  const requestHash = requestHashOf(request)
  const answer = answerOf(
    { id, venueId: fx.venueId, userId: fx.userId, partySize: 1, quote, holdUntil, start: startIso, end: endIso, at },
    {
      id: itemId,
      kind: 'slot',
      room_id: claim.room.id,
      start: startIso,
      end: endIso,
      blocked_until: blockedUntil,
      price: { amount, currency: 'USD' },
    },
  )
  try {
    const { rows } = await pool.query(
      named(SQL.slotHoldName, SQL.slotHold, [
        queue,
        claim.room.id,
        fx.venueId,
        claim.room.name,
        capacity,
        claim.room.hourlyRate,
        slotMinutes,
        minMinutes,
        maxMinutes,
        bufferMinutes,
        // reservoir.relay_here: the bench's server runs its relay loop, so its holds send no NOTIFY
        'on',
        fx.venueId,
        dates,
        // the key and its answer
        `user:${fx.userId}`,
        randomUUID(),
        requestHash,
        at,
        201,
        JSON.stringify(answer),
        // the reservation
        id,
        fx.venueId,
        fx.userId,
        fx.userId,
        'pending',
        1,
        null,
        null,
        amount,
        'USD',
        JSON.stringify(quote),
        JSON.stringify(DEFAULT_POLICY),
        holdUntil,
        startIso,
        endIso,
        at,
        at,
        ...birthAudit(fx.userId, at, id, fx.venueId, amount),
        // its slot item
        itemId,
        0,
        claim.room.id,
        startIso,
        endIso,
        blockedUntil,
        amount,
      ]),
    )
    if (!rows[0]?.id) throw new Error('the one-statement hold refused its own plan: the fixture and the mirror disagree')
    return 'ok'
  } catch (error) {
    if ((error as { code?: string }).code !== '23P01') throw error
    // The service asks whether a live claim was in the way; the bench never lets a hold lapse.
    const live = await pool.query(raw(SQL.liveClaimOn, [claim.room.id, startIso, blockedUntil, at]))
    if (live.rows.length === 0) throw new Error('refused by the constraint with no live claim in the way', { cause: error })
    return 'slot_taken'
  }
}

/** AvailabilityService.forDay()'s statement (without the interval arithmetic and JSON), with the venue's row kept. */
export async function availabilityDirect(pool: pg.Pool, fx: Fixture): Promise<string> {
  const now = new Date()
  await venueRow(pool, fx.venueId)
  // The venue is open around the clock: the window is the day, and each room's buffer after it.
  const day = DateTime.fromISO(fx.availabilityDay, { zone: ZONE })
  const from = new Date(day.toMillis()).toISOString()
  const to = new Date(day.plus({ days: 1 }).toMillis()).toISOString()
  const rooms = await pool.query<{ also: unknown[] | null }>(
    named(SQL.roomsOfDayName, SQL.roomsOfDay, [from, to, now.toISOString(), fx.venueId, pgArray([fx.availabilityDay]), fx.venueId, 1]),
  )
  const spans = rooms.rows.reduce((n, row) => n + (row.also?.length ?? 0), 0)
  return spans >= ROOMS * PER_ROOM_ON_AVAILABILITY_DAY ? 'ok' : `short:${spans}`
}

/**
 * WebhookService.receive()'s transaction for one verified payment_intent.succeeded, statement
 * for statement (without the signature check and the JSON parse, which are not SQL): store the
 * event under its id, lock the reservation and the payment, mark the payment succeeded, log it,
 * its outbox event, confirm the reservation with its audit row and event, and log the event with
 * its outcome recorded by the same statement.
 */
export async function webhookDirect(pool: pg.Pool, event: StripeEvent): Promise<string> {
  const at = new Date().toISOString()
  const intent = event.data.object
  const client = await pool.connect()
  try {
    await client.query(raw(SQL.begin, []))
    try {
      const fresh = await client.query(raw(SQL.webhookInsert, [event.id, event.type, JSON.stringify(event), at, 'on']))
      if (fresh.rows.length === 0) throw Object.assign(new Error('duplicate'), { code: 'duplicate' })
      const row = (await client.query(mapped(SQL.lockReservationAndPayment, [intent.id]))).rows[0] as unknown[] | undefined
      if (!row) throw Object.assign(new Error('unknown_intent'), { code: 'unknown_intent' })
      const [r, p] = [row.slice(0, R.columns), row.slice(R.columns)]
      const reservationId = r[R.id] as string
      const received = Number(intent.amount_received ?? 0)
      const currency = String(intent.currency ?? '').toUpperCase()
      if (intent.metadata?.reservation_id !== reservationId || received !== p[P.amount] || currency !== p[P.currency])
        throw Object.assign(new Error('mismatch'), { code: 'payment_mismatch' })
      if (p[P.status] !== 'pending' || r[R.status] !== 'awaiting_payment')
        throw Object.assign(new Error('state'), { code: `state_${String(p[P.status])}_${String(r[R.status])}` })
      const paymentId = p[P.id] as string
      const venueId = r[R.venueId] as string
      // The event's facts are the locked row's, as the service's are.
      const paymentPayload = {
        payment_id: paymentId,
        reservation_id: reservationId,
        amount: p[P.amount],
        credit_amount: p[P.creditAmount],
        currency: p[P.currency],
      }
      await client.query(
        mapped(SQL.paymentSucceeded, [
          ...['succeeded', received, intent.latest_charge ?? p[P.chargeId], null, null, at, paymentId, 'pending'],
          ...[paymentId, reservationId, 'intent_succeeded', null, JSON.stringify(intent), at],
          ...['payment.succeeded', 1, reservationId, venueId, JSON.stringify(paymentPayload), at],
        ]),
      )
      await client.query(mapped(SQL.moveReservation, ['confirmed', null, at, reservationId, 'awaiting_payment']))
      const reason = 'payment received'
      await client.query(
        raw(SQL.recordTransition, [
          reservationId,
          'awaiting_payment',
          'confirmed',
          null,
          reason,
          at,
          'reservation.confirmed',
          1,
          reservationId,
          venueId,
          JSON.stringify({ id: reservationId, from: 'awaiting_payment', to: 'confirmed', reason }),
          at,
        ]),
      )
      await client.query(raw(SQL.webhookOutcomeLogged, ['confirmed', event.id, paymentId, null, 'webhook_received', 'confirmed', JSON.stringify(event), at]))
      await client.query(raw(SQL.commit, []))
      return 'ok'
    } catch (error) {
      await client.query(raw(SQL.rollback, []))
      const code = (error as { code?: string }).code
      if (code && !/^\d/.test(code)) return code
      throw error
    }
  } finally {
    client.release()
  }
}

interface PlanJson {
  id: string
  name: string
  cancellationPolicy: CancellationPolicy | null
  adjustmentPercent: number
}

interface StayCopy {
  type: { id: string; name: string; baseRate: number }
  plans: PlanJson[]
  rules: PriceRule[]
  fingerprint: string
}

/**
 * The room type's copy as StayHolds keeps it: its plans, the venue's rules and their
 * fingerprint, read once (the service reads it again when a minute has passed; the bench never
 * changes a room type).
 */
const stayCopies = new Map<string, Promise<StayCopy>>()
function stayCopy(pool: pg.Pool, venueId: string, roomTypeId: string): Promise<StayCopy> {
  let copy = stayCopies.get(roomTypeId)
  if (!copy) {
    copy = pool.query(mapped(SQL.stayCopy, [venueId, venueId, roomTypeId, venueId])).then(({ rows: [r] }) => {
      const row = r as unknown[]
      return {
        type: { id: row[T.id] as string, name: row[T.name] as string, baseRate: row[T.baseRate] as number },
        plans: row[T.plans] as PlanJson[],
        rules: rulesOf(row[T.rules] as PriceRuleJson[]),
        fingerprint: row[T.fingerprint] as string,
      }
    })
    stayCopies.set(roomTypeId, copy)
  }
  return copy
}

/**
 * One keyed POST /reservations worth of SQL for one stay item (ReservationService.createKeyed()):
 * the one statement of StayHolds.hold() with the request's Idempotency-Key, autocommit, planned
 * on the room type's copy (stayCopy) with the service's own functions (stayLines, quoteOf), so
 * the parameters are the service's too. A night that does not fit writes nothing and counts as
 * `sold_out` (the service then books through its transaction, which answers 409).
 */
export async function stayCreateDirect(pool: pg.Pool, fx: Fixture, claim: StayClaimInput = randomStayClaim(fx.stays, STAY_BOOKING_NIGHTS)): Promise<string> {
  const now = new Date()
  const at = now.toISOString()
  const s = fx.stays
  const venue = await venueRow(pool, s.venueId)
  const copy = await stayCopy(pool, s.venueId, claim.roomType.id)
  const plan = copy.plans.find((p) => p.id === claim.planId)
  if (!plan) return 'plan_not_found'
  const lines = stayLines(0, copy.type, plan, claim.quantity, claim.arrival, claim.departure, copy.rules)
  const quote = quoteOf(venue[V.currency] as string, lines)
  const policy = plan.cancellationPolicy ?? (venue[V.cancellationPolicy] as CancellationPolicy | null) ?? DEFAULT_POLICY
  const start = DateTime.fromISO(`${claim.arrival}T${CHECK_IN_TIME}`, { zone: ZONE }).toJSDate().toISOString()
  const end = DateTime.fromISO(`${claim.departure}T${CHECK_OUT_TIME}`, { zone: ZONE }).toJSDate().toISOString()
  const ttl = (venue[V.holdTtlMinutes] as number | null) ?? HOLD_TTL_MINUTES
  const holdUntil = new Date(now.getTime() + ttl * MINUTE).toISOString()
  const id = randomUUID()
  const itemId = randomUUID()
  const nights = nightsOf(claim.arrival, claim.departure).length
  // The request's Idempotency-Key, with the answer (reservationOut's fields) stored under it.
  const request = {
    venue_id: s.venueId,
    items: [{ kind: 'stay', room_type_id: claim.roomType.id, rate_plan_id: plan.id, arrival: claim.arrival, departure: claim.departure }],
  }
  const answer = answerOf(
    { id, venueId: s.venueId, userId: fx.userId, partySize: claim.guests, quote, holdUntil, start, end, at },
    {
      id: itemId,
      start,
      end,
      price: { amount: quote.total, currency: quote.currency },
      kind: 'stay',
      room_type_id: claim.roomType.id,
      rate_plan_id: plan.id,
      arrival: claim.arrival,
      departure: claim.departure,
      nights,
      quantity: claim.quantity,
      guests: claim.guests,
    },
  )
  const { rows } = await pool.query(
    named(SQL.stayHoldName, SQL.stayHold, [
      // the room type, its plans and rules as copied; its nights; no lapsed hold on them
      claim.roomType.id,
      s.venueId,
      s.venueId,
      copy.fingerprint,
      claim.quantity,
      claim.roomType.id,
      claim.arrival,
      claim.departure,
      // reservoir.relay_here: the bench's server runs its relay loop, so its holds send no NOTIFY
      'on',
      nights,
      claim.arrival,
      nights,
      at,
      claim.roomType.id,
      claim.departure,
      claim.arrival,
      // the key and its answer
      `user:${fx.userId}`,
      randomUUID(),
      requestHashOf(request),
      at,
      201,
      JSON.stringify(answer),
      // the reservation
      id,
      s.venueId,
      fx.userId,
      fx.userId,
      'pending',
      claim.guests,
      null,
      null,
      quote.total,
      quote.currency,
      JSON.stringify(quote),
      JSON.stringify(policy),
      holdUntil,
      start,
      end,
      at,
      at,
      // the units held on every night
      claim.quantity,
      claim.roomType.id,
      claim.arrival,
      claim.departure,
      ...birthAudit(fx.userId, at, id, s.venueId, quote.total),
      // its stay item
      itemId,
      0,
      claim.roomType.id,
      plan.id,
      claim.arrival,
      claim.departure,
      claim.quantity,
      claim.guests,
      start,
      end,
      end,
      quote.total,
    ]),
  )
  return rows[0]?.id ? 'ok' : 'sold_out'
}

/**
 * StaySearch.search()'s SQL for the first page (without the pricing of the page's nights and
 * plans, and without the JSON): the venue's row kept, then the grouped availability with the
 * page, the total and the page's rate plans, beside the venue's rules.
 */
export async function staySearchDirect(
  pool: pg.Pool,
  fx: Fixture,
  q: StaySearchInput = randomSearch(fx.stays, STAY_SEARCH_MAX_NIGHTS, STAY_SEARCH_GUESTS),
): Promise<string> {
  const s = fx.stays
  await venueRow(pool, s.venueId)
  const [candidates] = await Promise.all([
    pool.query(
      raw(SQL.staySearchCandidates, [q.arrival, q.departure, s.venueId, q.rooms, q.guests, q.nights, q.rooms, q.arrival, q.nights, STAY_SEARCH_PAGE_SIZE, 0]),
    ),
    pool.query(mapped(SQL.venueRules, [s.venueId])),
  ])
  const rows = candidates.rows as { id: string; total: number }[]
  const ids = rows.map((r) => r.id)
  const total = rows[0]?.total ?? 0
  return total === s.roomTypes.length && ids.length === Math.min(STAY_SEARCH_PAGE_SIZE, total) ? 'ok' : `short:${ids.length}/${total}`
}
