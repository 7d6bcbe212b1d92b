import { eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Tx } from '../../db/client.js'
import { AppError, invalidInput } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { ItemSpan } from '../events/domain-events.js'
import { quoteOf, type QuoteLine } from '../pricing/quote.js'
import { shiftNights } from '../stays/nights.js'
import type { Venue, VenueService } from '../venues/service.js'
import { loadTargets, planSlot, slotTakenOr } from './claims.js'
import { moveSeat, moveSession } from './marketplace-moves.js'
import { assertTotal } from './plan.js'
import { expireHolds } from './holds.js'
import { recordTransitions } from './audit.js'
import { reservationItems, reservations } from './schema.js'
import type { RescheduleBody } from './schemas.js'
import { holdExpired, holdLapsed, type FullReservation, type Reservation, type ReservationItem, type ReservationService } from './service.js'
import { counterOf } from './state.js'
import { loadStayTargets, planStay, soldOut, storedStays } from './stay-claims.js'

/** What moving one item changed: its new priced lines and span, and how to describe it. */
interface Moved {
  lines: QuoteLine[]
  start: Date
  end: Date
  reason: string
  span: { from: ItemSpan; to: ItemSpan }
}

/**
 * Moves one item of a reservation: a slot to a new time (and optionally another room of the
 * venue), a stay to new dates. The new claim is taken and the old one released together, so
 * either both happen or neither, and nothing else can slip in between.
 */
export async function reschedule(
  deps: Deps,
  venues: VenueService,
  service: ReservationService,
  who: AccessClaims,
  id: string,
  body: RescheduleBody,
): Promise<FullReservation> {
  const now = deps.clock()
  const moved = await deps.db.transaction(async (tx) => {
    const { r, staff } = await service.lockVisible(tx, who, id)
    if (!staff && r.userId !== who.userId) throw new AppError('forbidden', 'Only the guest or the venue can reschedule')
    if (r.status === 'expired') throw holdExpired(id)
    // A payment in flight is for a fixed amount, and finished stays are history.
    if (r.status !== 'pending' && r.status !== 'confirmed') {
      throw new AppError('invalid_transition', `A ${r.status} reservation cannot be rescheduled`, { from: r.status })
    }
    if (holdLapsed(r, now)) throw holdExpired(id)
    const items = await service.itemsOf(tx, r.id)
    const item = body.item_id ? items.find((i) => i.id === body.item_id) : items.length === 1 ? items[0] : undefined
    if (!item) throw invalidInput(body.item_id ? 'No such item on this reservation' : 'Name the item_id to move', { field: 'item_id' })
    // Like cancelling: once the item has begun, only the venue may change it.
    if (!staff && now >= item.startsAt) {
      throw new AppError('too_late', 'This has started; ask the venue to change it', { starts_at: item.startsAt.toISOString() })
    }
    // Inside the transaction everything goes through tx: PGlite has one connection.
    const venue = await venues.get(r.venueId, tx)
    const change = await moveItem(tx, venue, r, item, body, now)
    const quote = quoteOf(r.currency, replaceLines(r.quote.lines, item.position, change.lines))
    assertTotal(quote)
    // A confirmed booking was paid or promised at its price; moving it may not change that.
    if (r.status === 'confirmed' && quote.total !== r.totalAmount) {
      throw new AppError('price_changed', 'The new time costs a different amount', { old: r.totalAmount, new: quote.total })
    }
    const span = items.map((i) => (i.id === item.id ? { ...i, startsAt: change.start, endsAt: change.end } : i))
    const [updated] = await tx
      .update(reservations)
      .set({
        totalAmount: quote.total,
        quote,
        startsAt: new Date(Math.min(...span.map((i) => i.startsAt.getTime()))),
        endsAt: new Date(Math.max(...span.map((i) => i.endsAt.getTime()))),
        updatedAt: now,
      })
      .where(eq(reservations.id, r.id))
      .returning()
    await recordTransitions(tx, now, [
      {
        reservationId: r.id,
        from: r.status,
        to: r.status,
        actorId: who.userId,
        reason: change.reason,
        events: [{ type: 'reservation.rescheduled', aggregateId: r.id, venueId: r.venueId, payload: { id: r.id, item_id: item.id, ...change.span } }],
      },
    ])
    return { ...updated!, items: await service.itemsOf(tx, r.id) }
  })
  deps.changes.touch(moved.venueId)
  return moved
}

