import { sql } from 'drizzle-orm'
import { pgArray } from '../../db/client.js'
import { namedStatement } from '../../db/named-statement.js'
import type { Deps } from '../../deps.js'
import { invalidInput } from '../../http/errors.js'
import { busySpansColumn } from '../reservations/reads.js'
import { dayRoomsOf, dayRoomsStatement, type DayRoomRow } from '../rooms/queries.js'
import { closedOnAnyOf } from '../venues/queries.js'
import type { VenueService } from '../venues/service.js'
import { freeIntervals, rulesOf } from './free-intervals.js'
import { localFormatter } from './local-time.js'
import { beyondHorizon, horizonProblem } from './horizon.js'
import { businessDay } from './opening-hours.js'

export interface RoomAvailability {
  room_id: string
  name: string
  capacity: number
  slot_minutes: number
  free: { start: string; end: string }[]
}

const p = sql.placeholder

/**
 * The day's statement, its text fixed once: each room with the spans its claims block between
 * opening (`from`) and closing (`closeAt`) plus the room's buffer, and whether the venue is
 * closed that day. freeIntervals() meets the claims that end after opening or start before
 * closing plus the room's buffer: no others. A wider window only aggregates the claims of the
 * days around, which at a busy venue are as many as the day's own.
 */
const DAY = namedStatement<DayRoomRow<[number, number][] | null>>(
  'reservoir_day_rooms',
  dayRoomsStatement(
    (room) =>
      busySpansColumn(room.id, sql`${p('from')}::timestamptz`, sql`${p('closeAt')}::timestamptz + ${room.bufferMinutes} * interval '1 minute'`, p('now')),
    closedOnAnyOf(p('venueId'), p('dates')),
  ),
)

export type DayAvailability = Awaited<ReturnType<AvailabilityService['compute']>>

export class AvailabilityService {
  // A short-lived cache: a busy venue page asks for the same day many times a second.
  // Bookings in this process clear their venue at once; other processes' within its lifetime.
  // A stale answer can only offer a slot that is gone, and the booking then gets a 409:
  // the exclusion constraint, not this cache, decides.
  // Keyed by venue first, so a booking clears its venue without walking every entry.
  private readonly cache = new Map<string, Map<string, { until: number; day: Promise<DayAvailability> }>>()

  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {
    deps.changes.subscribe((venueId) => this.cache.delete(venueId))
  }

  /**
   * Free intervals per room for the business day that opens on `date`. Claims that block
   * are those of active reservations, except holds that have lapsed but are not swept yet.
   */
  async forDay(venueId: string, date: string, partySize: number): Promise<DayAvailability> {
    const ttl = this.deps.config.availabilityCacheMs
    if (ttl <= 0) return this.compute(venueId, date, partySize)
    const now = this.deps.clock().getTime()
    const key = `${date}|${partySize}`
    let days = this.cache.get(venueId)
    const hit = days?.get(key)
    if (hit && hit.until > now) return hit.day
    const day = this.compute(venueId, date, partySize)
    if (!days) {
      if (this.cache.size >= 10_000) this.cache.clear()
      days = new Map<string, { until: number; day: Promise<DayAvailability> }>()
      this.cache.set(venueId, days)
    }
    if (days.size >= 1_000) days.clear()
    const entry = { until: now + ttl, day }
    days.set(key, entry)
    // Errors are not cached: the next request tries again.
    day.catch(() => {
      if (days.get(key) === entry) days.delete(key)
    })
    return day
  }

  private async compute(venueId: string, date: string, partySize: number) {
    const now = this.deps.clock()
    const venue = await this.venues.cached(venueId)
    const zone = venue.timezone
    if (beyondHorizon(date, now, zone)) {
      throw invalidInput(horizonProblem.message, { field: 'date', reason: horizonProblem.reason, max_days_ahead: horizonProblem.max_days_ahead })
    }
    const hours = businessDay(date, zone, venue.openingHours)
    // A day without hours still lists its rooms, with nothing free: the spans read then go unused.
    const from = hours.length ? new Date(hours[0]!.start).toISOString() : now.toISOString()
    const closeAt = hours.length ? new Date(hours[hours.length - 1]!.end).toISOString() : from
    const values = { from, closeAt, now: now.toISOString(), venueId, dates: pgArray([date]), minCapacity: partySize }
    const { rooms: fitting, closed } = dayRoomsOf(await DAY.run(this.deps.database.raw, values))
    const open = closed ? [] : hours
    const local = open.length ? localFormatter(zone, open[0]!.start, open[open.length - 1]!.end) : () => ''
    const result: RoomAvailability[] = fitting.map((room) => ({
      room_id: room.id,
      name: room.name,
      capacity: room.capacity,
      slot_minutes: room.slotMinutes,
      free: freeIntervals(
        open,
        (room.also ?? []).map(([start, end]) => ({ start, end })),
        rulesOf(room),
        now.getTime(),
      ).map((iv) => ({
        start: local(iv.start),
        end: local(iv.end),
      })),
    }))
    return { date, timezone: zone, rooms: result }
  }
}
