import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { idempotent, sendOutcome } from '../../http/idempotency.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdempotencyHeaders, Page, errorResponses } from '../../http/schemas.js'
import type { CreditEntry, CreditGrant } from './ledger.js'
import { BalanceOut, BalanceQuery, EntryOut, GrantBody, GrantOut, HistoryQuery } from './schemas.js'
import type { CreditService } from './service.js'

export const entryOut = (e: CreditEntry) => ({
  id: e.id,
  kind: e.kind,
  amount: { amount: e.amount, currency: e.currency },
  grant_id: e.grantId,
  reservation_id: e.reservationId,
  payment_id: e.paymentId,
  created_at: e.createdAt.toISOString(),
})

export const grantOut = (g: CreditGrant) => ({
  id: g.id,
  user_id: g.userId,
  kind: g.kind,
  amount: { amount: g.amount, currency: g.currency },
  used: { amount: g.usedAmount, currency: g.currency },
  expires_at: g.expiresAt?.toISOString() ?? null,
  note: g.note,
  created_at: g.createdAt.toISOString(),
})

export async function creditRoutes(app: App, { credits }: { credits: CreditService }) {
  const tags = ['credits']

  app.get('/credits/balance', { schema: { tags, querystring: BalanceQuery, response: { 200: BalanceOut, ...errorResponses } } }, async (req) => ({
    balances: (await credits.balance(requireUser(req), req.query.user_id)).map((b) => ({ amount: b.amount, currency: b.currency })),
  }))

  app.get('/credits/history', { schema: { tags, querystring: HistoryQuery, response: { 200: Page(EntryOut), ...errorResponses } } }, async (req) => {
    const page = pageParams(req.query)
    const { rows, count } = await credits.history(requireUser(req), req.query, page)
    return pageOf(req.url, page, count, rows.map(entryOut))
  })

  app.post(
    '/credits/grants',
    {
      schema: {
        tags,
        summary: 'Give a user credit (admins)',
        body: GrantBody,
        headers: IdempotencyHeaders,
        response: { 201: GrantOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const who = requireUser(req)
      // Granting creates money, so Idempotency-Key is honoured as on every such POST.
      const outcome = await idempotent(credits.deps, req, `user:${who.userId}`, async () => ({
        status: 201,
        body: grantOut(await credits.grant(who, req.body)),
      }))
      return sendOutcome(reply, outcome)
    },
  )
}
