import { Type } from 'typebox'
import { Instant, Nullable, Uuid, named } from '../../http/schemas.js'
import { recordingStatuses } from './schema.js'

export const RoomPassOut = named(
  'VideoRoomPass',
  Type.Object({
    url: Type.String({ description: 'the LiveKit server to connect to' }),
    room: Type.String({ description: '`occurrence-{id}` (workshops, course sessions) or `reservation-{id}` (1:1)' }),
    token: Type.String({ description: 'a LiveKit join token (JWT), valid until the session ends' }),
    identity: Type.String({ description: 'the user id (customers) or `staff-{user id}` (the practitioner’s staff)' }),
    role: Type.Union([Type.Literal('host'), Type.Literal('participant')], { description: 'host: room admin' }),
    starts_at: Instant,
    ends_at: Instant,
    occurrence_id: Nullable(Uuid),
    expires_at: Instant,
  }),
)

export const RecordingOut = named(
  'VideoRecording',
  Type.Object({
    id: Uuid,
    room: Type.String(),
    egress_id: Type.String(),
    status: Type.Enum([...recordingStatuses]),
    location: Nullable(Type.String({ description: 'where the file was written, once LiveKit reports it' })),
    error: Nullable(Type.String()),
    started_by: Uuid,
    started_at: Instant,
    ended_at: Nullable(Instant),
  }),
)

export const RecordingList = Type.Object({ recordings: Type.Array(RecordingOut) })

/** The envelope of a LiveKit webhook event, as far as routing needs it; the SDK reads the rest. */
export const LiveKitEventBody = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 255 }), event: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: true },
)

export const VideoWebhookOut = named('VideoWebhookReceipt', Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean(), outcome: Type.String() }))
