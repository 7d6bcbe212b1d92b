import type { Executor } from '../../db/client.js'
import { isPurchase } from '../pricing/quote.js'
import { contactsOf } from '../auth/users.js'
import { refundedByReservation } from '../payments/records.js'
import { reservationsByIds } from '../reservations/reads.js'
import type { Guest, ReservationStatus } from '../reservations/schema.js'
import { venuesByIds } from '../venues/queries.js'
import { notifications, type NotificationChannel } from './schema.js'
import { channelPlans, type Rendered, type ReservationFacts, type Template } from './templates.js'

export type NewNotification = typeof notifications.$inferInsert

/** Who a message can reach: an account (inbox, email, phone) or a guest's contact details. */
export interface Contact {
  userId: string | null
  email: string | null
  phone: string | null
  name: string | null
}

/** A reservation with what its messages need: venue style, contact, money refunded so far. */
export interface ReservationContext {
  id: string
  venueId: string
  status: ReservationStatus
  facts: ReservationFacts
  contact: Contact
  refunded: number
  endsAt: Date
  /** Whether it is a booking with a time (not a package purchase): what gets a calendar invite. */
  timed: boolean
  /** The venue's address, for an invite's LOCATION. */
  address: string | null
}

/**
 * The reservations with these ids, with venue, account and refunds, read from their owners
 * in one query each (the relay's batch pays four round trips whatever its size).
 */
export async function loadReservations(ex: Executor, ids: readonly string[]): Promise<ReservationContext[]> {
  const byId = await reservationsByIds(ex, ids)
  const rows = [...byId.values()]
  const venues = await venuesByIds(
    ex,
    rows.map((r) => r.venueId),
  )
  const people = await contactsOf(
    ex,
    rows.flatMap((r) => (r.userId ? [r.userId] : [])),
  )
  const refunded = await refundedByReservation(ex, [...byId.keys()])
  return rows.map((r) => {
    const venue = venues.get(r.venueId)!
    const user = r.userId ? people.get(r.userId) : undefined
    return {
      id: r.id,
      venueId: r.venueId,
      status: r.status,
      facts: {
        venue: { name: venue.name, timezone: venue.timezone, currency: venue.currency },
        startsAt: r.startsAt,
        total: r.totalAmount,
        currency: r.currency,
        name: r.userId ? (user?.name ?? null) : (r.guest?.name ?? null),
      },
      contact: r.userId ? { userId: r.userId, email: user?.email ?? null, phone: user?.phone ?? null, name: user?.name ?? null } : guestContact(r.guest),
      refunded: refunded.get(r.id) ?? 0,
      endsAt: r.endsAt,
      timed: !isPurchase(r.quote),
      address: venue.address,
    }
  })
}

const guestContact = (guest: Guest | null): Contact => ({ userId: null, email: guest?.email ?? null, phone: guest?.phone ?? null, name: guest?.name ?? null })

/** Twilio wants E.164: the spaces, dashes and brackets people type are dropped. */
export const normalizePhone = (phone: string) => phone.replace(/[\s().-]/g, '')

/** One rendered message, before it is fanned out to channels. */
export interface Message {
  template: Template
  rendered: Rendered
  venueId: string
  subjectId: string
  data: Record<string, unknown>
  /** When what it reports happened (the event's time); the inbox is in this order. Defaults to now. */
  occurredAt?: Date
  /** An iCalendar invite for the email row (none for the other channels). */
  calendar?: string | null
}

/**
 * The rows of one message: one per channel its template's plan and the contact allow.
 * `key` names each row's dedupe key, the one guard against queueing it twice.
 */
export function rowsFor(message: Message, contact: Contact, now: Date, key: (channel: NotificationChannel, recipient: string) => string): NewNotification[] {
  const plan = channelPlans[message.template]
  const targets: [NotificationChannel, string][] = []
  if (plan.inApp && contact.userId) targets.push(['in_app', contact.userId])
  if (plan.email && contact.email) targets.push(['email', contact.email])
  const phone = contact.phone ? normalizePhone(contact.phone) : null
  if (phone && (plan.sms === 'always' || (plan.sms === 'fallback' && !(plan.email && contact.email)))) targets.push(['sms', phone])
  return targets.map(([channel, recipient]) => ({
    dedupeKey: key(channel, recipient),
    userId: contact.userId,
    venueId: message.venueId,
    subjectId: message.subjectId,
    channel,
    recipient,
    template: message.template,
    subject: message.rendered.subject,
    body: message.rendered.body,
    calendar: channel === 'email' ? (message.calendar ?? null) : null,
    data: message.data,
    status: 'pending' as const,
    nextAttemptAt: now,
    createdAt: message.occurredAt ?? now,
  }))
}

// Rows per insert: about 15 parameters each, well inside PostgreSQL's 65535 per statement.
const INSERT_CHUNK = 1000

/** Inserts the rows whose dedupe key is new; answers how many were. */
export async function insertNew(ex: Executor, rows: readonly NewNotification[]): Promise<number> {
  let inserted = 0
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK)
    inserted += (await ex.insert(notifications).values(chunk).onConflictDoNothing({ target: notifications.dedupeKey }).returning({ id: notifications.id }))
      .length
  }
  return inserted
}
