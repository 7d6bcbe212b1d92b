import type { Executor } from '../../db/client.js'
import { occurrenceSpans, servicesByIds } from '../catalog/queries.js'
import type { ReservationItem } from '../reservations/service.js'

/** A room opens this long before its session starts. */
export const OPENS_BEFORE_MS = 15 * 60_000

/** One sitting of a booking in a video room: a workshop's or course's occurrence, or a 1:1 session. */
export interface VideoSession {
  room: string
  startsAt: Date
  endsAt: Date
  /** The occurrence whose seats sit in the room; null for a 1:1 session. */
  occurrenceId: string | null
}

// Deterministic names: the webhook finds the bookings of a room from its name alone, and every
// process (or a restart) names the same room the same way.
export const occurrenceRoom = (id: string) => `occurrence-${id}`
export const reservationRoom = (id: string) => `reservation-${id}`

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const ROOM = new RegExp(`^(occurrence|reservation)-(${UUID})$`)

/** What a room name stands for, or null for a room we did not name. */
export function parseRoom(room: string | null): { kind: 'occurrence' | 'reservation'; id: string } | null {
  const m = room ? ROOM.exec(room) : null
  return m ? { kind: m[1] as 'occurrence' | 'reservation', id: m[2]! } : null
}

/**
 * The video sittings of a booking's items of virtual services, in start order: a seat sits in
 * its occurrence's room (a course's seat in each of its sessions' rooms, shared with everyone
 * else in it), a 1:1 session in a room of its own booking. Empty when nothing is virtual.
 */
export async function sessionsOf(ex: Executor, reservationId: string, items: readonly ReservationItem[]): Promise<VideoSession[]> {
  const booked = items.filter((i) => (i.kind === 'seat' || i.kind === 'session') && i.serviceId)
  const catalog = await servicesByIds(
    ex,
    booked.map((i) => i.serviceId!),
  )
  const virtual = booked.filter((i) => catalog.get(i.serviceId!)?.isVirtual)
  const sessions: VideoSession[] = virtual
    .filter((i) => i.kind === 'session')
    .map((i) => ({ room: reservationRoom(reservationId), startsAt: i.startsAt, endsAt: i.endsAt, occurrenceId: null }))
  const seats = virtual.filter((i) => i.kind === 'seat')
  const occurrences = await occurrenceSpans(ex, {
    ids: seats.flatMap((i) => (i.occurrenceId ? [i.occurrenceId] : [])),
    serviceIds: seats.flatMap((i) => (i.occurrenceId ? [] : [i.serviceId!])),
  })
  for (const o of occurrences) sessions.push({ room: occurrenceRoom(o.id), startsAt: o.startsAt, endsAt: o.endsAt, occurrenceId: o.id })
  return sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}

/** The sitting whose room is open at `now` or opens next; null once all are over. */
export function currentSession(sessions: readonly VideoSession[], now: Date): VideoSession | null {
  return sessions.find((s) => now < s.endsAt) ?? null
}
