import type { Db, Tx } from '../../db/client.js'
import { contactsOf } from '../auth/users.js'
import { takenOccurrencesStarting } from '../catalog/queries.js'
import { shareConfirmedStarting, soldParticipantsOf } from '../reservations/reads.js'
import { MANAGERS, membersOf } from '../venues/access.js'
import { venuesByIds } from '../venues/queries.js'
import { insertNew, loadReservations, rowsFor, type NewNotification } from './facts.js'
import { renderOccurrenceReminder } from './staff-templates.js'
import { renderReservation } from './templates.js'

const MINUTE = 60_000

/**
 * The reminder windows, as offsets from now to the start. Each is wider than the job's
 * 5-minute period, so every start passes through one run's window even with a late tick;
 * the dedupe key makes the runs that see it again harmless.
 */
export const REMINDER_WINDOWS = [
  { kind: 'reminder_24h', from: (23 * 60 + 50) * MINUTE, to: (24 * 60 + 10) * MINUTE },
  { kind: 'reminder_30m', from: 25 * MINUTE, to: 35 * MINUTE },
] as const

/**
 * Queues the reminders due now for confirmed reservations. The key holds the start time, so a
 * rescheduled booking gets reminders for its new start, and a restart or a second worker
 * running the same tick inserts nothing new. Answers how many rows it queued.
 *
 * The bookings are read `FOR SHARE` in the transaction that queues their reminders: a
 * cancellation or a reschedule (which locks the reservation to change it) either commits
 * first, and the booking is no longer in the window, or waits for this commit, and then its
 * relayed event finds the queued reminder and withdraws it. Without the lock a change could
 * slip between the read and the insert and leave a reminder for a booking that is gone.
 */
export async function queueReminders(db: Db, now: Date): Promise<number> {
  return db.transaction((tx) => queueLocked(tx, now))
}

async function queueLocked(tx: Tx, now: Date): Promise<number> {
  return (await queueForBookings(tx, now)) + (await queueForOccurrences(tx, now))
}

const windowsFrom = (now: Date) => REMINDER_WINDOWS.map((w) => ({ from: new Date(now.getTime() + w.from), to: new Date(now.getTime() + w.to) }))
const windowOf = (startsAt: Date, now: Date) => {
  const offset = startsAt.getTime() - now.getTime()
  return REMINDER_WINDOWS.find((w) => offset >= w.from && offset <= w.to)!
}

async function queueForBookings(tx: Tx, now: Date): Promise<number> {
  const locked = await shareConfirmedStarting(tx, windowsFrom(now))
  if (locked.length === 0) return 0
  const due = await loadReservations(tx, locked)
  const rows: NewNotification[] = []
  for (const r of due) {
    const window = windowOf(r.facts.startsAt, now)
    const startsAt = r.facts.startsAt.toISOString()
    const message = {
      template: window.kind,
      rendered: renderReservation(window.kind, r.facts),
      venueId: r.venueId,
      subjectId: r.id,
      data: { reservation_id: r.id, starts_at: startsAt },
    }
    rows.push(...rowsFor(message, r.contact, now, (channel, recipient) => `reminder:${window.kind}:${r.id}:${startsAt}:${channel}:${recipient}`))
  }
  return insertNew(tx, rows)
}

/**
 * The practitioner's side of a group occurrence (a workshop, a course's session): ONE reminder
 * per window to each of the practitioner venue's owners and managers, listing every participant
 * with a sold seat, rather than one per booking. The key names the occurrence, the window and
 * its start, so runs that see it again (a restart, a second worker) queue nothing more.
 */
async function queueForOccurrences(tx: Tx, now: Date): Promise<number> {
  const occurrences = await takenOccurrencesStarting(tx, windowsFrom(now))
  const seats = await soldParticipantsOf(tx, occurrences)
  const due = occurrences.filter((o) => (seats.get(o.id)?.length ?? 0) > 0)
  if (due.length === 0) return 0
  const venueIds = due.map((o) => o.venueId)
  const [venues, members] = [await venuesByIds(tx, venueIds), await membersOf(tx, venueIds, MANAGERS)]
  const people = await contactsOf(tx, [...members.map((m) => m.userId), ...due.flatMap((o) => seats.get(o.id)!.flatMap((p) => (p.userId ? [p.userId] : [])))])
  const rows: NewNotification[] = []
  for (const o of due) {
    const window = windowOf(o.startsAt, now)
    const venue = venues.get(o.venueId)!
    const participants = seats.get(o.id)!.map((p) => p.name ?? (p.userId ? people.get(p.userId)?.name : undefined) ?? p.email ?? 'Unnamed guest')
    const startsAt = o.startsAt.toISOString()
    for (const m of members.filter((m) => m.venueId === o.venueId)) {
      const person = people.get(m.userId)
      if (!person) continue
      const facts = { venue: { name: venue.name, timezone: venue.timezone, currency: venue.currency }, title: o.title, startsAt: o.startsAt, participants }
      const message = {
        template: 'occurrence_reminder' as const,
        rendered: renderOccurrenceReminder(window.kind, facts, person.name),
        venueId: o.venueId,
        subjectId: o.id,
        data: { occurrence_id: o.id, window: window.kind, starts_at: startsAt, participants: participants.length },
      }
      const contact = { userId: m.userId, email: person.email, phone: null, name: person.name }
      rows.push(...rowsFor(message, contact, now, (channel, recipient) => `occurrence_reminder:${window.kind}:${o.id}:${startsAt}:${channel}:${recipient}`))
    }
  }
  return insertNew(tx, rows)
}
