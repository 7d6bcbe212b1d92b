import { sql } from 'drizzle-orm'
import { rowsOf, type Executor } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import type { EventPayloads } from '../events/domain-events.js'
import { emit } from '../events/outbox.js'

/**
 * Loads the nights from..to (inclusive) not loaded yet, for one room type or every one of a
 * venue, with the type's total units; nights already there keep what they have. Answers how
 * many it added.
 */
export async function loadNights(ex: Executor, of: { venueId: string } | { roomTypeId: string }, from: string, to: string): Promise<number> {
  const which = 'venueId' in of ? sql`t.venue_id = ${of.venueId}` : sql`t.id = ${of.roomTypeId}`
  const [row] = await rowsOf<{ created: number }>(
    ex,
    sql`
    with added as (
      insert into inventory_nights (room_type_id, night, units)
      select t.id, g.night::date, t.total_units
      from room_types t cross join generate_series(${from}::date, ${to}::date, interval '1 day') g(night)
      where ${which}
      on conflict do nothing
      returning 1)
    select count(*)::int as created from added`,
  )
  return row!.created
}

/**
 * Locks the range's nights for a staff edit, in night order (the order every claim takes
 * them in, so an edit and a booking cannot deadlock), and with new `units`, answers 409
 * naming the nights (up to ten) where they would be fewer than are held and sold. Nothing
 * can be claimed between this check and the caller's update.
 */
export async function lockForEdit(tx: Executor, roomTypeId: string, from: string, to: string | null, units?: number): Promise<void> {
  const nights = await rowsOf<{ night: string; held: number; sold: number }>(
    tx,
    sql`
    select night::text as night, held, sold from inventory_nights
    where room_type_id = ${roomTypeId} and night >= ${from} ${to ? sql`and night <= ${to}` : sql``}
    order by night for update`,
  )
  if (units === undefined) return
  const over = nights.filter((n) => n.held + n.sold > units).slice(0, 10)
  if (over.length > 0) {
    throw new AppError('units_below_sold', `More than ${units} units are already held or sold on ${over[0]!.night}`, { units, nights: over })
  }
}

/** The `inventory.changed` event of a staff change to the calendar (bookings emit reservation events). */
export function inventoryChanged(
  ex: Executor,
  now: Date,
  venueId: string,
  roomTypeId: string | null,
  range: { from: string; to: string },
  cause: EventPayloads['inventory.changed']['cause'],
) {
  return emit(ex, now, [
    {
      type: 'inventory.changed',
      aggregateId: roomTypeId ?? venueId,
      venueId,
      payload: { venue_id: venueId, room_type_id: roomTypeId, from: range.from, to: range.to, cause },
    },
  ])
}
