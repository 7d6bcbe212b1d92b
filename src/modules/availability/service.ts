import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Deps } from '../../deps.js'
import { pgArray, rowsOf } from '../../db/client.js'
import { invalidInput } from '../../http/errors.js'
import { rooms } from '../rooms/schema.js'
import { venueClosures } from '../venues/schema.js'
import type { VenueService } from '../venues/service.js'
import { freeIntervals, rulesOf } from './free-intervals.js'
import { businessDay, type Interval } from './opening-hours.js'

const MAX_DAYS_AHEAD = 3 * 366

export interface RoomAvailability {
  room_id: string
  name: string
  capacity: number
  slot_minutes: number
  free: { start: string; end: string }[]
}

export class AvailabilityService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /**
   * Free intervals per room for the business day that opens on `date`. Claims that block
   * are those of active reservations, except holds that have lapsed but are not swept yet.
   */
  async forDay(venueId: string, date: string, partySize: number) {
    const now = this.deps.clock()
    const venue = await this.venues.get(venueId)
    const zone = venue.timezone
    const day = DateTime.fromISO(date, { zone })
    if (day.diff(DateTime.fromJSDate(now, { zone }), 'days').days > MAX_DAYS_AHEAD) {
      throw invalidInput('That date is too far ahead', { field: 'date', max_days_ahead: MAX_DAYS_AHEAD })
    }
    const db = this.deps.db
    const [closure] = await db
      .select({ id: venueClosures.id })
      .from(venueClosures)
      .where(and(eq(venueClosures.venueId, venueId), eq(venueClosures.date, date)))
    const open = closure ? [] : businessDay(date, zone, venue.openingHours)
    const fitting = await db
      .select()
      .from(rooms)
      .where(and(eq(rooms.venueId, venueId), isNull(rooms.archivedAt), gte(rooms.capacity, partySize)))
      .orderBy(asc(rooms.name), asc(rooms.id))
    const busy = open.length && fitting.length ? await this.busySpans(fitting.map((r) => r.id), open, now) : new Map()
    const result: RoomAvailability[] = fitting.map((room) => ({
      room_id: room.id,
      name: room.name,
      capacity: room.capacity,
      slot_minutes: room.slotMinutes,
      free: freeIntervals(open, busy.get(room.id) ?? [], rulesOf(room), now.getTime()).map((iv) => ({
        start: local(iv.start, zone),
        end: local(iv.end, zone),
      })),
    }))
    return { date, timezone: zone, rooms: result }
  }

  /** Spans blocked by claims of these rooms around the day, grouped by room. */
  private async busySpans(roomIds: string[], open: Interval[], now: Date): Promise<Map<string, Interval[]>> {
    // Reach a little past the day on both sides: a neighbour's buffer can touch our edges.
    const from = new Date(open[0]!.start - 24 * 3600_000).toISOString()
    const to = new Date(open[open.length - 1]!.end + 24 * 3600_000).toISOString()
    const rows = await rowsOf<{ room_id: string; s: string | Date; e: string | Date }>(this.deps.db, sql`
      select i.room_id, i.starts_at as s, i.blocked_until as e
      from reservation_items i join reservations r on r.id = i.reservation_id
      where i.room_id = any(${pgArray(roomIds)}::uuid[]) and i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange(${from}, ${to}, '[)')
        and (r.hold_expires_at is null or r.hold_expires_at > ${now.toISOString()})`)
    const byRoom = new Map<string, Interval[]>()
    for (const row of rows) {
      const list = byRoom.get(row.room_id) ?? []
      list.push({ start: new Date(row.s).getTime(), end: new Date(row.e).getTime() })
      byRoom.set(row.room_id, list)
    }
    return byRoom
  }
}

const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!
