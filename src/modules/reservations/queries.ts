import { and, asc, count, desc, eq, gt, inArray, lte, notInArray, or, sql, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { checkDateRange } from '../../http/date-range.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { zoneOfVenue } from '../venues/queries.js'
import { escapeLike, type VenueService } from '../venues/service.js'
import { reservationItems, reservations, type ReservationStatus } from './schema.js'
import type { ReservationListQuery } from './schemas.js'
import type { FullReservation } from './service.js'
import { ACTIVE_STATES } from './state.js'

const MAX_RANGE_DAYS = 366

/** Read models for reservation lists; every list is scoped to what the caller may see. */
export class ReservationQueries {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /** Customers list their own; `?venue=` lists a venue's for its staff; admins may list all. */
  async list(who: AccessClaims, q: ReservationListQuery, page: PageParams) {
    const filters: (SQL | undefined)[] = [await this.venues.listScope(who, q.venue, { venue: reservations.venueId, user: reservations.userId })]
    if (q.status) filters.push(inArray(reservations.status, q.status.split(',') as ReservationStatus[]))
    if (q.room) {
      filters.push(sql`exists (select 1 from ${reservationItems} where ${reservationItems.reservationId} = ${reservations.id}
        and ${reservationItems.roomId} = ${q.room})`)
    }
    filters.push(...this.dateRange(q.from, q.to))
    if (q.search) {
      const like = `%${escapeLike(q.search)}%`
      filters.push(or(sql`${reservations.notes} ilike ${like}`, sql`${reservations.guest}->>'name' ilike ${like}`))
    }
    const order = parseOrdering<'created_at' | 'start'>(q.ordering, '-created_at')
    const column = order.field === 'start' ? reservations.startsAt : reservations.createdAt
    return this.page(and(...filters), [order.desc ? desc(column) : asc(column), asc(reservations.id)], page)
  }

  /**
   * A front desk's day: the sold stays arriving (or, with `departures`, leaving) on a
   * venue-local date, with their guests, for the venue's staff.
   */
  async frontDesk(who: AccessClaims, venueId: string, date: string, which: 'arrival' | 'departure', page: PageParams) {
    const venue = await this.venues.asStaff(who, venueId)
    const column = which === 'arrival' ? sql`i.arrival` : sql`i.departure`
    // A stay arriving or leaving that day lies across the day, whatever else the reservation
    // holds: this bound lets the venue's end-time index skip the past before the item test.
    const dayStart = sql`(${date}::date::timestamp at time zone ${venue.timezone})`
    const nextDay = sql`((${date}::date + 1)::timestamp at time zone ${venue.timezone})`
    const where = and(
      eq(reservations.venueId, venueId),
      sql`${reservations.endsAt} > ${dayStart}`,
      sql`${reservations.startsAt} < ${nextDay}`,
      inArray(reservations.status, ['confirmed', 'checked_in', 'completed']),
      sql`exists (select 1 from ${reservationItems} i where i.reservation_id = ${reservations.id} and i.kind = 'stay' and ${column} = ${date}::date)`,
    )
    return this.page(where, [asc(reservations.startsAt), asc(reservations.id)], page)
  }

  /** The caller's reservations still ahead and holding inventory, soonest first. */
  upcoming(who: AccessClaims, page: PageParams) {
    const now = this.deps.clock()
    const where = and(eq(reservations.userId, who.userId), gt(reservations.endsAt, now), inArray(reservations.status, [...ACTIVE_STATES]))
    return this.page(where, [asc(reservations.startsAt), asc(reservations.id)], page)
  }

  /** Everything else of the caller's: past, or ended by cancellation, expiry and the like; newest first. */
  history(who: AccessClaims, page: PageParams) {
    const now = this.deps.clock()
    const where = and(eq(reservations.userId, who.userId), or(lte(reservations.endsAt, now), notInArray(reservations.status, [...ACTIVE_STATES])))
    return this.page(where, [desc(reservations.startsAt), asc(reservations.id)], page)
  }

  /**
   * Dates are calendar days of each reservation's own venue, so "the 9th" means the 9th in
   * Denver for a Denver bar, whatever the caller's zone; PostgreSQL does the DST-aware maths.
   */
  private dateRange(from: string | undefined, to: string | undefined): SQL[] {
    checkDateRange(from, to, MAX_RANGE_DAYS)
    const zone = zoneOfVenue(reservations.venueId)
    return [
      ...(from ? [sql`${reservations.endsAt} > (${from}::date::timestamp at time zone ${zone})`] : []),
      ...(to ? [sql`${reservations.startsAt} < ((${to}::date + 1)::timestamp at time zone ${zone})`] : []),
    ]
  }

  private async page(where: SQL | undefined, orderBy: SQL[], page: PageParams): Promise<{ rows: FullReservation[]; count: number }> {
    const db = this.deps.db
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(reservations)
        .where(where)
        .orderBy(...orderBy)
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      db.select({ n: count() }).from(reservations).where(where),
    ])
    const items = rows.length
      ? await db
          .select()
          .from(reservationItems)
          .where(
            inArray(
              reservationItems.reservationId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(reservationItems.position)
      : []
    return { rows: rows.map((r) => ({ ...r, items: items.filter((i) => i.reservationId === r.id) })), count: total!.n }
  }
}