/** Moves the item the way its kind moves, refusing a body meant for another kind. */
async function moveItem(tx: Tx, venue: Venue, r: Reservation, item: ReservationItem, body: RescheduleBody, now: Date): Promise<Moved> {
  const wrong = (how: string) => invalidInput(`This item is a ${item.kind}; move it with ${how}`, { field: 'item_id' })
  switch (item.kind) {
    case 'slot':
      if (!('start' in body && 'end' in body)) throw wrong('start and end')
      return moveSlot(tx, venue, r, item, body, now)
    case 'stay':
      if (!('arrival' in body)) throw wrong('arrival and departure')
      return moveStay(tx, venue, r, item, body, now)
    case 'seat':
      if (!('occurrence_id' in body)) throw wrong('occurrence_id')
      return moveSeat(tx, venue, r.status, item, body.occurrence_id, now)
    case 'session':
      if (!('start' in body) || 'end' in body) throw wrong('start alone (it lasts the service’s duration)')
      return moveSession(tx, venue, item, body.start, now)
    case 'package':
      throw invalidInput('A purchase has no time to move', { field: 'item_id' })
  }
}

/** The item's lines swapped for new ones, in place, so lines stay in item order. */
function replaceLines(lines: readonly QuoteLine[], index: number, fresh: QuoteLine[]): QuoteLine[] {
  const out: QuoteLine[] = []
  let placed = false
  for (const l of lines) {
    if (l.item_index !== index) out.push(l)
    else if (!placed) {
      out.push(...fresh)
      placed = true
    }
  }
  return out
}

/**
 * The claim row is updated in place, so the exclusion constraint sees the old span released
 * and the new one taken in the same statement.
 */
async function moveSlot(
  tx: Tx,
  venue: Venue,
  r: Reservation,
  item: ReservationItem,
  body: { room_id?: string; start: string; end: string },
  now: Date,
): Promise<Moved> {
  const claim = { kind: 'slot' as const, room_id: body.room_id ?? item.roomId!, start: body.start, end: body.end, item: item.position }
  // Reading the room queues behind other claims on its days (claimQueue).
  const targets = await loadTargets(tx, venue, [claim])
  const room = targets.rooms.get(claim.room_id)!
  const planned = planSlot(item.position, claim, room, venue, r.partySize, targets.closed, now)
  const spans = [{ roomId: room.id, start: planned.start, end: planned.blockedUntil }]
  await expireHolds(tx, now, { spans })
  try {
    await tx
      .update(reservationItems)
      .set({ roomId: room.id, startsAt: planned.start, endsAt: planned.end, blockedUntil: planned.blockedUntil, priceAmount: planned.line.amount })
      .where(eq(reservationItems.id, item.id))
  } catch (error) {
    throw slotTakenOr(error, planned)
  }
  return {
    lines: [planned.line],
    start: planned.start,
    end: planned.end,
    reason: `moved ${item.startsAt.toISOString()} → ${planned.start.toISOString()}`,
    span: {
      from: { start: item.startsAt.toISOString(), end: item.endsAt.toISOString() },
      to: { start: planned.start.toISOString(), end: planned.end.toISOString() },
    },
  }
}

/**
 * Same room type, rate plan, rooms and guests on new dates. The old nights are given back
 * and the new ones taken in one counter statement, so a night both stays share is never
 * counted twice nor left free for a moment.
 */
async function moveStay(tx: Tx, venue: Venue, r: Reservation, item: ReservationItem, body: { arrival: string; departure: string }, now: Date): Promise<Moved> {
  const claim = {
    kind: 'stay' as const,
    room_type_id: item.roomTypeId!,
    rate_plan_id: item.ratePlanId ?? undefined,
    arrival: body.arrival,
    departure: body.departure,
    quantity: item.quantity,
    guests: item.guests!,
    item: item.position,
  }
  const targets = await loadStayTargets(tx, venue, [claim])
  // Booked without a rate plan: stay without one, whatever plans were added since.
  if (!item.ratePlanId) targets.roomTypes.get(claim.room_type_id)!.plans = []
  const planned = planStay(item.position, claim, targets, venue, now)
  const lapsed = await expireHolds(
    tx,
    now,
    { nights: [{ roomTypeId: claim.room_type_id, arrival: planned.arrival, departure: planned.departure }] },
    { releaseNights: false },
  )
  const counter = counterOf(r.status)!
  const full = await shiftNights(tx, {
    ranges: [
      { roomTypeId: claim.room_type_id, arrival: item.arrival!, departure: item.departure!, quantity: -item.quantity, counter },
      { roomTypeId: claim.room_type_id, arrival: planned.arrival, departure: planned.departure, quantity: item.quantity, counter },
    ],
    claims: storedStays(lapsed, 'held', null),
  })
  if (full.length > 0) throw await soldOut(tx, full, [planned])
  await tx
    .update(reservationItems)
    .set({
      arrival: planned.arrival,
      departure: planned.departure,
      startsAt: planned.start,
      endsAt: planned.end,
      blockedUntil: planned.end,
      priceAmount: planned.amount,
    })
    .where(eq(reservationItems.id, item.id))
  return {
    lines: planned.lines,
    start: planned.start,
    end: planned.end,
    reason: `moved ${item.arrival}–${item.departure} → ${planned.arrival}–${planned.departure}`,
    span: { from: { arrival: item.arrival!, departure: item.departure! }, to: { arrival: planned.arrival, departure: planned.departure } },
  }
}
