import type { DomainEventType, EventPayloads, RelayedEvent } from './domain-events.js'

export type { RelayedEvent } from './domain-events.js'

/**
 * The one shape an event has outside the process (WebSocket, webhook, NATS). `id` is stable
 * across redeliveries, so consumers de-duplicate on it.
 */
export interface EventEnvelope {
  id: string
  type: DomainEventType
  version: number
  aggregate_id: string
  venue_id: string | null
  occurred_at: string
  data: EventPayloads[DomainEventType]
}

export const eventId = (id: number) => `evt_${id}`

export function envelopeOf(e: RelayedEvent): EventEnvelope {
  return {
    id: eventId(e.id),
    type: e.type,
    version: e.version,
    aggregate_id: e.aggregateId,
    venue_id: e.venueId,
    occurred_at: e.createdAt.toISOString(),
    data: e.payload,
  }
}
