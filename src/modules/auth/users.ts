import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { users } from './schema.js'

/** What other modules may know of an account: how to address and reach its owner. */
export interface UserContact {
  id: string
  email: string
  name: string
  phone: string | null
}

const contactColumns = { id: users.id, email: users.email, name: users.name, phone: users.phone }

/** The account with this email (case-insensitive), if any. */
export async function contactByEmail(ex: Executor, email: string): Promise<UserContact | undefined> {
  const [user] = await ex
    .select(contactColumns)
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
  return user
}

/** The accounts with these ids, by id; unknown ids are left out. */
export async function contactsOf(ex: Executor, ids: readonly string[]): Promise<Map<string, UserContact>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select(contactColumns)
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]))
  return new Map(rows.map((u) => [u.id, u]))
}

/** What a payment provider needs to know of a payer: how to name them, and their customer there. */
export interface BillingContact extends UserContact {
  stripeCustomerId: string | null
}

/** The account with this id, with its Stripe customer id (null until its first card checkout). */
export async function billingContactOf(ex: Executor, userId: string): Promise<BillingContact | undefined> {
  const [user] = await ex
    .select({ ...contactColumns, stripeCustomerId: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId))
  return user
}

/**
 * Keeps `customerId` as the user's Stripe customer unless one is kept already, and answers the
 * one kept. The only writer of `stripe_customer_id`: the update is conditional, so of two
 * checkouts that each made a customer, the first to write wins and the other takes the winner's.
 */
export async function keepStripeCustomer(ex: Executor, userId: string, customerId: string): Promise<string> {
  const [kept] = await ex
    .update(users)
    .set({ stripeCustomerId: customerId })
    .where(and(eq(users.id, userId), isNull(users.stripeCustomerId)))
    .returning({ id: users.stripeCustomerId })
  if (kept?.id) return kept.id
  const winner = await billingContactOf(ex, userId)
  if (!winner?.stripeCustomerId) throw new Error(`user ${userId} has no Stripe customer after keeping one`)
  return winner.stripeCustomerId
}
