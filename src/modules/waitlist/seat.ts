import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { AppError, invalidInput } from '../../http/errors.js'
import { outboxInsert } from '../events/outbox.js'
import { recordTransitions } from '../reservations/audit.js'
import { insertSlots } from '../reservations/claims.js'
import { expireHolds } from '../reservations/holds.js'
import { planReservation } from '../reservations/plan.js'
import { reservations } from '../reservations/schema.js'
import { rooms } from '../rooms/schema.js'
import type { Venue } from '../venues/service.js'
import { openSpans } from './queue.js'
import type { waitlistEntries } from './schema.js'
import { runningSlotStart } from './wait.js'

type Entry = typeof waitlistEntries.$inferSelect

const MINUTE = 60_000
const REASON = 'walk-in seated from the waitlist'

/**
 * Books the room for a party being seated now, inside the caller's transaction (which has
 * locked the entry): a reservation that starts checked in, claimed through the same path as
 * any booking, so the room's exclusion constraint decides a race and the loser gets 409
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
  const [room] = await tx
    .select({ slotMinutes: rooms.slotMinutes, minMinutes: rooms.minMinutes })
    .from(rooms)
    .where(and(eq(rooms.id, target.roomId), eq(rooms.venueId, venue.id), isNull(rooms.archivedAt)))
  if (!room) throw new AppError('not_found', 'Room not found at this venue', { room_id: target.roomId })
  const minutes = target.minutes ?? room.minMinutes
  const start = runningSlotStart(now.getTime(), await openSpans(tx, venue, now), room.slotMinutes)
  const end = start + minutes * MINUTE
  // planSlot refuses starts before `now`; the running slot's start is the walk-in's "now".
  const plan = await planReservation(
    tx,
    venue,
    [{ kind: 'slot', room_id: target.roomId, start: new Date(start).toISOString(), end: new Date(end).toISOString() }],
    entry.partySize,
    new Date(start),
  )
  await expireHolds(tx, now, { spans: plan.slots.map((p) => ({ roomId: p.room.id, start: p.start, end: p.blockedUntil })) })
  const [reservation] = await tx
    .insert(reservations)
    .values({
      venueId: venue.id,
      userId: null,
      createdBy: actorId,
      status: 'checked_in',
      partySize: plan.partySize,
      notes: entry.notes,
      guest: { name: entry.name, phone: entry.phone },
      totalAmount: plan.quote.total,
      currency: venue.currency,
      quote: plan.quote,
      cancellationPolicy: plan.policy,
      holdExpiresAt: null,
      startsAt: plan.startsAt,
      endsAt: plan.endsAt,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: reservations.id })
  const id = reservation!.id
  await insertSlots(tx, id, plan.slots, true)
  // One audit row (it was created checked in), and both events consumers look for.
  await recordTransitions(tx, now, [
    {
      reservationId: id,
      venueId: venue.id,
      from: null,
      to: 'checked_in',
      actorId,
      reason: REASON,
      event: 'reservation.created',
      payload: { id, total: plan.quote.total },
    },
  ])
  await outboxInsert(tx, now, [
    { type: 'reservation.checked_in', aggregateId: id, venueId: venue.id, payload: { id, from: null, to: 'checked_in', reason: REASON } },
  ])
  return id
}

/** `minutes` only makes sense with a room to book for that long. */
export function assertSeatTarget(body: { room_id?: string | undefined; minutes?: number | undefined }): void {
  if (body.minutes !== undefined && body.room_id === undefined) {
    throw invalidInput('minutes needs a room_id: it is the length of the room booking', { field: 'minutes', reason: 'minutes_without_room' })
  }
}
