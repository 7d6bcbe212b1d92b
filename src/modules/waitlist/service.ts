import { randomBytes } from 'node:crypto'
import { and, asc, count, desc, eq, ilike, inArray, lte, ne, or } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Tx } from '../../db/client.js'
import { forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { EventOf } from '../events/domain-events.js'
import { emit } from '../events/outbox.js'
import { isVenueStaff } from '../venues/access.js'
import { escapeLike, type Venue, type VenueService } from '../venues/service.js'
import { queueEstimates } from './queue.js'
import { waitlistEntries, type WaitlistStatus } from './schema.js'
import type { JoinBody, ListQuery, SeatBody } from './schemas.js'
import { assertSeatTarget, seatIntoRoom } from './seat.js'
import { QUEUED, assertTransition, isQueued } from './state.js'
import type { WaitEstimate } from './wait.js'

export type WaitlistEntry = typeof waitlistEntries.$inferSelect
type EntryChange = Partial<Pick<WaitlistEntry, 'status' | 'notifiedAt' | 'seatedAt' | 'endedAt' | 'roomId' | 'reservationId'>>

/** An entry and its place in the queue (null once it has left the queue). */
export interface EntryView {
  entry: WaitlistEntry
  estimate: WaitEstimate | null
}

/** A venue's walk-in queue (SPEC §8). */
export class WaitlistService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /**
   * Adds a party to the queue. Anyone may join (a walk-in scanning the QR code at the door
   * has no account); a signed-in customer is recorded as its owner, staff adding a walk-in
   * are not. Only the venue's staff quote a wait.
   */
  async join(who: AccessClaims | null, venueId: string, body: JoinBody): Promise<EntryView> {
    const venue = await this.venues.get(venueId)
    const staff = who ? await isVenueStaff(this.deps.db, who, venueId) : false
    if (body.quoted_wait_minutes != null && !staff) throw forbidden("Only the venue's staff quote a wait")
    const phone = normalizePhone(body.phone)
    const now = this.deps.clock()
    const entry = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(waitlistEntries)
        .values({
          venueId,
          userId: who && !staff ? who.userId : null,
          createdBy: who?.userId ?? null,
          token: randomBytes(32).toString('base64url'),
          name: body.name.trim(),
          phone,
          partySize: body.party_size,
          notes: body.notes ?? null,
          quotedWaitMinutes: body.quoted_wait_minutes ?? null,
          status: 'waiting',
          createdAt: now,
          updatedAt: now,
        })
        .returning()
      await emit(tx, now, [updatedEvent(row!)])
      return row!
    })
    return this.withEstimate(venue, entry, now)
  }

  /** The venue's staff's list: by default the queue in order, or the entries of one status. */
  async list(who: AccessClaims, venueId: string, q: ListQuery, page: PageParams): Promise<{ rows: EntryView[]; count: number }> {
    const venue = await this.venues.asStaff(who, venueId)
    const like = q.search ? `%${escapeLike(q.search)}%` : undefined
    const where = and(
      eq(waitlistEntries.venueId, venueId),
      q.status ? eq(waitlistEntries.status, q.status) : inArray(waitlistEntries.status, [...QUEUED]),
      like ? or(ilike(waitlistEntries.name, like), ilike(waitlistEntries.phone, like)) : undefined,
    )
    const order = parseOrdering<'created_at'>(q.ordering, 'created_at')
    const dir = order.desc ? desc : asc
    const now = this.deps.clock()
    const [rows, [total], estimates] = await Promise.all([
      this.deps.db
        .select()
        .from(waitlistEntries)
        .where(where)
        .orderBy(dir(waitlistEntries.createdAt), dir(waitlistEntries.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(waitlistEntries).where(where),
      !q.status || isQueued(q.status) ? queueEstimates(this.deps.db, venue, now) : new Map<string, WaitEstimate>(),
    ])
    return { rows: rows.map((entry) => ({ entry, estimate: estimates.get(entry.id) ?? null })), count: total!.n }
  }

  /** What the party's status link shows; the token is the only key, so an unknown one is 404. */
  async status(token: string): Promise<EntryView & { venue: Venue }> {
    const [entry] = await this.deps.db.select().from(waitlistEntries).where(eq(waitlistEntries.token, token))
    if (!entry) throw notFound('Waitlist entry')
    const venue = await this.venues.get(entry.venueId)
    return { venue, ...(await this.withEstimate(venue, entry, this.deps.clock())) }
  }

  /** Tells the party their room is ready (the notifications module sends the SMS); again re-sends it. */
  async notify(who: AccessClaims, id: string): Promise<EntryView> {
    return this.move(who, id, 'notified', (now) => ({ notifiedAt: now }))
  }

  /** Takes the party out of the queue: they left, or did not answer the call (no-show). */
  async remove(who: AccessClaims, id: string, reason: 'left' | 'no_show' = 'left'): Promise<EntryView> {
    return this.move(who, id, reason, (now) => ({ endedAt: now }))
  }

  /**
   * Seats the party; with a room, books it for them as a checked-in reservation in the same
   * transaction, so the entry is seated if and only if the room was free (409 `slot_taken`
   * leaves the party waiting).
   */
  async seat(who: AccessClaims, id: string, body: SeatBody): Promise<EntryView> {
    assertSeatTarget(body)
    const now = this.deps.clock()
    const entry = await this.deps.db.transaction(async (tx) => {
      // The entry's lock comes first: a second seat of the same party waits here, then sees it seated.
      const current = await this.lockVisible(tx, who, id)
      assertTransition(current.status, 'seated')
      const reservationId = body.room_id
        ? await seatIntoRoom(tx, await this.venues.get(current.venueId, tx), current, who.userId, { roomId: body.room_id, minutes: body.minutes }, now)
        : null
      return this.change(tx, current, { status: 'seated', seatedAt: now, endedAt: now, roomId: body.room_id ?? null, reservationId }, now)
    })
    if (entry.reservationId) this.deps.changes.touch(entry.venueId)
    return { entry, estimate: null }
  }

  /** The `archive-waitlist` job: archives entries older than the TTL, each with its event. Answers how many. */
  async archiveExpired(): Promise<number> {
    const now = this.deps.clock()
    const cutoff = new Date(now.getTime() - this.deps.config.waitlistTtlHours * 3600_000)
    return this.deps.db.transaction(async (tx) => {
      const archived = await tx
        .update(waitlistEntries)
        .set({ status: 'archived', archivedAt: now, updatedAt: now })
        .where(and(ne(waitlistEntries.status, 'archived'), lte(waitlistEntries.createdAt, cutoff)))
        .returning()
      if (archived.length > 0) await emit(tx, now, archived.map(updatedEvent))
      return archived.length
    })
  }

  /** One transition of the table for the venue's staff, with its event. */
  private async move(who: AccessClaims, id: string, to: WaitlistStatus, fields: (now: Date) => EntryChange): Promise<EntryView> {
    const now = this.deps.clock()
    const entry = await this.deps.db.transaction(async (tx) => {
      const current = await this.lockVisible(tx, who, id)
      assertTransition(current.status, to)
      return this.change(tx, current, { status: to, ...fields(now) }, now)
    })
    return this.withEstimate(await this.venues.get(entry.venueId), entry, now)
  }

  /**
   * Locks the entry (the first lock of every change to it) after checking the caller works
   * at its venue; to anyone else it does not exist, so ids of others' queues leak nothing.
   */
  private async lockVisible(tx: Tx, who: AccessClaims, id: string): Promise<WaitlistEntry> {
    const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)).for('update')
    if (!entry || !(await isVenueStaff(tx, who, entry.venueId))) throw notFound('Waitlist entry')
    return entry
  }

  private async change(tx: Tx, entry: WaitlistEntry, fields: EntryChange, now: Date): Promise<WaitlistEntry> {
    const [updated] = await tx
      .update(waitlistEntries)
      .set({ ...fields, updatedAt: now })
      .where(eq(waitlistEntries.id, entry.id))
      .returning()
    await emit(tx, now, [updatedEvent(updated!)])
    return updated!
  }

  private async withEstimate(venue: Venue, entry: WaitlistEntry, now: Date): Promise<EntryView> {
    if (!isQueued(entry.status)) return { entry, estimate: null }
    return { entry, estimate: (await queueEstimates(this.deps.db, venue, now)).get(entry.id) ?? null }
  }
}

/** `waitlist.updated`: the notifications module texts the party on `notified`, reading the phone by id. */
function updatedEvent(e: WaitlistEntry): EventOf<'waitlist.updated'> {
  return {
    type: 'waitlist.updated',
    aggregateId: e.id,
    venueId: e.venueId,
    payload: { id: e.id, venue_id: e.venueId, status: e.status, party_size: e.partySize, name: e.name, room_id: e.roomId, reservation_id: e.reservationId },
  }
}

/**
 * Digits only, keeping a leading +: "+1 (303) 555-0100" → "+13035550100", what an SMS
 * gateway takes. E.164 numbers have at most 15 digits; fewer than 7 is no phone number.
 */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) {
    throw invalidInput('A phone number has 7 to 15 digits', { field: 'phone', reason: 'phone_digits' })
  }
  return `${raw.trim().startsWith('+') ? '+' : ''}${digits}`
}

/** The status link shows the first name only: anyone holding the link sees it. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name
