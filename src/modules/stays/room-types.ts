import { and, asc, count, eq, gte, ilike, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { localDate } from '../availability/opening-hours.js'
import { assertPolicy } from '../pricing/cancellation-policy.js'
import { MANAGERS, requireVenueRole } from '../venues/access.js'
import { assertVenueCurrency, escapeLike, type Venue, type VenueService } from '../venues/service.js'
import { inventoryNights, ratePlans, roomTypes } from './schema.js'
import { inventoryChanged, lockForEdit } from './calendar.js'
import type { CreateRatePlanBody, CreateRoomTypeBody, UpdateRoomTypeBody } from './schemas.js'

export type RoomType = typeof roomTypes.$inferSelect
export type RatePlan = typeof ratePlans.$inferSelect
/** The order rate plans are offered in; the first is a stay's default. (Also in loadStayTargets' SQL.) */
export const PLAN_ORDER = [asc(ratePlans.position), asc(ratePlans.createdAt), asc(ratePlans.id)]

/** A room type with its venue, whose currency its rates are in. */
export type VenueRoomType = RoomType & { venue: Venue }

/** Room types (pools of interchangeable units) and the rate plans they are sold under. */
export class RoomTypeService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  async create(who: AccessClaims, venueId: string, input: CreateRoomTypeBody): Promise<VenueRoomType> {
    const venue = await this.venues.asStaff(who, venueId, MANAGERS)
    assertVenueCurrency(venue, input.base_rate, 'base_rate')
    const [row] = await this.deps.db
      .insert(roomTypes)
      .values({
        venueId,
        name: input.name,
        totalUnits: input.total_units,
        maxOccupancy: input.max_occupancy,
        baseRate: input.base_rate.amount,
        amenities: input.amenities ?? [],
      })
      .returning()
    return { ...row!, venue }
  }

  async get(id: string): Promise<VenueRoomType> {
    const [row] = await this.deps.db.select().from(roomTypes).where(eq(roomTypes.id, id))
    if (!row) throw notFound('Room type')
    return { ...row, venue: await this.venues.get(row.venueId) }
  }

  async list(venueId: string, query: { search?: string }, page: PageParams) {
    const venue = await this.venues.get(venueId)
    const where = and(eq(roomTypes.venueId, venueId), query.search ? ilike(roomTypes.name, `%${escapeLike(query.search)}%`) : undefined)
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(roomTypes).where(where).orderBy(asc(roomTypes.name), asc(roomTypes.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(roomTypes).where(where),
    ])
    return { rows: rows.map((r) => ({ ...r, venue })), count: total!.n }
  }

  /**
   * A new `total_units` becomes the units of every loaded night from today (venue-local)
   * on; it is refused, naming the nights, where more units than that are already held or
   * sold. Past nights keep what they had, so reports stay true.
   */
  async update(who: AccessClaims, id: string, patch: UpdateRoomTypeBody): Promise<VenueRoomType> {
    const current = await this.get(id)
    const { venue } = current
    await requireVenueRole(this.deps.db, who, venue.id, MANAGERS)
    assertVenueCurrency(venue, patch.base_rate, 'base_rate')
    const now = this.deps.clock()
    const updated = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .update(roomTypes)
        .set({
          name: patch.name,
          totalUnits: patch.total_units,
          maxOccupancy: patch.max_occupancy,
          baseRate: patch.base_rate?.amount,
          amenities: patch.amenities,
          updatedAt: now,
        })
        .where(eq(roomTypes.id, id))
        .returning()
      if (patch.total_units !== undefined) {
        const today = localDate(now.getTime(), venue.timezone)
        await lockForEdit(tx, id, today, null, patch.total_units)
        await tx
          .update(inventoryNights)
          .set({ units: patch.total_units })
          .where(and(eq(inventoryNights.roomTypeId, id), gte(inventoryNights.night, today)))
        await inventoryChanged(tx, now, venue.id, id, { from: today, to: '9999-12-31' }, 'total_units')
      }
      return row!
    })
    this.deps.changes.touch(venue.id)
    return { ...updated, venue }
  }

  async createPlan(who: AccessClaims, roomTypeId: string, input: CreateRatePlanBody): Promise<{ plan: RatePlan; venue: Venue }> {
    const { venue } = await this.get(roomTypeId)
    await requireVenueRole(this.deps.db, who, venue.id, MANAGERS)
    if (input.cancellation_policy) assertPolicy(input.cancellation_policy)
    const [plan] = await this.deps.db
      .insert(ratePlans)
      .values({
        roomTypeId,
        name: input.name,
        description: input.description ?? null,
        cancellationPolicy: input.cancellation_policy ?? null,
        adjustmentPercent: input.adjustment_percent ?? 0,
        // After the type's existing plans; two made at once may share a place, then age decides.
        position: sql`(select count(*) from ${ratePlans} where ${ratePlans.roomTypeId} = ${roomTypeId})`,
        createdAt: this.deps.clock(),
      })
      .returning()
    return { plan: plan!, venue }
  }

  /** The plans in their order; the first is the one a stay gets when it names none. */
  async listPlans(roomTypeId: string, page: PageParams): Promise<{ rows: RatePlan[]; count: number; venue: Venue }> {
    const { venue } = await this.get(roomTypeId)
    const where = eq(ratePlans.roomTypeId, roomTypeId)
    const [plans, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(ratePlans)
        .where(where)
        .orderBy(...PLAN_ORDER)
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(ratePlans).where(where),
    ])
    return { rows: plans, count: total!.n, venue }
  }
}
