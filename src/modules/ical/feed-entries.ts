import type { Executor } from '../../db/client.js'
import { contactsOf } from '../auth/users.js'
import { occurrencesOfVenueBetween, servicesByIds } from '../catalog/queries.js'
import { practitionerById } from '../practitioners/queries.js'
import { bookingsOfUserBetween, FEED_LIMIT, soldClaimsBetween } from '../reservations/reads.js'
import { roomById } from '../rooms/queries.js'
import { venuesByIds } from '../venues/queries.js'
import { bookingUid, occurrenceUid, type CalendarEntry } from './invite.js'
import { sequencesOf } from './invites.js'
import type { calendarFeeds } from './schema.js'

type Feed = typeof calendarFeeds.$inferSelect

/** A feed's calendar name and events over [from, to). */
export interface FeedContent {
  name: string
  entries: CalendarEntry[]
}

const itemUid = (itemId: string) => `item-${itemId}@reservoir`
const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`

/**
 * What each kind of feed shows, and what it keeps private. A customer sees their bookings as
 * their invites described them (same UID and SEQUENCE, so a calendar holding both agrees). A
 * room's feed is for the desk and any screen it is shown on: "Booked" and the party size, no
 * names. A practitioner's shows their group occurrences with seats taken and their 1:1
 * sessions with the client's name: it is their own client list, already theirs to see.
 */
export async function feedEntries(ex: Executor, feed: Feed, from: Date, to: Date): Promise<FeedContent> {
  switch (feed.kind) {
    case 'customer':
      return customerFeed(ex, feed.subjectId, from, to)
    case 'room':
      return roomFeed(ex, feed.subjectId, from, to)
    case 'practitioner':
      return practitionerFeed(ex, feed.subjectId, from, to)
  }
}

async function customerFeed(ex: Executor, userId: string, from: Date, to: Date): Promise<FeedContent> {
  const bookings = await bookingsOfUserBetween(ex, userId, from, to)
  const venues = await venuesByIds(
    ex,
    bookings.map((b) => b.venueId),
  )
  const sequences = await sequencesOf(
    ex,
    bookings.map((b) => b.reservationId),
  )
  const entries = bookings.map((b) => {
    const venue = venues.get(b.venueId)!
    return {
      uid: bookingUid(b.reservationId),
      sequence: sequences.get(b.reservationId) ?? 0,
      start: b.startsAt,
      end: b.endsAt,
      summary: `Booking at ${venue.name}`,
      description: `Reservation ${b.reservationId}, ${people(b.partySize)}`,
      location: venue.address,
    }
  })
  return { name: 'My bookings', entries }
}

async function roomFeed(ex: Executor, roomId: string, from: Date, to: Date): Promise<FeedContent> {
  const room = await roomById(ex, roomId)
  if (!room) return { name: 'Room', entries: [] }
  const claims = await soldClaimsBetween(ex, { roomId }, from, to)
  const entries = claims.map((c) => ({
    uid: itemUid(c.itemId),
    sequence: 0,
    start: c.startsAt,
    end: c.endsAt,
    summary: `Booked (${people(c.partySize)})`,
    description: `Reservation ${c.reservationId}`,
  }))
  return { name: room.name, entries }
}

async function practitionerFeed(ex: Executor, practitionerId: string, from: Date, to: Date): Promise<FeedContent> {
  const practitioner = await practitionerById(ex, practitionerId)
  if (!practitioner) return { name: 'Practitioner', entries: [] }
  const occurrences = await occurrencesOfVenueBetween(ex, practitioner.venueId, from, to, FEED_LIMIT)
  const sessions = await soldClaimsBetween(ex, { sessionsOfVenue: practitioner.venueId }, from, to)
  const services = await servicesByIds(
    ex,
    sessions.flatMap((s) => (s.serviceId ? [s.serviceId] : [])),
  )
  const clients = await contactsOf(
    ex,
    sessions.flatMap((s) => (s.userId ? [s.userId] : [])),
  )
  const entries: CalendarEntry[] = [
    ...occurrences.map((o) => ({
      uid: occurrenceUid(o.id),
      sequence: 0,
      start: o.startsAt,
      end: o.endsAt,
      summary: `${o.title} (${o.taken}/${o.capacity} booked)`,
      location: o.isVirtual ? 'Online' : o.location,
    })),
    ...sessions.map((s) => {
      const client = (s.userId ? clients.get(s.userId)?.name : s.guestName) ?? 'a client'
      const service = s.serviceId ? services.get(s.serviceId) : undefined
      return {
        uid: itemUid(s.itemId),
        sequence: 0,
        start: s.startsAt,
        end: s.endsAt,
        summary: `${service?.title ?? 'Session'} with ${client}`,
        description: `Reservation ${s.reservationId}`,
        location: service?.isVirtual ? 'Online' : (service?.location ?? null),
      }
    }),
  ]
  return { name: practitioner.displayName, entries: entries.sort((a, b) => a.start.getTime() - b.start.getTime()) }
}
