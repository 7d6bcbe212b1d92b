import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { sqlState } from '../../db/errors.js'
import { AppError, forbidden, notFound } from '../../http/errors.js'
import { contactsOf } from '../auth/users.js'
import type { AccessClaims } from '../auth/tokens.js'
import { practitionerOfVenue } from '../practitioners/queries.js'
import { reservationById } from '../reservations/reads.js'
import type { Reservation, ReservationService } from '../reservations/service.js'
import { venueRoleOf } from '../venues/access.js'
import { livekitOf, roomToken, startEgress, stopEgress } from './livekit.js'
import { RUNNING_RECORDINGS, videoRecordings } from './schema.js'
import { OPENS_BEFORE_MS, currentSession, sessionsOf, type VideoSession } from './sessions.js'

export type Recording = typeof videoRecordings.$inferSelect

/** The states in which a booking's people may be in its room. */
const IN_ROOM_STATES: readonly Reservation['status'][] = ['confirmed', 'checked_in']

export interface RoomPass {
  url: string
  room: string
  token: string
  identity: string
  host: boolean
  session: VideoSession
  expiresAt: Date
}

/** A booking as the caller stands to it: its customer, or its practitioner's staff (the host). */
interface Standing {
  r: Reservation
  host: boolean
  sessions: VideoSession[]
}

/** Video rooms of virtual bookings (LiveKit): join tokens and recordings. */
export class VideoService {
  constructor(
    private readonly deps: Deps,
    private readonly reservations: ReservationService,
  ) {}

