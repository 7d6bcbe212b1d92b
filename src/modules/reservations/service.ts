import { and, eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Executor, Tx } from '../../db/client.js'
import { AppError, notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { hasStays } from '../pricing/quote.js'
import { counterOf, shiftNights } from '../stays/nights.js'
import { isVenueStaff } from '../venues/access.js'
import type { VenueService } from '../venues/service.js'
import { insertSlots } from './claims.js'
import { planReservation } from './plan.js'
import { holdStays, insertStays, soldOut } from './stay-claims.js'
import { expireHolds } from './holds.js'
import { recordTransitions } from './audit.js'
import { reservationItems, reservations, type ReservationStatus } from './schema.js'
import type { CreateReservationBody } from './schemas.js'
import { HOLD_STATES, assertTransition, isActive } from './state.js'

export type Reservation = typeof reservations.$inferSelect
export type ReservationItem = typeof reservationItems.$inferSelect
export type FullReservation = Reservation & { items: ReservationItem[] }

/** What staff (or the owner, for cancel) can do to a reservation, and the state it leads to. */
export const actions = {
  confirm: { to: 'confirmed', staffOnly: true },
  'check-in': { to: 'checked_in', staffOnly: true },
  complete: { to: 'completed', staffOnly: true },
  'no-show': { to: 'no_show', staffOnly: true },
  cancel: { to: 'cancelled', staffOnly: false },
} as const satisfies Record<string, { to: ReservationStatus; staffOnly: boolean }>
export type Action = keyof typeof actions

export class ReservationService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /**
   * Creates a reservation as a hold. All claims go in one transaction: lapsed holds in the
   * way are expired first, then the exclusion constraint decides who gets a contested slot
   * and the night counters who gets the last units of a room type.
   */
  async create(who: AccessClaims, input: CreateReservationBody): Promise<FullReservation> {
    const now = this.deps.clock()
    const venue = await this.venues.get(input.venue_id)
    // Staff booking a walk-in leave the reservation without an owning customer.
    const forGuest = input.guest ? await isVenueStaff(this.deps.db, who, venue.id) : false
    const ttlMinutes = venue.holdTtlMinutes ?? this.deps.config.holdTtlMinutes
    const created = await this.deps.db.transaction(async (tx) => {
      const plan = await planReservation(tx, venue, input.items, input.party_size, now)
      const { quote } = plan
      const lapsed = await expireHolds(
        tx,
        now,
        {
          spans: plan.slots.map((p) => ({ roomId: p.room.id, start: p.start, end: p.blockedUntil })),
          nights: plan.stays.map((p) => ({ roomTypeId: p.roomType.id, arrival: p.arrival, departure: p.departure })),
        },
        { releaseNights: false },
      )
      const [reservation] = await tx
        .insert(reservations)
        .values({
          venueId: venue.id,
          userId: forGuest ? null : who.userId,
          createdBy: who.userId,
          status: 'pending',
          partySize: plan.partySize,
          notes: input.notes ?? null,
          guest: input.guest ?? null,
          totalAmount: quote.total,
          currency: venue.currency,
          quote,
          cancellationPolicy: plan.policy,
          holdExpiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
          startsAt: plan.startsAt,
          endsAt: plan.endsAt,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
      const r = reservation!
      const items = [...(await insertSlots(tx, r.id, plan.slots, true)), ...(await insertStays(tx, r.id, plan.stays, true))]
      await holdStays(tx, plan.stays, lapsed)
      await recordTransitions(tx, now, [
        {
          reservationId: r.id,
          venueId: r.venueId,
          from: null,
          to: 'pending',
          actorId: who.userId,
          reason: null,
          event: 'reservation.created',
          payload: { id: r.id, total: quote.total },
        },
      ])
      return { ...r, items: items.sort((a, b) => a.position - b.position) }
    })
    this.deps.changes.touch(venue.id)
    return created
  }

  /** The reservation if the caller may see it; 404 otherwise, so ids of others leak nothing. */
  async get(who: AccessClaims, id: string, ex: Executor = this.deps.db): Promise<FullReservation> {
    const [r] = await ex.select().from(reservations).where(eq(reservations.id, id))
    if (!r || !(await this.canSee(ex, who, r))) throw notFound('Reservation')
    return { ...r, items: await this.itemsOf(ex, r.id) }
  }

  /** Moves a reservation through one action of the transition table. */
  async act(who: AccessClaims, id: string, action: Action, reason: string | null = null): Promise<FullReservation> {
    return (await this.actWith(who, id, action, reason, async () => null)).reservation
  }

  /**
   * `act`, with `then` run in the same transaction after the move: payments use it to refund
   * a cancellation together with the cancellation itself.
   */
  async actWith<T>(
    who: AccessClaims,
    id: string,
    action: Action,
    reason: string | null,
    then: (tx: Tx, step: { before: Reservation; after: Reservation; staff: boolean; now: Date }) => Promise<T>,
  ): Promise<{ reservation: FullReservation; extra: T }> {
    const { to, staffOnly } = actions[action]
    const now = this.deps.clock()
    const outcome = await this.deps.db.transaction(async (tx) => {
      const { r, staff } = await this.lockVisible(tx, who, id)
      if (!staff && (staffOnly || r.userId !== who.userId)) throw new AppError('forbidden', "Only the venue's staff can do this")
      // Swept or not, a lapsed hold answers the same way.
      if (to === 'confirmed' && r.status === 'expired') throw holdExpired(id)
      assertTransition(r.status, to)
      assertTiming(r, to, staff, now)
      if (to === 'confirmed' && holdLapsed(r, now)) {
        // Record the expiry now rather than leave it to the sweeper, then refuse.
        await this.move(tx, r, 'expired', null, 'hold lapsed', now)
        return { lapsed: true as const }
      }
      const moved = await this.move(tx, r, to, who.userId, reason, now)
      const extra = await then(tx, { before: r, after: moved, staff, now })
      // `then` may have moved it further (a cancellation refunded in full ends `refunded`).
      const [latest] = await tx.select().from(reservations).where(eq(reservations.id, id))
      return { lapsed: false as const, reservation: { ...latest!, items: await this.itemsOf(tx, id) }, extra }
    })
    if (outcome.lapsed) throw holdExpired(id)
    this.deps.changes.touch(outcome.reservation.venueId)
    return { reservation: outcome.reservation, extra: outcome.extra }
  }

  /** One transition of the table; see `moveReservation`. */
  move(tx: Tx, r: Reservation, to: ReservationStatus, actorId: string | null, reason: string | null, now: Date) {
    return moveReservation(tx, r, to, actorId, reason, now)
  }

  /**
   * Locks the row (the first lock of every use case on a reservation) after the visibility
   * check, and says whether the caller acts as the venue's staff.
   */
  async lockVisible(tx: Tx, who: AccessClaims, id: string): Promise<{ r: Reservation; staff: boolean }> {
    const [r] = await tx.select().from(reservations).where(eq(reservations.id, id)).for('update')
    const staff = r ? await isVenueStaff(tx, who, r.venueId) : false
    if (!r || !(staff || r.userId === who.userId)) throw notFound('Reservation')
    return { r, staff }
  }

  async canSee(ex: Executor, who: AccessClaims, r: Reservation): Promise<boolean> {
    return who.role === 'admin' || r.userId === who.userId || isVenueStaff(ex, who, r.venueId)
  }

  async itemsOf(ex: Executor, reservationId: string): Promise<ReservationItem[]> {
    return ex.select().from(reservationItems).where(eq(reservationItems.reservationId, reservationId)).orderBy(reservationItems.position)
  }

  /** Runs the hold sweeper once; the job calls this every minute. */
  async expireLapsedHolds(): Promise<number> {
    const now = this.deps.clock()
    const ids = await this.deps.db.transaction((tx) => expireHolds(tx, now))
    return ids.length
  }
}

/**
 * Checks and applies one transition: the status update is conditional on the status we
 * read, the claims follow the status into or out of the constraint and the night counters,
 * and the audit row and the event are written in the same transaction.
 */
export async function moveReservation(
  tx: Tx,
  r: Reservation,
  to: ReservationStatus,
  actorId: string | null,
  reason: string | null,
  now: Date,
): Promise<Reservation> {
  assertTransition(r.status, to)
  const [updated] = await tx
    .update(reservations)
    .set({ status: to, holdExpiresAt: HOLD_STATES.includes(to) ? r.holdExpiresAt : null, updatedAt: now })
    .where(and(eq(reservations.id, r.id), eq(reservations.status, r.status)))
    .returning()
  if (!updated) throw new AppError('conflict', 'The reservation changed meanwhile, reload it', { id: r.id })
  if (isActive(r.status) !== isActive(to)) {
    await tx
      .update(reservationItems)
      .set({ active: isActive(to) })
      .where(eq(reservationItems.reservationId, r.id))
  }
  // Stays move between the held and sold counters; only a claim back from nothing can fail.
  const [from, into] = [counterOf(r.status), counterOf(to)]
  if (from !== into && hasStays(r.quote)) {
    const full = await shiftNights(tx, { reservations: { ids: [r.id], from, to: into } })
    if (full.length > 0) throw await soldOut(tx, full)
  }
  await recordTransitions(tx, now, [
    {
      reservationId: r.id,
      venueId: r.venueId,
      from: r.status,
      to,
      actorId,
      reason,
      event: `reservation.${to}`,
      payload: { id: r.id, from: r.status, to, reason },
    },
  ])
  return updated
}

const CHECK_IN_OPENS_MS = 60 * 60_000

/**
 * When an action makes sense: guests check in from an hour before the start; a booking is
 * completed or marked no-show once it has started; a customer cancels only before the start
 * (after it, the venue decides).
 */
function assertTiming(r: Reservation, to: ReservationStatus, staff: boolean, now: Date): void {
  const start = r.startsAt.getTime()
  const t = now.getTime()
  if (to === 'checked_in' && t < start - CHECK_IN_OPENS_MS) {
    throw new AppError('too_early', 'Check-in opens an hour before the start', { opens_at: new Date(start - CHECK_IN_OPENS_MS).toISOString() })
  }
  if ((to === 'completed' || to === 'no_show') && t < start) {
    throw new AppError('too_early', 'The booking has not started yet', { starts_at: r.startsAt.toISOString() })
  }
  if (to === 'cancelled' && !staff && t >= start) {
    throw new AppError('too_late', 'The booking has started; ask the venue to cancel it', { starts_at: r.startsAt.toISOString() })
  }
}

export const holdExpired = (id: string) => new AppError('hold_expired', 'The hold expired before it was confirmed', { id })

export const holdLapsed = (r: Reservation, now: Date) => HOLD_STATES.includes(r.status) && r.holdExpiresAt !== null && r.holdExpiresAt <= now
