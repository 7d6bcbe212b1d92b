import { sql } from 'drizzle-orm'
import { pgArray, type Tx } from '../../db/client.js'
import { eventId, type RelayedEvent } from '../events/envelope.js'
import type { DomainEventType, EventOf, ItemSpan } from '../events/domain-events.js'
import { inviteForEvent, type InviteMethod } from '../ical/invites.js'
import type { Party } from '../ical/invite.js'
import { isHold } from '../reservations/state.js'
import { venuesByIds } from '../venues/queries.js'
import { entriesByIds } from '../waitlist/queries.js'
import { insertNew, loadReservations, rowsFor, type NewNotification, type ReservationContext } from './facts.js'
import { staffRows, type StaffNotice } from './staff-notices.js'
import { formatDate, formatWhen, renderReservation, renderWaitlistReady, type Template } from './templates.js'

/** The reservation events that make a message, and its template. */
const RESERVATION_TEMPLATES = {
  'reservation.confirmed': 'reservation_confirmed',
  'reservation.cancelled': 'reservation_cancelled',
  'reservation.refunded': 'reservation_refunded',
  'reservation.rescheduled': 'reservation_rescheduled',
  'reservation.expired': 'reservation_expired',
  'payment.failed': 'payment_failed',
} as const satisfies Partial<Record<DomainEventType, Exclude<Template, 'waitlist_ready' | 'reminder_24h' | 'reminder_30m'>>>

type ReservationNotice = EventOf<keyof typeof RESERVATION_TEMPLATES> & RelayedEvent
type WaitlistNotice = EventOf<'waitlist.updated'> & RelayedEvent

const isReservationNotice = (e: RelayedEvent): e is ReservationNotice => Object.hasOwn(RESERVATION_TEMPLATES, e.type)
const isWaitlistNotice = (e: RelayedEvent): e is WaitlistNotice => e.type === 'waitlist.updated' && e.payload.status === 'notified'

// Events that can leave a queued reminder announcing a booking that no longer stands.
const UNSETTLING = new Set<DomainEventType>(['reservation.cancelled', 'reservation.refunded', 'reservation.rescheduled'])

/** The reservation a notice is about: payment events carry it, reservation events are it. */
const reservationIdOf = (e: ReservationNotice) => (e.type === 'payment.failed' ? e.payload.reservation_id : e.aggregateId)

/**
 * Turns one relayed batch into notification rows, in the relay's transaction: the batch's
 * reservations and waitlist entries are read in one query each and every row is inserted in
 * one statement. Dedupe keys name the event, so a batch relayed again after a crash before
 * its commit queues nothing twice. Answers how many rows are new.
 */
export async function queueForEvents(tx: Tx, events: readonly RelayedEvent[], now: Date, organizer: Party): Promise<number> {
  const forReservations = events.filter(isReservationNotice)
  const forWaitlist = events.filter(isWaitlistNotice)
  const reservationIds = [...new Set(forReservations.map(reservationIdOf))]
  const entryIds = [...new Set(forWaitlist.map((e) => e.payload.id))]
  // One after the other: a transaction is one connection, whatever the driver.
  const byReservation = await loadReservations(tx, reservationIds)
  const entries = await loadEntries(tx, entryIds)
  const reservationsById = new Map(byReservation.map((r) => [r.id, r]))
  const entriesById = new Map(entries.map((w) => [w.id, w]))

  const rows: NewNotification[] = []
  const forStaff: StaffNotice[] = []
  for (const e of forReservations) {
    const r = reservationsById.get(reservationIdOf(e))
    const template = RESERVATION_TEMPLATES[e.type]
    if (!r || !wanted(e, r)) continue
    const rendered = renderReservation(template, r.facts, extrasOf(e, r))
    const message = {
      template,
      rendered,
      venueId: r.venueId,
      subjectId: r.id,
      data: { event_id: eventId(e.id), event_type: e.type, reservation_id: r.id, starts_at: r.facts.startsAt.toISOString() },
      occurredAt: e.createdAt,
      calendar: await calendarFor(tx, e, r, rendered.body, organizer, now),
    }
    const staffTemplate = STAFF_TEMPLATES[e.type]
    if (staffTemplate && r.timed) forStaff.push({ event: e, reservation: r, template: staffTemplate })
    rows.push(...rowsFor(message, r.contact, now, (channel, recipient) => `${eventId(e.id)}:${template}:${channel}:${recipient}`))
  }
  for (const e of forWaitlist) {
    const w = entriesById.get(e.payload.id)
    if (!w) continue
    const message = {
      template: 'waitlist_ready' as const,
      rendered: renderWaitlistReady(w.venue, w.name),
      venueId: w.venueId,
      subjectId: w.id,
      data: { event_id: eventId(e.id), event_type: e.type, waitlist_entry_id: w.id, party_size: w.partySize },
      occurredAt: e.createdAt,
    }
    const contact = { userId: w.userId, email: null, phone: w.phone, name: w.name }
    rows.push(...rowsFor(message, contact, now, (channel, recipient) => `${eventId(e.id)}:waitlist_ready:${channel}:${recipient}`))
  }

  const unsettled = new Set(forReservations.filter((e) => UNSETTLING.has(e.type)).map(reservationIdOf))
  await withdrawStaleReminders(
    tx,
    byReservation.filter((r) => unsettled.has(r.id)),
    now,
  )
  rows.push(...(await staffRows(tx, forStaff, now)))
  return insertNew(tx, rows)
}

