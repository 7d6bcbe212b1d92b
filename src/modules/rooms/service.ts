import { and, asc, count, eq, gte, ilike, isNull, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { AppError, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { expireHolds } from '../reservations/holds.js'
import { activeClaimsAhead } from '../reservations/reads.js'
import { MANAGERS, requireVenueRole } from '../venues/access.js'
import { assertVenueCurrency, escapeLike, type VenueService } from '../venues/service.js'
import { rooms } from './schema.js'
import { currencyOfVenue } from '../venues/queries.js'
import type { CreateRoomBody, UpdateRoomBody } from './schemas.js'

export type Room = typeof rooms.$inferSelect
/** A room with the currency of its venue, which its rate is in. */
export type PricedRoom = Room & { currency: string }

export class RoomService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  async create(who: AccessClaims, venueId: string, input: CreateRoomBody): Promise<PricedRoom> {
    const venue = await this.venues.asStaff(who, venueId, MANAGERS)
    assertVenueCurrency(venue, input.hourly_rate, 'hourly_rate')
    const slot = input.slot_minutes ?? 30
    const [room] = await this.deps.db
      .insert(rooms)
      .values({
        venueId,
        name: input.name,
        capacity: input.capacity,
        hourlyRate: input.hourly_rate.amount,
        slotMinutes: slot,
        // Defaults of an hour to four, rounded to whole slots so any slot length works.
        minMinutes: input.min_minutes ?? slot * Math.max(1, Math.round(60 / slot)),
        maxMinutes: input.max_minutes ?? Math.max(input.min_minutes ?? 0, slot * Math.max(1, Math.floor(240 / slot))),
        bufferMinutes: input.buffer_minutes ?? 0,
        amenities: input.amenities ?? [],
      })
      .returning()
    this.deps.changes.touch(venueId)
    return { ...room!, currency: venue.currency }
  }

  /** Archived rooms are gone for clients but stay referenced by past reservations. */
  async get(id: string): Promise<PricedRoom> {
    const [row] = await this.deps.db
      .select({ room: rooms, currency: currencyOfVenue(rooms.venueId) })
      .from(rooms)
      .where(and(eq(rooms.id, id), isNull(rooms.archivedAt)))
    if (!row) throw notFound('Room')
    return { ...row.room, currency: row.currency }
  }

  async list(venueId: string, query: { search?: string; min_capacity?: number }, page: PageParams) {
    const venue = await this.venues.get(venueId)
    const where = and(
      eq(rooms.venueId, venueId),
      isNull(rooms.archivedAt),
      query.search ? ilike(rooms.name, `%${escapeLike(query.search)}%`) : undefined,
      query.min_capacity ? gte(rooms.capacity, query.min_capacity) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(rooms).where(where).orderBy(asc(rooms.name), asc(rooms.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(rooms).where(where),
    ])
    return { rows: rows.map((r) => ({ ...r, currency: venue.currency })), count: total!.n }
  }

  async update(who: AccessClaims, id: string, patch: UpdateRoomBody): Promise<PricedRoom> {
    const room = await this.get(id)
    const venue = await this.venues.asStaff(who, room.venueId, MANAGERS)
    assertVenueCurrency(venue, patch.hourly_rate, 'hourly_rate')
    const [updated] = await this.deps.db
      .update(rooms)
      .set({
        name: patch.name,
        capacity: patch.capacity,
        hourlyRate: patch.hourly_rate?.amount,
        slotMinutes: patch.slot_minutes,
        minMinutes: patch.min_minutes,
        maxMinutes: patch.max_minutes,
        bufferMinutes: patch.buffer_minutes,
        amenities: patch.amenities,
        updatedAt: this.deps.clock(),
      })
      .where(eq(rooms.id, id))
      .returning()
    this.deps.changes.touch(room.venueId)
    return { ...updated!, currency: venue.currency }
  }

  /** Archives the room; refused while it still has active bookings ahead. */
  async archive(who: AccessClaims, id: string): Promise<void> {
    const room = await this.get(id)
    await requireVenueRole(this.deps.db, who, room.venueId, MANAGERS)
    const now = this.deps.clock()
    await this.deps.db.transaction(async (tx) => {
      // Lock the room so a booking cannot slip in between the check and the archive.
      await tx.execute(sql`select 1 from ${rooms} where ${rooms.id} = ${id} for update`)
      // Holds that lapsed but were not swept yet must not keep the room alive.
      await expireHolds(tx, now, { spans: [{ roomId: id, start: now, end: new Date('9999-12-31T00:00:00Z') }] })
      const ahead = await activeClaimsAhead(tx, id, now)
      if (ahead > 0) throw new AppError('room_has_reservations', 'The room still has active bookings ahead', { count: ahead })
      await tx.update(rooms).set({ archivedAt: now, updatedAt: now }).where(eq(rooms.id, id))
    })
    this.deps.changes.touch(room.venueId)
  }
}
