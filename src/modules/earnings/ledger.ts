import { and, eq, sql } from 'drizzle-orm'
import { DateTime } from '../../luxon.js'
import type { Config } from '../../config.js'
import { rowsOf, type Executor, type Tx } from '../../db/client.js'
import type { EventOf, RelayedEvent } from '../events/domain-events.js'
import { redeemedValue } from '../packages/entitlements.js'
import { keptPayment } from '../payments/records.js'
import { practitionerOfVenue } from '../practitioners/queries.js'
import { hasMarketplaceItems } from '../pricing/quote.js'
import { commissionDiscount } from '../subscriptions/billing.js'
import { redemptionsOfReservation, reservationById } from '../reservations/reads.js'
import { venuesByIds } from '../venues/queries.js'
import { earnings, payoutAccounts } from './schema.js'

export type Earning = typeof earnings.$inferSelect
export type PayoutAccount = typeof payoutAccounts.$inferSelect
type Settings = Config['earnings']

/** Rates in basis points: standard, past the first threshold, past the second. */
export const TIER_RATES = [500, 400, 300] as const

/**
 * The practitioner's payout account row, made on first use, locked: every write to their
 * earnings and payouts takes this lock first, so the month's volume a rate is read from and the
 * earnings a payout reserves cannot change under it.
 */
export async function lockAccount(tx: Tx, practitionerId: string, now: Date): Promise<PayoutAccount> {
  await tx.insert(payoutAccounts).values({ practitionerId, updatedAt: now }).onConflictDoNothing()
  const [row] = await tx.select().from(payoutAccounts).where(eq(payoutAccounts.practitionerId, practitionerId)).for('update')
  return row!
}

/** The tier a booking falls in: by the month's completed volume before it (past a threshold, not at it). */
export function tierOf(volumeBefore: number, currency: string, settings: Settings): { tier: 0 | 1 | 2; rateBp: number } {
  const [first, second] = settings.tiers[currency] ?? settings.tiers['*']!
  const tier = volumeBefore > second ? 2 : volumeBefore > first ? 1 : 0
  return { tier, rateBp: TIER_RATES[tier] }
}

/** The month's completed volume (gross of its earnings, before refunds) in one currency. */
export async function monthVolume(ex: Executor, practitionerId: string, month: string, currency: string): Promise<number> {
  const [row] = await rowsOf<{ v: string | number }>(
    ex,
    sql`select coalesce(sum(gross), 0) as v from earnings
      where practitioner_id = ${practitionerId} and month = ${month} and currency = ${currency} and kind = 'earning'`,
  )
  return Number(row!.v)
}

export const commissionOf = (gross: number, rateBp: number) => Math.round((gross * rateBp) / 10_000)

/**
 * A completed marketplace booking earns once: what its customer paid and kept (card, credits)
 * and what its redeemed sessions were bought for, less the commission of the practitioner's
 * tier that month (in their zone, at the completion's instant). A booking that was refunded in
 * full before it completed, or that nobody paid, earns nothing.
 */
export async function earnFromCompletion(tx: Tx, event: EventOf<'reservation.completed'> & RelayedEvent, settings: Settings): Promise<void> {
  const r = await reservationById(tx, event.aggregateId)
  if (!r || !hasMarketplaceItems(r.quote)) return
  const practitioner = await practitionerOfVenue(tx, r.venueId)
  if (!practitioner) return
  const paid = await keptPayment(tx, r.id)
  const packageAmount = await redeemedValue(tx, await redemptionsOfReservation(tx, r.id))
  const cardAmount = Math.max(0, paid?.card ?? 0)
  const creditAmount = Math.max(0, paid?.credits ?? 0)
  const gross = cardAmount + creditAmount + packageAmount
  if (gross === 0) return
  const completedAt = event.createdAt
  const zone = (await venuesByIds(tx, [r.venueId])).get(r.venueId)!.timezone
  const month = DateTime.fromJSDate(completedAt, { zone }).toFormat('yyyy-MM')
  await lockAccount(tx, practitioner.id, completedAt)
  // A plan may lower the tier's rate while its subscription is active at completion.
  const tier = tierOf(await monthVolume(tx, practitioner.id, month, r.currency), r.currency, settings)
  const rateBp = Math.max(0, tier.rateBp - (await commissionDiscount(tx, practitioner.id)))
  const commission = commissionOf(gross, rateBp)
  const availableAt = new Date(completedAt.getTime() + settings.clearingHours * 3600_000)
  await tx
    .insert(earnings)
    .values({
      practitionerId: practitioner.id,
      reservationId: r.id,
      kind: 'earning',
      currency: r.currency,
      cardAmount,
      creditAmount,
      packageAmount,
      gross,
      rateBp,
      commission,
      net: gross - commission,
      month,
      status: settings.clearingHours === 0 ? 'available' : 'pending',
      availableAt,
      createdAt: completedAt,
    })
    .onConflictDoNothing()
}

