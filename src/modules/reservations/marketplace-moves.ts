import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { invalidInput } from '../../http/errors.js'
import { moveSessionClaim } from '../calendar/claims.js'
import { shiftSeats, type SeatTake } from '../catalog/seats.js'
import type { QuoteLine } from '../pricing/quote.js'
import type { Venue } from '../venues/service.js'
import { expireHolds } from './holds.js'
import { planMarketplace, seatTake } from './marketplace-claims.js'
import { reservationItems, type ReservationStatus } from './schema.js'
import type { ReservationItem } from './service.js'
import { counterOf } from './state.js'

export interface MarketplaceMove {
  lines: QuoteLine[]
  start: Date
  end: Date
  reason: string
  span: { from: { start: string; end: string }; to: { start: string; end: string } }
}

const moved = (item: ReservationItem, line: QuoteLine, start: Date, end: Date): MarketplaceMove => ({
  lines: [line],
  start,
  end,
  reason: `moved ${item.startsAt.toISOString()} → ${start.toISOString()}`,
  span: { from: { start: item.startsAt.toISOString(), end: item.endsAt.toISOString() }, to: { start: start.toISOString(), end: end.toISOString() } },
})

/**
 * Seats of a workshop move to another occurrence of the same service: the old seats are given
 * back and the new ones taken in occurrence-id order in this transaction, so two people
 * swapping occurrences cannot deadlock, and a full occurrence (409 sold_out) moves nothing.
 * A course is booked whole and does not move.
 */
export async function moveSeat(
  tx: Tx,
  venue: Venue,
  status: ReservationStatus,
  item: ReservationItem,
  occurrenceId: string,
  now: Date,
): Promise<MarketplaceMove> {
  if (!item.occurrenceId)
    throw invalidInput('A course is booked whole; it cannot move to another occurrence', { field: 'occurrence_id', reason: 'not_supported' })
  // A redeemed item stays redeemed: the same entitlement pays for the same service elsewhere.
  const entitlement = item.entitlementId ? { entitlement_id: item.entitlementId } : {}
  const claim = { kind: 'seat' as const, occurrence_id: occurrenceId, quantity: item.quantity, item: item.position, ...entitlement }
  const { seats } = await planMarketplace(tx, venue, [claim], [], now, true)
  const planned = seats[0]!
  if (planned.service.id !== item.serviceId) throw invalidInput('Seats move to another occurrence of the same service', { field: 'occurrence_id' })
  await expireHolds(tx, now, { services: [planned.service.id] })
  if (counterOf(status) !== null) {
    const release = seatTake(item)
    const take: SeatTake = { item: item.position, occurrenceId, serviceId: planned.service.id, quantity: item.quantity }
    const steps: [SeatTake, 1 | -1][] = [
      [release, -1],
      [take, 1],
    ]
    steps.sort(([a], [b]) => (a.occurrenceId! < b.occurrenceId! ? -1 : 1))
    for (const [t, direction] of steps) await shiftSeats(tx, [t], direction)
  }
  await tx
    .update(reservationItems)
    .set({ occurrenceId, startsAt: planned.start, endsAt: planned.end, blockedUntil: planned.end, priceAmount: planned.line.amount })
    .where(eq(reservationItems.id, item.id))
  return moved(item, planned.line, planned.start, planned.end)
}

/** A 1:1 session moves to another start on the grid within the practitioner's hours. */
export async function moveSession(tx: Tx, venue: Venue, item: ReservationItem, start: string, now: Date): Promise<MarketplaceMove> {
  const claim = {
    kind: 'session' as const,
    service_id: item.serviceId!,
    start,
    item: item.position,
    ...(item.entitlementId ? { entitlement_id: item.entitlementId } : {}),
  }
  const { sessions } = await planMarketplace(tx, venue, [], [claim], now, true)
  const planned = sessions[0]!
  await expireHolds(tx, now, { sessions: [{ venueId: venue.id, start: planned.start, end: planned.end }] })
  await moveSessionClaim(tx, venue.id, item.id, item.position, planned.start, planned.end)
  await tx
    .update(reservationItems)
    .set({ startsAt: planned.start, endsAt: planned.end, blockedUntil: planned.end, priceAmount: planned.line.amount })
    .where(eq(reservationItems.id, item.id))
  return moved(item, planned.line, planned.start, planned.end)
}
