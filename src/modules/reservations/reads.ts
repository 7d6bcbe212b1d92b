import { and, between, count, eq, gte, inArray, isNotNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { pgArray, rowsOf, type Executor, type Tx } from '../../db/client.js'
import { fixedQuery } from '../../db/fixed-query.js'
import { literalList } from '../../db/sql-list.js'
import { reservationItems, reservations } from './schema.js'
import type { Reservation } from './service.js'
import { HOLD_STATES, SOLD_STATES } from './state.js'

// What other modules read of reservations and their claims, so that only this module names
// its tables: availability and the waitlist see busy rooms, reports see revenue.

/** A span of time a claim blocks, as epoch milliseconds. */
export interface BusySpan {
  start: number
  end: number
}

// A room's claims as JSON pairs of epoch milliseconds. date_part() is float8 arithmetic, where
// extract() computes in numeric: that was 40 % of the statement's time. Our instants are whole
// milliseconds (JavaScript dates), which round() keeps exact; floor() could land a millisecond
// short on float8's last bit. Epoch milliseconds spare parsing a timestamp string per instant,
// and the driver's JSON.parse of a row per room takes a tenth of the time its row parser spent
// on a row per claim (a day of 1,000 claims: 1.14 → 0.50 ms of CPU).
const spansJson = sql`json_agg(json_build_array(round(date_part('epoch', i.starts_at) * 1000), round(date_part('epoch', i.blocked_until) * 1000)))`

/**
 * The claims `i` that block between `from` and `to`: active slot claims with their buffers,
 * except holds that lapsed and are not swept yet (they block nothing: the next booking expires
 * them).
 */
const blockingBetween = (from: SQL, to: SQL, now: SQL) => sql`i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange(${from}, ${to}, '[)')
        -- Lapsed holds are few and indexed; excluding them beats joining every claim to its reservation.
        and i.reservation_id not in (select id from reservations where hold_expires_at <= ${now})`

/** The spans blocked by claims of these rooms between `from` and `to`, by room. */
export async function busySpans(ex: Executor, roomIds: readonly string[], from: Date, to: Date, now: Date): Promise<Map<string, BusySpan[]>> {
  const rows = await rowsOf<{ room_id: string; spans: [number, number][] }>(
    ex,
    sql`
      select i.room_id, ${spansJson} as spans
      from reservation_items i
      where i.room_id = any(${pgArray(roomIds)}::uuid[]) and ${blockingBetween(sql`${from.toISOString()}`, sql`${to.toISOString()}`, sql`${now.toISOString()}`)}
      group by i.room_id`,
  )
  return new Map(rows.map((row) => [row.room_id, row.spans.map(([start, end]) => ({ start, end }))]))
}

/**
 * The spans blocked by claims of the room `roomId` names, between `from` and `to` (timestamptz
 * expressions) as of `now`, as a column of another module's statement (a day's availability
 * reads its rooms with it, in a statement whose text is fixed once): JSON pairs of epoch
 * milliseconds, or null if none.
 */
export const busySpansColumn = (roomId: SQL, from: SQL, to: SQL, now: SQL | Placeholder) =>
  sql<[number, number][] | null>`(select ${spansJson} from reservation_items i
      where i.room_id = ${roomId} and ${blockingBetween(from, to, sql`${now}`)})`

/**
 * Is part of [start, end) of the room blocked, by what blocks it on a day's availability (not a
 * lapsed hold)? Asked only after the exclusion constraint refused a one-statement hold
 * (`SlotHolds`): lapsed holds not yet swept still hold their items, and when they (or claims gone
 * since) were all that stood in the way, the booking goes to the transaction that expires them
 * first. Asked before every hold, it cost the statement about a seventh of its rate
 * (docs/performance.md).
 */
export async function liveClaimOn(ex: Executor, s: { roomId: string; start: Date; end: Date }, now: Date): Promise<boolean> {
  const between = blockingBetween(sql`${s.start.toISOString()}::timestamptz`, sql`${s.end.toISOString()}::timestamptz`, sql`${now.toISOString()}::timestamptz`)
  const rows = await rowsOf(ex, sql`select 1 from reservation_items i where i.room_id = ${s.roomId}::uuid and ${between} limit 1`)
  return rows.length > 0
}

const soldStates = literalList(SOLD_STATES)

/**
 * What the venue's sold stays earned on each night from..to (inclusive), as their quotes
 * priced it, by night (YYYY-MM-DD → minor units): the revenue of the occupancy report.
 */
export async function stayRevenueByNight(ex: Executor, venueId: string, from: string, to: string): Promise<Map<string, number>> {
  // A day of slack either side of the range covers any zone's offset; lines are then
  // filtered by their own night.
  const rows = await rowsOf<{ night: string; revenue: string }>(
    ex,
    sql`
      select l->>'night' as night, sum((l->>'amount')::bigint)::text as revenue
      from reservations r cross join lateral jsonb_array_elements(r.quote->'lines') l
      where r.venue_id = ${venueId} and r.status in (${soldStates})
        and r.starts_at < (${to}::date + 2)::timestamptz and r.ends_at > (${from}::date - 1)::timestamptz
        and l->>'kind' = 'stay' and (l->>'night')::date between ${from}::date and ${to}::date
      group by 1`,
  )
  return new Map(rows.map((r) => [r.night, Number(r.revenue)]))
}

/** How many active claims on the room end at or after `now`: bookings that keep it in use. */
export async function activeClaimsAhead(ex: Executor, roomId: string, now: Date): Promise<number> {
  const [ahead] = await ex
    .select({ n: count() })
    .from(reservationItems)
    .where(and(eq(reservationItems.roomId, roomId), eq(reservationItems.active, true), gte(reservationItems.endsAt, now)))
  return ahead!.n
}

/** The reservation, if it exists (no access check: for modules acting on its behalf). */
export async function reservationById(ex: Executor, id: string): Promise<Reservation | undefined> {
  const [r] = await byId(ex, { id })
  return r
}

// A reservation by its id, read or locked: every payment, checkout and GET of one. Built once (fixedQuery).
const selectById = (ex: Executor) =>
  ex
    .select()
    .from(reservations)
    .where(eq(reservations.id, sql.placeholder('id')))
const byId = fixedQuery(selectById, 'reservoir_reservation_by_id')
const lockingById = fixedQuery((ex) => selectById(ex).for('update'), 'reservoir_lock_reservation')

/** The reservations with these ids, by id. */
export async function reservationsByIds(ex: Executor, ids: readonly string[]): Promise<Map<string, Reservation>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select()
    .from(reservations)
    .where(inArray(reservations.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Whether the user has booked at the venue (any reservation but a hold that lapsed): what lets
 * a venue's staff open a conversation with them.
 */
export async function hasBookedAt(ex: Executor, userId: string, venueId: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.userId, userId), eq(reservations.venueId, venueId), sql`${reservations.status} <> 'expired'`))
    .limit(1)
  return !!row
}

