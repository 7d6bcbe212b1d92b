import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import {
  CreateWebhookBody,
  DeliveryListQuery,
  DeliveryOut,
  EmptyBody,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookOut,
  WebhookWithSecretOut,
  DeliveryPage,
  WebhookPage,
} from './schemas.js'
import type { OutboundWebhooks } from './service.js'
import { deliveryOut, webhookOut, withSecret } from './views.js'

export async function outboundWebhookRoutes(app: App, { outboundWebhooks: hooks }: { outboundWebhooks: OutboundWebhooks }) {
  const tags = ['webhooks']
  const one = { 200: WebhookOut, ...errorResponses }

  app.post(
    '/venues/:id/webhooks',
    {
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: "Subscribe a URL to a venue's events (answers the signing secret once)",
        params: IdParams,
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecretOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(withSecret(await hooks.create(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/webhooks',
    {
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: "A venue's webhook subscriptions",
        params: IdParams,
        querystring: WebhookListQuery,
        response: { 200: WebhookPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => hooks.list(requireUser(req), req.params.id, req.query, page), webhookOut),
  )

  app.get(
    '/webhooks/:id',
    { schema: { tags, operationId: 'getWebhook', summary: 'Read a webhook subscription', params: IdParams, response: one } },
    async (req) => webhookOut(await hooks.get(requireUser(req), req.params.id)),
  )

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        operationId: 'updateWebhook',
        summary: 'Change a subscription (re-enabling one resets its failures)',
        params: IdParams,
        body: UpdateWebhookBody,
        response: one,
      },
    },
    async (req) => webhookOut(await hooks.update(requireUser(req), req.params.id, req.body)),
  )

  app.delete(
    '/webhooks/:id',
    { schema: { tags, operationId: 'deleteWebhook', summary: 'Remove a subscription', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await hooks.remove(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'Replace the signing secret (answers the new one once)',
        params: IdParams,
        body: EmptyBody,
        response: { 200: WebhookWithSecretOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => withSecret(await hooks.rotateSecret(requireUser(req), req.params.id)),
  )

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: "A subscription's delivery log",
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => hooks.deliveries(requireUser(req), req.params.id, req.query, page), deliveryOut),
  )

  app.post(
    '/webhook-deliveries/:id/retry',
    {
      schema: {
        tags,
        operationId: 'retryWebhookDelivery',
        summary: 'Send a delivery again now',
        params: IdParams,
        body: EmptyBody,
        response: { 200: DeliveryOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => deliveryOut(await hooks.retry(requireUser(req), req.params.id)),
  )
}
