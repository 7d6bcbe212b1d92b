import { randomUUID } from 'node:crypto'
import type { Tx } from '../../db/client.js'
import type { DomainEvent } from '../events/domain-events.js'
import { transitionEvent } from '../events/domain-events.js'
import { redeemEntitlements } from '../packages/entitlements.js'
import type { Venue } from '../venues/service.js'
import { withTransitions } from './audit.js'
import { insertSlots } from './claims.js'
import { claimMarketplace, insertMarketplaceItems, redemptionsOf } from './marketplace-claims.js'
import { insertPackages } from './package-claims.js'
import { expireHolds } from './holds.js'
import { planReservation, type ItemClaim, type ReservationPlan } from './plan.js'
import { reservations, type Guest, type ReservationStatus } from './schema.js'
import type { FullReservation, Reservation } from './service.js'
import { assertTransition, counterOf, isHold } from './state.js'
import { claimStays, insertStays, storedStays } from './stay-claims.js'

/** Everything a new reservation is made of, whoever books it. */
export interface NewReservation {
  venue: Venue
  items: readonly ItemClaim[]
  partySize: number | undefined
  notes: string | null
  guest: Guest | null
  /** The customer it belongs to; null for a guest booked by the venue's staff. */
  userId: string | null
  /** Who booked it (the customer, or staff). */
  actorId: string
  /** How it is born: `pending` (a hold, every booking) or `checked_in` (a walk-in seated now). */
  status: Extract<ReservationStatus, 'pending' | 'checked_in'>
  /** How long a hold lasts; unused for other states. */
  holdTtlMinutes: number
  reason: string | null
  now: Date
  /**
   * The instant the booking's rules count "now" from, if not `now`: a walk-in seated into a
   * room takes the slot already running, which began a few minutes ago.
   */
  plannedAt?: Date
}

/**
 * The one way a reservation comes to be: plan every item (rules, prices, policy) while
 * queueing behind other claims on its rooms' days, expire the lapsed holds in the way, insert
 * the reservation with its audit row and events, then its items, and claim the inventory, all
 * in the caller's transaction. The exclusion constraint decides who gets a contested slot and the night
 * counters who gets the last units of a room type; the loser's transaction rolls back with
 * nothing written.
 */
export async function createReservation(tx: Tx, n: NewReservation): Promise<FullReservation> {
  assertTransition(null, n.status)
  const { venue, now } = n
  // Planning queues the slots behind other claims on their rooms' days, in the rooms' read (claimQueue).
  const plan = await planReservation(tx, venue, n.items, n.partySize, n.plannedAt ?? now)
  const lapsed = await expireHolds(
    tx,
    now,
    {
      spans: plan.slots.map((p) => ({ roomId: p.room.id, start: p.start, end: p.blockedUntil })),
      nights: plan.stays.map((p) => ({ roomTypeId: p.roomType.id, arrival: p.arrival, departure: p.departure })),
      services: plan.seats.map((p) => p.service.id),
      sessions: plan.sessions.map((p) => ({ venueId: venue.id, start: p.start, end: p.end })),
    },
    { releaseNights: false },
  )
  // Its id is chosen here so that its audit row and events go in with it, in one statement.
  const id = randomUUID()
  const born = withTransitions(tx, now, [
    {
      reservationId: id,
      from: null,
      to: n.status,
      actorId: n.actorId,
      reason: n.reason,
      events: birthEvents(id, venue.id, n.status, plan.quote.total, n.reason),
    },
  ])
  const [row] = await born
    .insert(reservations)
    .values(birthRow(id, n, plan))
    .returning()
  const r = row!
  // Before the items that name them, so an entitlement that is not there is a 404, not a broken reference.
  const redemptions = redemptionsOf([...plan.seats, ...plan.sessions])
  if (redemptions.length > 0) await redeemEntitlements(tx, n.userId, redemptions, now)
  const market = await insertMarketplaceItems(tx, r.id, plan.seats, plan.sessions, true, n.userId)
  const items = [
    ...(await insertSlots(tx, r.id, plan.slots, true)),
    ...(await insertStays(tx, r.id, plan.stays, true)),
    ...market,
    ...(await insertPackages(tx, r.id, plan.packages, true)),
  ]
  // The lapsed holds' units go back in the statement that takes this booking's.
  await claimStays(tx, plan.stays, counterOf(n.status)!, storedStays(lapsed, 'held', null))
  // Last: a hot occurrence's row stays locked from its seat update to the commit, so the
  // flash sale's buyers queue for as short a time as the transaction allows.
  await claimMarketplace(tx, venue.id, market, { seats: counterOf(n.status) !== null, calendar: true })
  return { ...r, items: items.sort((a, b) => a.position - b.position) }
}

/** The reservation's row as it is born, whichever statement inserts it (`createReservation`, `SlotHolds`). */
export function birthRow(id: string, n: NewReservation, plan: ReservationPlan): Reservation {
  const { venue, now } = n
  return {
    id,
    venueId: venue.id,
    userId: n.userId,
    createdBy: n.actorId,
    status: n.status,
    partySize: plan.partySize,
    notes: n.notes,
    guest: n.guest,
    totalAmount: plan.quote.total,
    currency: venue.currency,
    quote: plan.quote,
    cancellationPolicy: plan.policy,
    holdExpiresAt: isHold(n.status) ? new Date(now.getTime() + n.holdTtlMinutes * 60_000) : null,
    startsAt: plan.startsAt,
    endsAt: plan.endsAt,
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * `reservation.created` for every new reservation, and for one born past `pending` the event
 * of the state it was born in too (a walk-in is `reservation.checked_in` as much as any guest
 * checking in), so consumers that watch a state see every reservation that reaches it.
 */
export function birthEvents(id: string, venueId: string, status: NewReservation['status'], total: number, reason: string | null): DomainEvent[] {
  const created: DomainEvent = { type: 'reservation.created', aggregateId: id, venueId, payload: { id, total } }
  if (status === 'pending') return [created]
  return [created, { type: transitionEvent(status), aggregateId: id, venueId, payload: { id, from: null, to: status, reason } }]
}
