import { eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Tx } from '../../db/client.js'
import { AppError, forbidden, invalidInput } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { cancellationTerms, noShowTerms, refundAmount, type RefundTerms } from '../pricing/cancellation-policy.js'
import type { FullReservation, Reservation, ReservationService } from '../reservations/service.js'
import { canTransition } from '../reservations/state.js'
import { reservationById } from '../reservations/reads.js'
import type { VenueService } from '../venues/service.js'
import { isSettled, lockPaymentOf, paidTotal, refundable, type Payment } from './records.js'
import { closeIfRefunded, reserveRefund, sendRefunds } from './refunds.js'
import type { Reconciler } from './reconcile.js'
import { payments } from './schema.js'

export interface RefundPreview {
  amount: number
  currency: string
  percent: number
  tier: number | null
  deadline: Date | null
  basis: 'cancellation' | 'no_show'
}

export interface CancelInput {
  reason?: string | null
  /** Staff only: overrides the policy (a venue that cancels refunds in full, say). */
  refund_amount?: number
}

interface AfterMove {
  refundIds: string[]
  unpaid: Payment | null
}

/**
 * Cancellations and no-shows with their money: the refund is computed from the policy the
 * reservation was made under, in the venue's time zone, and reserved in the same
 * transaction as the state change; staff may choose another amount, with a reason.
 */
export class CancellationService {
  constructor(
    private readonly deps: Deps,
    private readonly reservations: ReservationService,
    private readonly venues: VenueService,
    private readonly reconciler: Reconciler,
  ) {}

  async cancel(who: AccessClaims, id: string, input: CancelInput): Promise<FullReservation> {
    return this.finish(
      await this.reservations.actWithRefund(who, id, 'cancel', input.reason ?? null, async (tx, { before, after, staff, now }) => {
        if (input.refund_amount !== undefined && !staff) throw forbidden("Only the venue's staff choose the refund amount")
        if (input.refund_amount !== undefined && !input.reason)
          throw invalidInput("A refund amount other than the policy's needs a reason", { field: 'reason' })
        const p = await lockPaymentOf(tx, id)
        if (!p || !isSettled(p)) {
          // Asking for money back where none was paid is a mistake worth saying, not ignoring.
          if (input.refund_amount) throw new AppError('nothing_to_refund', 'Nothing has been paid for this reservation', null)
          return { refundIds: [], unpaid: p && (p.status === 'pending' || p.status === 'failed') ? p : null }
        }
        const timezone = (await this.venues.get(before.venueId, tx)).timezone
        const terms = cancellationTerms(before.cancellationPolicy, before.startsAt, now, timezone)
        const amount = input.refund_amount ?? Math.min(refundAmount(paidTotal(p), terms.percent), refundable(p))
        return this.refund(tx, after, p, amount, input.refund_amount !== undefined ? 'staff' : 'policy', input.reason ?? null, who.userId, now)
      }),
    )
  }

  /** A no-show refunds the policy's no-show share (nothing, by default). */
  async noShow(who: AccessClaims, id: string, reason: string | null): Promise<FullReservation> {
    return this.finish(
      await this.reservations.actWithRefund(who, id, 'no-show', reason, async (tx, { before, after, now }) => {
        const p = await lockPaymentOf(tx, id)
        if (!p || !isSettled(p)) return { refundIds: [], unpaid: null }
        const amount = Math.min(refundAmount(paidTotal(p), noShowTerms(before.cancellationPolicy).percent), refundable(p))
        return this.refund(tx, after, p, amount, 'policy', reason, who.userId, now)
      }),
    )
  }

  /** Staff refund any amount up to what is left (everything, by default), with a reason. */
  async staffRefund(who: AccessClaims, id: string, input: { amount?: number; reason: string }): Promise<Payment> {
    const now = this.deps.clock()
    const outcome = await this.deps.db.transaction(async (tx) => {
      const { r, staff } = await this.reservations.lockVisible(tx, who, id)
      if (!staff) throw forbidden("Only the venue's staff can refund")
      const p = await lockPaymentOf(tx, id)
      if (!p) throw new AppError('nothing_to_refund', 'Nothing has been paid for this reservation', null)
      return this.refund(tx, r, p, input.amount ?? refundable(p), 'staff', input.reason, who.userId, now)
    })
    await sendRefunds(this.deps, outcome.refundIds)
    const [p] = await this.deps.db.select().from(payments).where(eq(payments.reservationId, id))
    return p!
  }

  /** What cancelling now would give back, as the owner will see it before deciding. */
  preview(r: Reservation, p: Payment | undefined, timezone: string, now: Date): RefundPreview | null {
    if (!p || !isSettled(p)) return null
    let terms: RefundTerms
    let basis: RefundPreview['basis'] = 'cancellation'
    if (r.status === 'no_show') {
      terms = noShowTerms(r.cancellationPolicy)
      basis = 'no_show'
    } else if (canTransition(r.status, 'cancelled')) {
      // Every deadline is at or before the start, so after it this answers 0 by itself.
      terms = cancellationTerms(r.cancellationPolicy, r.startsAt, now, timezone)
    } else {
      return null
    }
    const amount = Math.min(refundAmount(paidTotal(p), terms.percent), refundable(p))
    return { amount, currency: p.currency, percent: terms.percent, tier: terms.tier, deadline: terms.deadline, basis }
  }

  private async refund(
    tx: Tx,
    r: Reservation,
    p: Payment,
    amount: number,
    source: 'policy' | 'staff',
    reason: string | null,
    actorId: string,
    now: Date,
  ): Promise<AfterMove> {
    const refund = amount > 0 ? (await reserveRefund(tx, p, { total: amount, source, reason, actorId }, now)).refund : null
    // Money already all back (credits, or an earlier goodwill refund) ends it `refunded` now;
    // a card refund does so when the gateway confirms it.
    await closeIfRefunded(tx, r.id, actorId, reason, now)
    return { refundIds: refund?.status === 'pending' ? [refund.id] : [], unpaid: null }
  }

  private async finish({ reservation, extra }: { reservation: FullReservation; extra: AfterMove }): Promise<FullReservation> {
    await sendRefunds(this.deps, extra.refundIds)
    // An intent nobody will pay now is cancelled at the gateway; if that fails, the job retries.
    if (extra.unpaid) await this.reconciler.abandon(extra.unpaid).catch(() => 'retry')
    // The refunds just sent may have ended it `refunded`.
    const latest = await reservationById(this.deps.db, reservation.id)
    return { ...reservation, ...latest! }
  }
}
