import { and, eq, isNull, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import type { Deps } from '../../deps.js'
import { rowsOf, type Tx } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { notifyPractitioner } from '../notifications/practitioner-mail.js'
import { GatewayRejection } from '../payments/gateway.js'
import { logPayment } from '../payments/records.js'
import { practitionerById } from '../practitioners/queries.js'
import { clearEarnings, lockAccount } from './ledger.js'
import { earnings, payouts } from './schema.js'

export type Payout = typeof payouts.$inferSelect

/** Why a payout was not made, for the weekly job's count and the request's 409. */
export type PayoutRefusal = 'payouts_disabled' | 'payouts_held' | 'below_minimum'

export const payoutMinimum = (deps: Deps, currency: string) => deps.config.earnings.payoutMinimums[currency] ?? deps.config.earnings.payoutMinimums['*']!

/**
 * One payout of everything available in `currency`: the earnings are reserved (set to this
 * payout, which the partial index allows only while they are in none) in the transaction that
 * creates it, under the practitioner's account lock, so concurrent requests and the weekly job
 * queue and the later ones find nothing left. The transfer goes after commit with the key
 * `payout-{id}`: a retry cannot pay twice. A transfer the gateway refuses gives the earnings
 * back (available for the next payout) and keeps why on the payout.
 */
export async function payOut(deps: Deps, practitionerId: string, currency: string, trigger: Payout['trigger']): Promise<Payout> {
  const now = deps.clock()
  const payout = await deps.db.transaction(async (tx) => {
    const account = await lockAccount(tx, practitionerId, now)
    if (!account.stripeAccountId || !account.payoutsEnabled) {
      throw new AppError('payouts_disabled', 'Payouts need a connected account that Stripe has enabled; finish the onboarding first', {
        account_id: account.stripeAccountId,
      })
    }
    if (account.heldAt) throw new AppError('payouts_held', 'Payouts are on hold for this practitioner', { reason: account.heldReason })
    await clearEarnings(tx, now, practitionerId)
    const [due] = await rowsOf<{ n: number; net: string | number }>(
      tx,
      sql`select count(*)::int as n, coalesce(sum(net), 0) as net from earnings
        where practitioner_id = ${practitionerId} and currency = ${currency} and status = 'available' and payout_id is null`,
    )
    const amount = Number(due!.net)
    const minimum = payoutMinimum(deps, currency)
    if (amount < minimum) {
      throw new AppError('below_minimum', 'Not enough is available for a payout yet', {
        available: { amount, currency },
        minimum: { amount: minimum, currency },
        missing: { amount: minimum - amount, currency },
      })
    }
    const [created] = await tx
      .insert(payouts)
      .values({
        practitionerId,
        currency,
        amount,
        status: 'pending',
        trigger,
        destination: account.stripeAccountId,
        earningCount: due!.n,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    const reserved = await tx
      .update(earnings)
      .set({ payoutId: created!.id })
      .where(and(eq(earnings.practitionerId, practitionerId), eq(earnings.currency, currency), eq(earnings.status, 'available'), isNull(earnings.payoutId)))
      .returning({ id: earnings.id })
    // Cannot differ under the account lock; if it ever did, nothing is paid.
    if (reserved.length !== due!.n) throw new AppError('conflict', 'The earnings changed meanwhile; try again', null)
    return created!
  })
  return transfer(deps, payout)
}

/** Sends a reserved payout's transfer and settles the payout by the answer. */
export async function transfer(deps: Deps, payout: Payout): Promise<Payout> {
  try {
    const sent = await deps.gateway.transfer({
      amount: payout.amount,
      currency: payout.currency,
      destination: payout.destination,
      idempotencyKey: `payout-${payout.id}`,
      metadata: { payout_id: payout.id, practitioner_id: payout.practitionerId },
    })
    return settle(deps, payout, { transferId: sent.id })
  } catch (error) {
    // No answer (a timeout): the transfer may have happened; the payout stays pending and the
    // job sends it again with the same key, which Stripe answers with the same transfer.
    if (!(error instanceof GatewayRejection)) return payout
    return settle(deps, payout, { failure: { code: error.code ?? 'transfer_failed', message: error.message.slice(0, 500) } })
  }
}

async function settle(deps: Deps, payout: Payout, outcome: { transferId: string } | { failure: { code: string; message: string } }): Promise<Payout> {
  const now = deps.clock()
  return deps.db.transaction(async (tx) => {
    await lockAccount(tx, payout.practitionerId, now)
    const paid = 'transferId' in outcome
    const [settled] = await tx
      .update(payouts)
      .set(
        paid
          ? { status: 'paid', transferId: outcome.transferId, updatedAt: now }
          : { status: 'failed', failureCode: outcome.failure.code, failureMessage: outcome.failure.message, updatedAt: now },
      )
      .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'pending')))
      .returning()
    if (!settled) return (await tx.select().from(payouts).where(eq(payouts.id, payout.id)))[0]!
    if (paid) await tx.update(earnings).set({ status: 'paid' }).where(eq(earnings.payoutId, payout.id))
    else await tx.update(earnings).set({ payoutId: null }).where(eq(earnings.payoutId, payout.id))
    const p = (await practitionerById(tx, payout.practitionerId))!
    await notifyPractitioner(
      tx,
      { userId: p.userId, venueId: p.venueId },
      paid
        ? { template: 'payout_sent', amount: payout.amount, currency: payout.currency }
        : { template: 'payout_failed', amount: payout.amount, currency: payout.currency, reason: outcome.failure.code },
      { id: payout.id, key: payout.id },
      now,
    )
    return settled
  })
}

/**
 * `transfer.reversed`: Stripe took a paid payout's money back from the connected account. A
 * full reversal ends the payout `failed` (code `transfer_reversed`) and its earnings are owed
 * again, available for the next payout; a partial one is logged for a person, since which
 * earnings it takes back is a decision. Answers the outcome, or null for a transfer not ours.
 */
export async function transferReversed(tx: Tx, transfer: Stripe.Transfer, now: Date): Promise<string | null> {
  const [found] = await tx.select({ practitionerId: payouts.practitionerId }).from(payouts).where(eq(payouts.transferId, transfer.id))
  if (!found) return null
  await lockAccount(tx, found.practitionerId, now)
  const [payout] = await tx.select().from(payouts).where(eq(payouts.transferId, transfer.id))
  if (payout!.status !== 'paid') return 'already_reversed'
  if ((transfer.amount_reversed ?? 0) < payout!.amount) {
    await logPayment(tx, now, { kind: 'error', code: 'transfer_partially_reversed', raw: { payout_id: payout!.id, transfer } })
    return 'transfer_partially_reversed'
  }
  await tx
    .update(payouts)
    .set({ status: 'failed', failureCode: 'transfer_reversed', failureMessage: 'the transfer was reversed at Stripe', updatedAt: now })
    .where(and(eq(payouts.id, payout!.id), eq(payouts.status, 'paid')))
  await tx.update(earnings).set({ status: 'available', payoutId: null }).where(eq(earnings.payoutId, payout!.id))
  const p = (await practitionerById(tx, payout!.practitionerId))!
  await notifyPractitioner(
    tx,
    { userId: p.userId, venueId: p.venueId },
    { template: 'payout_failed', amount: payout!.amount, currency: payout!.currency, reason: 'transfer_reversed' },
    { id: payout!.id, key: `${payout!.id}:reversed` },
    now,
  )
  return 'transfer_reversed'
}
