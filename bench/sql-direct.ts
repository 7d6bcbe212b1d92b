/** The service's transactions sent straight through `pg`, with the mirrored SQL of sql-mirror.ts: (b), (d) and (g)'s baselines. */
import { DateTime } from 'luxon'
import type pg from 'pg'
import { DEFAULT_POLICY } from '../src/modules/pricing/cancellation-policy.js'
import type { DayWindow, Fixture } from './fixture.js'
import { MINUTE, PER_ROOM_ON_AVAILABILITY_DAY, ROOMS, ZONE } from './settings.js'
import { randomClaim } from './slots.js'
import { HOLD_TTL_MINUTES, mapped, P, pgArray, R, raw, SQL } from './sql-mirror.js'
import type { StripeEvent } from './stripe-events.js'

/** One ReservationService.create() worth of SQL for one random slot claim. */
export async function createDirect(pool: pg.Pool, fx: Fixture, days: readonly DayWindow[] = fx.sqlDays): Promise<string> {
  const now = new Date()
  const at = now.toISOString()
  const claim = randomClaim(fx, days)
  await pool.query(mapped(SQL.venue, [fx.venueId]))
  const client = await pool.connect()
  try {
    await client.query(raw(SQL.begin, []))
    try {
      // The closure dates that could matter: the start's local date and the day before.
      const local = DateTime.fromMillis(claim.start.getTime(), { zone: ZONE })
      const dates = pgArray([local.toISODate()!, local.minus({ days: 1 }).toISODate()!])
      await client.query(mapped(SQL.roomsForKeyShare, [fx.venueId, dates, claim.room.id, fx.venueId]))
      const startIso = claim.start.toISOString()
      const endIso = claim.end.toISOString()
      await client.query(raw(SQL.expireColliding, [at, pgArray([claim.room.id]), pgArray([startIso]), pgArray([endIso]), 500]))
      const amount = Math.floor((claim.room.hourlyRate * claim.minutes + 30) / 60)
      const quote = {
        currency: 'USD',
        lines: [{ item_index: 0, kind: 'slot', description: `${claim.room.name}, ${claim.minutes} min`, unit: 'hour', quantity: claim.minutes / 60, unit_amount: claim.room.hourlyRate, amount, rule: 'hourly_rate' }],
        subtotal: amount,
        discounts: 0,
        total: amount,
      }
      const holdUntil = new Date(now.getTime() + HOLD_TTL_MINUTES * MINUTE).toISOString()
      const inserted = await client.query(
        mapped(SQL.insertReservation, [fx.venueId, fx.userId, fx.userId, 'pending', 1, null, null, amount, 'USD', JSON.stringify(quote), JSON.stringify(DEFAULT_POLICY), holdUntil, startIso, endIso, at, at]),
      )
      const reservationId = (inserted.rows[0] as unknown[])[0] as string
      await client.query(mapped(SQL.insertItem, [reservationId, 0, 'slot', claim.room.id, startIso, endIso, endIso, amount, true]))
      await client.query(
        raw(SQL.recordTransition, [reservationId, null, 'pending', fx.userId, null, at, 'reservation.created', reservationId, fx.venueId, JSON.stringify({ id: reservationId, total: amount }), at]),
      )
      await client.query(raw(SQL.commit, []))
      return 'ok'
    } catch (error) {
      await client.query(raw(SQL.rollback, []))
      if ((error as { code?: string }).code === '23P01') return 'slot_taken'
      throw error
    }
  } finally {
    client.release()
  }
}

