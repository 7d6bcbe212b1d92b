import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, errorResponses } from '../../http/schemas.js'
import {
  ConnectOut,
  EarningPage,
  EarningsQuery,
  HoldBody,
  HoldOut,
  PayoutOut,
  PayoutPage,
  PractitionerBody,
  PractitionerPageQuery,
  PractitionerQuery,
  SummaryOut,
  TransactionPage,
} from './schemas.js'
import type { EarningsService } from './service.js'
import { earningOut, payoutOut, summaryOut, transactionOut } from './views.js'

export async function earningsRoutes(app: App, { earnings }: { earnings: EarningsService }) {
  const tags = ['earnings']

  app.post(
    '/practitioner/connect',
    {
      schema: {
        tags,
        operationId: 'connectPayoutAccount',
        summary: 'Create or resume the practitioner’s Stripe Connect Express account and get an onboarding link (owners, managers)',
        body: PractitionerBody,
        response: { 200: ConnectOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => {
      const c = await earnings.connect(requireUser(req), req.body?.practitioner_id)
      return { account_id: c.accountId, onboarding_url: c.url, expires_at: c.expiresAt.toISOString(), payouts_enabled: c.payoutsEnabled }
    },
  )

  app.get(
    '/practitioner/earnings',
    {
      schema: {
        tags,
        operationId: 'listEarnings',
        summary: 'The practitioner’s earnings and adjustments, newest first (their staff, admins)',
        querystring: EarningsQuery,
        response: { 200: EarningPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => earnings.earnings(requireUser(req), req.query, page), earningOut),
  )

  app.get(
    '/practitioner/earnings/summary',
    {
      schema: {
        tags,
        operationId: 'getEarningsSummary',
        summary: 'Totals by status, the month’s volume, tier and rate, and the next payout’s estimate',
        querystring: PractitionerQuery,
        response: { 200: SummaryOut, ...errorResponses },
      },
    },
    async (req) => summaryOut(await earnings.summary(requireUser(req), req.query.practitioner_id)),
  )

  app.get(
    '/practitioner/payouts',
    {
      schema: {
        tags,
        operationId: 'listPayouts',
        summary: 'The practitioner’s payouts, newest first',
        querystring: PractitionerPageQuery,
        response: { 200: PayoutPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => earnings.payouts(requireUser(req), req.query.practitioner_id, page), payoutOut),
  )

  // Money moves: Idempotency-Key is honoured, and a repeat without one finds nothing left (409).
  app.post(
    '/practitioner/payouts/request',
    {
      schema: {
        tags,
        operationId: 'requestPayout',
        summary: 'Pay out everything available now (owners, managers)',
        headers: IdempotencyHeaders,
        body: PractitionerBody,
        response: { 201: PayoutOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req, reply) => reply.idempotent(201, async () => payoutOut(await earnings.requestPayout(requireUser(req), req.body?.practitioner_id))),
  )

  app.get(
    '/practitioner/transactions',
    {
      schema: {
        tags,
        operationId: 'listLedgerTransactions',
        summary: 'The ledger: earnings, adjustments and payouts, newest first',
        querystring: PractitionerPageQuery,
        response: { 200: TransactionPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => earnings.transactions(requireUser(req), req.query.practitioner_id, page), transactionOut),
  )

  app.put(
    '/practitioners/:id/payouts-hold',
    {
      schema: {
        tags,
        operationId: 'holdPayouts',
        summary: 'Hold or release a practitioner’s payouts (admins)',
        params: IdParams,
        body: HoldBody,
        response: { 200: HoldOut, ...errorResponses },
      },
    },
    async (req) => {
      const a = await earnings.hold(requireUser(req), req.params.id, req.body)
      return { practitioner_id: a.practitionerId, held: a.heldAt !== null, reason: a.heldReason, held_at: a.heldAt?.toISOString() ?? null }
    },
  )
}
