import { formatMoney, formatWhen, greeting, type Rendered, type ReservationFacts, type VenueStyle } from './templates.js'

/** A booking made or cancelled, as the venue's owner or manager reads it. */
export function renderStaffBooking(template: 'staff_booking_new' | 'staff_booking_cancelled', f: ReservationFacts, staffName: string | null): Rendered {
  const when = formatWhen(f.startsAt, f.venue.timezone)
  const who = f.name ?? 'A guest'
  if (template === 'staff_booking_new') {
    return {
      subject: `New booking: ${who}, ${when}`,
      body: greeting(staffName, `${who} booked ${f.venue.name} for ${when}. Total: ${formatMoney(f.total, f.currency)}.`),
    }
  }
  return { subject: `Booking cancelled: ${who}, ${when}`, body: greeting(staffName, `the booking of ${who} at ${f.venue.name} on ${when} was cancelled.`) }
}

/** What the practitioner's reminder of one group occurrence says: when, and who is coming. */
export interface OccurrenceFacts {
  venue: VenueStyle
  title: string
  startsAt: Date
  participants: readonly string[]
}

/** One reminder per occurrence, listing every participant, 24 h or 30 min before it starts. */
export function renderOccurrenceReminder(window: 'reminder_24h' | 'reminder_30m', f: OccurrenceFacts, staffName: string | null): Rendered {
  const when = formatWhen(f.startsAt, f.venue.timezone)
  const n = f.participants.length
  const people = `${n} participant${n === 1 ? '' : 's'}`
  const list = f.participants.map((p) => `- ${p}`).join('\n')
  return window === 'reminder_24h'
    ? { subject: `Tomorrow: ${f.title}, ${when} (${people})`, body: `${greeting(staffName, `${f.title} is tomorrow, ${when}, with ${people}:`)}\n${list}` }
    : {
        subject: `Starting soon: ${f.title}, ${when} (${people})`,
        body: `${greeting(staffName, `${f.title} starts in about 30 minutes (${when}), with ${people}:`)}\n${list}`,
      }
}
