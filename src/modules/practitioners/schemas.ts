import { Type, type Static } from 'typebox'
import { Instant, LocalDate, Nullable, Ordering, Page, PageQuery, Uuid, named } from '../../http/schemas.js'
import { HoursBody } from '../venues/schemas.js'

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, practitioner-local' })
const Tag = Type.String({ minLength: 1, maxLength: 80 })

export const LocationIn = named(
  'PractitionerLocationInput',
  Type.Object(
    {
      address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      city: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120 }))),
      is_virtual: Type.Boolean(),
      is_primary: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
)
export type LocationIn = Static<typeof LocationIn>

const profile = {
  display_name: Type.String({ minLength: 1, maxLength: 120 }),
  bio: Type.String({ maxLength: 5000 }),
  specializations: Type.Array(Tag, { maxItems: 20 }),
  certifications: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 }),
  locations: Type.Array(LocationIn, { minItems: 1, maxItems: 10 }),
}

export const ApplyBody = Type.Object(
  {
    display_name: profile.display_name,
    bio: Type.Optional(profile.bio),
    specializations: Type.Optional(profile.specializations),
    certifications: Type.Optional(profile.certifications),
    locations: profile.locations,
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Lisbon' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
)
export type ApplyBody = Static<typeof ApplyBody>

/** What the practitioner's own staff may change; verification and featuring are the admin's. */
export const UpdatePractitionerBody = Type.Partial(Type.Object(profile), { additionalProperties: false, minProperties: 1 })
export type UpdatePractitionerBody = Static<typeof UpdatePractitionerBody>

export const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false })
export const FeatureBody = Type.Object({ is_featured: Type.Boolean() }, { additionalProperties: false })

export const LocationOut = named(
  'PractitionerLocation',
  Type.Object({ id: Uuid, address: Nullable(Type.String()), city: Nullable(Type.String()), is_virtual: Type.Boolean(), is_primary: Type.Boolean() }),
)

export const PractitionerOut = named(
  'Practitioner',
  Type.Object({
    id: Uuid,
    venue_id: Uuid,
    user_id: Uuid,
    display_name: Type.String(),
    bio: Type.String(),
    specializations: Type.Array(Type.String()),
    certifications: Type.Array(Type.String()),
    locations: Type.Array(LocationOut),
    timezone: Type.String(),
    currency: Type.String(),
    verification_status: Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('rejected')]),
    rejection_reason: Nullable(Type.String()),
    verified_at: Nullable(Instant),
    is_featured: Type.Boolean(),
    rating: Nullable(Type.Number({ description: 'average of visible reviews, 1–5; null before the first' })),
    review_count: Type.Integer(),
    created_at: Instant,
    updated_at: Instant,
  }),
)

export const PractitionerListQuery = Type.Object(
  {
    ...PageQuery,
    specialization: Type.Optional(Tag),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    virtual: Type.Optional(Type.Boolean()),
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('rejected')], {
        description: 'admins only (others get 403 for anything but verified): the applications waiting, or those turned down',
      }),
    ),
    venue: Type.Optional(
      Type.String({ format: 'uuid', description: 'the practitioner whose business this venue is; its staff and admins see it whatever its state' }),
    ),
    ordering: Ordering(['rating', 'display_name', 'created_at']),
  },
  { additionalProperties: false },
)
export type PractitionerListQuery = Static<typeof PractitionerListQuery>

export const PractitionerPage = Page(PractitionerOut)

export const ExceptionIn = named(
  'ScheduleException',
  Type.Object(
    {
      date: LocalDate,
      hours: Type.Array(Type.Object({ open: Clock, close: Clock }, { additionalProperties: false }), {
        maxItems: 10,
        description: 'empty: a day off; otherwise these ranges replace the weekday’s',
      }),
    },
    { additionalProperties: false },
  ),
)

export const ScheduleBody = Type.Object(
  { hours: HoursBody.properties.hours, exceptions: Type.Optional(Type.Array(ExceptionIn, { maxItems: 366 })) },
  { additionalProperties: false },
)
export type ScheduleBody = Static<typeof ScheduleBody>

export const ScheduleOut = named(
  'PractitionerSchedule',
  Type.Object({ timezone: Type.String(), hours: HoursBody.properties.hours, exceptions: Type.Array(ExceptionIn) }),
)

export const AvailabilityQuery = Type.Object({ date: LocalDate, service_id: Uuid }, { additionalProperties: false })
export const PractitionerAvailabilityOut = named(
  'PractitionerAvailability',
  Type.Object({
    date: LocalDate,
    timezone: Type.String(),
    service_id: Uuid,
    duration_minutes: Type.Integer(),
    free: Type.Array(Type.Object({ start: Type.String(), end: Type.String() }), {
      description: 'maximal free intervals; a session starts on the grid within one',
    }),
  }),
)

export const VerifyBody = Type.Object({}, { additionalProperties: false })
