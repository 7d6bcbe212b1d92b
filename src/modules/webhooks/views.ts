import { eventId } from '../events/envelope.js'
import type { WebhookDelivery, WebhookSubscription } from './service.js'

// Built field by field, so a secret can only reach an answer through `withSecret`.
export const webhookOut = (s: WebhookSubscription) => ({
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

export const withSecret = (s: WebhookSubscription) => ({ ...webhookOut(s), secret: s.secret })

export const deliveryOut = (d: WebhookDelivery) => ({
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