/**
 * Locks the reservation (`FOR UPDATE`): the first lock of every use case that changes a
 * reservation or its money, so that none can deadlock another. `id` may be a scalar subquery
 * that finds it, so that finding and locking take one round trip.
 */
export async function lockReservation(tx: Tx, id: string | SQL): Promise<Reservation | undefined> {
  const [r] = typeof id === 'string' ? await lockingById(tx, { id }) : await tx.select().from(reservations).where(eq(reservations.id, id)).for('update')
  return r
}

/**
 * `lockReservation` as a CTE named `locked_reservation`, for the statement of another module
 * that locks what belongs to the reservation next, in the same round trip: the statement reads
 * the reservation's row from the CTE, which has locked it before the statement can lock any row
 * of its own, as every use case locks them.
 */
export const lockedReservation = (tx: Executor, id: string | SQL) =>
  tx.$with('locked_reservation').as(tx.select().from(reservations).where(eq(reservations.id, id)).for('update'))

/**
 * The confirmed reservations starting within any of the windows, share-locked (`FOR SHARE`)
 * in id order: a cancellation or a reschedule, which locks the reservation to change it,
 * waits until the caller's transaction commits. Answers their ids.
 */
export async function shareConfirmedStarting(tx: Tx, windows: readonly { from: Date; to: Date }[]): Promise<string[]> {
  const rows = await tx
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.status, 'confirmed'), or(...windows.map((w) => between(reservations.startsAt, w.from, w.to)))))
    .orderBy(reservations.id)
    .for('share')
  return rows.map((r) => r.id)
}

