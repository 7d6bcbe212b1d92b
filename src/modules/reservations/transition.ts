import { and, eq, inArray, sql } from 'drizzle-orm'
import { pgArray, type Tx } from '../../db/client.js'
import { fixedQuery, valueSlot } from '../../db/fixed-query.js'
import { AppError } from '../../http/errors.js'
import { transitionEvent } from '../events/domain-events.js'
import { hasStays, type Quote } from '../pricing/quote.js'
import { shiftNights } from '../stays/nights.js'
import { setSessionsActive } from '../calendar/claims.js'
import { shiftSeats } from '../catalog/seats.js'
import { recordTransitions } from './audit.js'
import { movePurchases, moveRedemptions } from './entitlement-moves.js'
import { seatTake } from './marketplace-claims.js'
import { reservationItems, reservations, type ReservationStatus } from './schema.js'
import type { Reservation } from './service.js'
import { assertTransition, counterOf, isActive, isHold } from './state.js'
import { soldOut, storedStays } from './stay-claims.js'

/** A reservation to move, as the caller read it (under its row lock). */
export interface MoveFrom {
  id: string
  venueId: string
  status: ReservationStatus
  /** Known, it spares a counter statement for a reservation without stays. */
  quote?: Quote
}

export interface MoveOptions {
  actorId: string | null
  reason: string | null
  now: Date
  /**
   * The caller gives the stays' held units back itself, folded into its own claim, so that
   * its transaction changes the night counters in one ordered statement (a booking expiring
   * the lapsed holds in its way).
   */
  leaveNights?: boolean
}

// A move into a hold keeps the hold's expiry; any other clears it.
const holdExpiry = (keeps: boolean) => (keeps ? sql`${reservations.holdExpiresAt}` : null)

// One row is the hot path (a payment confirming a hold): plain equalities the index serves, in a
// statement built once (fixedQuery) in each of its two forms (a hold keeps its expiry).
const moveOne = (keepsHold: boolean) =>
  fixedQuery(
    (ex) =>
      ex
        .update(reservations)
        .set({ status: valueSlot<ReservationStatus>('to'), holdExpiresAt: holdExpiry(keepsHold), updatedAt: valueSlot<Date>('now') })
        .where(and(eq(reservations.id, sql.placeholder('id')), eq(reservations.status, sql.placeholder('from'))))
        .returning(),
    keepsHold ? 'reservoir_move_hold' : 'reservoir_move',
  )
const MOVE_ONE = { hold: moveOne(true), other: moveOne(false) }

// Many rows (the hold sweeper's), each on the status it was read in.
function moveMany(tx: Tx, moves: readonly MoveFrom[], to: ReservationStatus, now: Date) {
  const ids = moves.map((m) => m.id)
  const readAs = sql`(${reservations.id}, ${reservations.status}) in (select * from unnest(${pgArray(ids)}::uuid[], ${pgArray(moves.map((m) => m.status))}::text[]))`
  return tx
    .update(reservations)
    .set({ status: to, holdExpiresAt: holdExpiry(isHold(to)), updatedAt: now })
    .where(and(inArray(reservations.id, ids), readAs))
    .returning()
}

/**
 * The one writer of `reservations.status`. Checks every move against the transition table,
 * updates on the status each was read in (a reservation that changed meanwhile is a 409),
 * takes the claims into or out of the exclusion constraint and the night counters with the
 * status, and writes the audit rows and `reservation.<to>` events, all in the caller's
 * transaction. Set-based: the hold sweeper moves hundreds in the same few statements.
 */
export async function moveReservations(tx: Tx, moves: readonly MoveFrom[], to: ReservationStatus, opts: MoveOptions): Promise<Reservation[]> {
  if (moves.length === 0) return []
  for (const m of moves) assertTransition(m.status, to)
  const updated =
    moves.length === 1
      ? await (isHold(to) ? MOVE_ONE.hold : MOVE_ONE.other)(tx, { to, now: opts.now, id: moves[0]!.id, from: moves[0]!.status })
      : await moveMany(tx, moves, to, opts.now)
  if (updated.length !== moves.length)
    throw new AppError('conflict', 'The reservation changed meanwhile, reload it', { id: moves.length === 1 ? moves[0]!.id : null })

  const byId = new Map(updated.map((r) => [r.id, r]))
  const pairs = () => moves.map((m) => ({ from: m.status, r: byId.get(m.id)! }))
  const flipping = moves.filter((m) => isActive(m.status) !== isActive(to)).map((m) => m.id)
  if (flipping.length > 0) {
    const flipped = await tx
      .update(reservationItems)
      .set({ active: isActive(to) })
      .where(inArray(reservationItems.reservationId, flipping))
      .returning({
        reservationId: reservationItems.reservationId,
        id: reservationItems.id,
        kind: reservationItems.kind,
        position: reservationItems.position,
        occurrenceId: reservationItems.occurrenceId,
        serviceId: reservationItems.serviceId,
        quantity: reservationItems.quantity,
        entitlementId: reservationItems.entitlementId,
      })
    // A session's calendar claim follows its items; seats follow the counters as stays do
    // (a completed booking keeps its seats, the occurrence is over), and a seat taken back
    // (a late payment) may find them gone: 409 sold_out.
    await setSessionsActive(
      tx,
      flipped.filter((i) => i.kind === 'session').map((i) => i.id),
      isActive(to),
    )
    const seatMoves = new Set(moves.filter((m) => (counterOf(m.status) !== null) !== (counterOf(to) !== null)).map((m) => m.id))
    await shiftSeats(tx, flipped.filter((i) => i.kind === 'seat' && seatMoves.has(i.reservationId)).map(seatTake), counterOf(to) ? 1 : -1)
    await moveRedemptions(tx, flipped, pairs(), to, opts.actorId, opts.now)
  }
  await movePurchases(tx, pairs(), to, opts.now)

  if (!opts.leaveNights) {
    // Stays move between the held and sold counters; only a claim back from nothing can fail.
    const into = counterOf(to)
    for (const from of new Set(moves.map((m) => counterOf(m.status)))) {
      const shifting = moves.filter((m) => counterOf(m.status) === from && (m.quote === undefined || hasStays(m.quote))).map((m) => m.id)
      const full = await shiftNights(tx, { claims: storedStays(shifting, from, into) })
      if (full.length > 0) throw await soldOut(tx, full)
    }
  }

  await recordTransitions(
    tx,
    opts.now,
    moves.map((m) => ({
      reservationId: m.id,
      from: m.status,
      to,
      actorId: opts.actorId,
      reason: opts.reason,
      events: [{ type: transitionEvent(to), aggregateId: m.id, venueId: m.venueId, payload: { id: m.id, from: m.status, to, reason: opts.reason } }],
    })),
  )
  return moves.map((m) => byId.get(m.id)!)
}

/** One transition of the table; see `moveReservations`. */
export async function moveReservation(
  tx: Tx,
  r: MoveFrom,
  to: ReservationStatus,
  actorId: string | null,
  reason: string | null,
  now: Date,
): Promise<Reservation> {
  const [moved] = await moveReservations(tx, [r], to, { actorId, reason, now })
  return moved!
}
