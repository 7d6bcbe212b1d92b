/**
 * The stays part of the bench database: one hotel in ZONE with STAY_ROOM_TYPES room types, two
 * rate plans each, a high-season and a weekend pricing rule, and STAY_NIGHTS nights of inventory
 * per type (STAY_UNITS units a night), all inserted with SQL (generate_series), as the brief for
 * (i)–(l) asks; see docs/performance.md, "Stays".
 */
import { DateTime } from 'luxon'
import type { RawSql } from '../src/db/client.js'
import { STAY_NIGHTS, STAY_ROOM_TYPES, STAY_UNITS, ZONE } from './settings.js'

export interface StayRoomType {
  id: string
  name: string
  maxOccupancy: number
  baseRate: number
  /** The two rate plans, Flexible first (position 0: what a claim without rate_plan_id gets). */
  planIds: [string, string]
}

export interface StayFixture {
  venueId: string
  roomTypes: StayRoomType[]
  /** The first night on sale (the venue's local today) and the last one. */
  firstNight: string
  lastNight: string
  /** The high-season rule's range. */
  season: { from: string; to: string }
}

/** The non-refundable plan's own cancellation policy (the flexible plan has none: the venue's). */
export const NON_REFUNDABLE_POLICY = { tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 100 }

export async function seedStays(q: RawSql['query']): Promise<StayFixture> {
  const today = DateTime.now().setZone(ZONE).startOf('day')
  const firstNight = today.toISODate()!
  const lastNight = today.plus({ days: STAY_NIGHTS - 1 }).toISODate()!
  // High season: three months of the year on sale, starting four months out.
  const season = { from: today.plus({ days: 120 }).toISODate()!, to: today.plus({ days: 211 }).toISODate()! }
  const [venue] = (
    await q<{ id: string }>(
      `insert into venues (name, slug, kind, timezone, currency, opening_hours) values ('Bench Hotel', 'bench-hotel', 'hotel', $1, 'USD', '[]') returning id`,
      [ZONE],
    )
  ).rows
  const venueId = venue!.id
  // Occupancy 2, 3 or 4; rates from $90.00 to $185.00 a night.
  const types = (
    await q<{ id: string; name: string; max_occupancy: number; base_rate: number }>(
      `insert into room_types (venue_id, name, total_units, max_occupancy, base_rate, amenities)
       select $1, 'Room type ' || lpad(g::text, 3, '0'), $2, 2 + g % 3, 9000 + 500 * (g % 20), '["wifi", "tv", "desk"]'::jsonb
       from generate_series(1, $3::int) g
       returning id, name, max_occupancy, base_rate`,
      [venueId, STAY_UNITS, STAY_ROOM_TYPES],
    )
  ).rows
  // Two plans per type; the flexible one is the type's first (position 0, and created a millisecond earlier).
  const plans = (
    await q<{ id: string; room_type_id: string; name: string }>(
      `insert into rate_plans (room_type_id, name, description, cancellation_policy, adjustment_percent, position, created_at)
       select t.id, p.name, p.description, p.policy, p.adjustment, p.ord, now() + p.ord * interval '1 millisecond'
       from room_types t cross join (values
         (0, 'Flexible', 'Free cancellation up to 48 hours before arrival', null::jsonb, 0),
         (1, 'Non-refundable', 'Pay now, save 10 %', $2::jsonb, -10)) as p(ord, name, description, policy, adjustment)
       where t.venue_id = $1
       returning id, room_type_id, name`,
      [venueId, JSON.stringify(NON_REFUNDABLE_POLICY)],
    )
  ).rows
  await q(
    `insert into inventory_nights (room_type_id, night, units)
     select t.id, g.night::date, t.total_units
     from room_types t cross join generate_series($2::date, $3::date, interval '1 day') g(night)
     where t.venue_id = $1`,
    [venueId, firstNight, lastNight],
  )
  await q(
    `insert into pricing_rules (venue_id, kind, name, starts_on, ends_on, weekdays, amount, percent, priority) values
       ($1, 'season', 'High season', $2, $3, null, null, 30, 0),
       ($1, 'weekday', 'Weekend', null, null, '[5, 6]'::jsonb, null, 20, 0)`,
    [venueId, season.from, season.to],
  )
  const byType = new Map<string, { flexible?: string; nonRefundable?: string }>()
  for (const p of plans) {
    const entry = byType.get(p.room_type_id) ?? {}
    if (p.name === 'Flexible') entry.flexible = p.id
    else entry.nonRefundable = p.id
    byType.set(p.room_type_id, entry)
  }
  const roomTypes = types.map((t) => {
    const p = byType.get(t.id)!
    return { id: t.id, name: t.name, maxOccupancy: t.max_occupancy, baseRate: t.base_rate, planIds: [p.flexible!, p.nonRefundable!] as [string, string] }
  })
  return { venueId, roomTypes, firstNight, lastNight, season }
}

/** A date `days` after `date` (both ISO dates). */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * A random stay of `nights` nights inside the nights on sale, arriving from tomorrow on (so a
 * run that crosses midnight never asks for a past arrival).
 */
export function randomStay(s: StayFixture, nights: number): { arrival: string; departure: string } {
  const span = Math.round((Date.parse(`${s.lastNight}T00:00:00Z`) - Date.parse(`${s.firstNight}T00:00:00Z`)) / 86_400_000) + 1
  const offset = 1 + Math.floor(Math.random() * (span - nights))
  const arrival = plusDays(s.firstNight, offset)
  return { arrival, departure: plusDays(arrival, nights) }
}

export const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!

/** One stay item as (j) and (k) book it: a random type and plan, `nights` nights, one unit, two guests. */
export interface StayClaimInput {
  roomType: StayRoomType
  planId: string
  arrival: string
  departure: string
  quantity: number
  guests: number
}

export function randomStayClaim(s: StayFixture, nights: number): StayClaimInput {
  const roomType = pickOf(s.roomTypes)
  return { roomType, planId: pickOf(roomType.planIds), ...randomStay(s, nights), quantity: 1, guests: 2 }
}

/** POST /reservations's body for one stay claim. */
export function stayBookingBody(venueId: string, c: StayClaimInput): string {
  return JSON.stringify({
    venue_id: venueId,
    items: [
      { kind: 'stay', room_type_id: c.roomType.id, rate_plan_id: c.planId, arrival: c.arrival, departure: c.departure, quantity: c.quantity, guests: c.guests },
    ],
  })
}

/** One search as (i) sends it: 1 to `maxNights` nights somewhere in the year on sale. */
export interface StaySearchInput {
  arrival: string
  departure: string
  nights: number
  guests: number
  rooms: number
}

export function randomSearch(s: StayFixture, maxNights: number, guests: number): StaySearchInput {
  const nights = 1 + Math.floor(Math.random() * maxNights)
  return { ...randomStay(s, nights), nights, guests, rooms: 1 }
}

export const searchPath = (venueId: string, q: StaySearchInput) =>
  `/api/v1/stays/search?venue=${venueId}&arrival=${q.arrival}&departure=${q.departure}&guests=${q.guests}&rooms=${q.rooms}`
