import { sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Tx } from '../../db/client.js'
import type { ReservationStatus } from '../reservations/schema.js'

/** The per-night counter a stay's units sit in: `held` while a hold, `sold` once confirmed. */
export type Counter = 'held' | 'sold'

/** The counter a reservation in `status` keeps its stays in; null once they are released. */
export function counterOf(status: ReservationStatus): Counter | null {
  if (status === 'pending' || status === 'awaiting_payment') return 'held'
  // A completed stay stays sold: its nights were used, and the reports count them.
  if (status === 'confirmed' || status === 'checked_in' || status === 'completed') return 'sold'
  return null
}

/** `quantity` units over the nights arrival..departure-1 moved into (or, negative, out of) a counter. */
export interface NightRange {
  roomTypeId: string
  arrival: string
  departure: string
  quantity: number
  counter: Counter
}

/** Every stay item of some reservations moved from one counter to another (null: none). */
export interface ReservationsShift {
  ids: readonly string[]
  from: Counter | null
  to: Counter | null
}

export interface NightShift {
  ranges?: readonly NightRange[]
  reservations?: ReservationsShift
}

export interface FullNight {
  roomTypeId: string
  night: string
}

const sign = (counter: Counter | null, which: Counter) => (counter === which ? 1 : 0)

/**
 * Applies a change to the per-night counters in one statement and answers the nights that
 * could not take it (nothing is changed on those; the caller rolls back). The nights are
 * locked in (room type, night) order before any is written (counting them all makes sure
 * every row is locked, not just the first), and every transaction changes
 * counters with one such statement, so two bookings cannot wait on each other in a cycle
 * whatever order their items came in. A night whose net change adds units must fit and be
 * open; one that only gives units back always succeeds. The fit check on the table refuses
 * what the condition would have let through.
 */
export async function shiftNights(tx: Tx, shift: NightShift): Promise<FullNight[]> {
  const ranges = shift.ranges ?? []
  const moved = shift.reservations
  if (ranges.length === 0 && (!moved || moved.ids.length === 0 || moved.from === moved.to)) return []
  const explicit = sql`select * from unnest(
      ${pgArray(ranges.map((r) => r.roomTypeId))}::uuid[], ${pgArray(ranges.map((r) => r.arrival))}::date[],
      ${pgArray(ranges.map((r) => r.departure))}::date[],
      ${pgArray(ranges.map((r) => String(r.quantity * sign(r.counter, 'held'))))}::int[],
      ${pgArray(ranges.map((r) => String(r.quantity * sign(r.counter, 'sold'))))}::int[])`
  const fromItems = moved
    ? sql`union all
      select i.room_type_id, i.arrival, i.departure,
             i.quantity * ${sign(moved.to, 'held') - sign(moved.from, 'held')}, i.quantity * ${sign(moved.to, 'sold') - sign(moved.from, 'sold')}
      from reservation_items i where i.reservation_id = any(${pgArray(moved.ids)}::uuid[]) and i.kind = 'stay'`
    : sql``
  return rowsOf<FullNight>(tx, sql`
    with change(rt, arrival, departure, dh, ds) as (${explicit} ${fromItems}),
    want as (
      select c.rt, g.night::date as night, sum(c.dh)::int as dh, sum(c.ds)::int as ds
      from change c cross join lateral generate_series(c.arrival, c.departure - 1, interval '1 day') g(night)
      group by 1, 2),
    locked as materialized (
      select n.room_type_id from inventory_nights n join want w on n.room_type_id = w.rt and n.night = w.night
      order by n.room_type_id, n.night
      for update of n),
    done as (
      update inventory_nights n set held = n.held + w.dh, sold = n.sold + w.ds
      from want w
      where n.room_type_id = w.rt and n.night = w.night and (select count(*) from locked) >= 0
        and (w.dh + w.ds <= 0 or (n.held + n.sold + w.dh + w.ds <= n.units and not n.closed))
      returning n.room_type_id, n.night)
    select w.rt as "roomTypeId", w.night::text as night from want w
    where w.dh + w.ds > 0 and not exists (select 1 from done d where d.room_type_id = w.rt and d.night = w.night)
    order by 1, 2`)
}

/** Why each of `nights` could not be claimed: closed, full, or never loaded for sale. */
export async function whyFull(tx: Tx, nights: readonly FullNight[]): Promise<Map<string, 'closed' | 'full' | 'not_on_sale'>> {
  const rows = await rowsOf<{ room_type_id: string; night: string; closed: boolean }>(tx, sql`
    select n.room_type_id, n.night::text as night, n.closed from inventory_nights n
    join unnest(${pgArray(nights.map((n) => n.roomTypeId))}::uuid[], ${pgArray(nights.map((n) => n.night))}::date[]) as f(rt, night)
      on n.room_type_id = f.rt and n.night = f.night`)
  const found = new Map(rows.map((r) => [`${r.room_type_id}|${r.night}`, r.closed ? ('closed' as const) : ('full' as const)]))
  return new Map(nights.map((n) => [`${n.roomTypeId}|${n.night}`, found.get(`${n.roomTypeId}|${n.night}`) ?? 'not_on_sale']))
}
