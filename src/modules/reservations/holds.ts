import { sql, type Placeholder, type SQL } from 'drizzle-orm'
import { literalList } from '../../db/sql-list.js'
import { pgArray, rowsOf, type Tx } from '../../db/client.js'
import { reservationItems, reservations, type ReservationStatus } from './schema.js'
import { HOLD_STATES } from './state.js'
import { moveReservations } from './transition.js'

export interface ClaimSpan {
  roomId: string
  start: Date
  end: Date
}

/** The nights arrival..departure-1 of a room type that a stay wants. */
export interface NightSpan {
  roomTypeId: string
  arrival: string
  departure: string
}

/** A 1:1 session's span on a practitioner's calendar. */
export interface SessionSpan {
  venueId: string
  start: Date
  end: Date
}

/** What a new booking wants: lapsed holds on any of it are expired first. */
export interface HoldTargets {
  spans?: readonly ClaimSpan[]
  nights?: readonly NightSpan[]
  /** Services whose seats it takes. */
  services?: readonly string[]
  sessions?: readonly SessionSpan[]
}

const holdStates = literalList(HOLD_STATES)

/**
 * Expires lapsed holds: all of them (the sweeper job), or only those whose claims overlap
 * `spans` or `nights` (a new booking, which must not wait for the sweeper). Rows are locked
 * in id order so concurrent callers cannot deadlock; the sweeper skips rows a booking
 * already holds. Their stays' held units go back in the same transaction — unless the
 * caller says it releases them itself (`releaseNights: false`), folded into its own claim so
 * that its transaction changes the night counters in one ordered statement. Returns the ids
 * expired.
 */
export async function expireHolds(tx: Tx, now: Date, target?: HoldTargets, { limit = 500, releaseNights = true } = {}): Promise<string[]> {
  const at = now.toISOString()
  const slotSpans = target?.spans ?? []
  const nights = target?.nights ?? []
  const slotsHit = sql`exists (
        select 1 from reservation_items i
        join unnest(${pgArray(slotSpans.map((s) => s.roomId))}::uuid[], ${pgArray(slotSpans.map((s) => s.start.toISOString()))}::timestamptz[],
                    ${pgArray(slotSpans.map((s) => s.end.toISOString()))}::timestamptz[]) as c(room_id, s, e)
          on i.room_id = c.room_id and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange(c.s, c.e, '[)')
        where i.reservation_id = r.id and i.active)`
  const nightsHit = sql`exists (
        select 1 from reservation_items i
        join unnest(${pgArray(nights.map((s) => s.roomTypeId))}::uuid[], ${pgArray(nights.map((s) => s.arrival))}::date[],
                    ${pgArray(nights.map((s) => s.departure))}::date[]) as c(room_type_id, arrival, departure)
          on i.room_type_id = c.room_type_id and i.arrival < c.departure and i.departure > c.arrival
        where i.reservation_id = r.id and i.active)`
  const seatServices = target?.services ?? []
  const sessions = target?.sessions ?? []
  const seatsHit = sql`exists (
        select 1 from reservation_items i
        where i.reservation_id = r.id and i.active and i.kind = 'seat' and i.service_id = any(${pgArray(seatServices)}::uuid[]))`
  const sessionsHit = sql`exists (
        select 1 from reservation_items i
        join unnest(${pgArray(sessions.map((s) => s.venueId))}::uuid[], ${pgArray(sessions.map((s) => s.start.toISOString()))}::timestamptz[],
                    ${pgArray(sessions.map((s) => s.end.toISOString()))}::timestamptz[]) as c(venue_id, s, e)
          on r.venue_id = c.venue_id and tstzrange(i.starts_at, i.ends_at, '[)') && tstzrange(c.s, c.e, '[)')
        where i.reservation_id = r.id and i.active and i.kind = 'session')`
  const targeted = target !== undefined
  const hits = [
    ...(slotSpans.length ? [slotsHit] : []),
    ...(nights.length ? [nightsHit] : []),
    ...(seatServices.length ? [seatsHit] : []),
    ...(sessions.length ? [sessionsHit] : []),
  ]
  if (targeted && hits.length === 0) return []
  const colliding = !targeted ? sql`` : hits.length === 1 ? sql`and ${hits[0]}` : sql`and (${sql.join(hits, sql` or `)})`
  const rows = await rowsOf<{ id: string; status: ReservationStatus; venue_id: string }>(
    tx,
    sql`
    select r.id, r.status, r.venue_id from reservations r
    where r.hold_expires_at <= ${at} and r.status in (${holdStates}) ${colliding}
    order by r.id
    limit ${limit}
    for update ${targeted ? sql`` : sql`skip locked`}`,
  )
  if (rows.length === 0) return []
  await moveReservations(
    tx,
    rows.map((r) => ({ id: r.id, venueId: r.venue_id, status: r.status })),
    'expired',
    { actorId: null, reason: 'hold lapsed', now, leaveNights: !releaseNights },
  )
  return rows.map((r) => r.id)
}

/**
 * `expireHolds`'s test for a service's seats, as a condition of a statement fixed once: is a
 * lapsed hold still taking seats of the service? `SeatHolds` leaves such a booking to the
 * transaction that expires the hold first, giving its seats back. A prepared statement's plan
 * cannot know `now`, and left free the planner read the service's seat items first: every
 * hold of a flash sale, for each seat sold. Asked as the earliest lapsed hold, with the item
 * test kept per hold (`offset 0` stops it becoming a join), the index of live holds is read in
 * order and only the lapsed ones are looked at.
 */
export const lapsedSeatHoldOn = (p: Record<'serviceId' | 'now', Placeholder>) =>
  lapsedHoldWith(p.now, sql`i.kind = 'seat' and i.service_id = ${p.serviceId}::uuid`)

/** Is a lapsed hold's active item `itemTest` (on `i`)? The earliest lapsed hold, by the index of live holds. */
const lapsedHoldWith = (now: Placeholder, itemTest: SQL) =>
  sql`(select r.id from ${reservations} r
    where r.hold_expires_at <= ${now}::timestamptz and r.status in (${holdStates})
      and exists (select 1 from ${reservationItems} i
        where i.reservation_id = r.id and i.active and ${itemTest} offset 0)
    order by r.hold_expires_at limit 1) is not null`

/**
 * `expireHolds`' test for a stay's nights, as a condition of a statement fixed once: is a lapsed
 * hold still holding units of the room type on any night of arrival..departure-1? `StayHolds`
 * leaves such a booking to the transaction that expires the hold first, giving its units back.
 * Asked, as `lapsedSeatHoldOn` is, through the index of live holds, lapsed ones first.
 */
export const lapsedStayHoldOn = (p: Record<'roomTypeId' | 'arrival' | 'departure' | 'now', Placeholder>) =>
  lapsedHoldWith(
    p.now,
    sql`i.kind = 'stay' and i.room_type_id = ${p.roomTypeId}::uuid and i.arrival < ${p.departure}::date and i.departure > ${p.arrival}::date`,
  )
