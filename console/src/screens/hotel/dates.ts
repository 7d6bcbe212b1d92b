import { addDays, localDate, minorDigits } from '../../time'

// Hotel nights are calendar dates in the venue's time zone (SPEC §2): `YYYY-MM-DD` strings,
// compared as strings and moved with UTC date maths, so no device zone ever shifts them.

const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))

/** Today in the venue's time zone. */
export const venueToday = (timeZone: string) => localDate(new Date(), timeZone)

/** A date from the query string, or the fallback when it is missing or malformed. */
export const dateParam = (value: string | null, fallback: string) => (isDate(value) ? value : fallback)

/** How many nights from `from` to `to`, both included. */
export const nightsIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1

/** Every night from `from` to `to`, both included. */
export function nightList(from: string, to: string): string[] {
  const out: string[] = []
  for (let night = from; night <= to; night = addDays(night, 1)) out.push(night)
  return out
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
const longFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

/** `Tue 5 May` of a night. */
export const dayLabel = (night: string) => dayFormat.format(new Date(`${night}T00:00:00Z`))
/** `Tuesday 5 May 2027` of a night. */
export const longDayLabel = (night: string) => longFormat.format(new Date(`${night}T00:00:00Z`))
/** Saturday or Sunday, which hotels price and fill differently. */
export const isWeekend = (night: string) => [0, 6].includes(new Date(`${night}T00:00:00Z`).getUTCDay())

/** `150.5` in a currency's major units → 15050 minor units, without float drift. */
export const toMinor = (major: string, currency: string) => Math.round(Number(major) * 10 ** minorDigits(currency))
