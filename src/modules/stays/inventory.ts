import { and, asc, count, eq, gte, inArray, lte } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Executor } from '../../db/client.js'
import { checkDateRange } from '../../http/date-range.js'
import type { AccessClaims } from '../auth/tokens.js'
import { priceNight } from '../pricing/stay-price.js'
import { venueRules } from '../pricing/queries.js'
import { MANAGERS, requireVenueRole } from '../venues/access.js'
import type { Venue, VenueService } from '../venues/service.js'
import { inventoryChanged, loadNights, lockForEdit } from './calendar.js'
import { PLAN_ORDER, type RoomTypeService } from './room-types.js'
import { inventoryNights, ratePlans, roomTypes } from './schema.js'
import type { InventoryEditBody, NightRange } from './schemas.js'

/** The longest range of nights one preload loads: two years and a day. */
export const MAX_RANGE_NIGHTS = 731
/** The longest range the grid shows, and so an edit (which answers the grid) changes. */
export const GRID_MAX_NIGHTS = 366

/** The inventory calendar: loading nights for sale, staff edits, and the grid they work from. */
export class InventoryService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
    private readonly roomTypes: RoomTypeService,
  ) {}

  /**
   * Loads every night of the range for each of the venue's room types with the type's
   * total units. Nights already loaded are left as they are, so running it again (or over
   * an overlapping range) only adds what is missing.
   */
  async preload(who: AccessClaims, venueId: string, range: NightRange) {
    await this.venues.asStaff(who, venueId, MANAGERS)
    checkDateRange(range.from, range.to, MAX_RANGE_NIGHTS)
    const now = this.deps.clock()
    const { created, types } = await this.deps.db.transaction(async (tx) => {
      const added = await loadNights(tx, { venueId }, range.from, range.to)
      if (added > 0) await inventoryChanged(tx, now, venueId, null, range, 'preload')
      const [counted] = await tx.select({ n: count() }).from(roomTypes).where(eq(roomTypes.venueId, venueId))
      return { created: added, types: counted!.n }
    })
    this.deps.changes.touch(venueId)
    return { from: range.from, to: range.to, room_types: types, created }
  }

  /**
   * Sets units, closed or min stay on a range of one room type's nights, loading any night
   * of the range not yet loaded. Units below what is held and sold on a night are refused.
   */
  async edit(who: AccessClaims, roomTypeId: string, body: InventoryEditBody) {
    const { venue } = await this.roomTypes.get(roomTypeId)
    await requireVenueRole(this.deps.db, who, venue.id, MANAGERS)
    // An edit answers the grid of what it changed, so it spans what the grid may show.
    checkDateRange(body.from, body.to, GRID_MAX_NIGHTS)
    await this.deps.db.transaction(async (tx) => {
      await loadNights(tx, { roomTypeId }, body.from, body.to)
      await lockForEdit(tx, roomTypeId, body.from, body.to, body.units)
      await tx
        .update(inventoryNights)
        .set({ units: body.units, closed: body.closed, minStay: body.min_stay })
        .where(and(eq(inventoryNights.roomTypeId, roomTypeId), gte(inventoryNights.night, body.from), lte(inventoryNights.night, body.to)))
      await inventoryChanged(tx, this.deps.clock(), venue.id, roomTypeId, body, 'edit')
    })
    this.deps.changes.touch(venue.id)
    return this.gridOf(venue, body, [roomTypeId])
  }

  /**
   * The grid a front desk works from: per room type and loaded night, the counters, what is
   * left, and the price of the room type's first rate plan that night.
   */
  async grid(who: AccessClaims, venueId: string, range: NightRange) {
    const venue = await this.venues.asStaff(who, venueId)
    checkDateRange(range.from, range.to, GRID_MAX_NIGHTS)
    return this.gridOf(venue, range)
  }

  /** The grid of a venue already checked, optionally of some of its room types only. */
  private async gridOf(venue: Venue, range: NightRange, only?: string[]) {
    const venueId = venue.id
    const db = this.deps.db
    const types = await db
      .select()
      .from(roomTypes)
      .where(and(eq(roomTypes.venueId, venueId), only ? inArray(roomTypes.id, only) : undefined))
      .orderBy(asc(roomTypes.name), asc(roomTypes.id))
    if (types.length === 0) return { venue_id: venueId, from: range.from, to: range.to, room_types: [] }
    const ids = types.map((t) => t.id)
    const [nights, plans, rules] = await Promise.all([
      db
        .select()
        .from(inventoryNights)
        .where(and(inArray(inventoryNights.roomTypeId, ids), gte(inventoryNights.night, range.from), lte(inventoryNights.night, range.to)))
        .orderBy(asc(inventoryNights.night)),
      firstPlans(db, ids),
      venueRules(db, venueId),
    ])
    const byType = new Map<string, (typeof nights)[number][]>()
    for (const n of nights) {
      const list = byType.get(n.roomTypeId)
      if (list) list.push(n)
      else byType.set(n.roomTypeId, [n])
    }
    return {
      venue_id: venueId,
      from: range.from,
      to: range.to,
      room_types: types.map((t) => {
        const plan = plans.get(t.id) ?? null
        return {
          room_type_id: t.id,
          name: t.name,
          rate_plan_id: plan?.id ?? null,
          nights: (byType.get(t.id) ?? []).map((n) => {
            const price = priceNight(n.night, t, plan, rules)
            return {
              night: n.night,
              units: n.units,
              held: n.held,
              sold: n.sold,
              available: Math.max(0, n.units - n.held - n.sold),
              closed: n.closed,
              min_stay: n.minStay,
              price: { amount: price.amount, currency: venue.currency },
              rule: price.rule,
            }
          }),
        }
      }),
    }
  }
}

/** Each room type's first rate plan, the one a stay that names none is sold under. */
export async function firstPlans(ex: Executor, roomTypeIds: string[]) {
  const rows = await ex
    .selectDistinctOn([ratePlans.roomTypeId])
    .from(ratePlans)
    .where(inArray(ratePlans.roomTypeId, roomTypeIds))
    .orderBy(ratePlans.roomTypeId, ...PLAN_ORDER)
  return new Map(rows.map((p) => [p.roomTypeId, p]))
}