export interface Participant {
  id: string
  reservationId: string
  name: string | null
  email: string | null
  userId: string | null
}

/**
 * Who holds seats in an occurrence: the participants of seat items of that occurrence, or of
 * its course, whose reservations still hold their seats (held or sold), in booking order.
 */
export async function participantsOf(ex: Executor, occurrence: { id: string; serviceId: string }): Promise<Participant[]> {
  return rowsOf<Participant>(
    ex,
    sql`select p.id, i.reservation_id as "reservationId", p.name, p.email, p.user_id as "userId"
          from seat_participants p
          join reservation_items i on i.id = p.reservation_item_id
          join reservations r on r.id = i.reservation_id
         where i.kind = 'seat' and r.status in (${literalList([...HOLD_STATES, ...SOLD_STATES])})
           and (i.occurrence_id = ${occurrence.id} or (i.occurrence_id is null and i.service_id = ${occurrence.serviceId}))
         order by r.created_at, i.position, p.position`,
  )
}

/** The service a marketplace booking is of: its first seat or session item's. */
export async function bookedService(ex: Executor, reservationId: string): Promise<string | undefined> {
  const [row] = await ex
    .select({ serviceId: reservationItems.serviceId })
    .from(reservationItems)
    .where(and(eq(reservationItems.reservationId, reservationId), sql`${reservationItems.serviceId} is not null`))
    .orderBy(reservationItems.position)
    .limit(1)
  return row?.serviceId ?? undefined
}

/** The sessions a reservation's items redeemed from entitlements (for what its earning states). */
export async function redemptionsOfReservation(ex: Executor, reservationId: string): Promise<{ entitlementId: string; quantity: number }[]> {
  const rows = await ex
    .select({ entitlementId: reservationItems.entitlementId, quantity: reservationItems.quantity })
    .from(reservationItems)
    .where(and(eq(reservationItems.reservationId, reservationId), isNotNull(reservationItems.entitlementId)))
  return rows.map((r) => ({ entitlementId: r.entitlementId!, quantity: r.quantity }))
}

/**
 * The venues (of `among`, when given) where the user has bought something: a confirmed,
 * checked-in or completed reservation. Whom a practitioner's customers-only posts are for.
 */
export async function venuesBookedBy(ex: Executor, userId: string, among?: readonly string[]): Promise<string[]> {
  if (among?.length === 0) return []
  const rows = await ex
    .selectDistinct({ venueId: reservations.venueId })
    .from(reservations)
    .where(
      and(
        eq(reservations.userId, userId),
        inArray(reservations.status, [...SOLD_STATES]),
        among ? inArray(reservations.venueId, [...new Set(among)]) : undefined,
      ),
    )
  return rows.map((r) => r.venueId)
}

export type Interval = 'day' | 'week' | 'month'

/** One period of a venue's bookings, by the local date they start on. */
export interface BookingPeriod {
  period: string
  bookings: number
  revenue: number
  cancellations: number
}

/**
 * A venue's bookings per local day, ISO week (from Monday) or month of their start, from..to
 * (local dates, inclusive): `bookings` and `revenue` (their totals) of those confirmed or
 * later, `cancellations` of those cancelled, refunded or not shown up. Purchases of packages
 * are not bookings and are left out. Each row is bucketed by its own instant in the zone, so
 * a DST day is one bucket however long it is.
 */
