import { sql } from 'drizzle-orm'
import { pgArray } from '../../db/client.js'
import type { RelayedEvent } from '../events/domain-events.js'
import { envelopeOf } from '../events/envelope.js'
import type { RelaySink } from '../events/relay.js'
import { bookersOf } from '../reservations/reads.js'
import { MAX_NOTICE, USER_CHANNEL } from './channels.js'

/** The booking an event is news of, for its customer; null for events that are not. */
export function bookingOf(e: RelayedEvent): string | null {
  if (e.type.startsWith('reservation.')) return e.aggregateId
  if (e.type === 'payment.succeeded' || e.type === 'payment.failed' || e.type === 'payment.refunded') return e.payload.reservation_id
  if (e.type === 'video.room_opened') return e.payload.reservation_id
  return null
}

/**
 * The relay sink for customers' own bookings: each event about a reservation (its moves, a
 * reschedule, a payment or refund, its video room opening) goes to the sockets of the account
 * that booked it, and of nobody else. Whose it is comes from the reservation, read in the
 * relay's transaction, never from a client; the NOTIFY is sent at that transaction's commit.
 */
export const bookingUpdatesSink: RelaySink = {
  name: 'booking-updates',
  deliver: async (tx, events) => {
    const about = events.flatMap((e) => {
      const id = bookingOf(e)
      return id ? [{ e, id }] : []
    })
    if (about.length === 0) return
    const bookers = await bookersOf(
      tx,
      about.map((a) => a.id),
    )
    const notices = about.flatMap(({ e, id }) => {
      const userId = bookers.get(id)
      if (!userId) return []
      const text = JSON.stringify({ user_id: userId, event: envelopeOf(e) })
      return [Buffer.byteLength(text) < MAX_NOTICE ? text : JSON.stringify({ user_id: userId, ref: e.id })]
    })
    if (notices.length === 0) return
    await tx.execute(sql`select pg_notify(${USER_CHANNEL}, n) from unnest(${pgArray(notices)}::text[]) as t(n)`)
  },
}
