import type { Tx } from '../../db/client.js'
import { contactsOf } from '../auth/users.js'
import { eventId, type RelayedEvent } from '../events/envelope.js'
import { MANAGERS, membersOf } from '../venues/access.js'
import { rowsFor, type NewNotification, type ReservationContext } from './facts.js'
import { renderStaffBooking } from './staff-templates.js'

/** A relayed booking event that the venue's people hear about, with its reservation. */
export interface StaffNotice {
  event: RelayedEvent
  reservation: ReservationContext
  template: 'staff_booking_new' | 'staff_booking_cancelled'
}

/**
 * The rows telling each owner and manager of the venue (for a practitioner: the practitioner
 * and their managers) about a booking made or cancelled: inbox and email. Plain staff follow
 * the live dashboard instead. Queued by the relay like the customer's own message, so the
 * booking's request never waits for it; keyed by the event, so it is queued once.
 */
export async function staffRows(tx: Tx, notices: readonly StaffNotice[], now: Date): Promise<NewNotification[]> {
  if (notices.length === 0) return []
  const members = await membersOf(
    tx,
    notices.map((n) => n.reservation.venueId),
    MANAGERS,
  )
  const people = await contactsOf(
    tx,
    members.map((m) => m.userId),
  )
  const rows: NewNotification[] = []
  for (const { event, reservation: r, template } of notices) {
    for (const m of members.filter((m) => m.venueId === r.venueId)) {
      const person = people.get(m.userId)
      if (!person) continue
      const message = {
        template,
        rendered: renderStaffBooking(template, r.facts, person.name),
        venueId: r.venueId,
        subjectId: r.id,
        data: { event_id: eventId(event.id), event_type: event.type, reservation_id: r.id, starts_at: r.facts.startsAt.toISOString() },
        occurredAt: event.createdAt,
      }
      const contact = { userId: m.userId, email: person.email, phone: null, name: person.name }
      rows.push(...rowsFor(message, contact, now, (channel, recipient) => `${eventId(event.id)}:${template}:${channel}:${recipient}`))
    }
  }
  return rows
}
