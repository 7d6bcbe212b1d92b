import { eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Executor, Tx } from '../../db/client.js'
import { AppError, notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { LocalRelay } from '../events/relay.js'
import { isPurchase } from '../pricing/quote.js'
import { isVenueStaff } from '../venues/access.js'
import type { VenueService } from '../venues/service.js'
import { createReservation, type NewReservation } from './create.js'
import { KeyTaken, type HoldKey } from './hold-statement.js'
import { SeatHolds } from './seat-hold.js'
import { SlotHolds } from './slot-hold.js'
import { StayHolds } from './stay-hold.js'
import { lockReservation } from './reads.js'
import { trailOf } from './trail.js'
import { storeKeyWith, type KeyToStore } from '../../http/idempotency.js'
import type { PageParams } from '../../http/pagination.js'
import { expireHolds } from './holds.js'
import { reservationItems, reservations, type ReservationStatus } from './schema.js'
import type { CreateReservationBody } from './schemas.js'
import { assertTransition, isHold } from './state.js'
import { moveReservation } from './transition.js'

export type Reservation = typeof reservations.$inferSelect
export type ReservationItem = typeof reservationItems.$inferSelect
export type FullReservation = Reservation & { items: ReservationItem[] }

interface ActionRule {
  to: ReservationStatus
  staffOnly: boolean
}

/** What the venue's staff can do to a reservation without moving money, and the state it leads to. */
export const actions = {
  confirm: { to: 'confirmed', staffOnly: true },
  'check-in': { to: 'checked_in', staffOnly: true },
  complete: { to: 'completed', staffOnly: true },
} as const satisfies Record<string, ActionRule>
export type Action = keyof typeof actions

/**
 * Actions that move money as well: a cancellation (by the owner or staff) and a no-show give
 * back what the policy says. Only the refund-aware cancellation performs them
 * (`CancellationService`), so no public path can cancel a paid reservation without its refund.
 */
export const moneyActions = {
  cancel: { to: 'cancelled', staffOnly: false },
  'no-show': { to: 'no_show', staffOnly: true },
} as const satisfies Record<string, ActionRule>
export type MoneyAction = keyof typeof moneyActions

/** What a refund step sees of the move it belongs to. */
export interface ActionStep {
  before: Reservation
  after: Reservation
  staff: boolean
  now: Date
}

export class ReservationService {
  private readonly slotHolds: SlotHolds
  private readonly seatHolds: SeatHolds
  private readonly stayHolds: StayHolds

  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
    private readonly relay: LocalRelay,
  ) {
    this.slotHolds = new SlotHolds(deps, relay)
    this.seatHolds = new SeatHolds(deps, relay)
    this.stayHolds = new StayHolds(deps, relay)
  }

  /** One slot, seats of one workshop or one stay, in one statement when nothing stands in its way (SlotHolds, SeatHolds, StayHolds). */
  private async inOneStatement(booking: NewReservation, key?: HoldKey): Promise<FullReservation | undefined> {
    return (await this.slotHolds.hold(booking, key)) ?? (await this.seatHolds.hold(booking, key)) ?? (await this.stayHolds.hold(booking, key))
  }

  /**
   * Books the items as a hold for the caller, or, when the venue's staff book for a `guest`,
   * as the venue's own booking of that guest. See `createReservation`.
   */
  async create(who: AccessClaims, input: CreateReservationBody): Promise<FullReservation> {
    const booking = await this.booking(who, input)
    const created = (await this.inOneStatement(booking)) ?? (await this.relay.transaction(this.deps.db, (tx) => createReservation(tx, booking)))
    this.deps.changes.touch(booking.venue.id)
    return created
  }

  /**
   * `create` with the request's Idempotency-Key stored in the booking's own commit, with the
   * answer `answer` makes of the reservation: in the one statement of `inOneStatement`, else as the last
   * statement of `createReservation`'s transaction. Answers that answer, or undefined having
   * written nothing (the key was taken meanwhile): the request then goes the usual way.
   */
  async createKeyed<T>(who: AccessClaims, input: CreateReservationBody, store: KeyToStore, answer: (created: FullReservation) => T): Promise<T | undefined> {
    const booking = await this.booking(who, input)
    let body: T | undefined
    const keep = (r: FullReservation) => (body = answer(r))
    try {
      const once = await this.inOneStatement(booking, { store, answer: keep })
      if (!once) {
        await this.relay.transaction(this.deps.db, async (tx) => {
          if (!(await storeKeyWith(tx, store, keep(await createReservation(tx, booking))))) throw new KeyTaken()
        })
      }
    } catch (error) {
      if (error instanceof KeyTaken) return undefined
      throw error
    }
    this.deps.changes.touch(booking.venue.id)
    return body
  }

  private async booking(who: AccessClaims, input: CreateReservationBody): Promise<NewReservation> {
    const now = this.deps.clock()
    const venue = await this.venues.cached(input.venue_id)
    // Staff booking a walk-in leave the reservation without an owning customer.
    const forGuest = input.guest ? await isVenueStaff(this.deps.db, who, venue.id) : false
    return {
      venue,
      items: input.items,
      partySize: input.party_size,
      notes: input.notes ?? null,
      guest: input.guest ?? null,
      userId: forGuest ? null : who.userId,
      actorId: who.userId,
      status: 'pending',
      holdTtlMinutes: venue.holdTtlMinutes ?? this.deps.config.holdTtlMinutes,
      reason: null,
      now,
    }
  }

  /**
   * A purchase of a package or bundle at its practitioner's venue: a hold with one `package`
   * item, paid through the same checkout; its confirmation grants the entitlements.
   */
  async purchase(who: AccessClaims, venueId: string, packageId: string): Promise<FullReservation> {
    const now = this.deps.clock()
    const venue = await this.venues.get(venueId)
    const created = await this.deps.db.transaction((tx) =>
      createReservation(tx, {
        venue,
        items: [{ kind: 'package', package_id: packageId }],
        partySize: 1,
        notes: null,
        guest: null,
        userId: who.userId,
        actorId: who.userId,
        status: 'pending',
        holdTtlMinutes: venue.holdTtlMinutes ?? this.deps.config.holdTtlMinutes,
        reason: 'purchase',
        now,
      }),
    )
    this.deps.changes.touch(venue.id)
    return created
  }

  /** The reservation if the caller may see it; 404 otherwise, so ids of others leak nothing. */
  async get(who: AccessClaims, id: string, ex: Executor = this.deps.db): Promise<FullReservation> {
    const [r] = await ex.select().from(reservations).where(eq(reservations.id, id))
    if (!r || !(await this.canSee(ex, who, r))) throw notFound('Reservation')
    return { ...r, items: await this.itemsOf(ex, r.id) }
  }

  /** The audit trail of a reservation the caller may see (its customer, the venue's staff, admins). */
  async history(who: AccessClaims, id: string, page: PageParams) {
    await this.get(who, id)
    return trailOf(this.deps.db, id, page)
  }

  /** Moves a reservation through one staff action of the transition table (confirm, check in, complete). */
  async act(who: AccessClaims, id: string, action: Action, reason: string | null = null): Promise<FullReservation> {
    // Also refused at run time: cancel and no-show without their refund must not be reachable.
    if (!Object.hasOwn(actions, action)) throw new AppError('invalid_transition', `${action} goes through the cancellation, with its refund`)
    return (await this.perform(who, id, actions[action], reason, async () => null)).reservation
  }

  /**
   * A cancellation or no-show, with `refund` run in the same transaction after the move:
   * the policy's refund is reserved together with the state change. `CancellationService` is
   * its one caller.
   */
  async actWithRefund<T>(
    who: AccessClaims,
    id: string,
    action: MoneyAction,
    reason: string | null,
    refund: (tx: Tx, step: ActionStep) => Promise<T>,
  ): Promise<{ reservation: FullReservation; extra: T }> {
    return this.perform(who, id, moneyActions[action], reason, refund)
  }

  private async perform<T>(
    who: AccessClaims,
    id: string,
    { to, staffOnly }: ActionRule,
    reason: string | null,
    then: (tx: Tx, step: ActionStep) => Promise<T>,
  ): Promise<{ reservation: FullReservation; extra: T }> {
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
        await moveReservation(tx, r, 'expired', null, 'hold lapsed', now)
        return { lapsed: true as const }
      }
      const moved = await moveReservation(tx, r, to, who.userId, reason, now)
      const extra = await then(tx, { before: r, after: moved, staff, now })
      // `then` may have moved it further (a cancellation refunded in full ends `refunded`).
      const [latest] = await tx.select().from(reservations).where(eq(reservations.id, id))
      return { lapsed: false as const, reservation: { ...latest!, items: await this.itemsOf(tx, id) }, extra }
    })
    if (outcome.lapsed) throw holdExpired(id)
    this.deps.changes.touch(outcome.reservation.venueId)
    return { reservation: outcome.reservation, extra: outcome.extra }
  }

  /** One transition of the table, in the caller's transaction; see `moveReservations`. */
  move(tx: Tx, r: Reservation, to: ReservationStatus, actorId: string | null, reason: string | null, now: Date) {
    return moveReservation(tx, r, to, actorId, reason, now)
  }

  /**
   * Locks the row (the first lock of every use case on a reservation) after the visibility
   * check, and says whether the caller acts as the venue's staff.
   */
  async lockVisible(tx: Tx, who: AccessClaims, id: string): Promise<{ r: Reservation; staff: boolean }> {
    const r = await lockReservation(tx, id)
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

const CHECK_IN_OPENS_MS = 60 * 60_000

/**
 * When an action makes sense: guests check in from an hour before the start; a booking is
 * completed or marked no-show once it has started; a customer cancels only before the start
 * (after it, the venue decides).
 */
function assertTiming(r: Reservation, to: ReservationStatus, staff: boolean, now: Date): void {
  // A purchase has no start to be early or late for; the transition table says what it may do.
  if (isPurchase(r.quote)) return
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

export const holdLapsed = (r: Reservation, now: Date) => isHold(r.status) && r.holdExpiresAt !== null && r.holdExpiresAt <= now
