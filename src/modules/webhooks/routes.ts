import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, Page, errorResponses } from '../../http/schemas.js'
import { eventId } from '../events/envelope.js'
import {
  CreateWebhookBody,
  DeliveryListQuery,
  DeliveryOut,
  EmptyBody,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookOut,
  WebhookWithSecretOut,
} from './schemas.js'
import type { OutboundWebhooks, WebhookDelivery, WebhookSubscription } from './service.js'

// Built field by field, so a secret can only reach an answer through `withSecret`.
const webhookOut = (s: WebhookSubscription) => ({
  id: s.id,
  venue_id: s.venueId,
  url: s.url,
  description: s.description,
  event_types: s.eventTypes,
  enabled: s.disabledAt === null,
  disabled_at: s.disabledAt?.toISOString() ?? null,
  disabled_reason: s.disabledReason,
  consecutive_failures: s.consecutiveFailures,
  created_at: s.createdAt.toISOString(),
  updated_at: s.updatedAt.toISOString(),
})

const withSecret = (s: WebhookSubscription) => ({ ...webhookOut(s), secret: s.secret })

const deliveryOut = (d: WebhookDelivery) => ({
  id: d.id,
  subscription_id: d.subscriptionId,
  event_id: eventId(d.eventId),
  event_type: d.eventType,
  status: d.status,
  attempts: d.attempts,
  // A settled delivery has no next attempt, whatever the column last held.
  next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
  response_status: d.responseStatus,
  last_error: d.lastError,
  delivered_at: d.deliveredAt?.toISOString() ?? null,
  created_at: d.createdAt.toISOString(),
  payload: d.body,
})

export async function outboundWebhookRoutes(app: App, { outboundWebhooks: hooks }: { outboundWebhooks: OutboundWebhooks }) {
  const tags = ['webhooks']
  const one = { 200: WebhookOut, ...errorResponses }

  app.post(
    '/venues/:id/webhooks',
    { schema: { tags, params: IdParams, body: CreateWebhookBody, response: { 201: WebhookWithSecretOut, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(withSecret(await hooks.create(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/webhooks',
    { schema: { tags, params: IdParams, querystring: WebhookListQuery, response: { 200: Page(WebhookOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await hooks.list(requireUser(req), req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(webhookOut))
    },
  )

  app.get('/webhooks/:id', { schema: { tags, params: IdParams, response: one } }, async (req) => webhookOut(await hooks.get(requireUser(req), req.params.id)))

  app.patch('/webhooks/:id', { schema: { tags, params: IdParams, body: UpdateWebhookBody, response: one } }, async (req) =>
    webhookOut(await hooks.update(requireUser(req), req.params.id, req.body)),
  )

  app.delete('/webhooks/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await hooks.remove(requireUser(req), req.params.id)
    return reply.code(204).send(null)
  })

  app.post(
    '/webhooks/:id/rotate-secret',
    { schema: { tags, params: IdParams, body: EmptyBody, response: { 200: WebhookWithSecretOut, ...errorResponses }, 'x-body-optional': true } },
    async (req) => withSecret(await hooks.rotateSecret(requireUser(req), req.params.id)),
  )

  app.get(
    '/webhooks/:id/deliveries',
    { schema: { tags, params: IdParams, querystring: DeliveryListQuery, response: { 200: Page(DeliveryOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await hooks.deliveries(requireUser(req), req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(deliveryOut))
    },
  )

  app.post(
    '/webhook-deliveries/:id/retry',
    { schema: { tags, params: IdParams, body: EmptyBody, response: { 200: DeliveryOut, ...errorResponses }, 'x-body-optional': true } },
    async (req) => deliveryOut(await hooks.retry(requireUser(req), req.params.id)),
  )
}
