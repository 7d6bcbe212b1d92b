import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, errorResponses } from '../../http/schemas.js'
import type { CancellationService } from './cancellation.js'
import type { CheckoutService } from './checkout.js'
import type { PaymentQueries } from './history.js'
import {
  CheckoutBody,
  CheckoutOut,
  PaymentHistoryQuery,
  PaymentLogPage,
  PaymentLogQuery,
  PaymentOut,
  RefundBody,
  StripeEventBody,
  WebhookOut,
  PaymentPage,
} from './schemas.js'
import { checkoutOut, paymentOut } from './views.js'
import type { WebhookService } from './webhooks.js'

interface Services {
  checkout: CheckoutService
  cancellations: CancellationService
  paymentQueries: PaymentQueries
  webhooks: WebhookService
}

const headers = IdempotencyHeaders

export async function paymentRoutes(app: App, { checkout, cancellations, paymentQueries, webhooks }: Services) {
  const tags = ['payments']

  app.post(
    '/reservations/:id/checkout',
    {
      schema: {
        tags,
        operationId: 'checkoutReservation',
        summary: 'Pay for a held reservation (credits first, then the card)',
        params: IdParams,
        headers,
        body: CheckoutBody,
        response: { 200: CheckoutOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req, reply) => reply.idempotent(200, async () => checkoutOut(await checkout.checkout(requireUser(req), req.params.id, req.body))),
  )

  app.post(
    '/reservations/:id/refund',
    {
      schema: {
        tags,
        operationId: 'refundReservation',
        summary: 'Refund up to what is left (staff)',
        params: IdParams,
        headers,
        body: RefundBody,
        response: { 200: PaymentOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.idempotent(200, async () => {
        const payment = await cancellations.staffRefund(requireUser(req), req.params.id, req.body)
        const view = await paymentQueries.ofReservation(payment.reservationId)
        return paymentOut(view!.payment, view!.refunds)
      }),
  )

  app.get(
    '/reservations/:id/payment-log',
    {
      schema: {
        tags,
        operationId: 'getReservationPaymentLog',
        summary: 'Every gateway event and answer about the reservation’s payment, raw (staff, admins)',
        params: IdParams,
        querystring: PaymentLogQuery,
        response: { 200: PaymentLogPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => paymentQueries.log(requireUser(req), req.params.id, page),
        (l) => ({ id: l.id, kind: l.kind, code: l.code, payment_id: l.paymentId, raw: l.raw, created_at: l.createdAt.toISOString() }),
      ),
  )

  app.get(
    '/payments/history',
    {
      schema: {
        tags,
        operationId: 'listPayments',
        summary: "Payments the caller may see: their own, their venues', or all (admins)",
        querystring: PaymentHistoryQuery,
        response: { 200: PaymentPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => paymentQueries.history(requireUser(req), req.query, page),
        (r) => paymentOut(r.payment, r.refunds),
      ),
  )

  // The webhook reads its body as bytes: the signature covers them exactly as sent.
  await app.register(async (hook: App) => {
    // Fastify's own parser (it refuses __proto__ and constructor keys), fed from the kept bytes.
    const json = hook.getDefaultJsonParser('error', 'error')
    hook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      req.rawBody = body as Buffer
      // Called with `done`, the parser answers through it; its type also allows the promise form.
      void json(req, (body as Buffer).toString('utf8'), done)
    })
    hook.post(
      '/payments/webhook',
      {
        schema: {
          tags,
          operationId: 'receiveStripeWebhook',
          summary: 'Stripe webhook (Stripe-Signature required)',
          security: [],
          headers: Type.Object({ 'stripe-signature': Type.Optional(Type.String({ maxLength: 2000 })) }),
          body: StripeEventBody,
          response: { 200: WebhookOut, ...errorResponses },
        },
        // Stripe retries on its own schedule and signs every call; a per-address limit would only drop real events.
        config: { rateLimit: false },
      },
      async (req) => webhooks.receive(req.rawBody!, req.headers['stripe-signature']),
    )
  })
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer
  }
}
