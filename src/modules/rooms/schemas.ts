import { Type, type Static } from 'typebox'
import { Instant, Money, MoneyOut, PageQuery, Uuid, named, Page, PatchOf } from '../../http/schemas.js'

const fields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
  hourly_rate: Money,
  slot_minutes: Type.Integer({ minimum: 5, maximum: 240, description: 'booking grid; must divide a day' }),
  min_minutes: Type.Integer({ minimum: 5, maximum: 1440, description: 'a multiple of slot_minutes' }),
  max_minutes: Type.Integer({ minimum: 5, maximum: 1440, description: 'a multiple of slot_minutes' }),
  buffer_minutes: Type.Integer({ minimum: 0, maximum: 240, description: 'kept free after each booking' }),
  amenities: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 }),
}

export const CreateRoomBody = Type.Object(
  {
    name: fields.name,
    capacity: fields.capacity,
    hourly_rate: fields.hourly_rate,
    slot_minutes: Type.Optional(fields.slot_minutes),
    min_minutes: Type.Optional(fields.min_minutes),
    max_minutes: Type.Optional(fields.max_minutes),
    buffer_minutes: Type.Optional(fields.buffer_minutes),
    amenities: Type.Optional(fields.amenities),
  },
  { additionalProperties: false },
)
export type CreateRoomBody = Static<typeof CreateRoomBody>

export const UpdateRoomBody = PatchOf(CreateRoomBody)
export type UpdateRoomBody = Static<typeof UpdateRoomBody>

export const RoomOut = named(
  'Room',
  Type.Object({
    id: Uuid,
    venue_id: Uuid,
    name: Type.String(),
    capacity: Type.Integer(),
    hourly_rate: MoneyOut,
    slot_minutes: Type.Integer(),
    min_minutes: Type.Integer(),
    max_minutes: Type.Integer(),
    buffer_minutes: Type.Integer(),
    amenities: Type.Array(Type.String()),
    created_at: Instant,
    updated_at: Instant,
  }),
)

export const RoomListQuery = Type.Object(
  { ...PageQuery, min_capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
)

export const RoomPage = Page(RoomOut)
