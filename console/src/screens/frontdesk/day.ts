import { addDays, localDate, localTime } from '../../time'
import type { Schemas } from '../../api/client'

// The front desk's day is the venue's business day: the opening ranges that begin on the chosen
// local date (a bar open 16:00–02:00 runs into the next calendar day), in the venue's zone,
// whatever the device's. Intl gives a zone's offset at an instant; two rounds of "guess, then
// correct by the offset found" turn a wall-clock time into an instant, DST days included.

export type Room = Schemas['Room']
export type Reservation = Schemas['Reservation']
export type OpeningRange = Schemas['OpeningRange']
export interface Span {
  start: number
  end: number
}

const MINUTE = 60_000

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return (wall - Math.floor(instant / 1000) * 1000) / MINUTE
}

/** The instant of a venue-local wall-clock time (`2027-01-08T19:00`). */
export function zonedInstant(wall: string, timeZone: string): Date {
  const naive = Date.parse(`${wall.slice(0, 16)}:00Z`)
  let t = naive - offsetAt(naive, timeZone) * MINUTE
  t = naive - offsetAt(t, timeZone) * MINUTE
  return new Date(t)
}

/** `YYYY-MM-DDTHH:MM` of an instant in the zone: what a datetime-local input holds. */
export function wallClock(at: Date | string | number, timeZone: string): string {
  const d = new Date(at)
  return `${localDate(d, timeZone)}T${localTime(d, timeZone)}`
}

/** ISO weekday (Monday = 1) of a calendar date. */
const isoWeekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7

/** The opening ranges of the business day that opens on `date`, as instants, merged and in order. */
export function openingSpans(date: string, hours: OpeningRange[], timeZone: string): Span[] {
  const spans = hours
    .filter((h) => h.weekday === isoWeekday(date))
    .map((h) => ({
      start: zonedInstant(`${date}T${h.open}`, timeZone).getTime(),
      // close ≤ open ends the next day; 00:00–00:00 is the whole day.
      end: zonedInstant(`${h.close <= h.open ? addDays(date, 1) : date}T${h.close}`, timeZone).getTime(),
    }))
    .sort((a, b) => a.start - b.start)
  const merged: Span[] = []
  for (const s of spans) {
    const last = merged[merged.length - 1]
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end)
    else merged.push({ ...s })
  }
  return merged
}

/**
 * The stretch of time the timeline draws: the business day's opening, to whole hours, or the
 * whole calendar day when the venue does not open (it is then all closed hours).
 */
export function timelineWindow(date: string, open: Span[], timeZone: string): Span {
  if (open.length === 0) {
    return { start: zonedInstant(`${date}T00:00`, timeZone).getTime(), end: zonedInstant(`${addDays(date, 1)}T00:00`, timeZone).getTime() }
  }
  const start = open[0]!.start
  const end = open[open.length - 1]!.end
  const minutesPast = (t: number) => Number(localTime(new Date(t), timeZone).slice(3))
  const endPast = minutesPast(end)
  return { start: start - minutesPast(start) * MINUTE, end: endPast === 0 ? end : end + (60 - endPast) * MINUTE }
}

/** The parts of `window` outside every span of `open`. */
export function closedSpans(window: Span, open: Span[]): Span[] {
  const closed: Span[] = []
  let cursor = window.start
  for (const s of open) {
    if (s.start > cursor) closed.push({ start: cursor, end: Math.min(s.start, window.end) })
    cursor = Math.max(cursor, s.end)
  }
  if (cursor < window.end) closed.push({ start: cursor, end: window.end })
  return closed.filter((c) => c.end > c.start)
}

/** Each hour of the window, for the scale. */
export function hourTicks(window: Span): number[] {
  const ticks: number[] = []
  for (let t = window.start; t <= window.end; t += 60 * MINUTE) ticks.push(t)
  return ticks
}

/** Where an instant falls across the window, in percent (clamped). */
export const percentOf = (window: Span, t: number) => Math.min(100, Math.max(0, ((t - window.start) / (window.end - window.start)) * 100))

/** States that hold a room; the others are history and are listed, not drawn over free time. */
export const DRAWN = ['pending', 'awaiting_payment', 'confirmed', 'checked_in', 'completed', 'no_show'] as const
export const HOLDS = ['pending', 'awaiting_payment']
export const ACTIVE = ['pending', 'awaiting_payment', 'confirmed', 'checked_in']

/** A status in words. */
export const STATUS_WORDS: Record<Reservation['status'], string> = {
  pending: 'held',
  awaiting_payment: 'held, awaiting payment',
  confirmed: 'confirmed',
  checked_in: 'checked in',
  completed: 'completed',
  cancelled: 'cancelled',
  refunded: 'refunded',
  expired: 'expired',
  no_show: 'no-show',
}

/** Who a booking is for: the walk-in guest's name, or an online booking by a customer account. */
export const whoOf = (r: Reservation) => r.guest?.name ?? 'Online customer'

/** `18:00–20:00` in the venue's zone. */
export const timeRange = (start: string | number, end: string | number, timeZone: string) =>
  `${localTime(new Date(start), timeZone)}–${localTime(new Date(end), timeZone)}`

/** The next instant on a room's slot grid at or after `t`, the grid anchored at the opening of `span`. */
export function onGrid(t: number, span: Span, slotMinutes: number): number {
  const step = slotMinutes * MINUTE
  return span.start + Math.ceil((t - span.start) / step) * step
}
