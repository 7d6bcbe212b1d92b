/**
 * The raw references of issue 16: what the database itself can do for each hot path, one
 * statement per transaction (autocommit), sent as a named prepared statement from a pg.Pool at
 * the same concurrency as the HTTP run it is compared with. Each is the guard the product relies
 * on and nothing else: no venue read, no audit row, no outbox event, no idempotency. So a
 * ratio HTTP ÷ raw says how much of the database's own rate for that claim the whole HTTP path
 * delivers (docs/performance.md, "The raw references").
 */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { DEFAULT_POLICY } from '../src/modules/pricing/cancellation-policy.js'
import { nightsOf } from '../src/modules/pricing/stay-price.js'
import type { Fixture } from './fixture.js'
import { STAY_BOOKING_NIGHTS } from './settings.js'
import { pick, randomClaim, slotQuote } from './slots.js'
import { answerOf } from './sql-direct.js'
import { HOLD_TTL_MINUTES, pgArray, raw, SQL } from './sql-mirror.js'
import { randomStayClaim, type StayFixture } from './stays-fixture.js'
import type { StripeEvent } from './stripe-events.js'

export const RAW = {
  /**
   * Holds: one slot claim, the row the exclusion constraint reservation_items_no_overlap
   * (room_id =, [starts_at, blocked_until) &&, where active and kind = 'slot') checks. The
   * reservation it belongs to exists already (fx.rawParents): the foreign key is checked too.
   */
  slotInsert: `insert into reservation_items (reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
    values ($1, 0, 'slot', $2, $3, $4, $4, $5, true)`,
  /**
   * Not a reference but the contract's floor for a hold: only what issue 16's hold must write
   * (the reservation, its slot item under the exclusion constraint, the audit row, the
   * `reservation.created` event, the Idempotency-Key with its answer), with the foreign keys, in
   * one autocommit statement without NOTIFY, and none of the service's checks (no queue, no room
   * lock, no lapsed holds, no closures). The payloads are the sizes a real hold stores. What it
   * runs at ÷ raw is as high as (c) could go with a server that cost nothing.
   */
  holdFloor: `with born as (
      insert into reservations (id, venue_id, user_id, created_by, status, party_size, total_amount, currency, quote, cancellation_policy,
        hold_expires_at, starts_at, ends_at, created_at, updated_at)
      select $1::uuid, $2::uuid, $3::uuid, $3::uuid, 'pending', 1, $4::int, 'USD', $5::jsonb, $6::jsonb,
        $7::timestamptz, $8::timestamptz, $9::timestamptz, $10::timestamptz, $10::timestamptz
      where set_config('reservoir.relay_here', 'on', true) is not null
      returning id, status),
    stored as (
      insert into idempotency_keys (scope, key, request_hash, created_at, response_status, response_body)
      select $11::text, $12::text, $13::text, $10::timestamptz, 201, $14::jsonb from born),
    audit as (
      insert into reservation_transitions (reservation_id, from_status, to_status, actor_id, reason, created_at)
      select id, null, status, $3::uuid, null, $10::timestamptz from born),
    events as (
      insert into outbox_events (type, version, aggregate_id, venue_id, payload, created_at)
      select 'reservation.created', 1, id, $2::uuid, $15::jsonb, $10::timestamptz from born),
    item as (
      insert into reservation_items (id, reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
      select $16::uuid, id, 0, 'slot', $17::uuid, $8::timestamptz, $9::timestamptz, $9::timestamptz, $4::int, true from born)
    select id from born`,
  /** Seats: the catalog's claim (shiftSeats in src/modules/catalog/seats.ts), one seat. */
  seatClaim: `update service_occurrences set taken = taken + $2 where id = $1 and taken + $2 <= capacity returning id`,
  /**
   * Verified webhooks: the event's minimum SQL in one statement. Settle the payment (pending,
   * the amount and currency the event says, the reservation its metadata names), confirm its
   * reservation (awaiting_payment), and store the event under its id with the outcome.
   */
  webhookMinimal: `with pay as (
      update payments set status = 'succeeded', captured_amount = $5, updated_at = $4
      where intent_id = $6 and status = 'pending' and amount = $5 and currency = $7 and reservation_id = $8
      returning reservation_id),
    res as (
      update reservations r set status = 'confirmed', hold_expires_at = null, updated_at = $4
      from pay where r.id = pay.reservation_id and r.status = 'awaiting_payment'
      returning r.id),
    ev as (
      insert into webhook_events (id, type, payload, outcome, received_at)
      select $1, $2, $3::jsonb, case when exists (select 1 from res) then 'confirmed' else 'ignored' end, $4
      on conflict (id) do nothing
      returning id)
    select (select count(*) from ev)::int as stored, (select count(*) from res)::int as confirmed`,
  /** Gives back the night counters the raw stay claims took, so that the stays CHECK still holds. */
  stayRelease: `update inventory_nights n set held = n.held - c.k
    from unnest($1::uuid[], $2::date[], $3::int[]) as c(rt, night, k)
    where n.room_type_id = c.rt and n.night = c.night`,
}

