import { Type, type Static } from 'typebox'
import { Instant, Nullable, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import type { DomainEventType } from '../events/outbox.js'
import { webhookDeliveryStatuses } from './schema.js'

/** Every event type a subscription can ask for; the check below keeps it in step with the union. */
export const EVENT_TYPES = [
  'reservation.created',
  'reservation.confirmed',
  'reservation.awaiting_payment',
  'reservation.pending',
  'reservation.checked_in',
  'reservation.completed',
  'reservation.cancelled',
  'reservation.refunded',
  'reservation.expired',
  'reservation.no_show',
  'reservation.rescheduled',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'inventory.changed',
  'waitlist.updated',
  'video.room_opened',
] as const satisfies readonly DomainEventType[]
// A type added to DomainEventType and not listed above fails to compile here.
const everyType: Record<Exclude<DomainEventType, (typeof EVENT_TYPES)[number]>, never> = {}
void everyType

const fields = {
  // Only the scheme is checked here; where the host points is the URL guard's job (url_not_allowed).
  url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, description: 'http(s) URL the events are POSTed to' }),
  event_types: Type.Array(Type.Enum([...EVENT_TYPES]), { maxItems: EVENT_TYPES.length, uniqueItems: true, description: 'empty or absent: every type' }),
  description: Nullable(Type.String({ maxLength: 500 })),
}

export const CreateWebhookBody = Type.Object(
  { url: fields.url, event_types: Type.Optional(fields.event_types), description: Type.Optional(fields.description) },
  { additionalProperties: false },
)
export type CreateWebhookBody = Static<typeof CreateWebhookBody>

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(fields.url),
    event_types: Type.Optional(fields.event_types),
    description: Type.Optional(fields.description),
    enabled: Type.Optional(Type.Boolean({ description: 'true re-enables a disabled subscription and resets its failure count' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>

/** The bare POSTs (rotate, retry) take nothing; a body, if sent, must be empty. */
export const EmptyBody = Type.Object({}, { additionalProperties: false })

const subscriptionFields = {
  id: Uuid,
  venue_id: Uuid,
  url: Type.String(),
  description: Nullable(Type.String()),
  event_types: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabled_at: Nullable(Instant),
  disabled_reason: Nullable(Type.String()),
  consecutive_failures: Type.Integer(),
  created_at: Instant,
  updated_at: Instant,
}

/** A subscription as listed and read: never its secret. */
export const WebhookOut = named('Webhook', Type.Object(subscriptionFields))

/** A subscription with its secret, answered only by create and rotate. */
export const WebhookWithSecretOut = named(
  'WebhookWithSecret',
  Type.Object({
    ...subscriptionFields,
    secret: Type.String({ description: 'whsec_… (Standard Webhooks); shown once, keep it' }),
  }),
)

export const WebhookListQuery = Type.Object(
  {
    ...PageQuery,
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type WebhookListQuery = Static<typeof WebhookListQuery>

export const DeliveryOut = named(
  'WebhookDelivery',
  Type.Object({
    id: Uuid,
    subscription_id: Uuid,
    event_id: Type.String({ description: 'evt_<n>, the webhook-id header' }),
    event_type: Type.String(),
    status: Type.Enum([...webhookDeliveryStatuses]),
    attempts: Type.Integer(),
    next_attempt_at: Nullable(Instant),
    last_attempt_at: Nullable(Instant),
    response_status: Nullable(Type.Integer()),
    last_error: Nullable(Type.String()),
    delivered_at: Nullable(Instant),
    created_at: Instant,
    payload: Type.Record(Type.String(), Type.Unknown(), { description: 'the body sent' }),
  }),
)

export const DeliveryListQuery = Type.Object(
  {
    page: PageQuery.page,
    page_size: PageQuery.page_size,
    status: Type.Optional(Type.Enum([...webhookDeliveryStatuses])),
    event_type: Type.Optional(Type.Enum([...EVENT_TYPES])),
  },
  { additionalProperties: false },
)
export type DeliveryListQuery = Static<typeof DeliveryListQuery>

export const DeliveryPage = Page(DeliveryOut)

export const WebhookPage = Page(WebhookOut)
