import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { grantEntitlements, redeemEntitlements, releaseEntitlements } from '../packages/entitlements.js'
import { cancellationTerms } from '../pricing/cancellation-policy.js'
import { isPurchase } from '../pricing/quote.js'
import { venuesByIds } from '../venues/queries.js'
import { reservationItems, type ReservationStatus } from './schema.js'
import type { Reservation } from './service.js'
import { isActive, isHold } from './state.js'

/** An item whose `active` a move just flipped. */
export interface FlippedItem {
  reservationId: string
  id: string
  position: number
  serviceId: string | null
  quantity: number
  entitlementId: string | null
}

/**
 * A purchase moves only while it is a hold, or back from `expired` when its payment lands late:
 * once paid, its entitlements are out and may be spent, so it cannot be cancelled, checked in or
 * marked a no-show like a booking (money goes back through a staff refund).
 */
function purchaseMayMove(from: ReservationStatus, to: ReservationStatus): boolean {
  return isHold(from) || (from === 'expired' && (to === 'confirmed' || to === 'refunded')) || (from === 'cancelled' && to === 'refunded')
}

/** What moving purchases does: refuses what a purchase cannot do, and grants on confirmation. */
export async function movePurchases(tx: Tx, moved: readonly { from: ReservationStatus; r: Reservation }[], to: ReservationStatus, now: Date) {
  const bought = moved.filter((m) => isPurchase(m.r.quote))
  if (bought.length === 0) return
  const refused = bought.find((m) => !purchaseMayMove(m.from, to))
  if (refused) {
    throw new AppError('purchase_final', 'A paid package or bundle is not cancelled or attended like a booking; ask the practitioner for a refund', {
      id: refused.r.id,
      from: refused.from,
      to,
    })
  }
  if (to !== 'confirmed') return
  const items = await tx
    .select({ reservationId: reservationItems.reservationId, packageId: reservationItems.packageId })
    .from(reservationItems)
    .where(
      and(
        inArray(
          reservationItems.reservationId,
          bought.map((m) => m.r.id),
        ),
        eq(reservationItems.kind, 'package'),
      ),
    )
  const purchase = new Map(bought.map((m) => [m.r.id, m.r]))
  await grantEntitlements(
    tx,
    items.flatMap((i) => {
      const r = purchase.get(i.reservationId)!
      return r.userId ? [{ purchaseId: r.id, userId: r.userId, packageId: i.packageId!, paid: r.totalAmount }] : []
    }),
    now,
  )
}

/**
 * Redeemed items follow their reservation: taken back into use (a late payment confirming an
 * expired hold) they redeem again, and 409 if the sessions are gone meanwhile; released, they
 * give the session back when the hold never became a booking, when the venue cancels, or when
 * the customer cancels while the policy still refunds something. A late cancellation, a no-show
 * or a completed booking keeps it spent.
 */
export async function moveRedemptions(
  tx: Tx,
  flipped: readonly FlippedItem[],
  moved: readonly { from: ReservationStatus; r: Reservation }[],
  to: ReservationStatus,
  actorId: string | null,
  now: Date,
) {
  const redeemed = flipped.filter((i) => i.entitlementId !== null)
  if (redeemed.length === 0) return
  const byId = new Map(moved.map((m) => [m.r.id, m]))
  if (isActive(to)) {
    for (const m of moved) {
      const uses = redeemed
        .filter((i) => i.reservationId === m.r.id)
        .map((i) => ({ item: i.position, entitlementId: i.entitlementId!, serviceId: i.serviceId!, quantity: i.quantity }))
      if (uses.length) await redeemEntitlements(tx, m.r.userId, uses, now)
    }
    return
  }
  const late = moved.filter((m) => to === 'cancelled' && !isHold(m.from) && actorId !== null && actorId === m.r.userId)
  const zones = await venuesByIds(tx, [...new Set(late.map((m) => m.r.venueId))])
  const givesBack = (m: { from: ReservationStatus; r: Reservation }) => {
    if (to === 'expired') return true
    if (to !== 'cancelled') return false
    if (!late.includes(m)) return true
    return cancellationTerms(m.r.cancellationPolicy, m.r.startsAt, now, zones.get(m.r.venueId)!.timezone).percent > 0
  }
  await releaseEntitlements(
    tx,
    redeemed.filter((i) => givesBack(byId.get(i.reservationId)!)).map((i) => ({ entitlementId: i.entitlementId!, quantity: i.quantity })),
  )
}
