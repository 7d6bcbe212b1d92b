import { localDate } from './opening-hours.js'

/**
 * How far ahead anything can be booked: availability is offered, and slots, stays, reschedules,
 * quotes and stay searches are accepted, up to this many days after the venue's today (about
 * three years). The one source: a hold in 2099 is refused like a search for 2099.
 */
export const HORIZON_DAYS = 3 * 366

const DAY_MS = 86_400_000

/** Whether the venue-local date `date` (YYYY-MM-DD; a business day, an arrival) lies beyond the horizon. */
export function beyondHorizon(date: string, now: Date, zone: string): boolean {
  // Both are calendar dates, read as UTC midnights: their difference is a whole number of days, DST or not.
  return (Date.parse(date) - Date.parse(localDate(now.getTime(), zone))) / DAY_MS > HORIZON_DAYS
}

/** The refusal every caller words the same way. */
export const horizonProblem = { message: `Bookings open at most ${HORIZON_DAYS} days ahead`, reason: 'beyond_horizon', max_days_ahead: HORIZON_DAYS } as const