/** One slot INSERT of a random claim (as (a) draws them) on the raw days: 'ok', or 'slot_taken' on 23P01. */
export async function rawSlotInsert(pool: pg.Pool, fx: Fixture): Promise<string> {
  const c = randomClaim(fx, fx.rawDays)
  const { amount } = slotQuote(c)
  try {
    await pool.query({ name: 'raw_slot_insert', text: RAW.slotInsert, values: [pick(fx.rawParents), c.room.id, c.start, c.end, amount] })
    return 'ok'
  } catch (error) {
    if ((error as { code?: string }).code === '23P01') return 'slot_taken'
    throw error
  }
}

/** One hold's floor (RAW.holdFloor) on the floor's own days, with a real hold's payloads: 'ok', or 'slot_taken' on 23P01. */
export async function holdFloor(pool: pg.Pool, fx: Fixture): Promise<string> {
  const c = randomClaim(fx, fx.floorDays)
  const { amount, quote } = slotQuote(c)
  const [id, itemId, at] = [randomUUID(), randomUUID(), new Date().toISOString()]
  const [start, end, holdUntil] = [c.start.toISOString(), c.end.toISOString(), new Date(Date.now() + HOLD_TTL_MINUTES * 60_000).toISOString()]
  const answer = answerOf(
    { id, venueId: fx.venueId, userId: fx.userId, partySize: 1, quote, holdUntil, start, end, at },
    { id: itemId, kind: 'slot', room_id: c.room.id, start, end, blocked_until: end, price: { amount, currency: 'USD' } },
  )
  try {
    await pool.query({
      name: 'hold_floor',
      text: RAW.holdFloor,
      values: [
        ...[id, fx.venueId, fx.userId, amount, JSON.stringify(quote), JSON.stringify(DEFAULT_POLICY), holdUntil, start, end, at],
        ...[`user:${fx.userId}`, randomUUID(), 'f'.repeat(64), JSON.stringify(answer)],
        ...[JSON.stringify({ id, total: amount }), itemId, c.room.id],
      ],
    })
    return 'ok'
  } catch (error) {
    if ((error as { code?: string }).code === '23P01') return 'slot_taken'
    throw error
  }
}

/** One seat of `occurrenceId`: 'ok', or 'sold_out' when the condition refused it. */
export async function rawSeatClaim(pool: pg.Pool, occurrenceId: string): Promise<string> {
  const r = await pool.query({ name: 'raw_seat_claim', text: RAW.seatClaim, values: [occurrenceId, 1] })
  return r.rowCount === 1 ? 'ok' : 'sold_out'
}

/** The stay claims a raw run made, per (room type, night), to give back afterwards. */
export type StayTaken = Map<string, number>

/**
 * One stay claim as (j) draws them (3 nights, random type, 1 unit) with the night counters'
 * statement alone: shiftNights() as the service's transactions send it (SQL.shiftNights), one
 * row per night, autocommit. 'ok' when every night fitted. (A one-stay hold now takes its nights
 * inside its own statement, so the guard no longer sees this one; it stays the reference, so that
 * (j)/raw compares with the runs before.)
 */
export async function rawStayClaim(pool: pg.Pool, s: StayFixture, taken: StayTaken): Promise<string> {
  const c = randomStayClaim(s, STAY_BOOKING_NIGHTS)
  const nights = nightsOf(c.arrival, c.departure)
  const q = raw(SQL.shiftNights, [
    pgArray(nights.map(() => c.roomType.id)),
    pgArray(nights),
    pgArray(nights.map(() => String(c.quantity))),
    pgArray(nights.map(() => '0')),
  ])
  const full = await pool.query({ ...q, name: 'raw_stay_claim' })
  if (full.rows.length > 0) return 'sold_out' // the statement changed nothing then
  for (const night of nights) taken.set(`${c.roomType.id}|${night}`, (taken.get(`${c.roomType.id}|${night}`) ?? 0) + c.quantity)
  return 'ok'
}

/** Gives back what rawStayClaim() took. */
export async function releaseStayClaims(pool: pg.Pool, taken: StayTaken): Promise<void> {
  if (taken.size === 0) return
  const rows = [...taken.entries()].map(([key, k]) => [...key.split('|'), String(k)] as [string, string, string])
  await pool.query(RAW.stayRelease, [pgArray(rows.map((r) => r[0])), pgArray(rows.map((r) => r[1])), pgArray(rows.map((r) => r[2]))])
  taken.clear()
}

/** The event's minimum SQL for one verified payment_intent.succeeded: 'ok' when it stored the event and confirmed. */
export async function rawWebhook(pool: pg.Pool, event: StripeEvent): Promise<string> {
  const intent = event.data.object
  const r = await pool.query<{ stored: number; confirmed: number }>({
    name: 'raw_webhook',
    text: RAW.webhookMinimal,
    values: [
      event.id,
      event.type,
      JSON.stringify(event),
      new Date().toISOString(),
      Number(intent.amount_received ?? 0),
      intent.id,
      String(intent.currency ?? '').toUpperCase(),
      intent.metadata?.reservation_id ?? null,
    ],
  })
  const row = r.rows[0]!
  return row.stored === 1 && row.confirmed === 1 ? 'ok' : row.stored === 0 ? 'duplicate' : 'not_confirmed'
}
