import type { Executor, Tx } from '../../db/client.js'
import { AppError, invalidInput } from '../../http/errors.js'
import { beyondHorizon, horizonProblem } from '../availability/horizon.js'
import { localDate } from '../availability/opening-hours.js'
import { claimForSessions } from '../calendar/claims.js'
import { sessionFits } from '../catalog/availability.js'
import { bookableServices, servicesOfOccurrences, shiftSeats, type SeatTake } from '../catalog/seats.js'
import type { Occurrence, Service } from '../catalog/service.js'
import type { Redemption } from '../packages/entitlements.js'
import type { QuoteLine } from '../pricing/quote.js'
import type { Venue } from '../venues/service.js'
import { reservationItems, seatParticipants } from './schema.js'

/** Seats of one occurrence (a workshop), or with `service_id` a seat in every session of a course. */
export interface SeatClaim {
  kind: 'seat'
  occurrence_id?: string
  service_id?: string
  quantity: number
  participants?: { name: string; email?: string }[]
  /** An entitlement of the booker's that pays for these seats instead of money. */
  entitlement_id?: string
}

/** A 1:1 session on the practitioner's calendar; it lasts the service's duration. */
export interface SessionClaim {
  kind: 'session'
  service_id: string
  start: string
  entitlement_id?: string
}

export interface PlannedSeat {
  index: number
  service: Service
  occurrence: Occurrence | null
  quantity: number
  participants: { name: string; email?: string }[]
  entitlementId: string | null
  start: Date
  end: Date
  line: QuoteLine
}

export interface PlannedSession {
  index: number
  service: Service
  entitlementId: string | null
  start: Date
  end: Date
  line: QuoteLine
}

/** What planning seats and sessions reads: the service of each occurrence named, and the services on sale with their occurrences. */
export interface MarketTargets {
  ofOccurrence: Map<string, string>
  found: Awaited<ReturnType<typeof bookableServices>>
}

export async function loadMarketTargets(
  ex: Executor,
  venueId: string,
  seats: readonly SeatClaim[],
  sessions: readonly SessionClaim[],
  lock: boolean,
): Promise<MarketTargets> {
  const ofOccurrence = await servicesOfOccurrences(
    ex,
    seats.flatMap((c) => (c.occurrence_id ? [c.occurrence_id] : [])),
  )
  const seatServices = seats.flatMap((c) => {
    const id = c.occurrence_id ? ofOccurrence.get(c.occurrence_id) : c.service_id
    return id ? [id] : []
  })
  return { ofOccurrence, found: await bookableServices(ex, venueId, [...seatServices, ...sessions.map((c) => c.service_id)], lock) }
}

/**
 * Checks and prices seat and session items: each names a service on sale at this venue
 * (404 naming the item otherwise), in the future and within the horizon; a session starts on
 * the grid within the practitioner's working hours. Seats and the calendar are claimed later,
 * by `claimMarketplace`, where the database decides who gets the last seat or the hour.
 */
export async function planMarketplace(
  ex: Executor,
  venue: Venue,
  seats: readonly (SeatClaim & { item: number })[],
  sessions: readonly (SessionClaim & { item: number })[],
  now: Date,
  lock: boolean,
  targets?: MarketTargets,
): Promise<{ seats: PlannedSeat[]; sessions: PlannedSession[] }> {
  const { ofOccurrence, found } = targets ?? (await loadMarketTargets(ex, venue.id, seats, sessions, lock))
  const serviceOf = (c: SeatClaim & { item: number }) => {
    if (c.occurrence_id && c.service_id) throw invalidInput('A seat names an occurrence or a course, not both', { item: c.item })
    if (!c.occurrence_id && !c.service_id) throw invalidInput('A seat names an occurrence_id, or a course’s service_id', { item: c.item })
    const id = c.occurrence_id ? ofOccurrence.get(c.occurrence_id) : c.service_id
    if (!id) throw new AppError('not_found', 'Occurrence not found', { item: c.item, occurrence_id: c.occurrence_id })
    return id
  }
  const seatServices = seats.map(serviceOf)
  const service = (id: string, item: number) => {
    const s = found.services.get(id)
    if (!s) throw new AppError('not_found', 'Service not found at this venue', { item, service_id: id })
    return s
  }
  const plannedSeats = seats.map((c, i) => planSeat(c, service(seatServices[i]!, c.item), found.occurrences.get(seatServices[i]!) ?? [], venue, now))
  const plannedSessions: PlannedSession[] = []
  for (const c of sessions) plannedSessions.push(await planSession(ex, c, service(c.service_id, c.item), venue, now))
  return { seats: plannedSeats, sessions: plannedSessions }
}

function planSeat(c: SeatClaim & { item: number }, service: Service, occurrences: readonly Occurrence[], venue: Venue, now: Date): PlannedSeat {
  let occurrence: Occurrence | null = null
  let first: Occurrence, last: Occurrence
  if (c.occurrence_id) {
    if (service.type !== 'workshop') throw invalidInput('A course is booked whole: name its service_id', { item: c.item, reason: 'book_the_course' })
    occurrence = occurrences.find((o) => o.id === c.occurrence_id)!
    first = last = occurrence
  } else {
    if (service.type !== 'course') throw invalidInput('Only a course is booked by its service_id; a workshop by an occurrence_id', { item: c.item })
    if (occurrences.length === 0) throw invalidInput('The course has no sessions scheduled yet', { item: c.item, reason: 'not_scheduled' })
    first = occurrences[0]!
    last = occurrences[occurrences.length - 1]!
  }
  inTime(c.item, first.startsAt, venue, now)
  if ((c.participants?.length ?? 0) > c.quantity) throw invalidInput('More participants than seats', { item: c.item, reason: 'too_many_participants' })
  return {
    index: c.item,
    service,
    occurrence,
    quantity: c.quantity,
    participants: c.participants ?? [],
    entitlementId: c.entitlement_id ?? null,
    start: first.startsAt,
    end: last.endsAt,
    line: line(c.item, 'seat', service, c.quantity, c.entitlement_id),
  }
}

