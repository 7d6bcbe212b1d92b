import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/client.js'
import { bookingUid, inviteText, type InviteParties } from './invite.js'
import { calendarInvites } from './schema.js'

export type InviteMethod = 'REQUEST' | 'CANCEL'

/** The booking an invite describes, as the notification queue knows it. */
export interface InvitedBooking {
  reservationId: string
  start: Date
  end: Date
  summary: string
  description: string
  location: string | null
}

/**
 * The invite that outbox event `eventId` sends for a booking, or null when it sends none,
 * written in the relay's transaction. The first REQUEST has SEQUENCE 0; every later invite
 * (a move, the cancellation) one more, so the customer's calendar takes each as newer. A
 * CANCEL goes only to a calendar that got a REQUEST and has not been cancelled yet. The
 * `last_event_id` guard keeps an event that was already counted from counting again.
 */
export async function inviteForEvent(
  tx: Tx,
  method: InviteMethod,
  booking: InvitedBooking,
  eventId: number,
  parties: InviteParties,
  now: Date,
): Promise<string | null> {
  const sequence = method === 'REQUEST' ? await request(tx, booking.reservationId, eventId) : await cancel(tx, booking.reservationId, eventId)
  if (sequence === null) return null
  const entry = { uid: bookingUid(booking.reservationId), sequence, ...booking }
  return inviteText(method, entry, parties, now)
}

async function request(tx: Tx, reservationId: string, eventId: number): Promise<number | null> {
  const [row] = await tx
    .insert(calendarInvites)
    .values({ reservationId, sequence: 0, lastEventId: eventId, method: 'REQUEST' })
    .onConflictDoUpdate({
      target: calendarInvites.reservationId,
      set: { sequence: sql`${calendarInvites.sequence} + 1`, lastEventId: eventId, method: 'REQUEST' },
      setWhere: lt(calendarInvites.lastEventId, eventId),
    })
    .returning({ sequence: calendarInvites.sequence })
  return row?.sequence ?? null
}

async function cancel(tx: Tx, reservationId: string, eventId: number): Promise<number | null> {
  const [row] = await tx
    .update(calendarInvites)
    .set({ sequence: sql`${calendarInvites.sequence} + 1`, lastEventId: eventId, method: 'CANCEL' })
    .where(and(eq(calendarInvites.reservationId, reservationId), eq(calendarInvites.method, 'REQUEST'), lt(calendarInvites.lastEventId, eventId)))
    .returning({ sequence: calendarInvites.sequence })
  return row?.sequence ?? null
}

/** The SEQUENCE each booking's invites reached, by reservation id (0 for those never sent one): feeds repeat it. */
export async function sequencesOf(ex: Executor, reservationIds: readonly string[]): Promise<Map<string, number>> {
  if (reservationIds.length === 0) return new Map()
  const rows = await ex
    .select({ id: calendarInvites.reservationId, sequence: calendarInvites.sequence })
    .from(calendarInvites)
    .where(inArray(calendarInvites.reservationId, [...new Set(reservationIds)]))
  return new Map(rows.map((r) => [r.id, r.sequence]))
}

/** "Reservoir <no-reply@example.com>" → the organizer an invite names. */
export function organizerOf(from: string): { name: string | null; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from)
  return match ? { name: match[1]!.trim() || null, email: match[2]!.trim() } : { name: null, email: from.trim() }
}