/** The events the venue's owners and managers hear of: a booking made (paid or confirmed by staff) and one called off. */
const STAFF_TEMPLATES: Partial<Record<ReservationNotice['type'], StaffNotice['template']>> = {
  'reservation.confirmed': 'staff_booking_new',
  'reservation.cancelled': 'staff_booking_cancelled',
}

/** Which events carry a calendar invite to the customer, and its method. */
const INVITES: Partial<Record<ReservationNotice['type'], InviteMethod>> = {
  'reservation.confirmed': 'REQUEST',
  'reservation.rescheduled': 'REQUEST',
  'reservation.cancelled': 'CANCEL',
  // A refund straight from confirmed also ends the booking; after a cancellation it sends nothing more.
  'reservation.refunded': 'CANCEL',
}

/** The invite the customer's email carries for this event, if any (only bookings with a time, to an address). */
async function calendarFor(tx: Tx, e: ReservationNotice, r: ReservationContext, description: string, organizer: Party, now: Date): Promise<string | null> {
  const method = INVITES[e.type]
  if (!method || !r.timed || !r.contact.email) return null
  const booking = { reservationId: r.id, start: r.facts.startsAt, end: r.endsAt, summary: `Booking at ${r.facts.venue.name}`, description, location: r.address }
  return inviteForEvent(tx, method, booking, e.id, { organizer, attendee: { name: r.contact.name, email: r.contact.email } }, now)
}

function wanted(e: ReservationNotice, r: ReservationContext): boolean {
  // A hold given up before it was paid was never a booking: its cancellation is not news.
  if (e.type === 'reservation.cancelled') return e.payload.from === null || !isHold(e.payload.from)
  // A hold moved during checkout is confirmed at its new time; the confirmation says so.
  if (e.type === 'reservation.rescheduled') return r.status === 'confirmed'
  return true
}

/** Each template's own facts, from the event (what happened then) rather than the row (what is now). */
function extrasOf(e: ReservationNotice, r: ReservationContext) {
  const zone = r.facts.venue.timezone
  const point = (span: ItemSpan): string => ('start' in span ? formatWhen(new Date(span.start), zone) : formatDate(span.arrival))
  if (e.type === 'reservation.rescheduled') return { movedFrom: point(e.payload.from), movedTo: point(e.payload.to) }
  if (e.type === 'reservation.refunded') return { refunded: r.refunded }
  // A partial refund leaves the booking `cancelled` (no refunded event follows): say it here.
  if (e.type === 'reservation.cancelled' && r.status === 'cancelled' && r.refunded > 0) return { refunded: r.refunded }
  if (e.type === 'payment.failed') return { paymentAmount: e.payload.amount, paymentCurrency: e.payload.currency }
  return {}
}

/** The entries with their venue's name, zone and currency, for the "your room is ready" text. */
async function loadEntries(tx: Tx, ids: string[]) {
  const entries = await entriesByIds(tx, ids)
  const venues = await venuesByIds(
    tx,
    entries.map((e) => e.venueId),
  )
  return entries.map((e) => {
    const v = venues.get(e.venueId)!
    return { ...e, venue: { name: v.name, timezone: v.timezone, currency: v.currency } }
  })
}

/**
 * A reminder still waiting (or retrying) for a booking that was since cancelled or moved
 * would announce the wrong thing: it is ended as failed, saying why, and kept in the log.
 */
async function withdrawStaleReminders(tx: Tx, current: readonly ReservationContext[], now: Date): Promise<void> {
  if (current.length === 0) return
  await tx.execute(sql`
    update notifications n set status = 'failed', next_attempt_at = ${now},
      last_error = case when r.status <> 'confirmed' then 'withdrawn: the reservation is ' || r.status else 'withdrawn: the reservation was moved' end
    from unnest(${pgArray(current.map((r) => r.id))}::uuid[], ${pgArray(current.map((r) => r.status))}::text[],
                ${pgArray(current.map((r) => r.facts.startsAt.toISOString()))}::timestamptz[]) as r(id, status, starts_at)
    where n.subject_id = r.id and n.status = 'pending'
      and n.template in ('reminder_24h', 'reminder_30m')
      and (r.status <> 'confirmed' or (n.data->>'starts_at')::timestamptz <> r.starts_at)`)
}
