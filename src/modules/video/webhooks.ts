import { eq, sql } from 'drizzle-orm'
import { rowsOf, type Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { AppError } from '../../http/errors.js'
import { contactsOf } from '../auth/users.js'
import type { AttendanceService } from '../catalog/attendance.js'
import { lockReservation, reservationById } from '../reservations/reads.js'
import type { ReservationService } from '../reservations/service.js'
import { livekitOf, receiveEvent, type LiveKitEvent } from './livekit.js'
import { videoEvents, videoPresence, videoRecordings } from './schema.js'
import { parseRoom } from './sessions.js'

export interface VideoWebhookAnswer {
  received: true
  duplicate: boolean
  outcome: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const FINAL = new Set(['complete', 'failed', 'aborted'])

/**
 * LiveKit's webhook: the signature (a JWT over the body's sha256, signed with our API
 * secret) is checked by the SDK's receiver before anything is read; the event is stored under
 * LiveKit's id in the transaction that acts on it, so a redelivery changes nothing.
 */
export class VideoWebhooks {
  constructor(
    private readonly deps: Deps,
    private readonly reservations: ReservationService,
    private readonly attendance: AttendanceService,
  ) {}

  async receive(body: string, authorization: string | undefined): Promise<VideoWebhookAnswer> {
    const lk = livekitOf(this.deps.config)
    let event: LiveKitEvent
    try {
      event = await receiveEvent(lk, body, authorization)
    } catch {
      throw new AppError('invalid_signature', 'The Authorization header does not sign this body', null)
    }
    if (!event.id || !event.event) throw new AppError('validation_failed', 'Not a LiveKit webhook event', null)
    const now = this.deps.clock()
    return this.deps.db.transaction(async (tx) => {
      const fresh = await rowsOf<{ id: string }>(
        tx,
        sql`insert into video_events (id, event, room, payload, outcome, received_at)
            values (${event.id}, ${event.event}, ${event.room}, ${JSON.stringify(event.json)}::jsonb, 'processing', ${now.toISOString()})
            on conflict (id) do nothing returning id`,
      )
      if (fresh.length === 0) return { received: true as const, duplicate: true, outcome: 'duplicate' }
      const outcome = await this.apply(tx, event, event.createdAt ?? now)
      await tx.update(videoEvents).set({ outcome }).where(eq(videoEvents.id, event.id))
      return { received: true as const, duplicate: false, outcome }
    })
  }

  private async apply(tx: Tx, e: LiveKitEvent, at: Date): Promise<string> {
    if ((e.event === 'participant_joined' || e.event === 'participant_left') && e.participant && e.room) return this.presence(tx, e, at)
    if (e.event.startsWith('egress_') && e.egress) {
      const { egressId, status, location, error } = e.egress
      const updated = await tx
        .update(videoRecordings)
        .set({
          status,
          ...(location ? { location } : {}),
          ...(error ? { error } : {}),
          ...(FINAL.has(status) ? { endedAt: at } : {}),
        })
        .where(eq(videoRecordings.egressId, egressId))
        .returning({ id: videoRecordings.id })
      return updated.length > 0 ? `recording_${status}` : 'unknown_recording'
    }
    return 'ignored'
  }

  /**
   * A join or a leave, recorded against the account and booking the token named. A customer's
   * join marks them present: their seat's attendance in an occurrence's room, a check-in of a
   * 1:1 session (through the transition table, as any check-in).
   */
  private async presence(tx: Tx, e: LiveKitEvent, at: Date): Promise<string> {
    const { identity, metadata } = e.participant!
    const host = identity.startsWith('staff-')
    const userId = host ? identity.slice('staff-'.length) : identity
    const claimed = reservationOf(metadata)
    const r = claimed ? await reservationById(tx, claimed) : undefined
    const known = UUID.test(userId) && (await accountExists(tx, userId))
    const joined = e.event === 'participant_joined'
    await tx.insert(videoPresence).values({
      eventId: e.id,
      room: e.room!,
      identity,
      userId: known ? userId : null,
      reservationId: r?.id ?? null,
      kind: joined ? 'joined' : 'left',
      at,
    })
    // Only a booking's own customer, in a room of that booking, in a state that may attend.
    const room = parseRoom(e.room)
    if (!joined || host || !r || r.userId !== userId || !room) return joined ? 'joined' : 'left'
    if (room.kind === 'occurrence') {
      if (r.status !== 'confirmed' && r.status !== 'checked_in') return 'joined'
      const marked = await this.attendance.markJoined(tx, room.id, r.id, userId, at)
      return marked ? 'joined_attended' : 'joined'
    }
    if (room.id !== r.id) return 'joined'
    const locked = await lockReservation(tx, r.id)
    if (locked?.status !== 'confirmed') return 'joined'
    await this.reservations.move(tx, locked, 'checked_in', userId, 'joined the video session', this.deps.clock())
    return 'joined_checked_in'
  }
}

/** The booking a token's metadata names (we wrote it; the participant may not change it). */
function reservationOf(metadata: string): string | null {
  try {
    const id = (JSON.parse(metadata) as { reservation_id?: unknown }).reservation_id
    return typeof id === 'string' && UUID.test(id) ? id : null
  } catch {
    return null
  }
}

async function accountExists(tx: Tx, userId: string): Promise<boolean> {
  return (await contactsOf(tx, [userId])).has(userId)
}
