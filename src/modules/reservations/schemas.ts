import { Type, type Static } from 'typebox'
import { Instant, LocalDate, MoneyOut, Nullable, Ordering, PageQuery, Phone, Uuid, named, Page } from '../../http/schemas.js'
import { reservationStatuses } from './schema.js'
import { PaymentOut, RefundPreviewOut } from '../payments/schemas.js'

export const SlotClaimBody = Type.Object({ kind: Type.Literal('slot'), room_id: Uuid, start: Instant, end: Instant }, { additionalProperties: false })

export const StayClaimBody = Type.Object(
  {
    kind: Type.Literal('stay'),
    room_type_id: Uuid,
    rate_plan_id: Type.Optional(Uuid),
    arrival: LocalDate,
    departure: LocalDate,
    quantity: Type.Integer({ minimum: 1, maximum: 100, description: 'rooms of this type' }),
    guests: Type.Integer({ minimum: 1, maximum: 100, description: 'guests across those rooms' }),
  },
  { additionalProperties: false },
)

export const SeatClaimBody = Type.Object(
  {
    kind: Type.Literal('seat'),
    occurrence_id: Type.Optional(Uuid),
    service_id: Type.Optional(Type.String({ format: 'uuid', description: 'a course, booked whole: a seat in every session' })),
    quantity: Type.Integer({ minimum: 1, maximum: 100, description: 'seats' }),
    participants: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 120 }), email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })) },
          { additionalProperties: false },
        ),
        { maxItems: 100, description: 'who sits in the seats, at most one each; unnamed seats are the booker’s' },
      ),
    ),
    entitlement_id: Type.Optional(Type.String({ format: 'uuid', description: 'one of your entitlements to this service: it pays for the seats' })),
  },
  { additionalProperties: false },
)

export const SessionClaimBody = Type.Object(
  {
    kind: Type.Literal('session'),
    service_id: Uuid,
    start: Type.String({ format: 'date-time', description: 'RFC 3339 with offset; it lasts the service’s duration' }),
    entitlement_id: Type.Optional(Type.String({ format: 'uuid', description: 'one of your entitlements to this service: it pays for the session' })),
  },
  { additionalProperties: false },
)

/** One item a reservation (or a quote) asks for. */
export const ItemClaimBody = named('ReservationItemInput', Type.Union([SlotClaimBody, StayClaimBody, SeatClaimBody, SessionClaimBody]))

const Guest = named(
  'Guest',
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 120 }),
      phone: Type.Optional(Phone),
      email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    },
    { additionalProperties: false },
  ),
)

export const CreateReservationBody = Type.Object(
  {
    venue_id: Uuid,
    items: Type.Array(ItemClaimBody, { minItems: 1, maxItems: 10 }),
    party_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    guest: Type.Optional(Nullable(Guest)),
  },
  { additionalProperties: false },
)
export type CreateReservationBody = Static<typeof CreateReservationBody>

export const ReasonBody = Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false })

const SlotMove = Type.Object(
  {
    item_id: Type.Optional(Uuid),
    room_id: Type.Optional(Uuid),
    start: Instant,
    end: Instant,
  },
  { additionalProperties: false },
)

const StayMove = Type.Object(
  {
    item_id: Type.Optional(Uuid),
    arrival: LocalDate,
    departure: LocalDate,
  },
  { additionalProperties: false },
)

const SeatMove = Type.Object({ item_id: Type.Optional(Uuid), occurrence_id: Uuid }, { additionalProperties: false })
const SessionMove = Type.Object({ item_id: Type.Optional(Uuid), start: Instant }, { additionalProperties: false })

/**
 * A slot moves to a new time (and maybe room); a stay to new dates of the same room type and
 * plan; seats to another occurrence of the same workshop; a session to another start.
 */
export const RescheduleBody = Type.Union([SlotMove, StayMove, SeatMove, SessionMove])
export type RescheduleBody = Static<typeof RescheduleBody>

const Status = Type.Enum([...reservationStatuses])

