import { Type } from 'typebox'
import { Instant, LocalDate, Uuid, named } from '../../http/schemas.js'

export const AvailabilityQuery = Type.Object(
  { date: LocalDate, party_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })) },
  { additionalProperties: false },
)

export const AvailabilityOut = named(
  'Availability',
  Type.Object({
    date: LocalDate,
    timezone: Type.String(),
    rooms: Type.Array(
      Type.Object({
        room_id: Uuid,
        name: Type.String(),
        capacity: Type.Integer(),
        slot_minutes: Type.Integer(),
        free: Type.Array(Type.Object({ start: Instant, end: Instant })),
      }),
    ),
  }),
)
