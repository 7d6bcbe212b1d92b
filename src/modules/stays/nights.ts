import { sql, type Placeholder, type SQL } from 'drizzle-orm'
import { pgArray, rowsOf, type Tx } from '../../db/client.js'
import { nightsOf } from '../pricing/stay-price.js'
import type { Counter } from '../reservations/state.js'
import { inventoryNights } from './schema.js'

export type { Counter } from '../reservations/state.js'

/** `quantity` units over the nights arrival..departure-1 moved into (or, negative, out of) a counter. */
export interface NightRange {
  roomTypeId: string
  arrival: string
  departure: string
  quantity: number
  counter: Counter
}

/**
 * Claims already booked, moved from one counter to another (null: none). `rows` is a query of
 * their `(room_type_id, arrival, departure, quantity)`, written by the module that owns the
 * claims, so the counters change in this one statement without this module reading its tables.
 */
export interface ClaimsShift {
  rows: SQL
  from: Counter | null
  to: Counter | null
}

export interface NightShift {
  ranges?: readonly NightRange[]
  claims?: ClaimsShift | null
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
  const moved = shift.claims && shift.claims.from !== shift.claims.to ? shift.claims : null
  if (ranges.length === 0 && !moved) return []
  // One row per (room type, night), summed here: the planner then knows how many nights the
  // statement touches and looks each up by key. (Expanded in SQL by generate_series, it
  // guessed a thousand per stay and chose to scan the whole calendar.)
  const perNight = new Map<string, { rt: string; night: string; dh: number; ds: number }>()
  for (const r of ranges) {
    for (const night of nightsOf(r.arrival, r.departure)) {
      const key = `${r.roomTypeId}|${night}`
      const row = perNight.get(key) ?? { rt: r.roomTypeId, night, dh: 0, ds: 0 }
      row.dh += r.quantity * sign(r.counter, 'held')
      row.ds += r.quantity * sign(r.counter, 'sold')
      perNight.set(key, row)
    }
  }
  const rows = [...perNight.values()]
  const explicit = sql`select * from unnest(${pgArray(rows.map((r) => r.rt))}::uuid[], ${pgArray(rows.map((r) => r.night))}::date[],
      ${pgArray(rows.map((r) => String(r.dh)))}::int[], ${pgArray(rows.map((r) => String(r.ds)))}::int[])`
  const fromItems = moved
    ? sql`union all
      select c.room_type_id, n.night, c.quantity * ${sign(moved.to, 'held') - sign(moved.from, 'held')}, c.quantity * ${sign(moved.to, 'sold') - sign(moved.from, 'sold')}
      from (${moved.rows}) c(room_type_id, arrival, departure, quantity)
      join inventory_nights n on n.room_type_id = c.room_type_id and n.night >= c.arrival and n.night < c.departure`
    : sql``
  return rowsOf<FullNight>(
    tx,
    sql`
    with change(rt, night, dh, ds) as (${explicit} ${fromItems}),
    want as (select rt, night, sum(dh)::int as dh, sum(ds)::int as ds from change group by 1, 2),
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
    order by 1, 2`,
  )
}

/** Why each of `nights` could not be claimed: closed, full, or never loaded for sale. */
export async function whyFull(tx: Tx, nights: readonly FullNight[]): Promise<Map<string, 'closed' | 'full' | 'not_on_sale'>> {
  const rows = await rowsOf<{ room_type_id: string; night: string; closed: boolean }>(
    tx,
    sql`
    select n.room_type_id, n.night::text as night, n.closed from inventory_nights n
    join unnest(${pgArray(nights.map((n) => n.roomTypeId))}::uuid[], ${pgArray(nights.map((n) => n.night))}::date[]) as f(rt, night)
      on n.room_type_id = f.rt and n.night = f.night`,
  )
  const found = new Map(rows.map((r) => [`${r.room_type_id}|${r.night}`, r.closed ? ('closed' as const) : ('full' as const)]))
  return new Map(nights.map((n) => [`${n.roomTypeId}|${n.night}`, found.get(`${n.roomTypeId}|${n.night}`) ?? 'not_on_sale']))
}

type OneStay = Record<'roomTypeId' | 'arrival' | 'departure' | 'quantity', Placeholder>

/**
 * `shiftNights`' hold of one stay, for a statement whose text is fixed once, in two parts. This
 * one is a CTE's query: the stay's nights locked in night order, as `shiftNights` locks them,
 * each with its min stay and whether it can take the units (open, and fitting). Locked, they
 * read as they are now, so `allNightsFit` over them still holds when the take is written.
 */
export const nightsToTake = (p: OneStay) =>
  sql`select n.night, n.min_stay, not n.closed and n.held + n.sold + ${p.quantity}::int <= n.units as fits
    from ${inventoryNights} n
    where n.room_type_id = ${p.roomTypeId}::uuid and n.night >= ${p.arrival}::date and n.night < ${p.departure}::date
    order by n.night
    for update of n`

/** Whether the CTE `nights` (`nightsToTake`) has all `count` nights of the stay, each fitting, and the arrival night's min stay lets it last `count`. */
export const allNightsFit = (nights: SQL, p: Record<'arrival' | 'count', Placeholder>) =>
  sql`(select count(*) filter (where fits) = ${p.count}::int and min(min_stay) filter (where night = ${p.arrival}::date) <= ${p.count}::int
    from ${nights})`

/**
 * The second part: the take, as a data-modifying CTE written only when `gate` has a row. Every
 * night of the stay gains the units as held; the fit check refuses what does not fit.
 */
export const nightsHeldIf = (p: OneStay, gate: SQL) =>
  sql`update ${inventoryNights} n set held = n.held + ${p.quantity}::int
    where n.room_type_id = ${p.roomTypeId}::uuid and n.night >= ${p.arrival}::date and n.night < ${p.departure}::date
      and exists (select 1 from ${gate})
    returning 1`