export const ReservationListQuery = Type.Object(
  {
    ...PageQuery,
    venue: Type.Optional(Uuid),
    status: Type.Optional(
      Type.String({ pattern: `^(${reservationStatuses.join('|')})(,(${reservationStatuses.join('|')}))*$`, description: 'comma-separated' }),
    ),
    room: Type.Optional(Uuid),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    ordering: Ordering(['created_at', 'start']),
  },
  { additionalProperties: false },
)
export type ReservationListQuery = Static<typeof ReservationListQuery>

export const OwnListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

const SlotItemOut = named(
  'SlotItem',
  Type.Object({
    id: Uuid,
    kind: Type.Literal('slot'),
    room_id: Uuid,
    start: Instant,
    end: Instant,
    price: MoneyOut,
  }),
)

const StayItemOut = named(
  'StayItem',
  Type.Object({
    id: Uuid,
    kind: Type.Literal('stay'),
    room_type_id: Uuid,
    rate_plan_id: Nullable(Uuid),
    arrival: LocalDate,
    departure: LocalDate,
    nights: Type.Integer(),
    quantity: Type.Integer(),
    guests: Type.Integer(),
    start: Instant,
    end: Instant,
    price: MoneyOut,
  }),
)

const SeatItemOut = named(
  'SeatItem',
  Type.Object({
    id: Uuid,
    kind: Type.Literal('seat'),
    service_id: Uuid,
    occurrence_id: Nullable(Uuid),
    quantity: Type.Integer(),
    entitlement_id: Nullable(Uuid),
    start: Instant,
    end: Instant,
    price: MoneyOut,
  }),
)

const SessionItemOut = named(
  'SessionItem',
  Type.Object({ id: Uuid, kind: Type.Literal('session'), service_id: Uuid, entitlement_id: Nullable(Uuid), start: Instant, end: Instant, price: MoneyOut }),
)

// A purchase: `start` is when it was bought, `end` when what it grants would lapse if paid then.
const PackageItemOut = named(
  'PackageItem',
  Type.Object({ id: Uuid, kind: Type.Literal('package'), package_id: Uuid, start: Instant, end: Instant, price: MoneyOut }),
)

const ItemOut = named('ReservationItem', Type.Union([SlotItemOut, StayItemOut, SeatItemOut, SessionItemOut, PackageItemOut]))

const QuoteLine = named(
  'QuoteLine',
  Type.Object({
    item_index: Type.Integer(),
    kind: Type.String(),
    description: Type.String(),
    unit: Type.String(),
    quantity: Type.Number(),
    unit_amount: Type.Integer(),
    amount: Type.Integer(),
    rule: Type.String(),
    night: Type.Optional(LocalDate),
    room_type_id: Type.Optional(Uuid),
    rate_plan_id: Type.Optional(Nullable(Uuid)),
  }),
)

/** A price and how it was reached, line by line (minor units of `currency`). */
export const quoteFields = {
  currency: Type.String(),
  lines: Type.Array(QuoteLine),
  subtotal: Type.Integer(),
  discounts: Type.Integer(),
  total: Type.Integer(),
}

export const QuoteOut = named('PriceBreakdown', Type.Object(quoteFields))

export const ReservationOut = named(
  'Reservation',
  Type.Object({
    id: Uuid,
    venue_id: Uuid,
    user_id: Nullable(Uuid),
    status: Status,
    items: Type.Array(ItemOut),
    party_size: Type.Integer(),
    notes: Nullable(Type.String()),
    guest: Nullable(Guest),
    total: MoneyOut,
    quote: QuoteOut,
    hold_expires_at: Nullable(Instant),
    start: Instant,
    end: Instant,
    created_at: Instant,
    updated_at: Instant,
    // On the detail view and after cancel / no-show: the money, and what cancelling now would return.
    payment: Type.Optional(Nullable(PaymentOut)),
    refund_preview: Type.Optional(Nullable(RefundPreviewOut)),
  }),
)

export const ReservationPage = Page(ReservationOut)

export const TransitionOut = named(
  'ReservationTransition',
  Type.Object({
    id: Type.Integer(),
    from: Nullable(Type.String()),
    to: Type.String(),
    actor_id: Nullable(Uuid),
    reason: Nullable(Type.String()),
    at: Instant,
  }),
)
export const TransitionPage = Page(TransitionOut)
export const TrailQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
