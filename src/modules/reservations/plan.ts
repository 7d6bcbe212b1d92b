import type { Executor } from '../../db/client.js'
import { invalidInput } from '../../http/errors.js'
import { DEFAULT_POLICY, type CancellationPolicy } from '../pricing/cancellation-policy.js'
import { quoteOf, type Quote, type QuoteLine } from '../pricing/quote.js'
import type { Venue } from '../venues/service.js'
import { loadTargets, planSlot, type PlannedSlot, type SlotClaim, type SlotTargets } from './claims.js'
import { planMarketplace, type MarketTargets, type PlannedSeat, type PlannedSession, type SeatClaim, type SessionClaim } from './marketplace-claims.js'
import { planPackages, type PackageClaim, type PlannedPackage } from './package-claims.js'
import { loadStayTargets, planStay, stayPolicy, type PlannedStay, type StayClaim, type StayTargets } from './stay-claims.js'

export type ItemClaim = SlotClaim | StayClaim | SeatClaim | SessionClaim | PackageClaim

/** The largest total one reservation may have, in minor units. */
export const MAX_TOTAL = 1_000_000_000

/** Far beyond any card charge, and short of where a 32-bit total would overflow. */
export function assertTotal(quote: Quote): void {
  if (quote.total > MAX_TOTAL)
    throw invalidInput('The total is too large for one reservation; book it in parts', { reason: 'total_too_large', total: quote.total })
}

/** Everything a reservation (or a quote) needs before it touches inventory. */
export interface ReservationPlan {
  slots: PlannedSlot[]
  stays: PlannedStay[]
  seats: PlannedSeat[]
  sessions: PlannedSession[]
  packages: PlannedPackage[]
  quote: Quote
  policy: CancellationPolicy
  partySize: number
  startsAt: Date
  endsAt: Date
}

/**
 * Checks and prices every item of a request, in request order. Slots and stays are loaded
 * kind by kind (one round trip each); the quote's lines follow the items, so the total a
 * quote shows is the total the reservation stores. A quote plans without `lock`: it holds
 * nothing, so it takes no row locks (and works on a read replica). `slotTargets`: the rooms and
 * closures to plan the slots with, already at hand (`SlotHolds`), instead of reading them;
 * `marketTargets` the same for seats and sessions (`SeatHolds`), `stayTargets` for stays (`StayHolds`).
 */
export async function planReservation(
  ex: Executor,
  venue: Venue,
  items: readonly ItemClaim[],
  partySize: number | undefined,
  now: Date,
  {
    lock = true,
    slotTargets,
    marketTargets,
    stayTargets,
  }: { lock?: boolean; slotTargets?: SlotTargets; marketTargets?: MarketTargets; stayTargets?: StayTargets } = {},
): Promise<ReservationPlan> {
  const slotClaims = items.flatMap((c, item) => (c.kind === 'slot' ? [{ ...c, item }] : []))
  const stayClaims = items.flatMap((c, item) => (c.kind === 'stay' ? [{ ...c, item }] : []))
  const seatClaims = items.flatMap((c, item) => (c.kind === 'seat' ? [{ ...c, item }] : []))
  const sessionClaims = items.flatMap((c, item) => (c.kind === 'session' ? [{ ...c, item }] : []))
  const packageClaims = items.flatMap((c, item) => (c.kind === 'package' ? [{ ...c, item }] : []))
  const party =
    partySize ??
    (stayClaims.length ? stayClaims.reduce((sum, c) => sum + c.guests, 0) : seatClaims.length ? seatClaims.reduce((sum, c) => sum + c.quantity, 0) : 1)
  slotTargets ??= slotClaims.length ? await loadTargets(ex, venue, slotClaims, lock) : undefined
  stayTargets ??= stayClaims.length ? await loadStayTargets(ex, venue, stayClaims, lock) : undefined
  const slots = slotClaims.map((c) => planSlot(c.item, c, slotTargets!.rooms.get(c.room_id)!, venue, party, slotTargets!.closed, now))
  const stays = stayClaims.map((c) => planStay(c.item, c, stayTargets!, venue, now))
  const market =
    seatClaims.length || sessionClaims.length
      ? await planMarketplace(ex, venue, seatClaims, sessionClaims, now, lock, marketTargets)
      : { seats: [], sessions: [] }
  const packages = packageClaims.length ? await planPackages(ex, venue, packageClaims, now) : []
  const lines: QuoteLine[] = []
  items.forEach((c, item) => {
    if (c.kind === 'slot') lines.push(slots.find((p) => p.index === item)!.line)
    else if (c.kind === 'stay') lines.push(...stays.find((p) => p.index === item)!.lines)
    else lines.push([...market.seats, ...market.sessions, ...packages].find((p) => p.index === item)!.line)
  })
  const spans = [...slots, ...stays, ...market.seats, ...market.sessions, ...packages]
  const quote = quoteOf(venue.currency, lines)
  assertTotal(quote)
  return {
    slots,
    stays,
    seats: market.seats,
    sessions: market.sessions,
    packages,
    quote,
    // Seats and sessions are sold under the venue's (the practitioner's) policy, as slots are.
    policy: onePolicy(venue, slots.length + market.seats.length + market.sessions.length + packages.length > 0, stays),
    partySize: party,
    startsAt: new Date(Math.min(...spans.map((p) => p.start.getTime()))),
    endsAt: new Date(Math.max(...spans.map((p) => p.end.getTime()))),
  }
}

const POLICY_KEYS = ['tiers', 'hours_before', 'refund_percent', 'no_show_percent']
const canonical = (p: CancellationPolicy) => JSON.stringify(p, POLICY_KEYS)

/**
 * A reservation is cancelled and refunded as a whole, so it has one policy: slots are sold
 * under the venue's, stays under their rate plan's. Items under different policies are
 * refused rather than averaged; they can be booked as separate reservations.
 */
function onePolicy(venue: Venue, hasSlots: boolean, stays: readonly PlannedStay[]): CancellationPolicy {
  const venuePolicy = venue.cancellationPolicy ?? DEFAULT_POLICY
  const policies = [...(hasSlots ? [venuePolicy] : []), ...stays.map((p) => stayPolicy(p) ?? venuePolicy)]
  if (new Set(policies.map(canonical)).size > 1) {
    throw invalidInput('These items are sold under different cancellation policies; book them separately', { reason: 'mixed_cancellation_policies' })
  }
  return policies[0]!
}
