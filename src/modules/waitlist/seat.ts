import type { Tx } from '../../db/client.js'
import { AppError, invalidInput } from '../../http/errors.js'
import { createReservation } from '../reservations/create.js'
import { roomOfVenue } from '../rooms/queries.js'
import type { Venue } from '../venues/service.js'
import { openSpans } from './queue.js'
import type { waitlistEntries } from './schema.js'
import { runningSlotStart } from './wait.js'

type Entry = typeof waitlistEntries.$inferSelect

const MINUTE = 60_000
const REASON = 'walk-in seated from the waitlist'

/**
 * Books the room for a party being seated now, inside the caller's transaction (which has
 * locked the entry): a reservation born checked in, made by the one creation path every
 * booking takes, so the room's exclusion constraint decides a race and the loser gets 409
 * `slot_taken` with nothing written. The claim starts at the slot already running, since the
 * party is in the room from now; it lasts `minutes` (default: the room's minimum length).
 * Answers the reservation's id.
 */
export async function seatIntoRoom(
  tx: Tx,
  venue: Venue,
  entry: Entry,
  actorId: string,
  target: { roomId: string; minutes?: number | undefined },
  now: Date,
): Promise<string> {
  const room = await roomOfVenue(tx, venue.id, target.roomId)
  if (!room) throw new AppError('not_found', 'Room not found at this venue', { room_id: target.roomId })
  const minutes = target.minutes ?? room.minMinutes
  const start = runningSlotStart(now.getTime(), await openSpans(tx, venue, now), room.slotMinutes)
  const reservation = await createReservation(tx, {
    venue,
    items: [{ kind: 'slot', room_id: room.id, start: new Date(start).toISOString(), end: new Date(start + minutes * MINUTE).toISOString() }],
    partySize: entry.partySize,
    notes: entry.notes,
    guest: { name: entry.name, phone: entry.phone },
    userId: null,
    actorId,
    status: 'checked_in',
    holdTtlMinutes: 0,
    reason: REASON,
    now,
    // The rules refuse starts before "now"; the running slot's start is the walk-in's now.
    plannedAt: new Date(start),
  })
  return reservation.id
}

/** `minutes` only makes sense with a room to book for that long. */
export function assertSeatTarget(body: { room_id?: string | undefined; minutes?: number | undefined }): void {
  if (body.minutes !== undefined && body.room_id === undefined) {
    throw invalidInput('minutes needs a room_id: it is the length of the room booking', { field: 'minutes', reason: 'minutes_without_room' })
  }
}
