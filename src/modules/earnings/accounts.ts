import { eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import type { Tx } from '../../db/client.js'
import { payoutAccounts } from './schema.js'

/**
 * `account.updated`: Stripe says whether the connected account may receive payouts. Applied
 * as the account now is (the event carries all of it), so order and repeats do not matter.
 * Answers the outcome for the webhook log, or null when the account is not one of ours.
 */
export async function accountUpdated(tx: Tx, account: Stripe.Account, now: Date): Promise<string | null> {
  const [updated] = await tx
    .update(payoutAccounts)
    .set({ payoutsEnabled: account.payouts_enabled === true, detailsSubmitted: account.details_submitted === true, updatedAt: now })
    .where(eq(payoutAccounts.stripeAccountId, account.id))
    .returning({ id: payoutAccounts.practitionerId })
  return updated ? (account.payouts_enabled ? 'payouts_enabled' : 'payouts_disabled') : null
}
