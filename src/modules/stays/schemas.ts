import { Type, type Static } from 'typebox'
import { Instant, LocalDate, Money, MoneyOut, Nullable, PageQuery, Uuid, named, Page, PatchOf } from '../../http/schemas.js'
import { CancellationPolicyBody } from '../venues/schemas.js'

const fields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  total_units: Type.Integer({ minimum: 0, maximum: 10000, description: 'units of a newly loaded night; a change applies to every night from today' }),
  max_occupancy: Type.Integer({ minimum: 1, maximum: 100, description: 'guests per unit' }),
  base_rate: Money,
  amenities: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 }),
}

export const CreateRoomTypeBody = Type.Object(
  {
    name: fields.name,
    total_units: fields.total_units,
    max_occupancy: fields.max_occupancy,
    base_rate: fields.base_rate,
    amenities: Type.Optional(fields.amenities),
  },
  { additionalProperties: false },
)
export type CreateRoomTypeBody = Static<typeof CreateRoomTypeBody>

export const UpdateRoomTypeBody = PatchOf(CreateRoomTypeBody)
export type UpdateRoomTypeBody = Static<typeof UpdateRoomTypeBody>

export const RoomTypeOut = named(
  'RoomType',
  Type.Object({
    id: Uuid,
    venue_id: Uuid,
    name: Type.String(),
    total_units: Type.Integer(),
    max_occupancy: Type.Integer(),
    base_rate: MoneyOut,
    amenities: Type.Array(Type.String()),
    created_at: Instant,
    updated_at: Instant,
  }),
)

export const RoomTypeListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

/** Lists that page but have nothing to search by. */
const { search: _search, ...paging } = PageQuery
export const PageOnlyQuery = Type.Object(paging, { additionalProperties: false })

export const CreateRatePlanBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    cancellation_policy: Type.Optional(Nullable(CancellationPolicyBody)),
    adjustment_percent: Type.Optional(Type.Integer({ minimum: -100, maximum: 1000, description: 'applied after the pricing rules, e.g. -10 for 10 % off' })),
  },
  { additionalProperties: false },
)
export type CreateRatePlanBody = Static<typeof CreateRatePlanBody>

export const RatePlanOut = named(
  'RatePlan',
  Type.Object({
    id: Uuid,
    room_type_id: Uuid,
    name: Type.String(),
    description: Nullable(Type.String()),
    cancellation_policy: Type.Object({}, { additionalProperties: true, description: "the plan's own, or the venue's when it has none" }),
    own_policy: Type.Boolean(),
    adjustment_percent: Type.Integer(),
    created_at: Instant,
  }),
)

/** Ranges of nights are inclusive at both ends. */
export const NightRange = Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false })
export type NightRange = Static<typeof NightRange>

export const PreloadOut = named('InventoryPreload', Type.Object({ from: LocalDate, to: LocalDate, room_types: Type.Integer(), created: Type.Integer() }))

export const InventoryEditBody = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    units: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    closed: Type.Optional(Type.Boolean()),
    min_stay: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false, minProperties: 3 },
)
export type InventoryEditBody = Static<typeof InventoryEditBody>

const NightOut = Type.Object({
  night: LocalDate,
  units: Type.Integer(),
  held: Type.Integer(),
  sold: Type.Integer(),
  available: Type.Integer(),
  closed: Type.Boolean(),
  min_stay: Type.Integer(),
  price: MoneyOut,
  rule: Type.String(),
})

export const InventoryOut = named(
  'InventoryGrid',
  Type.Object({
    venue_id: Uuid,
    from: LocalDate,
    to: LocalDate,
    room_types: Type.Array(Type.Object({ room_type_id: Uuid, name: Type.String(), rate_plan_id: Nullable(Uuid), nights: Type.Array(NightOut) })),
  }),
)

export const StaySearchQuery = Type.Object(
  {
    venue: Uuid,
    arrival: LocalDate,
    departure: LocalDate,
    guests: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    rooms: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
    ...paging,
  },
  { additionalProperties: false },
)
export type StaySearchQuery = Static<typeof StaySearchQuery>

/** A page of room types (cheapest base rate first), with the stay's terms echoed. */
export const StaySearchOut = named(
  'StaySearchResult',
  Type.Object({
    count: Type.Integer(),
    next: Nullable(Type.String()),
    previous: Nullable(Type.String()),
    venue_id: Uuid,
    arrival: LocalDate,
    departure: LocalDate,
    nights: Type.Integer(),
    guests: Type.Integer(),
    rooms: Type.Integer(),
    results: Type.Array(
      Type.Object({
        room_type_id: Uuid,
        name: Type.String(),
        max_occupancy: Type.Integer(),
        amenities: Type.Array(Type.String()),
        available_units: Type.Integer({ description: 'the fewest units left on any night of the stay' }),
        offers: Type.Array(
          Type.Object({
            rate_plan_id: Nullable(Uuid),
            name: Type.String(),
            cancellation_policy: Type.Object({}, { additionalProperties: true }),
            total: MoneyOut,
            nightly: Type.Array(Type.Object({ night: LocalDate, amount: Type.Integer(), rule: Type.String() })),
          }),
        ),
      }),
    ),
  }),
)

export const DayQuery = Type.Object({ date: LocalDate, ...paging }, { additionalProperties: false })

export const OccupancyOut = named(
  'OccupancyReport',
  Type.Object({
    venue_id: Uuid,
    from: LocalDate,
    to: LocalDate,
    currency: Type.String(),
    available_room_nights: Type.Integer({ description: 'units of nights not closed' }),
    sold_room_nights: Type.Integer(),
    occupancy: Type.Number({ description: 'sold / available, 0..1' }),
    room_revenue: MoneyOut,
    adr: MoneyOut,
    revpar: MoneyOut,
    nights: Type.Array(
      Type.Object({
        night: LocalDate,
        available: Type.Integer(),
        sold: Type.Integer(),
        occupancy: Type.Number(),
        revenue: Type.Integer(),
        adr: Type.Integer(),
        revpar: Type.Integer(),
      }),
    ),
  }),
)

export const RatePlanPage = Page(RatePlanOut)

export const RoomTypePage = Page(RoomTypeOut)
