import { and, eq, gt, lt } from 'drizzle-orm'
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

/**
 * Puts scheduled occurrences on their practitioner's calendar, in the caller's transaction.
 * The exclusion constraint decides: a span that meets any active claim (another occurrence,
 * a booked session) fails the whole statement, so a schedule goes in whole or not at all.
 */
export async function claimForOccurrences(tx: Tx, venueId: string, spans: readonly OccurrenceSpan[]): Promise<void> {
  if (spans.length === 0) return
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
