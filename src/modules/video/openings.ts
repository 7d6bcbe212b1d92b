import { sql } from 'drizzle-orm'
import { pgArray, rowsOf } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { servicesByIds, virtualOccurrencesStarting } from '../catalog/queries.js'
import { emit } from '../events/outbox.js'
import { seatBookingsOf, sessionBookingsStarting } from '../reservations/reads.js'
import { OPENS_BEFORE_MS, occurrenceRoom, reservationRoom } from './sessions.js'

// A sitting lasts at most a day (occurrences and services are capped there): looking back that
// far finds every room still open, so a job that missed its minute catches up.
const LONGEST_MS = 24 * 3600_000

interface Opening {
  reservationId: string
  venueId: string
  room: string
  startsAt: Date
  endsAt: Date
}

/**
 * The "video room open" signal: every confirmed virtual booking whose room has opened (15
 * minutes before a sitting) and not yet ended gets one `video.room_opened` event per sitting,
 * which the relay sends to its customer's booking feed. The opening row and its event are
 * written in one transaction, under the row's key: running twice, or in two processes at
 * once, signals each room once. Answers how many were signalled.
 */
export async function signalOpenRooms(deps: Deps): Promise<number> {
  const now = deps.clock()
  const from = new Date(now.getTime() - LONGEST_MS)
  const until = new Date(now.getTime() + OPENS_BEFORE_MS)
  const openings: Opening[] = []

  const occurrences = (await virtualOccurrencesStarting(deps.db, from, until)).filter((o) => o.endsAt > now)
  const spans = new Map(occurrences.map((o) => [o.id, o]))
  for (const b of await seatBookingsOf(deps.db, occurrences)) {
    const o = spans.get(b.occurrenceId)!
    openings.push({ reservationId: b.reservationId, venueId: b.venueId, room: occurrenceRoom(o.id), startsAt: o.startsAt, endsAt: o.endsAt })
  }
  const sessions = (await sessionBookingsStarting(deps.db, from, until)).filter((s) => s.endsAt > now)
  const virtual = await servicesByIds(
    deps.db,
    sessions.map((s) => s.serviceId),
  )
  for (const s of sessions.filter((s) => virtual.get(s.serviceId)?.isVirtual)) {
    openings.push({ reservationId: s.reservationId, venueId: s.venueId, room: reservationRoom(s.reservationId), startsAt: s.startsAt, endsAt: s.endsAt })
  }
  if (openings.length === 0) return 0

  return deps.db.transaction(async (tx) => {
    const fresh = await rowsOf<{ reservation_id: string; room: string; starts_at: string | Date }>(
      tx,
      sql`insert into video_room_openings (reservation_id, room, starts_at, signalled_at)
          select *, ${now.toISOString()}::timestamptz
            from unnest(${pgArray(openings.map((o) => o.reservationId))}::uuid[], ${pgArray(openings.map((o) => o.room))}::text[],
                        ${pgArray(openings.map((o) => o.startsAt.toISOString()))}::timestamptz[])
          on conflict do nothing returning reservation_id, room, starts_at`,
    )
    if (fresh.length === 0) return 0
    const key = (reservationId: string, room: string, startsAt: string | Date) => `${reservationId}/${room}/${new Date(startsAt).getTime()}`
    const byKey = new Map(openings.map((o) => [key(o.reservationId, o.room, o.startsAt), o]))
    await emit(
      tx,
      now,
      fresh.map((f) => {
        const o = byKey.get(key(f.reservation_id, f.room, f.starts_at))!
        return {
          type: 'video.room_opened' as const,
          aggregateId: o.reservationId,
          venueId: o.venueId,
          payload: { reservation_id: o.reservationId, room: o.room, starts_at: o.startsAt.toISOString(), ends_at: o.endsAt.toISOString() },
        }
      }),
    )
    return fresh.length
  })
}
