import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { IdParams, IdempotencyHeaders, errorResponses } from '../../http/schemas.js'
import type { CreditPurchase, CreditPurchaseService } from './credit-purchases.js'
import { CreditPurchaseBody, CreditPurchaseOut } from './schemas.js'

const purchaseOut = (p: CreditPurchase) => ({
  id: p.id,
  status: p.status,
  amount: { amount: p.amount, currency: p.currency },
  payment_intent_id: p.intentId,
  client_secret: p.clientSecret,
  grant_id: p.grantId,
  failure_code: p.failureCode,
  created_at: p.createdAt.toISOString(),
})

export async function creditPurchaseRoutes(app: App, { creditPurchases }: { creditPurchases: CreditPurchaseService }) {
  const tags = ['credits']

  // Money moves, so Idempotency-Key is honoured: a retried request gets the same intent.
  app.post(
    '/credits/purchase',
    {
      schema: {
        tags,
        operationId: 'purchaseCredits',
        summary: 'Buy credit with a card; it is granted when the verified webhook says the payment succeeded',
        headers: IdempotencyHeaders,
        body: CreditPurchaseBody,
        response: { 201: CreditPurchaseOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.idempotent(201, async () => purchaseOut(await creditPurchases.purchase(requireUser(req), req.body))),
  )

  app.get(
    '/credits/purchases/:id',
    {
      schema: {
        tags,
        operationId: 'getCreditPurchase',
        summary: 'One of my credit purchases, to follow its payment',
        params: IdParams,
        response: { 200: CreditPurchaseOut, ...errorResponses },
      },
    },
    async (req) => purchaseOut(await creditPurchases.get(requireUser(req), req.params.id)),
  )
}
