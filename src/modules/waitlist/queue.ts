import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { rowsOf, type Executor } from '../../db/client.js'
import { addDays, businessDay, localDate } from '../availability/opening-hours.js'
import { rooms } from '../rooms/schema.js'
import { venueClosures } from '../venues/schema.js'
import type { Venue } from '../venues/service.js'
import { waitlistEntries } from './schema.js'
import { QUEUED } from './state.js'
import { estimateWaits, type RoomTimeline, type Span, type WaitEstimate } from './wait.js'

const DAY = 24 * 3600_000

/**
 * The venue's opening intervals from the business day that may still be running (it opened
 * yesterday evening) to the day after tomorrow, closures left out. Estimates reach no
 * further: a walk-in queue that long is not a queue.
 */
export async function openSpans(ex: Executor, venue: Venue, now: Date): Promise<Span[]> {
  const today = localDate(now.getTime(), venue.timezone)
  const dates = [-1, 0, 1, 2].map((d) => addDays(today, d))
  const closed = await ex
    .select({ date: venueClosures.date })
    .from(venueClosures)
    .where(and(eq(venueClosures.venueId, venue.id), inArray(venueClosures.date, dates)))
  const shut = new Set(closed.map((c) => c.date))
  return dates
    .filter((d) => !shut.has(d))
    .flatMap((d) => businessDay(d, venue.timezone, venue.openingHours))
    .sort((a, b) => a.start - b.start)
}

/**
 * Position and estimate of every party in the venue's queue, in four queries whatever the
 * queue's length: the queue, the rooms, the claims that block them, the opening hours.
 */
export async function queueEstimates(ex: Executor, venue: Venue, now: Date): Promise<Map<string, WaitEstimate>> {
  const from = new Date(now.getTime() - DAY).toISOString()
  const to = new Date(now.getTime() + 4 * DAY).toISOString()
  const [queue, roomRows, claims, open] = await Promise.all([
    ex
      .select({ id: waitlistEntries.id, partySize: waitlistEntries.partySize, createdAt: waitlistEntries.createdAt })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.venueId, venue.id), inArray(waitlistEntries.status, [...QUEUED])))
      .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id)),
    ex
      .select()
      .from(rooms)
      .where(and(eq(rooms.venueId, venue.id), isNull(rooms.archivedAt)))
      .orderBy(asc(rooms.name), asc(rooms.id)),
    // As availability counts them: active claims, except holds that lapsed but are not swept yet.
    rowsOf<{ room_id: string; s: string | Date; e: string | Date }>(
      ex,
      sql`
      select i.room_id, i.starts_at as s, i.blocked_until as e
      from reservation_items i
      where i.room_id in (select id from rooms where venue_id = ${venue.id} and archived_at is null)
        and i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange(${from}, ${to}, '[)')
        and i.reservation_id not in (select id from reservations where hold_expires_at <= ${now.toISOString()})`,
    ),
    openSpans(ex, venue, now),
  ])
  const busy = new Map<string, Span[]>()
  for (const c of claims) {
    const list = busy.get(c.room_id) ?? []
    list.push({ start: new Date(c.s).getTime(), end: new Date(c.e).getTime() })
    busy.set(c.room_id, list)
  }
  const timelines: RoomTimeline[] = roomRows.map((r) => ({
    id: r.id,
    capacity: r.capacity,
    slotMinutes: r.slotMinutes,
    sessionMinutes: r.minMinutes,
    bufferMinutes: r.bufferMinutes,
    busy: busy.get(r.id) ?? [],
  }))
  return estimateWaits(now, timelines, queue, open)
}
