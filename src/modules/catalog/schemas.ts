import { Type, type Static } from 'typebox'
import { Instant, LocalDate, Money, MoneyOut, Nullable, Ordering, Page, PageQuery, PatchOf, Uuid, named } from '../../http/schemas.js'

const ServiceType = Type.Union([Type.Literal('session'), Type.Literal('workshop'), Type.Literal('course')])

const fields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 10_000 }),
  category: Type.String({ minLength: 1, maxLength: 80 }),
  price: Money,
  duration_minutes: Type.Integer({ minimum: 5, maximum: 1440 }),
  max_participants: Type.Integer({ minimum: 1, maximum: 1000, description: 'seats per occurrence; 1 for a session' }),
  is_virtual: Type.Boolean(),
  location: Nullable(Type.String({ maxLength: 500 })),
  is_active: Type.Boolean({ description: 'inactive services are not sold nor listed' }),
}

export const CreateServiceBody = Type.Object(
  {
    practitioner_id: Uuid,
    type: ServiceType,
    title: fields.title,
    description: Type.Optional(fields.description),
    category: fields.category,
    price: fields.price,
    duration_minutes: fields.duration_minutes,
    max_participants: Type.Optional(fields.max_participants),
    is_virtual: Type.Optional(fields.is_virtual),
    location: Type.Optional(fields.location),
    is_active: Type.Optional(fields.is_active),
  },
  { additionalProperties: false },
)
export type CreateServiceBody = Static<typeof CreateServiceBody>

/** The practitioner and the type are fixed once created: occurrences and bookings depend on them. */
export const UpdateServiceBody = PatchOf(
  Type.Object({
    title: fields.title,
    description: fields.description,
    category: fields.category,
    price: fields.price,
    duration_minutes: fields.duration_minutes,
    max_participants: fields.max_participants,
    is_virtual: fields.is_virtual,
    location: fields.location,
    is_active: fields.is_active,
  }),
)
export type UpdateServiceBody = Static<typeof UpdateServiceBody>

export const ServiceOut = named(
  'Service',
  Type.Object({
    id: Uuid,
    practitioner_id: Uuid,
    venue_id: Uuid,
    type: ServiceType,
    title: Type.String(),
    description: Type.String(),
    category: Type.String(),
    price: MoneyOut,
    duration_minutes: Type.Integer(),
    max_participants: Type.Integer(),
    is_virtual: Type.Boolean(),
    location: Nullable(Type.String()),
    is_active: Type.Boolean(),
    rating: Nullable(Type.Number({ description: 'average of visible reviews, 1–5; null before the first' })),
    review_count: Type.Integer(),
    archived_at: Nullable(Instant),
    created_at: Instant,
    updated_at: Instant,
  }),
)
export const ServicePage = Page(ServiceOut)

export const ServiceListQuery = Type.Object(
  {
    ...PageQuery,
    type: Type.Optional(ServiceType),
    category: Type.Optional(fields.category),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    virtual: Type.Optional(Type.Boolean()),
    price_min: Type.Optional(Type.Integer({ minimum: 0, maximum: 5_000_000, description: 'minor units' })),
    price_max: Type.Optional(Type.Integer({ minimum: 0, maximum: 5_000_000, description: 'minor units' })),
    practitioner: Type.Optional(Uuid),
    available_from: Type.Optional(LocalDate),
    available_to: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, inclusive; with available_from, at most 31 days later' })),
    ordering: Ordering(['price', 'title', 'created_at']),
  },
  { additionalProperties: false },
)
export type ServiceListQuery = Static<typeof ServiceListQuery>

export const PractitionerServicesQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

export const CategoryPage = Page(named('ServiceCategory', Type.Object({ category: Type.String(), services: Type.Integer() })))
export const CategoryQuery = Type.Object({ page: PageQuery.page, page_size: PageQuery.page_size }, { additionalProperties: false })

export const OccurrenceIn = named(
  'OccurrenceInput',
  Type.Object(
    { start: Instant, end: Instant, capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'defaults to max_participants' })) },
    { additionalProperties: false },
  ),
)
export const ScheduleOccurrencesBody = Type.Object(
  { occurrences: Type.Array(OccurrenceIn, { minItems: 1, maxItems: 200, description: 'a course’s sessions all at once' }) },
  { additionalProperties: false },
)
export type ScheduleOccurrencesBody = Static<typeof ScheduleOccurrencesBody>

export const OccurrenceOut = named(
  'Occurrence',
  Type.Object({ id: Uuid, service_id: Uuid, start: Instant, end: Instant, capacity: Type.Integer(), taken: Type.Integer(), available: Type.Integer() }),
)
export const OccurrencePage = Page(OccurrenceOut)
export const OccurrenceListQuery = Type.Object(
  { page: PageQuery.page, page_size: PageQuery.page_size, from: Type.Optional(Instant), to: Type.Optional(Instant) },
  { additionalProperties: false },
)
export const OccurrencesOut = Type.Object({ occurrences: Type.Array(OccurrenceOut) })

export const AttendeeOut = named(
  'Attendee',
  Type.Object({
    id: Uuid,
    reservation_id: Uuid,
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    user_id: Nullable(Uuid),
    attended: Nullable(Type.Boolean({ description: 'null until marked' })),
  }),
)
export const AttendeesOut = Type.Object({ participants: Type.Array(AttendeeOut) })
export const AttendanceBody = Type.Object({ participant_id: Uuid, attended: Type.Boolean() }, { additionalProperties: false })
