import { DateTime } from '../../luxon.js'
import type { OpeningRange } from '../venues/schema.js'

/** A half-open span of instants, in epoch milliseconds. */
export interface Interval {
  start: number
  end: number
}

/**
 * The opening intervals of the business day that opens on `date` (venue-local). A range
 * whose close is at or before its open ends on the next calendar day. Wall-clock times are
 * turned into instants by Luxon in the venue's zone, so a DST night is 23 or 25 hours long;
 * a wall time that does not exist (spring forward) moves forward with the clock.
 */
export function businessDay(date: string, zone: string, hours: readonly OpeningRange[]): Interval[] {
  // Every booking asks for one or two days of its venue; the wall-clock maths is worth keeping.
  const key = `${zone}|${date}|${JSON.stringify(hours)}`
  const hit = memo.get(key)
  if (hit) return hit.map((iv) => ({ ...iv }))
  const intervals = computeBusinessDay(date, zone, hours)
  if (memo.size >= 5_000) memo.clear()
  memo.set(key, intervals)
  return intervals.map((iv) => ({ ...iv }))
}

const memo = new Map<string, Interval[]>()

function computeBusinessDay(date: string, zone: string, hours: readonly OpeningRange[]): Interval[] {
  const day = DateTime.fromISO(date, { zone })
  if (!day.isValid) return []
  const next = day.plus({ days: 1 }).toISODate()
  const intervals = hours
    .filter((h) => h.weekday === day.weekday)
    .map((h) => ({
      start: wallClock(date, h.open, zone),
      end: wallClock(h.close <= h.open ? next : date, h.close, zone),
    }))
    .filter((iv) => iv.end > iv.start)
  return merge(intervals)
}

/**
 * The instant of a wall-clock `time` on `date` in `zone`, in epoch milliseconds (NaN if there is
 * none). Kept: Luxon asks Intl for the zone's offset each time, and stays ask for the same
 * check-in and check-out times on the same dates over and over.
 */
export function wallClock(date: string, time: string, zone: string): number {
  const key = `${zone}|${date}T${time}`
  let instant = instants.get(key)
  if (instant === undefined) {
    instant = DateTime.fromISO(`${date}T${time}`, { zone }).toMillis()
    if (instants.size >= 10_000) instants.clear()
    instants.set(key, instant)
  }
  return instant
}

const instants = new Map<string, number>()

/** Sorts and joins overlapping or touching intervals. */
export function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start)
  const out: Interval[] = []
  for (const iv of sorted) {
    const last = out[out.length - 1]
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end)
    else out.push({ ...iv })
  }
  return out
}

/** The venue-local calendar date of an instant. */
export const localDate = (instant: number, zone: string) => DateTime.fromMillis(instant, { zone }).toISODate()!

export const addDays = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!

/**
 * The business day and opening interval that contain [start, end), if any. A booking at
 * 01:00 belongs to the day that opened the evening before, so both dates are tried.
 */
export function openingFor(
  start: number,
  end: number,
  zone: string,
  hours: readonly OpeningRange[],
  closed: ReadonlySet<string>,
): { date: string; interval: Interval } | undefined {
  const today = localDate(start, zone)
  for (const date of [addDays(today, -1), today]) {
    if (closed.has(date)) continue
    const interval = businessDay(date, zone, hours).find((iv) => iv.start <= start && end <= iv.end)
    if (interval) return { date, interval }
  }
  return undefined
}