/**
 * A refund after the booking earned: a negative adjustment at the earning's rate, once per
 * refund. History is not edited; the next payout nets it (it is available as soon as the
 * earning it corrects is). A refund before completion needs none: the earning counts what was kept.
 */
export async function adjustForRefund(tx: Tx, event: EventOf<'payment.refunded'>, now: Date): Promise<void> {
  const [earning] = await tx
    .select()
    .from(earnings)
    .where(and(eq(earnings.reservationId, event.payload.reservation_id), eq(earnings.kind, 'earning')))
  if (!earning) return
  await lockAccount(tx, earning.practitionerId, now)
  const gross = -event.payload.refunded
  const commission = -commissionOf(event.payload.refunded, earning.rateBp)
  const cleared = earning.availableAt <= now
  await tx
    .insert(earnings)
    .values({
      practitionerId: earning.practitionerId,
      reservationId: earning.reservationId,
      refundId: event.payload.refund_id,
      kind: 'adjustment',
      currency: earning.currency,
      cardAmount: gross,
      creditAmount: 0,
      packageAmount: 0,
      gross,
      rateBp: earning.rateBp,
      commission,
      net: gross - commission,
      month: earning.month,
      status: cleared ? 'available' : 'pending',
      availableAt: cleared ? now : earning.availableAt,
      createdAt: now,
    })
    .onConflictDoNothing()
}

/** Earnings whose clearing period is over become available. Answers what cleared, per practitioner and currency. */
export async function clearEarnings(ex: Executor, now: Date, practitionerId?: string): Promise<{ practitionerId: string; currency: string; net: number }[]> {
  const rows = await rowsOf<{ practitioner_id: string; currency: string; net: string | number }>(
    ex,
    sql`with cleared as (
        update earnings set status = 'available'
        where status = 'pending' and available_at <= ${now.toISOString()} ${practitionerId ? sql`and practitioner_id = ${practitionerId}` : sql``}
        returning practitioner_id, currency, net
      )
      select practitioner_id, currency, sum(net) as net from cleared group by 1, 2`,
  )
  return rows.map((r) => ({ practitionerId: r.practitioner_id, currency: r.currency, net: Number(r.net) }))
}

/** A practitioner's earnings net per local period of their writing (completion), in one currency. */
export async function earningsByPeriod(
  ex: Executor,
  practitionerId: string,
  zone: string,
  interval: 'day' | 'week' | 'month',
  from: string,
  to: string,
): Promise<Map<string, { gross: number; commission: number; net: number }>> {
  const rows = await rowsOf<{ period: string; gross: string; commission: string; net: string }>(
    ex,
    sql`
      select to_char(date_trunc(${interval}::text, created_at at time zone ${zone}), 'YYYY-MM-DD') as period,
        sum(gross)::text as gross, sum(commission)::text as commission, sum(net)::text as net
      from earnings
      where practitioner_id = ${practitionerId}
        and created_at >= (${from}::date - 1)::timestamptz and created_at < (${to}::date + 2)::timestamptz
        and (created_at at time zone ${zone})::date between ${from}::date and ${to}::date
      group by 1`,
  )
  return new Map(rows.map((r) => [r.period, { gross: Number(r.gross), commission: Number(r.commission), net: Number(r.net) }]))
}
