import { sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { rowsOf } from '../../db/client.js'
import { stayRevenueByNight } from '../reservations/reads.js'
import { checkDateRange } from '../../http/date-range.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { VenueService } from '../venues/service.js'
import { GRID_MAX_NIGHTS } from './inventory.js'
import type { NightRange } from './schemas.js'

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0)
const per = (amount: number, n: number) => (n > 0 ? Math.round(amount / n) : 0)

/** Hotel figures over a range of nights: occupancy, ADR and RevPAR, in total and per night. */
export class StayReports {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /**
   * Available room-nights are the units of open nights (of a closed night, only those it had
   * sold before it closed); sold ones come from the counters.
   * Revenue is what the sold stays' quotes priced each night at, so ADR = revenue / sold and
   * RevPAR = revenue / available, rounded to the minor unit.
   */
  async occupancy(who: AccessClaims, venueId: string, range: NightRange) {
    const venue = await this.venues.asStaff(who, venueId)
    checkDateRange(range.from, range.to, GRID_MAX_NIGHTS)
    const db = this.deps.db
    const [counts, revenue] = await Promise.all([
      rowsOf<{ night: string; available: number; sold: number }>(
        db,
        sql`
        select n.night::text as night, sum(case when n.closed then n.sold else n.units end)::int as available, sum(n.sold)::int as sold
        from inventory_nights n join room_types t on t.id = n.room_type_id
        where t.venue_id = ${venueId} and n.night between ${range.from}::date and ${range.to}::date
        group by n.night order by n.night`,
      ),
      stayRevenueByNight(db, venueId, range.from, range.to),
    ])
    const nights = counts.map((c) => {
      const earned = revenue.get(c.night) ?? 0
      return {
        night: c.night,
        available: c.available,
        sold: c.sold,
        occupancy: ratio(c.sold, c.available),
        revenue: earned,
        adr: per(earned, c.sold),
        revpar: per(earned, c.available),
      }
    })
    const available = nights.reduce((s, n) => s + n.available, 0)
    const sold = nights.reduce((s, n) => s + n.sold, 0)
    const earned = nights.reduce((s, n) => s + n.revenue, 0)
    const cur = venue.currency
    return {
      venue_id: venueId,
      from: range.from,
      to: range.to,
      currency: cur,
      available_room_nights: available,
      sold_room_nights: sold,
      occupancy: ratio(sold, available),
      room_revenue: { amount: earned, currency: cur },
      adr: { amount: per(earned, sold), currency: cur },
      revpar: { amount: per(earned, available), currency: cur },
      nights,
    }
  }
}
