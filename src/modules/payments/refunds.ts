import { and, eq, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { rowsOf, type Tx } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { refundToCredits } from '../credits/ledger.js'
import { GatewayRejection } from './gateway.js'
import { isSettled, logPayment, paymentEvent, refundable, statusAfterRefunds, type Payment, type Refund } from './records.js'
import { payments, refunds, type RefundSource } from './schema.js'
import { lockReservation } from '../reservations/reads.js'
import { moveReservation } from '../reservations/transition.js'
import { canTransition, isActive } from '../reservations/state.js'

export interface RefundRequest {
  total: number
  source: RefundSource
  reason: string | null
  actorId: string | null
}

/**
 * Reserves a refund on a payment the caller has locked: the card part first, then credits,
 * which go back to the customer's balance at once. The update is conditional on the amounts
 * we read and the table's checks stand behind it, so no interleaving of refunds can return
 * more than was paid. The card part reaches the gateway after commit (`sendRefund`).
 */
export async function reserveRefund(tx: Tx, p: Payment, req: RefundRequest, now: Date): Promise<{ refund: Refund; payment: Payment }> {
  if (!isSettled(p)) throw new AppError('nothing_to_refund', 'Nothing has been paid for this reservation', { payment_status: p.status })
  const left = refundable(p)
  if (req.total <= 0) throw new AppError('nothing_to_refund', 'Nothing is left to refund', { refundable: left })
  if (req.total > left) throw new AppError('refund_exceeds_paid', 'That is more than is left to refund', { requested: req.total, refundable: left })
  const card = Math.min(req.total, p.capturedAmount - p.refundedAmount)
  const credits = req.total - card
  const [updated] = await tx
    .update(payments)
    .set({
      refundedAmount: p.refundedAmount + card,
      creditRefundedAmount: p.creditRefundedAmount + credits,
      status: statusAfterRefunds(p, p.refundedAmount + card, p.creditRefundedAmount + credits),
      updatedAt: now,
    })
    .where(and(eq(payments.id, p.id), eq(payments.refundedAmount, p.refundedAmount), eq(payments.creditRefundedAmount, p.creditRefundedAmount)))
    .returning()
  if (!updated) throw new AppError('conflict', 'The payment changed meanwhile, reload it', { payment_id: p.id })
  if (credits > 0 && p.userId) {
    await refundToCredits(tx, { userId: p.userId, currency: p.currency, amount: credits, paymentId: p.id, reservationId: p.reservationId, now })
  }
  const [next] = await rowsOf<{ seq: number }>(tx, sql`select coalesce(max(seq), 0)::int + 1 as seq from refunds where payment_id = ${p.id}`)
  const [refund] = await tx
    .insert(refunds)
    .values({
      paymentId: p.id,
      reservationId: p.reservationId,
      seq: next!.seq,
      amount: card,
      creditAmount: credits,
      currency: p.currency,
      // A refund wholly in credits is done; a card part waits for the gateway.
      status: card > 0 ? 'pending' : 'succeeded',
      source: req.source,
      reason: req.reason,
      actorId: req.actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
  await paymentEvent(tx, now, 'payment.refunded', updated, { refund_id: refund!.id, refunded: req.total, source: req.source })
  return { refund: refund!, payment: updated }
}

export type SendOutcome = 'sent' | 'rejected' | 'retry' | 'skipped'

/**
 * Sends a reserved refund's card part to the gateway with the key
 * `"{reservation_id}-refund-{seq}"`: retried after a timeout or by the reconciliation job,
 * the gateway answers with the refund it already made instead of making another.
 */
export async function sendRefund(deps: Deps, refundId: string): Promise<SendOutcome> {
  const [row] = await deps.db
    .select({ refund: refunds, payment: payments })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(eq(refunds.id, refundId))
  if (!row || row.refund.status !== 'pending' || row.refund.gatewayRefundId || !row.payment.intentId) return 'skipped'
  const { refund, payment } = row
  const now = deps.clock()
  try {
    const answer = await deps.gateway.refund({
      intentId: payment.intentId!,
      amount: refund.amount,
      reservationId: refund.reservationId,
      refundId: refund.id,
      idempotencyKey: `${refund.reservationId}-refund-${refund.seq}`,
    })
    await deps.db.transaction(async (tx) => {
      // The reservation first, as every change to its money locks it (see `lockReservation`).
      await lockReservation(tx, refund.reservationId)
      if (answer.status === 'failed' || answer.status === 'canceled') {
        await failRefund(tx, refund.id, `The gateway answered ${answer.status}`, now)
      } else {
        await tx
          .update(refunds)
          .set({ gatewayRefundId: answer.id, status: answer.status === 'succeeded' ? 'succeeded' : 'pending', updatedAt: now })
          .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')))
        await closeIfRefunded(tx, refund.reservationId, refund.actorId, refund.reason, now)
      }
      await logPayment(tx, now, { kind: 'refund_created', paymentId: payment.id, reservationId: refund.reservationId, raw: answer.raw })
    })
    return 'sent'
  } catch (error) {
    if (error instanceof GatewayRejection) {
      await deps.db.transaction(async (tx) => {
        await lockReservation(tx, refund.reservationId)
        await failRefund(tx, refund.id, error.message, now)
        await logPayment(tx, now, {
          kind: 'error',
          paymentId: payment.id,
          reservationId: refund.reservationId,
          code: error.code ?? 'refund_rejected',
          raw: error.raw ?? { message: error.message },
        })
      })
      return 'rejected'
    }
    // Unreachable or failing gateway: the refund stays pending and the job sends it again.
    await logPayment(deps.db, now, {
      kind: 'error',
      paymentId: payment.id,
      reservationId: refund.reservationId,
      code: 'refund_retry',
      raw: { message: (error as Error).message },
    })
    return 'retry'
  }
}

/**
 * A refund the gateway refused or failed: its card amount is given back to the payment's
 * refundable amount, once (the status update is conditional).
 */
export async function failRefund(tx: Tx, refundId: string, message: string, now: Date): Promise<boolean> {
  const [failed] = await tx
    .update(refunds)
    .set({ status: 'failed', failureMessage: message.slice(0, 500), updatedAt: now })
    .where(and(eq(refunds.id, refundId), sql`${refunds.status} <> 'failed'`))
    .returning()
  if (!failed) return false
  const [p] = await tx.select().from(payments).where(eq(payments.id, failed.paymentId)).for('update')
  const refundedCard = p!.refundedAmount - failed.amount
  await tx
    .update(payments)
    .set({ refundedAmount: refundedCard, status: statusAfterRefunds(p!, refundedCard, p!.creditRefundedAmount), updatedAt: now })
    .where(eq(payments.id, p!.id))
  return true
}

/**
 * Sends each refund in turn, after the change that decided them has committed. Failures are
 * recorded and retried by the job; they must not turn a committed cancellation into a 5xx.
 */
export async function sendRefunds(deps: Deps, refundIds: readonly string[]): Promise<void> {
  for (const id of refundIds) await sendRefund(deps, id).catch(() => 'retry')
}

/**
 * A reservation that holds no inventory reads `refunded` once every cent has gone back:
 * confirmed by the gateway, not merely asked for, so a refused refund never leaves it there.
 */
export async function closeIfRefunded(tx: Tx, reservationId: string, actorId: string | null, reason: string | null, now: Date): Promise<void> {
  const r = await lockReservation(tx, reservationId)
  if (!r || isActive(r.status) || !canTransition(r.status, 'refunded')) return
  const [p] = await tx.select().from(payments).where(eq(payments.reservationId, reservationId))
  if (p?.status !== 'refunded') return
  const [open] = await tx
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.paymentId, p.id), eq(refunds.status, 'pending')))
    .limit(1)
  if (!open) await moveReservation(tx, r, 'refunded', actorId, reason ?? 'refunded in full', now)
}
