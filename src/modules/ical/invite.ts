import ical, { ICalCalendarMethod, ICalEventStatus, ICalAttendeeRole, ICalAttendeeStatus, type ICalCalendar } from 'ical-generator'

/** The product identifier every calendar object names (RFC 5545 PRODID). */
const PROD_ID = { company: 'Reservoir', product: 'Reservoir', language: 'EN' }

/** A booking's UID: stable for its whole life, so every update and the CANCEL replace one event. */
export const bookingUid = (reservationId: string) => `${reservationId}@reservoir`
/** An occurrence's UID in a practitioner's feed. */
export const occurrenceUid = (occurrenceId: string) => `occurrence-${occurrenceId}@reservoir`

/** One event as a calendar shows it. Times are instants, written in UTC (`Z`): no zone can be misread. */
export interface CalendarEntry {
  uid: string
  sequence: number
  start: Date
  end: Date
  summary: string
  description?: string | null
  location?: string | null
  cancelled?: boolean
}

export interface Party {
  name: string | null
  email: string
}

/** What an invite needs beyond its event: who sends it and who receives it. */
export interface InviteParties {
  organizer: Party
  attendee: Party
}

/**
 * An iTIP invite (RFC 5546) for one booking: `REQUEST` puts it in the attendee's calendar or
 * updates it (a higher SEQUENCE wins), `CANCEL` removes it. DTSTAMP is `now`, passed in.
 */
export function inviteText(method: 'REQUEST' | 'CANCEL', entry: CalendarEntry, parties: InviteParties, now: Date): string {
  const calendar = ical({ prodId: PROD_ID, method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL })
  addEntry(calendar, { ...entry, cancelled: method === 'CANCEL' || entry.cancelled }, now, parties)
  return calendar.toString()
}

/** A subscribed feed: no METHOD (it is published, not sent), refreshed by the client every few hours. */
export function feedText(name: string, entries: readonly CalendarEntry[], now: Date): string {
  const calendar = ical({ prodId: PROD_ID, name, ttl: 60 * 60 })
  for (const entry of entries) addEntry(calendar, entry, now)
  return calendar.toString()
}

function addEntry(calendar: ICalCalendar, entry: CalendarEntry, now: Date, parties?: InviteParties): void {
  const event = calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp: now,
    start: entry.start,
    end: entry.end,
    summary: entry.summary,
    description: entry.description ?? null,
    location: entry.location ?? null,
    status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  })
  if (!parties) return
  // An invite without an organizer is not one to Outlook or Gmail; the attendee has already
  // accepted by booking, so their calendar files it without asking.
  event.organizer({ name: parties.organizer.name ?? parties.organizer.email, email: parties.organizer.email })
  event.createAttendee({
    email: parties.attendee.email,
    name: parties.attendee.name ?? undefined,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.ACCEPTED,
    rsvp: false,
  })
}
