import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/client.js'
import { sqlState } from '../../db/errors.js'
import { AppError } from '../../http/errors.js'
import type { Interval } from '../availability/opening-hours.js'
import { calendarClaims } from './schema.js'

export interface OccurrenceSpan {
  id: string
  startsAt: Date
  endsAt: Date
}

// The class of the advisory locks that queue claims on one calendar (the two-key form of
// pg_advisory_xact_lock, a keyspace apart from the one-key start-up lock).
const CALENDAR_LOCKS = 0x63616c

/**
 * Queues the caller's claims on one practitioner's calendar behind any other transaction's,
 * until that one commits. Without it, two inserts checked by the exclusion constraint at the
 * same moment can each find the other's row and wait for each other (PostgreSQL's
 * execIndexing.c says so): a deadlock that costs a second of `deadlock_timeout` and ends one
 * of them in 40P01 instead of the constraint's answer. Taken right before the insert, after
 * every other lock of a booking, so it cannot close a cycle with them.
 */
async function lockCalendar(tx: Tx, venueId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CALENDAR_LOCKS}, hashtext(${venueId}))`)
}

/**
 * Puts scheduled occurrences on their practitioner's calendar, in the caller's transaction.
 * The exclusion constraint decides: a span that meets any active claim (another occurrence,
 * a booked session) fails the whole statement, so a schedule goes in whole or not at all.
 */
export async function claimForOccurrences(tx: Tx, venueId: string, spans: readonly OccurrenceSpan[]): Promise<void> {
  if (spans.length === 0) return
  await lockCalendar(tx, venueId)
  try {
    await tx.insert(calendarClaims).values(spans.map((s) => ({ venueId, startsAt: s.startsAt, endsAt: s.endsAt, occurrenceId: s.id })))
  } catch (error) {
    if (sqlState(error) === '23P01') throw new AppError('calendar_conflict', 'The practitioner is already busy at that time', null)
    throw error
  }
}

/** The spans the calendar is busy within [from, to), in start order. */
export async function busyBetween(ex: Executor, venueId: string, from: Date, to: Date): Promise<Interval[]> {
  const rows = await ex
    .select({ start: calendarClaims.startsAt, end: calendarClaims.endsAt })
    .from(calendarClaims)
    .where(and(eq(calendarClaims.venueId, venueId), eq(calendarClaims.active, true), lt(calendarClaims.startsAt, to), gt(calendarClaims.endsAt, from)))
    .orderBy(calendarClaims.startsAt)
  return rows.map((r) => ({ start: r.start.getTime(), end: r.end.getTime() }))
}

export interface SessionSpan {
  item: number
  itemId: string
  startsAt: Date
  endsAt: Date
}

/**
 * Puts booked 1:1 sessions on the practitioner's calendar, in the booking's transaction. A
 * span that meets an occurrence or another session is 409 `slot_taken`, naming the item.
 */
export async function claimForSessions(tx: Tx, venueId: string, spans: readonly SessionSpan[], active: boolean): Promise<void> {
  if (active && spans.length > 0) await lockCalendar(tx, venueId)
  for (const s of spans) {
    try {
      await tx.insert(calendarClaims).values({ venueId, startsAt: s.startsAt, endsAt: s.endsAt, reservationItemId: s.itemId, active })
    } catch (error) {
      if (sqlState(error) === '23P01') throw new AppError('slot_taken', 'The practitioner is already busy at that time', { item: s.item })
      throw error
    }
  }
}

/** Takes booked sessions into or out of the guard with their reservation's status. */
export async function setSessionsActive(tx: Tx, itemIds: readonly string[], active: boolean): Promise<void> {
  if (itemIds.length === 0) return
  await tx
    .update(calendarClaims)
    .set({ active })
    .where(inArray(calendarClaims.reservationItemId, [...itemIds]))
}

/**
 * Moves a booked session's span in place: the exclusion constraint sees the old hour released
 * and the new one taken in one statement. 409 `slot_taken` if the new one meets another claim.
 */
export async function moveSessionClaim(tx: Tx, venueId: string, itemId: string, item: number, startsAt: Date, endsAt: Date): Promise<void> {
  await lockCalendar(tx, venueId)
  try {
    await tx.update(calendarClaims).set({ startsAt, endsAt }).where(eq(calendarClaims.reservationItemId, itemId))
  } catch (error) {
    if (sqlState(error) === '23P01') throw new AppError('slot_taken', 'The practitioner is already busy at that time', { item })
    throw error
  }
}
