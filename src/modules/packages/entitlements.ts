import { asc, count, eq, inArray, sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Executor, type Tx } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import { offersOf } from './queries.js'
import { entitlements, packages } from './schema.js'

export type Entitlement = typeof entitlements.$inferSelect

/** Sessions one reservation item takes from an entitlement. */
export interface Redemption {
  item: number
  entitlementId: string
  serviceId: string
  quantity: number
}

/*
 * Invariant: an entitlement's `used` is the number of sessions its active and consumed items
 * hold. Only these functions write it, each with a conditional update under the CHECK
 * (used between 0 and total): the reservation's transition table decides when (a booking
 * takes, an expiry or a cancellation within policy gives back), exactly once per move.
 */

/**
 * Takes the sessions of each item from its entitlement, in the booking's transaction. The
 * update is conditional, so of concurrent bookings only as many succeed as sessions remain;
 * the others get 409 `entitlement_used_up` and roll back with nothing written. Entitlements are
 * taken in id order so two bookings redeeming the same two cannot deadlock.
 */
export async function redeemEntitlements(tx: Tx, userId: string | null, uses: readonly Redemption[], now: Date): Promise<void> {
  for (const use of [...uses].sort((a, b) => a.entitlementId.localeCompare(b.entitlementId))) {
    const taken = await rowsOf<{ id: string }>(
      tx,
      sql`update entitlements set used = used + ${use.quantity}
        where id = ${use.entitlementId} and user_id = ${userId} and service_id = ${use.serviceId}
          and lapsed_at is null and expires_at > ${now.toISOString()} and used + ${use.quantity} <= total
        returning id`,
    )
    if (taken.length === 0) throw await whyNot(tx, userId, use, now)
  }
}

/** Says why a redemption missed: someone else's or another service's is not found; then expiry; then nothing left. */
async function whyNot(tx: Tx, userId: string | null, use: Redemption, now: Date): Promise<AppError> {
  const [e] = await tx.select().from(entitlements).where(eq(entitlements.id, use.entitlementId))
  if (!e || e.userId !== userId || e.serviceId !== use.serviceId) {
    return new AppError('not_found', 'Entitlement not found for this service', { item: use.item, entitlement_id: use.entitlementId })
  }
  if (e.lapsedAt !== null || e.expiresAt <= now) {
    return new AppError('entitlement_expired', 'The entitlement has expired', { item: use.item, expires_at: e.expiresAt.toISOString() })
  }
  return new AppError('entitlement_used_up', 'No sessions left on this entitlement', { item: use.item, total: e.total, used: e.used })
}

/** Gives sessions back (a hold that lapsed, a cancellation within policy). Never below zero. */
export async function releaseEntitlements(tx: Tx, uses: readonly { entitlementId: string; quantity: number }[]): Promise<void> {
  if (uses.length === 0) return
  const sums = new Map<string, number>()
  for (const u of uses) sums.set(u.entitlementId, (sums.get(u.entitlementId) ?? 0) + u.quantity)
  const ids = [...sums.keys()].sort()
  await rowsOf(
    tx,
    sql`update entitlements e set used = e.used - x.q
      from unnest(${pgArray(ids)}::uuid[], ${pgArray(ids.map((id) => String(sums.get(id))))}::int[]) as x(id, q)
      where e.id = x.id and e.used >= x.q
      returning e.id`,
  )
}

/**
 * What a paid purchase gives its buyer: per service of the package, its sessions, valid from
 * now for the package's days, each session valued at its share of `paid` (by the services'
 * prices), so a practitioner's earning can state what a redeemed session was worth. Once per
 * purchase and service (unique), so a repeated confirmation grants nothing more.
 */
export async function grantEntitlements(
  tx: Tx,
  purchases: readonly { purchaseId: string; userId: string; packageId: string; paid: number }[],
  now: Date,
): Promise<void> {
  if (purchases.length === 0) return
  const offers = new Map(
    (
      await offersOf(
        tx,
        await tx
          .select()
          .from(packages)
          .where(inArray(packages.id, [...new Set(purchases.map((p) => p.packageId))])),
      )
    ).map((o) => [o.pkg.id, o]),
  )
  const rows = purchases.flatMap((p) => {
    const offer = offers.get(p.packageId)!
    return offer.items.map((i) => ({
      userId: p.userId,
      packageId: p.packageId,
      serviceId: i.serviceId,
      purchaseId: p.purchaseId,
      total: i.sessions,
      unitValue:
        offer.listPrice > 0 ? Math.round((p.paid * i.unitAmount) / offer.listPrice) : Math.floor(p.paid / offer.items.reduce((n, x) => n + x.sessions, 0)),
      expiresAt: new Date(now.getTime() + offer.pkg.validForDays * 86_400_000),
      createdAt: now,
    }))
  })
  await tx
    .insert(entitlements)
    .values(rows)
    .onConflictDoNothing({ target: [entitlements.purchaseId, entitlements.serviceId] })
}

/** What the redeemed sessions of these items were bought for, in all (0 when none redeem). */
export async function redeemedValue(ex: Executor, uses: readonly { entitlementId: string; quantity: number }[]): Promise<number> {
  if (uses.length === 0) return 0
  const found = await ex
    .select({ id: entitlements.id, unitValue: entitlements.unitValue })
    .from(entitlements)
    .where(
      inArray(
        entitlements.id,
        uses.map((u) => u.entitlementId),
      ),
    )
  const value = new Map(found.map((e) => [e.id, e.unitValue]))
  return uses.reduce((sum, u) => sum + (value.get(u.entitlementId) ?? 0) * u.quantity, 0)
}

/** The lapse job: marks what expired; redemption never waited for it. Answers how many it marked. */
export async function lapseEntitlements(ex: Executor, now: Date, limit = 1000): Promise<number> {
  const rows = await rowsOf<{ id: string }>(
    ex,
    sql`update entitlements set lapsed_at = ${now.toISOString()}
      where id in (select id from entitlements where lapsed_at is null and expires_at <= ${now.toISOString()} order by expires_at limit ${limit})
      returning id`,
  )
  return rows.length
}

/** A user's entitlements, soonest expiring first, lapsed and used-up ones included. */
export async function entitlementsOf(ex: Executor, userId: string, page: PageParams): Promise<{ rows: Entitlement[]; count: number }> {
  const where = eq(entitlements.userId, userId)
  const [rows, [total]] = await Promise.all([
    ex.select().from(entitlements).where(where).orderBy(asc(entitlements.expiresAt), asc(entitlements.id)).limit(page.pageSize).offset(offsetOf(page)),
    ex.select({ n: count() }).from(entitlements).where(where),
  ])
  return { rows, count: total!.n }
}
