import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { addDays, businessDay, localDate } from '../availability/opening-hours.js'
import { busySpans } from '../reservations/reads.js'
import { venueRooms } from '../rooms/queries.js'
import { closedAmong } from '../venues/queries.js'
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
  const shut = await closedAmong(ex, venue.id, dates)
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
  const from = new Date(now.getTime() - DAY)
  const to = new Date(now.getTime() + 4 * DAY)
  const roomsAndClaims = async () => {
    const rooms = await venueRooms(ex, venue.id)
    // As availability counts them: active claims, except holds that lapsed but are not swept yet.
    return {
      rooms,
      busy: rooms.length
        ? await busySpans(
            ex,
            rooms.map((r) => r.id),
            from,
            to,
            now,
          )
        : new Map<string, Span[]>(),
    }
  }
  const [queue, { rooms, busy }, open] = await Promise.all([
    ex
      .select({ id: waitlistEntries.id, partySize: waitlistEntries.partySize, createdAt: waitlistEntries.createdAt })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.venueId, venue.id), inArray(waitlistEntries.status, [...QUEUED])))
      .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id)),
    roomsAndClaims(),
    openSpans(ex, venue, now),
  ])
  const timelines: RoomTimeline[] = rooms.map((r) => ({
    id: r.id,
    capacity: r.capacity,
    slotMinutes: r.slotMinutes,
    sessionMinutes: r.minMinutes,
    bufferMinutes: r.bufferMinutes,
    busy: busy.get(r.id) ?? [],
  }))
  return estimateWaits(now, timelines, queue, open)
}
