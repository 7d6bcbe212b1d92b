import { sql } from 'drizzle-orm'
import { bigserial, check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { reservations } from '../reservations/schema.js'

// A room is named after what it is for (`occurrence-{id}` or `reservation-{id}`), so it needs
// no table of its own: these rows name it, and its bookings follow from the name.

/**
 * LiveKit's webhook events, each stored once under LiveKit's own id in the transaction that
 * acts on it: a redelivery finds the id taken and changes nothing.
 */
export const videoEvents = pgTable(
  'video_events',
  {
    id: text('id').primaryKey(),
    event: text('event').notNull(),
    room: text('room'),
    payload: jsonb('payload').notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('video_events_room_idx').on(t.room, t.receivedAt)],
)

export const presenceKinds = ['joined', 'left'] as const

/** Who came into and left which room, when: one row per join or leave LiveKit reported. */
export const videoPresence = pgTable(
  'video_presence',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => videoEvents.id),
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    // The account behind the identity, and the booking it joined through (from the token's metadata).
    userId: uuid('user_id').references(() => users.id),
    reservationId: uuid('reservation_id').references(() => reservations.id),
    kind: text('kind', { enum: presenceKinds }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('video_presence_room_idx').on(t.room, t.at),
    index('video_presence_reservation_idx').on(t.reservationId),
    check('video_presence_kind_check', sql`${t.kind} in (${literalList(presenceKinds)})`),
  ],
)

export const recordingStatuses = ['starting', 'active', 'ending', 'complete', 'failed', 'aborted'] as const
export type RecordingStatus = (typeof recordingStatuses)[number]
/**
 * Statuses of a recording that still runs: a room has at most one. One that is `ending` was
 * stopped already; the room may be recorded again while LiveKit finishes writing its file.
 */
export const RUNNING_RECORDINGS: readonly RecordingStatus[] = ['starting', 'active']

/** A recording of a room, started by its practitioner through LiveKit's egress. */
export const videoRecordings = pgTable(
  'video_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    room: text('room').notNull(),
    egressId: text('egress_id').notNull(),
    status: text('status', { enum: recordingStatuses }).notNull(),
    // Where the file was written, as egress_ended (or the stop answer) reported it.
    location: text('location'),
    error: text('error'),
    startedBy: uuid('started_by')
      .notNull()
      .references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('video_recordings_egress_idx').on(t.egressId),
    // One running recording per room: a second start is a 409, however many processes race.
    uniqueIndex('video_recordings_running_idx')
      .on(t.room)
      .where(sql`${t.status} in (${literalList(RUNNING_RECORDINGS)})`),
    index('video_recordings_room_idx').on(t.room, t.startedAt),
    check('video_recordings_status_check', sql`${t.status} in (${literalList(recordingStatuses)})`),
  ],
)

/**
 * The "video room open" signal, sent once per booking and sitting (room and start: a 1:1
 * session rescheduled keeps its room and opens again at its new time) when its window opens:
 * the row is written with the event, so the job that sends it may run any number of times.
 */
export const videoRoomOpenings = pgTable(
  'video_room_openings',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    room: text('room').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    signalledAt: timestamp('signalled_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.room, t.startsAt] })],
)