export async function bookingsByPeriod(ex: Executor, venueId: string, zone: string, interval: Interval, from: string, to: string): Promise<BookingPeriod[]> {
  const rows = await rowsOf<{ period: string; bookings: number; revenue: string; cancellations: number }>(
    ex,
    sql`
      select to_char(date_trunc(${interval}::text, r.starts_at at time zone ${zone}), 'YYYY-MM-DD') as period,
        count(*) filter (where r.status in (${soldStates}))::int as bookings,
        coalesce(sum(r.total_amount) filter (where r.status in (${soldStates})), 0)::text as revenue,
        count(*) filter (where r.status in ('cancelled', 'refunded', 'no_show'))::int as cancellations
      from reservations r
      where r.venue_id = ${venueId}
        and r.starts_at >= (${from}::date - 1)::timestamptz and r.starts_at < (${to}::date + 2)::timestamptz
        and (r.starts_at at time zone ${zone})::date between ${from}::date and ${to}::date
        and not (r.quote->'lines' @> '[{"kind":"package"}]'::jsonb)
      group by 1 order by 1`,
  )
  return rows.map((r) => ({ period: r.period, bookings: r.bookings, revenue: Number(r.revenue), cancellations: r.cancellations }))
}

/** A sold booking as a calendar feed lists it: its span and who it is for. */
export interface CalendarBooking {
  reservationId: string
  venueId: string
  userId: string | null
  guestName: string | null
  partySize: number
  startsAt: Date
  endsAt: Date
}

/** Who booked each of these reservations (null for a guest's), by id: a narrow read for hot paths. */
export async function bookersOf(ex: Executor, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select({ id: reservations.id, userId: reservations.userId })
    .from(reservations)
    .where(inArray(reservations.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r.userId]))
}

/** A booked 1:1 session, as the video rooms see it. */
export interface SessionBooking {
  reservationId: string
  venueId: string
  serviceId: string
  startsAt: Date
  endsAt: Date
}

// Feeds list what was sold (confirmed and later): a hold is nobody's booking yet, and a
// cancelled one is left out, so the subscribed calendar drops it on its next refresh.
const soldIn = (status: AnyPgColumn) => inArray(status, [...SOLD_STATES])
const overlapping = (start: AnyPgColumn, end: AnyPgColumn, from: Date, to: Date) => and(sql`${start} < ${to}`, sql`${end} > ${from}`)

/** A customer's own sold bookings meeting [from, to), purchases of packages left out, by start. */
export async function bookingsOfUserBetween(ex: Executor, userId: string, from: Date, to: Date): Promise<CalendarBooking[]> {
  const rows = await ex
    .select()
    .from(reservations)
    .where(
      and(
        eq(reservations.userId, userId),
        soldIn(reservations.status),
        overlapping(reservations.startsAt, reservations.endsAt, from, to),
        sql`not (${reservations.quote}->'lines' @> '[{"kind":"package"}]'::jsonb)`,
      ),
    )
    .orderBy(reservations.startsAt)
    .limit(FEED_LIMIT)
  return rows.map((r) => ({
    reservationId: r.id,
    venueId: r.venueId,
    userId: r.userId,
    guestName: r.guest?.name ?? null,
    partySize: r.partySize,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
  }))
}

/** What a feed lists at most: a calendar client chokes long before, and a year of one room fits. */
export const FEED_LIMIT = 5000

/**
 * The sold claims of one kind meeting [from, to): a room's slots (`room_id`) or the 1:1
 * sessions booked with a practitioner's venue (`session`), each with its own span, by start.
 */
