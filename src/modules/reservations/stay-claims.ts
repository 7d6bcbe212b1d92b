import { sql } from 'drizzle-orm'
import { pgArray, type Executor, type Tx } from '../../db/client.js'
import { AppError, invalidInput } from '../../http/errors.js'
import { beyondHorizon, horizonProblem } from '../availability/horizon.js'
import { localDate, wallClock } from '../availability/opening-hours.js'
import type { CancellationPolicy } from '../pricing/cancellation-policy.js'
import type { QuoteLine } from '../pricing/quote.js'
import { venueRules } from '../pricing/queries.js'
import { nightCount, stayLines, type PriceRule } from '../pricing/stay-price.js'
import { shiftNights, whyFull, type ClaimsShift, type FullNight } from '../stays/nights.js'
import { bookableRoomTypes, type RoomTypeWithPlans } from '../stays/queries.js'
import type { RatePlan, RoomType } from '../stays/room-types.js'

export type { RoomTypeWithPlans } from '../stays/queries.js'
import type { Venue } from '../venues/service.js'
import { reservationItems } from './schema.js'
import type { Counter } from './state.js'

export interface StayClaim {
  kind: 'stay'
  room_type_id: string
  rate_plan_id?: string
  arrival: string
  departure: string
  quantity: number
  guests: number
}

/** A stay claim checked against its room type's rules and priced, ready to insert and claim. */
export interface PlannedStay {
  index: number
  roomType: RoomType
  plan: RatePlan | null
  arrival: string
  departure: string
  quantity: number
  guests: number
  start: Date
  end: Date
  lines: QuoteLine[]
  amount: number
}

export interface StayTargets {
  roomTypes: Map<string, RoomTypeWithPlans>
  /** The min stay of each arrival night, keyed `room_type_id|night`; absent nights are not on sale. */
  minStay: Map<string, number>
  rules: PriceRule[]
}

/** Check-in and check-out wall-clock times; a stay's instants, for policies and check-in. */
export const CHECK_IN_TIME = '15:00'
export const CHECK_OUT_TIME = '11:00'
export const MAX_STAY_NIGHTS = 90

/**
 * The room types the claims name (404 naming the item unless of this venue), share-locked
 * like rooms when booking, with their rate plans and the min stay of each arrival night, then the
 * venue's pricing rules.
 */
export async function loadStayTargets(ex: Executor, venue: Venue, claims: readonly (StayClaim & { item?: number })[], lock = true): Promise<StayTargets> {
  const ids = [...new Set(claims.map((c) => c.room_type_id))]
  const arrivals = [...new Set(claims.map((c) => c.arrival))]
  const { roomTypes, minStay } = await bookableRoomTypes(ex, venue.id, ids, arrivals, lock)
  claims.forEach((c, i) => {
    if (!roomTypes.has(c.room_type_id))
      throw new AppError('not_found', 'Room type not found at this venue', { item: c.item ?? i, room_type_id: c.room_type_id })
  })
  return { roomTypes, minStay, rules: await venueRules(ex, venue.id) }
}

/**
 * What is wrong with a stay's dates, if anything: in order, at most MAX_STAY_NIGHTS, not in
 * the past (venue-local), arriving within the booking horizon. Booking and search word their
 * refusals from the same answer.
 */
export function stayDatesProblem(arrival: string, departure: string, venue: Venue, now: Date): { message: string; reason: string; field: string } | null {
  if (departure <= arrival) return { message: 'The departure must be after the arrival', reason: 'departure_before_arrival', field: 'departure' }
  if (nightCount(arrival, departure) > MAX_STAY_NIGHTS)
    return { message: `A stay lasts at most ${MAX_STAY_NIGHTS} nights`, reason: 'too_long', field: 'departure' }
  if (arrival < localDate(now.getTime(), venue.timezone)) return { message: 'The arrival is in the past', reason: 'in_the_past', field: 'arrival' }
  if (beyondHorizon(arrival, now, venue.timezone)) return { message: horizonProblem.message, reason: horizonProblem.reason, field: 'arrival' }
  return null
}

/** The rate plan a claim names, or the room type's first one; null when it has none. */
export function planOf(roomType: RoomTypeWithPlans, ratePlanId: string | undefined, item: number): RatePlan | null {
  if (ratePlanId === undefined) return roomType.plans[0] ?? null
  const plan = roomType.plans.find((p) => p.id === ratePlanId)
  if (!plan) throw new AppError('not_found', 'Rate plan not found for this room type', { item, rate_plan_id: ratePlanId })
  return plan
}

/**
 * Applies the rules of a stay: dates in order and not in the past (venue-local), a bounded
 * length, guests that fit the rooms, the arrival night's min stay. Whether the nights have
 * units left is not checked here: the counters decide that when the stay is claimed.
 */
