import { DateTime } from '../../luxon.js'
import type { Deps } from '../../deps.js'
import { invalidInput } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { earningsByPeriod } from '../earnings/ledger.js'
import { bookingsByPeriod, type Interval } from '../reservations/reads.js'
import { practitionerInScope } from '../practitioners/queries.js'
import { requireVenueRole } from '../venues/access.js'
import type { VenueService } from '../venues/service.js'

export interface AnalyticsQuery {
  from: string
  to: string
  interval?: Interval
}

export interface Period {
  period: string
  start: Date
  end: Date
  bookings: number
  revenue: number
  cancellations: number
  earnings?: { gross: number; commission: number; net: number }
}

/** The longest range one request reports on. */
const MAX_DAYS = 731

/**
 * Bookings, revenue and cancellations of a venue (and a practitioner's earnings) per local
 * day, week (from Monday) or month, computed in SQL. Every period of the range is listed, empty
 * ones too, with its bounds as instants: a DST day is 23 or 25 hours long, as the venue lived it.
 */
export class AnalyticsService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  async venue(who: AccessClaims, venueId: string, query: AnalyticsQuery, page: PageParams) {
    const venue = await this.venues.get(venueId)
    await requireVenueRole(this.deps.db, who, venue.id)
    return { ...(await this.report(venue.id, venue.timezone, query, page)), currency: venue.currency }
  }

  async practitioner(who: AccessClaims, practitionerId: string | undefined, query: AnalyticsQuery, page: PageParams) {
    const p = await practitionerInScope(this.deps.db, who, practitionerId)
    const venue = await this.venues.get(p.venueId)
    const interval = query.interval ?? 'day'
    const report = await this.report(venue.id, venue.timezone, query, page)
    const earned = await earningsByPeriod(this.deps.db, p.id, venue.timezone, interval, query.from, query.to)
    return {
      ...report,
      currency: venue.currency,
      rows: report.rows.map((r) => ({ ...r, earnings: earned.get(r.period) ?? { gross: 0, commission: 0, net: 0 } })),
    }
  }

  private async report(venueId: string, zone: string, query: AnalyticsQuery, page: PageParams): Promise<{ rows: Period[]; count: number }> {
    const interval = query.interval ?? 'day'
    const periods = periodsOf(query.from, query.to, interval, zone)
    const shown = periods.slice(offsetOf(page), offsetOf(page) + page.pageSize)
    if (shown.length === 0) return { rows: [], count: periods.length }
    // Only the page's periods are computed: from the first one's start to the last one's end.
    const last = DateTime.fromJSDate(shown[shown.length - 1]!.end, { zone })
      .minus({ days: 1 })
      .toISODate()!
    const counted = new Map((await bookingsByPeriod(this.deps.db, venueId, zone, interval, shown[0]!.period, last)).map((b) => [b.period, b]))
    return {
      rows: shown.map((p) => ({ ...p, ...(counted.get(p.period) ?? { bookings: 0, revenue: 0, cancellations: 0 }) })),
      count: periods.length,
    }
  }
}

/** The periods that meet from..to (local dates), each from its local start to the next one's. */
export function periodsOf(from: string, to: string, interval: Interval, zone: string): { period: string; start: Date; end: Date }[] {
  const first = DateTime.fromISO(from, { zone })
  const last = DateTime.fromISO(to, { zone })
  if (last < first) throw invalidInput('The range ends before it starts', { field: 'to' })
  if (last.diff(first, 'days').days > MAX_DAYS) throw invalidInput(`A report covers at most ${MAX_DAYS} days`, { field: 'to' })
  const unit = interval === 'day' ? 'days' : interval === 'week' ? 'weeks' : 'months'
  let at = first.startOf(interval === 'week' ? 'week' : interval)
  const out: { period: string; start: Date; end: Date }[] = []
  while (at <= last) {
    const next = at.plus({ [unit]: 1 })
    out.push({ period: at.toISODate()!, start: at.toJSDate(), end: next.toJSDate() })
    at = next
  }
  return out
}