export async function soldClaimsBetween(
  ex: Executor,
  on: { roomId: string } | { sessionsOfVenue: string },
  from: Date,
  to: Date,
): Promise<(CalendarBooking & { itemId: string; serviceId: string | null })[]> {
  const which =
    'roomId' in on
      ? and(eq(reservationItems.kind, 'slot'), eq(reservationItems.roomId, on.roomId))
      : and(eq(reservationItems.kind, 'session'), eq(reservations.venueId, on.sessionsOfVenue))
  const rows = await ex
    .select({
      itemId: reservationItems.id,
      reservationId: reservations.id,
      venueId: reservations.venueId,
      userId: reservations.userId,
      guest: reservations.guest,
      partySize: reservations.partySize,
      startsAt: reservationItems.startsAt,
      endsAt: reservationItems.endsAt,
      serviceId: reservationItems.serviceId,
    })
    .from(reservationItems)
    .innerJoin(reservations, eq(reservations.id, reservationItems.reservationId))
    .where(and(which, soldIn(reservations.status), overlapping(reservationItems.startsAt, reservationItems.endsAt, from, to)))
    .orderBy(reservationItems.startsAt)
    .limit(FEED_LIMIT)
  return rows.map(({ guest, ...r }) => ({ ...r, guestName: guest?.name ?? null }))
}

/**
 * The people holding sold seats in each of these occurrences (or in their courses), by
 * occurrence id, in booking order: who the practitioner's reminder lists.
 */
export async function soldParticipantsOf(ex: Executor, occurrences: readonly { id: string; serviceId: string }[]): Promise<Map<string, Participant[]>> {
  const byOccurrence = new Map<string, Participant[]>()
  if (occurrences.length === 0) return byOccurrence
  const rows = await rowsOf<Participant & { occurrenceId: string }>(
    ex,
    sql`select o.id as "occurrenceId", p.id, i.reservation_id as "reservationId", coalesce(p.name, r.guest->>'name') as name, p.email, p.user_id as "userId"
          from unnest(${pgArray(occurrences.map((o) => o.id))}::uuid[], ${pgArray(occurrences.map((o) => o.serviceId))}::uuid[]) as o(id, service_id)
          join reservation_items i on i.kind = 'seat' and (i.occurrence_id = o.id or (i.occurrence_id is null and i.service_id = o.service_id))
          join reservations r on r.id = i.reservation_id
          join seat_participants p on p.reservation_item_id = i.id
         where r.status in (${soldStates})
         order by o.id, r.created_at, i.position, p.position`,
  )
  for (const { occurrenceId, ...p } of rows) byOccurrence.set(occurrenceId, [...(byOccurrence.get(occurrenceId) ?? []), p])
  return byOccurrence
}

const attending = literalList(['confirmed', 'checked_in'])

/** Confirmed or checked-in bookings of 1:1 sessions starting from..to, with their items' spans. */
export async function sessionBookingsStarting(ex: Executor, from: Date, to: Date): Promise<SessionBooking[]> {
  const rows = await rowsOf<{ reservationId: string; venueId: string; serviceId: string; startsAt: string | Date; endsAt: string | Date }>(
    ex,
    sql`select r.id as "reservationId", r.venue_id as "venueId", i.service_id as "serviceId", i.starts_at as "startsAt", i.ends_at as "endsAt"
          from reservation_items i join reservations r on r.id = i.reservation_id
         where i.kind = 'session' and r.status in (${attending})
           and i.starts_at between ${from.toISOString()} and ${to.toISOString()}
         order by r.id`,
  )
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }))
}

/** Confirmed or checked-in bookings holding seats in these occurrences, directly or through their course. */
export async function seatBookingsOf(
  ex: Executor,
  occurrences: readonly { id: string; serviceId: string }[],
): Promise<{ reservationId: string; venueId: string; occurrenceId: string }[]> {
  if (occurrences.length === 0) return []
  return rowsOf(
    ex,
    sql`select distinct r.id as "reservationId", r.venue_id as "venueId", o.id as "occurrenceId"
          from unnest(${pgArray(occurrences.map((o) => o.id))}::uuid[], ${pgArray(occurrences.map((o) => o.serviceId))}::uuid[]) as o(id, service_id)
          join reservation_items i on i.kind = 'seat' and (i.occurrence_id = o.id or (i.occurrence_id is null and i.service_id = o.service_id))
          join reservations r on r.id = i.reservation_id
         where r.status in (${attending})
         order by 1, 3`,
  )
}