/** AvailabilityService.forDay()'s four queries (without the interval arithmetic and JSON). */
export async function availabilityDirect(pool: pg.Pool, fx: Fixture): Promise<string> {
  const now = new Date()
  await pool.query(mapped(SQL.venue, [fx.venueId]))
  await pool.query(mapped(SQL.closureOnDate, [fx.venueId, fx.availabilityDay]))
  const rooms = await pool.query(mapped(SQL.fittingRooms, [fx.venueId, 1]))
  const ids = rooms.rows.map((r) => (r as unknown[])[0] as string)
  const day = DateTime.fromISO(fx.availabilityDay, { zone: ZONE })
  const from = new Date(day.toMillis() - 24 * 3600_000).toISOString()
  const to = new Date(day.plus({ days: 1 }).toMillis() + 24 * 3600_000).toISOString()
  const busy = await pool.query(raw(SQL.busySpans, [pgArray(ids), from, to, now.toISOString()]))
  return busy.rows.length >= ROOMS * PER_ROOM_ON_AVAILABILITY_DAY ? 'ok' : `short:${busy.rows.length}`
}

/**
 * WebhookService.receive()'s transaction for one verified payment_intent.succeeded, statement
 * for statement (without the signature check and the JSON parse, which are not SQL): store the
 * event under its id, lock the reservation and the payment, mark the payment succeeded, log it,
 * its outbox event, confirm the reservation with its audit row and event, record the outcome,
 * and log the event.
 */
export async function webhookDirect(pool: pg.Pool, event: StripeEvent): Promise<string> {
  const at = new Date().toISOString()
  const intent = event.data.object
  const client = await pool.connect()
  try {
    await client.query(raw(SQL.begin, []))
    try {
      const fresh = await client.query(raw(SQL.webhookInsert, [event.id, event.type, JSON.stringify(event), at]))
      if (fresh.rows.length === 0) throw Object.assign(new Error('duplicate'), { code: 'duplicate' })
      const [owner] = (await client.query(mapped(SQL.reservationOfIntent, [intent.id]))).rows as unknown[][]
      if (!owner) throw Object.assign(new Error('unknown_intent'), { code: 'unknown_intent' })
      const reservationId = owner[0] as string
      const r = (await client.query(mapped(SQL.lockReservation, [reservationId]))).rows[0] as unknown[]
      const p = (await client.query(mapped(SQL.lockPayment, [reservationId]))).rows[0] as unknown[]
      const received = Number(intent.amount_received ?? 0)
      const currency = String(intent.currency ?? '').toUpperCase()
      if (intent.metadata?.reservation_id !== reservationId || received !== p[P.amount] || currency !== p[P.currency]) throw Object.assign(new Error('mismatch'), { code: 'payment_mismatch' })
      if (p[P.status] !== 'pending' || r[R.status] !== 'awaiting_payment') throw Object.assign(new Error('state'), { code: `state_${String(p[P.status])}_${String(r[R.status])}` })
      const paymentId = p[P.id] as string
      const venueId = r[R.venueId] as string
      const paid = (await client.query(mapped(SQL.paymentSucceeded, ['succeeded', received, intent.latest_charge ?? p[P.chargeId], null, null, at, paymentId, 'pending']))).rows[0] as unknown[]
      await client.query(raw(SQL.paymentLog, [paymentId, reservationId, 'intent_succeeded', null, JSON.stringify(intent), at]))
      const paymentPayload = { payment_id: paymentId, reservation_id: reservationId, amount: paid[P.amount], credit_amount: paid[P.creditAmount], currency: paid[P.currency] }
      await client.query(raw(SQL.outboxEvent, ['payment.succeeded', reservationId, venueId, JSON.stringify(paymentPayload), at]))
      await client.query(mapped(SQL.moveReservation, ['confirmed', null, at, reservationId, 'awaiting_payment']))
      const reason = 'payment received'
      await client.query(
        raw(SQL.recordTransition, [reservationId, 'awaiting_payment', 'confirmed', null, reason, at, 'reservation.confirmed', reservationId, venueId, JSON.stringify({ id: reservationId, from: 'awaiting_payment', to: 'confirmed', reason }), at]),
      )
      await client.query(raw(SQL.webhookOutcome, ['confirmed', event.id]))
      await client.query(raw(SQL.paymentLog, [paymentId, null, 'webhook_received', 'confirmed', JSON.stringify(event), at]))
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
