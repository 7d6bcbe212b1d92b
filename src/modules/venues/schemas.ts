import { Type, type Static } from 'typebox'
import { Instant, LocalDate, Nullable, Ordering, PageQuery, Uuid, named, Page } from '../../http/schemas.js'

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, venue-local' })

export const OpeningRange = named(
  'OpeningRange',
  Type.Object(
    { weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, Monday = 1' }), open: Clock, close: Clock },
    { additionalProperties: false },
  ),
)

export const HoursBody = Type.Object(
  { hours: Type.Array(OpeningRange, { maxItems: 70, description: 'close ≤ open means the range ends the next day' }) },
  { additionalProperties: false },
)

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 80 })
const VenueKind = Type.Union([Type.Literal('venue'), Type.Literal('hotel'), Type.Literal('practitioner')])

export const CreateVenueBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Slug),
    kind: VenueKind,
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/Denver' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    hold_ttl_minutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1440 }))),
    hours: Type.Optional(HoursBody.properties.hours),
  },
  { additionalProperties: false },
)
export type CreateVenueBody = Static<typeof CreateVenueBody>

export const CancellationPolicyBody = named(
  'CancellationPolicy',
  Type.Object(
    {
      tiers: Type.Array(
        Type.Object(
          {
            hours_before: Type.Integer({
              minimum: 0,
              maximum: 8760,
              description: "the tier applies until this long before the start; whole days count in the venue's calendar",
            }),
            refund_percent: Type.Integer({ minimum: 0, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 10 },
      ),
      no_show_percent: Type.Integer({ minimum: 0, maximum: 100 }),
    },
    { additionalProperties: false },
  ),
)

export const UpdateVenueBody = Type.Object(
  {
    name: Type.Optional(CreateVenueBody.properties.name),
    timezone: Type.Optional(CreateVenueBody.properties.timezone),
    address: CreateVenueBody.properties.address,
    hold_ttl_minutes: CreateVenueBody.properties.hold_ttl_minutes,
    cancellation_policy: Type.Optional(Nullable(CancellationPolicyBody)),
    deposit_percent: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100, description: 'charge this share at checkout; null charges everything' }))),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateVenueBody = Static<typeof UpdateVenueBody>

export const VenueOut = named(
  'Venue',
  Type.Object({
    id: Uuid,
    name: Type.String(),
    slug: Type.String(),
    kind: VenueKind,
    timezone: Type.String(),
    currency: Type.String(),
    address: Nullable(Type.String()),
    hours: Type.Array(OpeningRange),
    hold_ttl_minutes: Type.Integer(),
    cancellation_policy: CancellationPolicyBody,
    deposit_percent: Nullable(Type.Integer()),
    created_at: Instant,
    updated_at: Instant,
  }),
)

export const VenueListQuery = Type.Object(
  { ...PageQuery, kind: Type.Optional(VenueKind), ordering: Ordering(['name', 'created_at']) },
  { additionalProperties: false },
)

export const ClosureBody = Type.Object({ date: LocalDate, reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false })
export const ClosureOut = named('Closure', Type.Object({ id: Uuid, venue_id: Uuid, date: LocalDate, reason: Nullable(Type.String()) }))
export const ClosureListQuery = Type.Object({ ...PageQuery, from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) }, { additionalProperties: false })

const MemberRole = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('staff')])
export const MemberBody = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), role: MemberRole }, { additionalProperties: false })
export const MemberOut = named(
  'Member',
  Type.Object({
    venue_id: Uuid,
    user_id: Uuid,
    email: Type.String(),
    name: Type.String(),
    role: MemberRole,
    created_at: Instant,
  }),
)
export const MemberListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export const MemberParams = Type.Object({ id: Uuid, user_id: Uuid })

export const ClosurePage = Page(ClosureOut)

export const MemberPage = Page(MemberOut)

export const VenuePage = Page(VenueOut)

/** A venue where the caller works, with their role there: what a staff console opens on. */
export const StaffVenueOut = named('StaffVenue', Type.Object({ role: MemberRole, venue: VenueOut }))
export const StaffVenuePage = Page(StaffVenueOut)
