import { and, eq, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import { rowsOf, type Executor, type Tx } from '../../db/client.js'
import { setFeatured } from '../practitioners/queries.js'
import { practitionerSubscriptions, subscriptionPlans, subscriptionStatuses, type SubscriptionStatus } from './schema.js'

/**
 * `customer.subscription.*`: the subscription is now as the event shows it (the event carries
 * all of it, so order and repeats settle to Stripe's latest word once the last arrives). A plan
 * that features its subscribers features them exactly while the subscription is active.
 * Answers the outcome, or null when the subscription is not one of ours.
 */
export async function subscriptionChanged(tx: Tx, sub: Stripe.Subscription, now: Date): Promise<string | null> {
  const status: SubscriptionStatus = (subscriptionStatuses as readonly string[]).includes(sub.status) ? (sub.status as SubscriptionStatus) : 'unpaid'
  const end = sub.items?.data?.[0]?.current_period_end
  const [row] = await tx
    .update(practitionerSubscriptions)
    .set({ status, ...(typeof end === 'number' ? { currentPeriodEnd: new Date(end * 1000) } : {}), updatedAt: now })
    .where(eq(practitionerSubscriptions.stripeSubscriptionId, sub.id))
    .returning()
  if (!row) return null
  const [plan] = await tx.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, row.planId))
  if (plan?.features) await setFeatured(tx, row.practitionerId, status === 'active')
  return `subscription_${status}`
}

/** What an active subscription takes off the practitioner's commission, in basis points (0 without one). */
export async function commissionDiscount(ex: Executor, practitionerId: string): Promise<number> {
  const [row] = await rowsOf<{ bp: number }>(
    ex,
    sql`select p.commission_discount_bp as bp from practitioner_subscriptions s join subscription_plans p on p.id = s.plan_id
      where s.practitioner_id = ${practitionerId} and s.status = 'active' limit 1`,
  )
  return row?.bp ?? 0
}

export const liveSubscription = async (ex: Executor, practitionerId: string) =>
  (
    await ex
      .select()
      .from(practitionerSubscriptions)
      .where(
        and(eq(practitionerSubscriptions.practitionerId, practitionerId), sql`${practitionerSubscriptions.status} not in ('canceled', 'incomplete_expired')`),
      )
  )[0]
