import { eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { AppError, invalidInput } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { quoteOf } from '../pricing/slot-price.js'
import type { VenueService } from '../venues/service.js'
import { loadTargets, planSlot, slotTakenOr } from './claims.js'
import { expireHolds } from './holds.js'
import { recordTransitions } from './audit.js'
import { reservationItems, reservations } from './schema.js'
import type { RescheduleBody } from './schemas.js'
import { holdExpired, holdLapsed, type FullReservation, type ReservationService } from './service.js'

/**
 * Moves one slot of a reservation to a new time (and optionally another room of the venue).
 * The claim row is updated in place, so the exclusion constraint sees the old span released
 * and the new one taken in the same statement: either both happen or neither.
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
    const index = item.position
    // Inside the transaction everything goes through tx: PGlite has one connection.
    const venue = await venues.get(r.venueId, tx)
    const claim = { kind: 'slot' as const, room_id: body.room_id ?? item.roomId!, start: body.start, end: body.end }
    const targets = await loadTargets(tx, venue, [claim])
    const room = targets.rooms.get(claim.room_id)!
    const closed = targets.closed
    const planned = { ...planSlot(index, claim, room, venue, r.partySize, closed, now), index }
    const lines = r.quote.lines.map((l) => (l.item_index === index ? planned.line : l))
    const quote = quoteOf(r.currency, lines)
    // A confirmed booking was paid or promised at its price; moving it may not change that.
    if (r.status === 'confirmed' && quote.total !== r.totalAmount) {
      throw new AppError('price_changed', 'The new time costs a different amount', { old: r.totalAmount, new: quote.total })
    }
    await expireHolds(tx, now, [{ roomId: room.id, start: planned.start, end: planned.blockedUntil }])
    try {
      await tx
        .update(reservationItems)
        .set({ roomId: room.id, startsAt: planned.start, endsAt: planned.end, blockedUntil: planned.blockedUntil, priceAmount: planned.line.amount })
        .where(eq(reservationItems.id, item.id))
    } catch (error) {
      throw slotTakenOr(error, planned)
    }
    const span = items.map((i) => (i.id === item.id ? { ...i, startsAt: planned.start, endsAt: planned.end } : i))
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
    const reason = `moved ${item.startsAt.toISOString()} → ${planned.start.toISOString()}`
    await recordTransitions(tx, now, [
      {
        reservationId: r.id,
        venueId: r.venueId,
        from: r.status,
        to: r.status,
        actorId: who.userId,
        reason,
        event: 'reservation.rescheduled',
        payload: { id: r.id, item_id: item.id, from: { start: item.startsAt, end: item.endsAt }, to: { start: planned.start, end: planned.end } },
      },
    ])
    return { ...updated!, items: await service.itemsOf(tx, r.id) }
  })
  deps.changes.touch(moved.venueId)
  return moved
}
