import { sql } from 'drizzle-orm'
import { rowsOf } from '../../src/db/client.js'
import type { CancellationPolicy } from '../../src/modules/pricing/cancellation-policy.js'
import { inventoryNights, ratePlans, roomTypes } from '../../src/modules/stays/schema.js'
import type { RatePlan, RoomType } from '../../src/modules/stays/room-types.js'
import { venues } from '../../src/modules/venues/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from './context.js'
import { unique } from './factories.js'

/** Hotel builders that write straight to the database, like `factories`. */
export function stayFactories(ctx: TestContext) {
  const db = ctx.deps.db
  return {
    async newHotel(opts: { timezone?: string; currency?: string; cancellationPolicy?: CancellationPolicy; holdTtlMinutes?: number } = {}): Promise<Venue> {
      const [venue] = await db
        .insert(venues)
        .values({
          name: unique('Hotel'),
          slug: unique('hotel'),
          kind: 'hotel',
          timezone: opts.timezone ?? 'Europe/Lisbon',
          currency: opts.currency ?? 'EUR',
          cancellationPolicy: opts.cancellationPolicy ?? null,
          holdTtlMinutes: opts.holdTtlMinutes ?? null,
        })
        .returning()
      return venue!
    },

    async newRoomType(venue: Venue, opts: Partial<{ name: string; totalUnits: number; maxOccupancy: number; baseRate: number }> = {}): Promise<RoomType> {
      const [t] = await db
        .insert(roomTypes)
        .values({
          venueId: venue.id,
          name: opts.name ?? unique('Type'),
          totalUnits: opts.totalUnits ?? 10,
          maxOccupancy: opts.maxOccupancy ?? 2,
          baseRate: opts.baseRate ?? 10000,
        })
        .returning()
      return t!
    },

    async newRatePlan(
      type: RoomType,
      opts: Partial<{ name: string; adjustmentPercent: number; cancellationPolicy: CancellationPolicy | null; createdAt: Date }> = {},
    ): Promise<RatePlan> {
      const [p] = await db
        .insert(ratePlans)
        .values({
          roomTypeId: type.id,
          name: opts.name ?? unique('Plan'),
          adjustmentPercent: opts.adjustmentPercent ?? 0,
          cancellationPolicy: opts.cancellationPolicy ?? null,
          position: sql`(select count(*) from ${ratePlans} where ${ratePlans.roomTypeId} = ${type.id})`,
          createdAt: opts.createdAt ?? new Date(),
        })
        .returning()
      return p!
    },

    /** Loads nights from..to (inclusive) with the type's total units. */
    async loadNights(type: RoomType, from: string, to: string, units = type.totalUnits): Promise<void> {
      await db.execute(sql`insert into ${inventoryNights} (room_type_id, night, units)
        select ${type.id}, g::date, ${units} from generate_series(${from}::date, ${to}::date, interval '1 day') g
        on conflict do nothing`)
    },
  }
}

/** A stay claim body. */
export const stay = (type: { id: string }, arrival: string, departure: string, quantity = 1, guests = quantity, ratePlan?: { id: string }) => ({
  kind: 'stay' as const,
  room_type_id: type.id,
  ...(ratePlan ? { rate_plan_id: ratePlan.id } : {}),
  arrival,
  departure,
  quantity,
  guests,
})

export interface NightCounters {
  room_type_id: string
  night: string
  units: number
  held: number
  sold: number
}

export async function nightsOf(ctx: TestContext, type: { id: string }): Promise<NightCounters[]> {
  return rowsOf<NightCounters>(
    ctx.deps.db,
    sql`select room_type_id, night::text as night, units, held, sold from inventory_nights
    where room_type_id = ${type.id} order by night`,
  )
}

/**
 * Nights whose counters differ from what the reservations claim: held must be the units of
 * stays in holds covering the night, sold those of confirmed, checked-in and completed ones.
 * The invariant every stay test checks afterwards; an empty answer means it holds.
 */
export async function counterDrift(ctx: TestContext): Promise<unknown[]> {
  return rowsOf(
    ctx.deps.db,
    sql`
    with claimed as (
      select i.room_type_id, g::date as night,
        sum(case when r.status in ('pending', 'awaiting_payment') then i.quantity else 0 end)::int as held,
        sum(case when r.status in ('confirmed', 'checked_in', 'completed') then i.quantity else 0 end)::int as sold
      from reservation_items i join reservations r on r.id = i.reservation_id
      cross join lateral generate_series(i.arrival, i.departure - 1, interval '1 day') g
      where i.kind = 'stay'
      group by 1, 2)
    select n.room_type_id, n.night::text as night, n.held, n.sold, coalesce(c.held, 0) as claimed_held, coalesce(c.sold, 0) as claimed_sold
    from inventory_nights n left join claimed c on c.room_type_id = n.room_type_id and c.night = n.night
    where n.held <> coalesce(c.held, 0) or n.sold <> coalesce(c.sold, 0) or n.held + n.sold > n.units
    union all
    select c.room_type_id, c.night::text, null, null, c.held, c.sold from claimed c
    where (c.held > 0 or c.sold > 0) and not exists (select 1 from inventory_nights n where n.room_type_id = c.room_type_id and n.night = c.night)`,
  )
}
