import type { Db, Tx } from '../../db/client.js'
import { shareConfirmedStarting } from '../reservations/reads.js'
import { insertNew, loadReservations, rowsFor, type NewNotification } from './facts.js'
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
  const at = (offset: number) => new Date(now.getTime() + offset)
  const locked = await shareConfirmedStarting(
    tx,
    REMINDER_WINDOWS.map((w) => ({ from: at(w.from), to: at(w.to) })),
  )
  if (locked.length === 0) return 0
  const due = await loadReservations(tx, locked)
  const rows: NewNotification[] = []
  for (const r of due) {
    const offset = r.facts.startsAt.getTime() - now.getTime()
    const window = REMINDER_WINDOWS.find((w) => offset >= w.from && offset <= w.to)!
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