  /**
   * A join token for the booking's room that is open now: from 15 minutes before its start
   * until its end, never valid past that end. The customer publishes camera and microphone;
   * the practitioner's staff administer the room.
   */
  async join(who: AccessClaims, reservationId: string): Promise<RoomPass> {
    const lk = livekitOf(this.deps.config)
    const now = this.deps.clock()
    const { r, host, sessions } = await this.standing(who, reservationId)
    const session = openSession(r, sessions, now)
    const [contact] = (await contactsOf(this.deps.db, [who.userId])).values()
    const name = host ? ((await practitionerOfVenue(this.deps.db, r.venueId))?.displayName ?? contact?.name) : contact?.name
    // LiveKit checks expiry against its own clock, so the lifetime is what is bounded: the time
    // left until the end, rounded up to the second.
    const ttlSeconds = Math.ceil((session.endsAt.getTime() - now.getTime()) / 1000)
    const identity = host ? `staff-${who.userId}` : who.userId
    const metadata = JSON.stringify({ reservation_id: r.id, role: host ? 'host' : 'participant' })
    const token = await roomToken(lk, { room: session.room, identity, name: name ?? '', metadata, host, ttlSeconds })
    return { url: lk.url, room: session.room, token, identity, host, session, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) }
  }

  /** Starts recording the booking's open room (its practitioner's staff); one recording per room at a time. */
  async startRecording(who: AccessClaims, reservationId: string): Promise<Recording> {
    const lk = livekitOf(this.deps.config)
    const now = this.deps.clock()
    const { r, sessions } = await this.asHost(who, reservationId)
    const { room } = openSession(r, sessions, now)
    if (await this.running(room)) throw new AppError('recording_running', 'This room is being recorded already', { room })
    const started = await egress(() => startEgress(lk, room, `reservoir/${room}-{time}.mp4`))
    try {
      const [row] = await this.deps.db
        .insert(videoRecordings)
        .values({ room, egressId: started.egressId, status: started.status, location: started.location, startedBy: who.userId, startedAt: now })
        .returning()
      return row!
    } catch (error) {
      // Another request started one meanwhile: this second egress is stopped rather than left running.
      if (sqlState(error) !== '23505') throw error
      await stopEgress(lk, started.egressId).catch(() => {})
      throw new AppError('recording_running', 'This room is being recorded already', { room })
    }
  }

  /** Stops the recording running in the booking's rooms; its file's location comes with `egress_ended`. */
  async stopRecording(who: AccessClaims, reservationId: string): Promise<Recording> {
    const lk = livekitOf(this.deps.config)
    const { sessions } = await this.asHost(who, reservationId)
    const running = await this.deps.db
      .select()
      .from(videoRecordings)
      .where(and(inArray(videoRecordings.room, roomsOf(sessions)), inArray(videoRecordings.status, [...RUNNING_RECORDINGS])))
    const recording = running[0]
    if (!recording) throw new AppError('no_recording', 'Nothing is being recorded in this booking’s room')
    const stopped = await egress(() => stopEgress(lk, recording.egressId))
    // The answer usually says `ending`; egress_ended brings the final status, the file and the end.
    const final = stopped.status === 'complete' || stopped.status === 'failed' || stopped.status === 'aborted'
    const [row] = await this.deps.db
      .update(videoRecordings)
      .set({ status: stopped.status, location: stopped.location ?? recording.location, ...(final ? { endedAt: this.deps.clock() } : {}) })
      .where(eq(videoRecordings.id, recording.id))
      .returning()
    return row!
  }

  /** The recordings of the booking's rooms, newest first (its practitioner's staff). */
  async recordings(who: AccessClaims, reservationId: string): Promise<Recording[]> {
    const { sessions } = await this.asHost(who, reservationId)
    return this.deps.db
      .select()
      .from(videoRecordings)
      .where(inArray(videoRecordings.room, roomsOf(sessions)))
      .orderBy(desc(videoRecordings.startedAt))
  }

  private async running(room: string): Promise<boolean> {
    const rows = await this.deps.db
      .select({ id: videoRecordings.id })
      .from(videoRecordings)
      .where(and(eq(videoRecordings.room, room), inArray(videoRecordings.status, [...RUNNING_RECORDINGS])))
    return rows.length > 0
  }

  /**
   * The booking, if the caller is its customer or a member of its venue (the practitioner's
   * staff); anyone else, admins included, learns nothing of it (404). Not virtual: 409.
   */
  private async standing(who: AccessClaims, reservationId: string): Promise<Standing> {
    const r = await reservationById(this.deps.db, reservationId)
    const host = r ? (await venueRoleOf(this.deps.db, r.venueId, who.userId)) !== null : false
    if (!r || !(host || r.userId === who.userId)) throw notFound('Reservation')
    const sessions = await sessionsOf(this.deps.db, r.id, await this.reservations.itemsOf(this.deps.db, r.id))
    if (sessions.length === 0) throw new AppError('not_virtual', 'This booking is not of a virtual service: it has no video room')
    return { r, host, sessions }
  }

  private async asHost(who: AccessClaims, reservationId: string): Promise<Standing> {
    const standing = await this.standing(who, reservationId)
    if (!standing.host) throw forbidden('Only the practitioner’s staff record a session')
    return standing
  }
}

const roomsOf = (sessions: readonly VideoSession[]) => [...new Set(sessions.map((s) => s.room))]

/** The sitting open at `now`, for a booking whose people may be in it: else why not. */
function openSession(r: Reservation, sessions: readonly VideoSession[], now: Date): VideoSession {
  if (!IN_ROOM_STATES.includes(r.status)) throw new AppError('not_confirmed', `A ${r.status} booking has no place in the room`, { status: r.status })
  const session = currentSession(sessions, now)
  if (!session) throw new AppError('session_over', 'The session is over', { ended_at: sessions.at(-1)!.endsAt.toISOString() })
  const opensAt = new Date(session.startsAt.getTime() - OPENS_BEFORE_MS)
  if (now < opensAt) throw new AppError('session_not_open', 'The room opens 15 minutes before the start', { opens_at: opensAt.toISOString() })
  return session
}

/** A call to LiveKit's API; its failures are a 502 that names no internals. */
async function egress<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch {
    throw new AppError('video_service_unavailable', 'The video service could not be reached; try again')
  }
}
