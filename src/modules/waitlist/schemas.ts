import { Type, type Static } from 'typebox'
import { Instant, Nullable, Ordering, PageQuery, Phone, Uuid, named, Page } from '../../http/schemas.js'
import { waitlistStatuses } from './schema.js'

const Status = Type.Enum([...waitlistStatuses])
const Minutes = Type.Integer({ minimum: 0, maximum: 1440 })

export const JoinBody = Type.Object(
  {
    // At least one visible character: the name is what staff call out.
    name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
    // Checked loosely here (digits, spaces, parentheses, dashes) and stored as + and digits.
    phone: Phone,
    party_size: Type.Integer({ minimum: 1, maximum: 1000 }),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    quoted_wait_minutes: Type.Optional(
      Nullable(Type.Integer({ minimum: 0, maximum: 1440, description: "the wait staff told the party; the venue's staff only" })),
    ),
  },
  { additionalProperties: false },
)
export type JoinBody = Static<typeof JoinBody>

export const ListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.Enum([...waitlistStatuses], { description: 'one status; without it, the queue (waiting and notified)' })),
    ordering: Ordering(['created_at']),
  },
  { additionalProperties: false },
)
export type ListQuery = Static<typeof ListQuery>

export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'the status link token' }) })

export const NotifyBody = Type.Object({}, { additionalProperties: false })

export const RemoveBody = Type.Object(
  { reason: Type.Optional(Type.Union([Type.Literal('left'), Type.Literal('no_show')], { description: 'default left' })) },
  { additionalProperties: false },
)
export type RemoveBody = Static<typeof RemoveBody>

export const SeatBody = Type.Object(
  {
    room_id: Type.Optional(Uuid),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, description: "length of the room booking; default the room's minimum" })),
  },
  { additionalProperties: false },
)
export type SeatBody = Static<typeof SeatBody>

const estimate = {
  position: Nullable(Type.Integer({ minimum: 1, description: 'in the queue; null once out of it' })),
  estimated_wait_minutes: Nullable(Type.Integer({ minimum: 0, description: 'null out of the queue, or when no room holds the party' })),
  estimated_ready_at: Nullable(Instant),
}

const entryFields = {
  id: Uuid,
  venue_id: Uuid,
  user_id: Nullable(Uuid),
  name: Type.String(),
  phone: Type.String(),
  party_size: Type.Integer(),
  notes: Nullable(Type.String()),
  quoted_wait_minutes: Nullable(Minutes),
  status: Status,
  ...estimate,
  room_id: Nullable(Uuid),
  reservation_id: Nullable(Uuid),
  notified_at: Nullable(Instant),
  seated_at: Nullable(Instant),
  ended_at: Nullable(Instant),
  archived_at: Nullable(Instant),
  created_at: Instant,
  updated_at: Instant,
}

/** An entry as the venue's staff see it. */
export const EntryOut = named('WaitlistEntry', Type.Object(entryFields))

/** The answer to joining: the entry and the party's status link. */
export const JoinOut = named(
  'WaitlistJoin',
  Type.Object({
    ...entryFields,
    token: Type.String(),
    status_url: Type.String({ description: 'public, no sign-in: GET it to see the place in the queue' }),
  }),
)

/** What the status link shows anyone holding it: no phone, no notes, the first name only. */
export const StatusOut = named(
  'WaitlistStatus',
  Type.Object({
    venue_id: Uuid,
    venue_name: Type.String(),
    name: Type.String({ description: 'first name only' }),
    party_size: Type.Integer(),
    status: Status,
    ...estimate,
    quoted_wait_minutes: Nullable(Minutes),
    joined_at: Instant,
  }),
)

export const EntryPage = Page(EntryOut)
