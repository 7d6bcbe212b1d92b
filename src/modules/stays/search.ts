import { sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { rowsOf } from '../../db/client.js'
import { offsetOf, pageOf, pageParams } from '../../http/pagination.js'
import { invalidInput } from '../../http/errors.js'
import { DEFAULT_POLICY } from '../pricing/cancellation-policy.js'
import { nightsOf, priceNight } from '../pricing/stay-price.js'
import { venueRules } from '../pricing/queries.js'
import { stayDatesProblem } from '../reservations/stay-claims.js'
import type { VenueService } from '../venues/service.js'
import { plansColumn, plansOf, type RatePlanJson } from './queries.js'
import type { StaySearchQuery } from './schemas.js'

interface Candidate {
  id: string
  name: string
  max_occupancy: number
  base_rate: number
  amenities: string[]
  available: number
}

/** Which room types can take a stay, and what each of their rate plans would charge. */
export class StaySearch {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /**
   * Room types with `rooms` units left on every night of the stay, open on all of them,
   * whose arrival night's min stay the stay meets, and that sleep the guests, a page at a
   * time (cheapest base rate first). Availability and paging are one grouped query over the
   * nights; only the page's types are priced, here, from the rules.
   */
  async search(q: StaySearchQuery, url: string) {
    // The venue as kept for a second, as availability and bookings read it (decisions.md, Stays).
    const venue = await this.venues.cached(q.venue)
    const guests = q.guests ?? 1
    const rooms = q.rooms ?? 1
    if (guests < rooms) throw invalidInput('Every room needs at least one guest', { field: 'guests' })
    const dates = stayDatesProblem(q.arrival, q.departure, venue, this.deps.clock())
    if (dates) throw invalidInput(dates.message, { field: dates.field, reason: dates.reason })
    const nights = nightsOf(q.arrival, q.departure)
    const db = this.deps.db
    const page = pageParams(q)
    // The page's rate plans come with it, read for its types only; the venue's rules at once,
    // beside it on another connection.
    const [candidates, rules] = await Promise.all([
      rowsOf<Candidate & { total: number; plans: RatePlanJson[] }>(
        db,
        sql`
      select c.*, ${plansColumn(sql`c.id`)} as plans from (
        select t.id, t.name, t.max_occupancy, t.base_rate, t.amenities, min(n.units - n.held - n.sold)::int as available,
               count(*) over ()::int as total
        from room_types t
        join inventory_nights n on n.room_type_id = t.id and n.night >= ${q.arrival}::date and n.night < ${q.departure}::date
        where t.venue_id = ${venue.id} and t.max_occupancy * ${rooms}::int >= ${guests}::int
        group by t.id
        having count(*) = ${nights.length}::int and not bool_or(n.closed)
          and min(n.units - n.held - n.sold) >= ${rooms}::int
          and max(case when n.night = ${q.arrival}::date then n.min_stay end) <= ${nights.length}::int
        order by t.base_rate, t.name, t.id
        limit ${page.pageSize} offset ${offsetOf(page)}) c
      order by c.base_rate, c.name, c.id`,
      ),
      venueRules(db, venue.id),
    ])
    const venuePolicy = venue.cancellationPolicy ?? DEFAULT_POLICY
    const results = candidates.map((c) => {
      const type = { id: c.id, name: c.name, baseRate: c.base_rate }
      const own = plansOf(c.plans)
      const offers = (own.length ? own : [null]).map((plan) => {
        const nightly = nights.map((night) => {
          const price = priceNight(night, type, plan, rules)
          return { night, amount: price.amount * rooms, rule: price.rule }
        })
        return {
          rate_plan_id: plan?.id ?? null,
          name: plan?.name ?? 'Standard',
          cancellation_policy: plan?.cancellationPolicy ?? venuePolicy,
          total: { amount: nightly.reduce((sum, n) => sum + n.amount, 0), currency: venue.currency },
          nightly,
        }
      })
      return { room_type_id: c.id, name: c.name, max_occupancy: c.max_occupancy, amenities: c.amenities, available_units: c.available, offers }
    })
    const listed = pageOf(url, page, candidates[0]?.total ?? 0, results)
    return { ...listed, venue_id: venue.id, arrival: q.arrival, departure: q.departure, nights: nights.length, guests, rooms }
  }
}
