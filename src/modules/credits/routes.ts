import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdempotencyHeaders, errorResponses } from '../../http/schemas.js'
import { BalanceOut, BalanceQuery, GrantBody, GrantOut, HistoryQuery, EntryPage } from './schemas.js'
import type { CreditService } from './service.js'
import { entryOut, grantOut } from './views.js'

export async function creditRoutes(app: App, { credits }: { credits: CreditService }) {
  const tags = ['credits']

  app.get(
    '/credits/balance',
    {
      schema: {
        tags,
        operationId: 'getCreditBalance',
        summary: "The caller's credit balance per currency (admins: any user's)",
        querystring: BalanceQuery,
        response: { 200: BalanceOut, ...errorResponses },
      },
    },
    async (req) => ({
      balances: (await credits.balance(requireUser(req), req.query.user_id)).map((b) => ({ amount: b.amount, currency: b.currency })),
    }),
  )

  app.get(
    '/credits/history',
    {
      schema: {
        tags,
        operationId: 'listCreditHistory',
        summary: "The caller's credit ledger (admins: any user's)",
        querystring: HistoryQuery,
        response: { 200: EntryPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => credits.history(requireUser(req), req.query, page), entryOut),
  )

  // Granting creates money, so Idempotency-Key is honoured as on every such POST.
  app.post(
    '/credits/grants',
    {
      schema: {
        tags,
        operationId: 'grantCredit',
        summary: 'Give a user credit (admins)',
        body: GrantBody,
        headers: IdempotencyHeaders,
        response: { 201: GrantOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.idempotent(201, async () => grantOut(await credits.grant(requireUser(req), req.body))),
  )
}
