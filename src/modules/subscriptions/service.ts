import { and, asc, count, eq } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import type { Deps } from '../../deps.js'
import { constraintName, sqlState } from '../../db/errors.js'
import { AppError, forbidden, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { billingContactOf } from '../auth/users.js'
import { customerFor } from '../payments/checkout.js'
import { gatewayFailure } from '../payments/gateway.js'
import { MANAGERS } from '../venues/access.js'
import { practitionerInScope } from '../practitioners/queries.js'
import { liveSubscription } from './billing.js'
import { practitionerSubscriptions, subscriptionPlans } from './schema.js'

export type Plan = typeof subscriptionPlans.$inferSelect
export type Subscription = typeof practitionerSubscriptions.$inferSelect

export interface PlanInput {
  name: string
  price: { amount: number; currency: string }
  interval: 'month' | 'year'
  commission_discount_percent?: number
  features?: boolean
}

/**
 * Platform plans for practitioners, billed by Stripe Billing: a plan is a recurring price at
 * Stripe; a subscription starts `incomplete` until its first invoice is paid, and its status
 * follows Stripe's webhooks from then on (`subscriptionChanged`).
 */
export class SubscriptionService {
  constructor(private readonly deps: Deps) {}

  async createPlan(who: AccessClaims, input: PlanInput): Promise<Plan> {
    if (who.role !== 'admin') throw forbidden('Only administrators define plans')
    const id = randomUUID()
    const price = await this.deps.gateway
      .createPrice({ name: input.name, amount: input.price.amount, currency: input.price.currency, interval: input.interval, idempotencyKey: `plan-${id}` })
      .catch(gatewayError)
    const [plan] = await this.deps.db
      .insert(subscriptionPlans)
      .values({
        id,
        name: input.name,
        amount: input.price.amount,
        currency: input.price.currency,
        interval: input.interval,
        commissionDiscountBp: Math.round((input.commission_discount_percent ?? 0) * 100),
        features: input.features ?? false,
        stripePriceId: price.id,
        createdAt: this.deps.clock(),
      })
      .returning()
    return plan!
  }

  async plans(page: PageParams): Promise<{ rows: Plan[]; count: number }> {
    const where = eq(subscriptionPlans.isActive, true)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(subscriptionPlans)
        .where(where)
        .orderBy(asc(subscriptionPlans.amount), asc(subscriptionPlans.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(subscriptionPlans).where(where),
    ])
    return { rows, count: total!.n }
  }

  /**
   * Subscribes the practitioner (owners, managers): the row first, so the unique index lets one
   * live subscription exist (409 `already_subscribed`), then the subscription at Stripe for the
   * practitioner's own customer, keyed by the row. Answers it with the first invoice's secret.
   */
  async subscribe(who: AccessClaims, input: { plan_id: string; practitioner_id?: string }): Promise<{ sub: Subscription; clientSecret: string | null }> {
    const p = await practitionerInScope(this.deps.db, who, input.practitioner_id, MANAGERS)
    const [plan] = await this.deps.db
      .select()
      .from(subscriptionPlans)
      .where(and(eq(subscriptionPlans.id, input.plan_id), eq(subscriptionPlans.isActive, true)))
    if (!plan) throw notFound('Plan')
    const now = this.deps.clock()
    let row: Subscription
    try {
      row = (
        await this.deps.db
          .insert(practitionerSubscriptions)
          .values({ practitionerId: p.id, planId: plan.id, status: 'incomplete', createdAt: now, updatedAt: now })
          .returning()
      )[0]!
    } catch (error) {
      if (sqlState(error) === '23505' && constraintName(error) === 'practitioner_subscriptions_live_key') {
        throw new AppError('already_subscribed', 'The practitioner already has a subscription; cancel it first', null)
      }
      throw error
    }
    try {
      const contact = (await billingContactOf(this.deps.db, p.userId))!
      const customerId = await customerFor(this.deps, contact)
      const sub = await this.deps.gateway.createSubscription({
        customerId,
        priceId: plan.stripePriceId,
        metadata: { practitioner_id: p.id, subscription_id: row.id },
        idempotencyKey: `subscription-${row.id}`,
      })
      const [stored] = await this.deps.db
        .update(practitionerSubscriptions)
        .set({ stripeSubscriptionId: sub.id, updatedAt: this.deps.clock() })
        .where(eq(practitionerSubscriptions.id, row.id))
        .returning()
      return { sub: stored!, clientSecret: sub.clientSecret }
    } catch (error) {
      // Nothing was made at Stripe, or nothing we can find again: the attempt is over.
      await this.deps.db
        .update(practitionerSubscriptions)
        .set({ status: 'incomplete_expired', updatedAt: this.deps.clock() })
        .where(eq(practitionerSubscriptions.id, row.id))
      return gatewayError(error)
    }
  }

  async current(who: AccessClaims, practitionerId?: string): Promise<Subscription> {
    const p = await practitionerInScope(this.deps.db, who, practitionerId)
    const sub = await liveSubscription(this.deps.db, p.id)
    if (!sub) throw notFound('Subscription')
    return sub
  }

  /** Cancels at Stripe now; `customer.subscription.deleted` then ends it here (and its featuring). */
  async cancel(who: AccessClaims, practitionerId?: string): Promise<Subscription> {
    const p = await practitionerInScope(this.deps.db, who, practitionerId, MANAGERS)
    const sub = await liveSubscription(this.deps.db, p.id)
    if (!sub?.stripeSubscriptionId) throw notFound('Subscription')
    await this.deps.gateway.cancelSubscription(sub.stripeSubscriptionId, `cancel-${sub.id}`).catch(gatewayError)
    return sub
  }
}

function gatewayError(error: unknown): never {
  throw error instanceof AppError ? error : gatewayFailure(error)
}
