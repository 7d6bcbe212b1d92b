import { sql } from 'drizzle-orm'
import { rowsOf, type Executor } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { outboxInsert } from '../events/outbox.js'

/**
 * 409 naming the nights (up to ten) of a room type where `units` would be fewer than are
 * held and sold. The rows are locked, so no claim lands between this check and the update;
 * the fit check on the table stands behind it anyway.
 */
export async function refuseBelowClaimed(tx: Executor, roomTypeId: string, from: string, to: string | null, units: number): Promise<void> {
  const over = await rowsOf<{ night: string; held: number; sold: number }>(tx, sql`
    select night::text as night, held, sold from inventory_nights
    where room_type_id = ${roomTypeId} and night >= ${from} ${to ? sql`and night <= ${to}` : sql``} and held + sold > ${units}
    order by night limit 10 for update`)
  if (over.length > 0) {
    throw new AppError('units_below_sold', `More than ${units} units are already held or sold on ${over[0]!.night}`, { units, nights: over })
  }
}

/** The `inventory.changed` event of a staff change to the calendar (bookings emit reservation events). */
export function inventoryChanged(ex: Executor, now: Date, venueId: string, roomTypeId: string | null, range: { from: string; to: string }, cause: string) {
  return outboxInsert(ex, now, [
    { type: 'inventory.changed', aggregateId: roomTypeId ?? venueId, venueId, payload: { version: 1, venue_id: venueId, room_type_id: roomTypeId, from: range.from, to: range.to, cause } },
  ])
}
