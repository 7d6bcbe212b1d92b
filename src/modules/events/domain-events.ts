import type { RefundSource } from '../payments/schema.js'
import type { ReservationStatus } from '../reservations/schema.js'
import type { WaitlistStatus } from '../waitlist/schema.js'

/** A reservation's move through the transition table (`reservation.<to>`). */
export interface TransitionPayload {
  id: string
  /** null when the reservation was born in `to` (a walk-in seated checked in). */
  from: ReservationStatus | null
  to: ReservationStatus
  reason: string | null
}

/** Where a rescheduled item was and is: a slot's instants or a stay's dates. */
export type ItemSpan = { start: string; end: string } | { arrival: string; departure: string }

export interface PaymentPayload {
  payment_id: string
  reservation_id: string
  /** The card part, in minor units. */
  amount: number
  credit_amount: number
  currency: string
}

/**
 * Every domain event, named as the SPEC names them, with its payload. The payload is the
 * event's `data` outside the process (webhooks, sockets, NATS); its version is in
 * `EVENT_VERSIONS` and travels beside it, never inside it.
 */
export interface EventPayloads {
  'reservation.created': { id: string; total: number }
  'reservation.pending': TransitionPayload
  'reservation.awaiting_payment': TransitionPayload
  'reservation.confirmed': TransitionPayload
  'reservation.checked_in': TransitionPayload
  'reservation.completed': TransitionPayload
  'reservation.cancelled': TransitionPayload
  'reservation.refunded': TransitionPayload
  'reservation.expired': TransitionPayload
  'reservation.no_show': TransitionPayload
  'reservation.rescheduled': { id: string; item_id: string; from: ItemSpan; to: ItemSpan }
  'payment.succeeded': PaymentPayload
  'payment.failed': PaymentPayload & { failure_code: string | null }
  'payment.refunded': PaymentPayload & { refund_id: string; refunded: number; source: RefundSource }
  'inventory.changed': { venue_id: string; room_type_id: string | null; from: string; to: string; cause: 'preload' | 'edit' | 'total_units' }
  /** A virtual booking's video room opens (15 minutes before a sitting), once per booking and room. */
  'video.room_opened': { reservation_id: string; room: string; starts_at: string; ends_at: string }
  'waitlist.updated': {
    id: string
    venue_id: string
    status: WaitlistStatus
    party_size: number
    name: string
    room_id: string | null
    reservation_id: string | null
  }
}

export type DomainEventType = keyof EventPayloads

/**
 * The payload version of each event type, the one place it is stated. A change that breaks
 * consumers of a payload bumps its number; the outbox stores it with every event.
 */
export const EVENT_VERSIONS = {
  'reservation.created': 1,
  'reservation.pending': 1,
  'reservation.awaiting_payment': 1,
  'reservation.confirmed': 1,
  'reservation.checked_in': 1,
  'reservation.completed': 1,
  'reservation.cancelled': 1,
  'reservation.refunded': 1,
  'reservation.expired': 1,
  'reservation.no_show': 1,
  'reservation.rescheduled': 1,
  'payment.succeeded': 1,
  'payment.failed': 1,
  'payment.refunded': 1,
  'inventory.changed': 1,
  'waitlist.updated': 1,
  'video.room_opened': 1,
} as const satisfies Record<DomainEventType, number>

export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_VERSIONS) as DomainEventType[]

/** One event as written: its type decides its payload's shape. */
export type DomainEvent = {
  [K in DomainEventType]: { type: K; aggregateId: string; venueId: string | null; payload: EventPayloads[K] }
}[DomainEventType]

/** An event of one type. */
export type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>

/** An outbox row as the relay hands it to its sinks. */
export type RelayedEvent = DomainEvent & { id: number; version: number; createdAt: Date }

/** A reservation's transition event: `reservation.<status>`. */
export const transitionEvent = (to: ReservationStatus) => `reservation.${to}` as const
