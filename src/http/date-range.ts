import { invalidInput } from './errors.js'

const DAY_MS = 24 * 3600_000

/**
 * Checks a `from`/`to` pair of calendar dates (YYYY-MM-DD, both inclusive): `to` may not be
 * before `from`, and the pair may span at most `maxDays` days.
 */
export function checkDateRange(from: string | undefined, to: string | undefined, maxDays = Infinity): void {
  if (!from || !to) return
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS
  if (days < 0) throw invalidInput('`to` must not be before `from`', { field: 'to' })
  if (days >= maxDays) throw invalidInput(`A date range spans at most ${maxDays} days`, { field: 'to' })
}
