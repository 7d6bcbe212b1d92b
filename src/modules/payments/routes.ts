import { Type } from 'typebox'
import type { App } from '../../app.js'
import type { Deps } from '../../deps.js'
import { requireUser } from '../../http/auth-guard.js'
import { idempotent, sendOutcome } from '../../http/idempotency.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, Page, errorResponses } from '../../http/schemas.js'
import type { CancellationService } from './cancellation.js'
import type { CheckoutService } from './checkout.js'
import type { PaymentQueries } from './history.js'
import { CheckoutBody, CheckoutOut, PaymentHistoryQuery, PaymentOut, RefundBody, StripeEventBody, WebhookOut } from './schemas.js'
import { paymentOut } from './views.js'
import type { WebhookService } from './webhooks.js'

interface Services {
  deps: Deps
  checkout: CheckoutService
  cancellations: CancellationService
  paymentQueries: PaymentQueries
  webhooks: WebhookService
}

const headers = IdempotencyHeaders

export async function paymentRoutes(app: App, { deps, checkout, cancellations, paymentQueries, webhooks }: Services) {
  const tags = ['payments']

  app.post(
    '/reservations/:id/checkout',
    {
      schema: { tags, params: IdParams, headers, body: CheckoutBody, response: { 200: CheckoutOut, ...errorResponses }, 'x-body-optional': true },
    },
    async (req, reply) => {
      const who = requireUser(req)
      const outcome = await idempotent(deps, req, `user:${who.userId}`, async () => {
        const { payment: p, reservationStatus } = await checkout.checkout(who, req.params.id, req.body)
        return {
          status: 200,
          body: {
            payment_id: p.id,
            payment_intent_id: p.intentId,
            client_secret: p.clientSecret,
            amount: { amount: p.amount, currency: p.currency },
            credits_applied: { amount: p.creditAmount, currency: p.currency },
            status: p.status,
            reservation_status: reservationStatus,
          },
        }
      })
      return sendOutcome(reply, outcome)
    },
  )

  app.post(
    '/reservations/:id/refund',
    {
      schema: {
        tags,
        summary: 'staff: refund up to what is left',
        params: IdParams,
        headers,
        body: RefundBody,
        response: { 200: PaymentOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const who = requireUser(req)
      const outcome = await idempotent(deps, req, `user:${who.userId}`, async () => {
        const payment = await cancellations.staffRefund(who, req.params.id, req.body)
        const view = await paymentQueries.ofReservation(payment.reservationId)
        return { status: 200, body: paymentOut(view!.payment, view!.refunds) }
      })
      return sendOutcome(reply, outcome)
    },
  )

  app.get('/payments/history', { schema: { tags, querystring: PaymentHistoryQuery, response: { 200: Page(PaymentOut), ...errorResponses } } }, async (req) => {
    const page = pageParams(req.query)
    const { rows, count } = await paymentQueries.history(requireUser(req), req.query, page)
    return pageOf(
      req.url,
      page,
      count,
      rows.map((r) => paymentOut(r.payment, r.refunds)),
    )
  })

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