async function planSession(ex: Executor, c: SessionClaim & { item: number }, service: Service, venue: Venue, now: Date): Promise<PlannedSession> {
  if (service.type !== 'session') throw invalidInput('Only a 1:1 session is booked on the calendar; workshops and courses take seats', { item: c.item })
  const start = new Date(c.start)
  const end = new Date(start.getTime() + service.durationMinutes * 60_000)
  inTime(c.item, start, venue, now)
  if (!(await sessionFits(ex, service.practitionerId, venue, start.getTime(), end.getTime()))) {
    throw invalidInput('A session starts on the 15-minute grid within the practitioner’s working hours', { item: c.item, reason: 'outside_schedule' })
  }
  return { index: c.item, service, entitlementId: c.entitlement_id ?? null, start, end, line: line(c.item, 'session', service, 1, c.entitlement_id) }
}

function inTime(item: number, start: Date, venue: Venue, now: Date): void {
  if (start.getTime() <= now.getTime()) throw invalidInput('That has already started', { item, reason: 'in_the_past' })
  if (beyondHorizon(localDate(start.getTime(), venue.timezone), now, venue.timezone)) {
    throw invalidInput(horizonProblem.message, { item, reason: horizonProblem.reason, max_days_ahead: horizonProblem.max_days_ahead })
  }
}

// Redeemed from an entitlement, the line shows the price it would have had and costs nothing.
const line = (item: number, kind: 'seat' | 'session', service: Service, quantity: number, entitlementId?: string): QuoteLine => ({
  item_index: item,
  kind,
  description: service.title,
  unit: kind,
  quantity,
  unit_amount: service.priceAmount,
  amount: entitlementId ? 0 : service.priceAmount * quantity,
  rule: entitlementId ? 'entitlement' : 'price',
})

/** Inserts the seat and session items of a new reservation, and who sits in the seats. */
export async function insertMarketplaceItems(
  tx: Tx,
  reservationId: string,
  seats: readonly PlannedSeat[],
  sessions: readonly PlannedSession[],
  active: boolean,
  bookerId: string | null,
) {
  if (seats.length + sessions.length === 0) return []
  const items = await tx
    .insert(reservationItems)
    .values([
      ...seats.map((p) => ({
        reservationId,
        position: p.index,
        kind: 'seat' as const,
        occurrenceId: p.occurrence?.id ?? null,
        serviceId: p.service.id,
        entitlementId: p.entitlementId,
        quantity: p.quantity,
        startsAt: p.start,
        endsAt: p.end,
        blockedUntil: p.end,
        priceAmount: p.line.amount,
        active,
      })),
      ...sessions.map((p) => ({
        reservationId,
        position: p.index,
        kind: 'session' as const,
        serviceId: p.service.id,
        entitlementId: p.entitlementId,
        startsAt: p.start,
        endsAt: p.end,
        blockedUntil: p.end,
        priceAmount: p.line.amount,
        active,
      })),
    ])
    .returning()
  const people = seats.flatMap((p) => participantsOf(p, items.find((i) => i.position === p.index)!.id, bookerId))
  if (people.length) await tx.insert(seatParticipants).values(people)
  return items
}

/** Who sits in a planned seat item's seats, one row per seat. */
export function participantsOf(p: PlannedSeat, itemId: string, bookerId: string | null) {
  return Array.from({ length: p.quantity }, (_, position) => {
    const named = p.participants[position]
    if (named) return { reservationItemId: itemId, position, name: named.name, email: named.email ?? null, userId: null }
    // With nobody named, the first seat is the booker's own.
    return { reservationItemId: itemId, position, name: null, email: null, userId: position === 0 && p.participants.length === 0 ? bookerId : null }
  })
}

/** The seat counters an item moves: its occurrence's, or every session's of its course. */
export const seatTake = (i: { position: number; occurrenceId: string | null; serviceId: string | null; quantity: number }): SeatTake => ({
  item: i.position,
  occurrenceId: i.occurrenceId,
  serviceId: i.serviceId!,
  quantity: i.quantity,
})

/** The entitlements a new reservation's seats and sessions redeem instead of a price. */
export const redemptionsOf = (planned: readonly (PlannedSeat | PlannedSession)[]): Redemption[] =>
  planned.flatMap((p) =>
    p.entitlementId ? [{ item: p.index, entitlementId: p.entitlementId, serviceId: p.service.id, quantity: 'quantity' in p ? p.quantity : 1 }] : [],
  )

/** Takes the seats and the calendar spans of a new reservation's items, in its transaction. */
export async function claimMarketplace(
  tx: Tx,
  venueId: string,
  items: readonly (typeof reservationItems.$inferSelect)[],
  { seats, calendar }: { seats: boolean; calendar: boolean },
): Promise<void> {
  if (seats) await shiftSeats(tx, items.filter((i) => i.kind === 'seat').map(seatTake), 1)
  const sessions = items.filter((i) => i.kind === 'session')
  await claimForSessions(
    tx,
    venueId,
    sessions.map((i) => ({ item: i.position, itemId: i.id, startsAt: i.startsAt, endsAt: i.endsAt })),
    calendar,
  )
}