export function planStay(index: number, claim: StayClaim, targets: StayTargets, venue: Venue, now: Date): PlannedStay {
  const bad = (message: string, reason: string, extra: object = {}) => invalidInput(message, { item: index, reason, ...extra })
  const roomType = targets.roomTypes.get(claim.room_type_id)!
  const plan = planOf(roomType, claim.rate_plan_id, index)
  const dates = stayDatesProblem(claim.arrival, claim.departure, venue, now)
  if (dates) throw bad(dates.message, dates.reason)
  const nights = nightCount(claim.arrival, claim.departure)
  if (claim.guests > roomType.maxOccupancy * claim.quantity) {
    throw bad(`${claim.quantity} × ${roomType.name} sleeps at most ${roomType.maxOccupancy * claim.quantity}`, 'occupancy')
  }
  if (claim.guests < claim.quantity) throw bad('Every room needs at least one guest', 'guests')
  const minStay = targets.minStay.get(`${roomType.id}|${claim.arrival}`) ?? 1
  if (nights < minStay) throw bad(`Stays arriving on ${claim.arrival} last at least ${minStay} nights`, 'min_stay', { min_stay: minStay })
  const lines = stayLines(
    index,
    { id: roomType.id, name: roomType.name, baseRate: roomType.baseRate },
    plan,
    claim.quantity,
    claim.arrival,
    claim.departure,
    targets.rules,
  )
  return {
    index,
    roomType,
    plan,
    arrival: claim.arrival,
    departure: claim.departure,
    quantity: claim.quantity,
    guests: claim.guests,
    start: new Date(wallClock(claim.arrival, CHECK_IN_TIME, venue.timezone)),
    end: new Date(wallClock(claim.departure, CHECK_OUT_TIME, venue.timezone)),
    lines,
    amount: lines.reduce((sum, l) => sum + l.amount, 0),
  }
}

/** The policy a stay is sold under: its rate plan's, else the venue's (null: the default). */
export const stayPolicy = (p: PlannedStay): CancellationPolicy | null => p.plan?.cancellationPolicy ?? null

export async function insertStays(tx: Tx, reservationId: string, planned: readonly PlannedStay[], active: boolean) {
  if (planned.length === 0) return []
  return tx
    .insert(reservationItems)
    .values(
      planned.map((p) => ({
        reservationId,
        position: p.index,
        kind: 'stay' as const,
        roomTypeId: p.roomType.id,
        ratePlanId: p.plan?.id ?? null,
        arrival: p.arrival,
        departure: p.departure,
        quantity: p.quantity,
        guests: p.guests,
        startsAt: p.start,
        endsAt: p.end,
        blockedUntil: p.end,
        priceAmount: p.amount,
        active,
      })),
    )
    .returning()
}

/**
 * Takes the stays' units into `counter` on every night, all or none, and moves the claims in
 * `released` (lapsed holds this booking expired) in the same statement; 409 `sold_out` names
 * the first night short.
 */
export async function claimStays(tx: Tx, planned: readonly PlannedStay[], counter: Counter, released: ClaimsShift | null): Promise<void> {
  const full = await shiftNights(tx, {
    ranges: planned.map((p) => ({ roomTypeId: p.roomType.id, arrival: p.arrival, departure: p.departure, quantity: p.quantity, counter })),
    claims: released,
  })
  if (full.length > 0) throw await soldOut(tx, full, planned)
}

/** The 409 for nights that could not be claimed, naming the item, the night and why. */
export async function soldOut(tx: Tx, full: readonly FullNight[], planned: readonly PlannedStay[] = []): Promise<AppError> {
  const reasons = await whyFull(tx, full)
  const first = full[0]!
  const item = planned.find((p) => p.roomType.id === first.roomTypeId && p.arrival <= first.night && first.night < p.departure)
  const reason = reasons.get(`${first.roomTypeId}|${first.night}`)
  const what = item ? item.roomType.name : 'this room type'
  const message =
    reason === 'closed'
      ? `${what} is closed on the night of ${first.night}`
      : reason === 'not_on_sale'
        ? `${what} is not on sale for the night of ${first.night}`
        : `${what} is sold out on the night of ${first.night}`
  return new AppError('sold_out', message, {
    item: item?.index ?? null,
    room_type_id: first.roomTypeId,
    night: first.night,
    reason,
    nights: full.map((n) => ({ room_type_id: n.roomTypeId, night: n.night, reason: reasons.get(`${n.roomTypeId}|${n.night}`) })),
  })
}

/**
 * The stays of some reservations as the night counters read them, to move between counters
 * in the counters' one statement; null when there are none to move.
 */
export function storedStays(reservationIds: readonly string[], from: Counter | null, to: Counter | null): ClaimsShift | null {
  if (reservationIds.length === 0 || from === to) return null
  const rows = sql`select room_type_id, arrival, departure, quantity from reservation_items
    where reservation_id = any(${pgArray(reservationIds)}::uuid[]) and kind = 'stay'`
  return { rows, from, to }
}
