/**
 * The bench database's contents: one venue open around the clock, its rooms, 1,000 confirmed
 * reservations on the availability day, and the disjoint runs of days each phase claims slots on;
 * and the hotel of the stays phases (stays-fixture.ts).
 */
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { openDatabase, type DatabaseOptions } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { HOLD_DAYS, PAY_DAYS, PER_ROOM_ON_AVAILABILITY_DAY, RAW_DAYS, RAW_PARENTS, ROOMS, ZONE } from './settings.js'
import { slotQuote } from './slots.js'
import { seedStays, type StayFixture } from './stays-fixture.js'

/** Every bench room's rules (its rate varies); the one-statement hold checks them against the row. */
export const ROOM_RULES = { capacity: 8, slotMinutes: 30, minMinutes: 60, maxMinutes: 240, bufferMinutes: 0 } as const

export interface RoomRow {
  id: string
  name: string
  hourlyRate: number
}

export interface Fixture {
  userId: string
  venueId: string
  rooms: RoomRow[]
  availabilityDay: string
  /** Business days (start, end instants) used by (a) and by (b); disjoint, far from the availability day. */
  httpDays: DayWindow[]
  sqlDays: DayWindow[]
  /** Four more days, after those, for the SQL guard: a service create and a mirror create, then two checkouts for the webhook. */
  guardDays: DayWindow[]
  /** Days after those whose one-hour slots (g) and (h) take one by one (SlotAllocator). */
  payDays: DayWindow[]
  /** Days after those for the raw slot INSERTs (bench/raw.ts), and the confirmed reservations their items belong to. */
  rawDays: DayWindow[]
  rawParents: string[]
  /** Days after those for the hold's floor (RAW.holdFloor). */
  floorDays: DayWindow[]
  /** The hotel of (i)–(l): room types, rate plans, pricing rules and a year of nights. */
  stays: StayFixture
}

export interface DayWindow {
  date: string
  start: number
  end: number
}

export function dayWindows(from: DateTime, count: number): DayWindow[] {
  return Array.from({ length: count }, (_, i) => {
    const day = from.plus({ days: i })
    return { date: day.toISODate()!, start: day.toMillis(), end: day.plus({ days: 1 }).toMillis() }
  })
}

/** Seeds the database at `target`: a PostgreSQL URL, or the options of an embedded one (bench/embedded.ts). */
export async function seed(target: string | DatabaseOptions): Promise<Fixture> {
  const database = await openDatabase(typeof target === 'string' ? { url: target, poolSize: 4 } : target)
  try {
    await migrate(database)
    const q = database.raw.query
    const [user] = (
      await q<{ id: string }>(
        `insert into users (email, password_hash, name, role) values ('bench@reservoir.local', 'not-a-hash', 'Bench Customer', 'customer') returning id`,
      )
    ).rows
    await q(`insert into users (email, password_hash, name, role) values ('bench-admin@reservoir.local', 'not-a-hash', 'Bench Admin', 'admin')`)
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '00:00' }))
    const [venue] = (
      await q<{ id: string }>(
        `insert into venues (name, slug, kind, timezone, currency, opening_hours) values ('Bench Hall', 'bench-hall', 'venue', $1, 'USD', $2) returning id`,
        [ZONE, JSON.stringify(hours)],
      )
    ).rows
    const roomSpecs = Array.from({ length: ROOMS }, (_, i) => ({ name: `Room ${String(i + 1).padStart(2, '0')}`, rate: 2000 + 100 * (i % 20) }))
    const rooms = (
      await q<{ id: string; name: string; hourly_rate: number }>(
        `insert into rooms (venue_id, name, capacity, hourly_rate, slot_minutes, min_minutes, max_minutes, buffer_minutes)
         select $1, r.name, ${ROOM_RULES.capacity}, r.rate, ${ROOM_RULES.slotMinutes}, ${ROOM_RULES.minMinutes}, ${ROOM_RULES.maxMinutes}, ${ROOM_RULES.bufferMinutes}
         from jsonb_to_recordset($2::jsonb) as r(name text, rate int)
         returning id, name, hourly_rate`,
        [venue!.id, JSON.stringify(roomSpecs)],
      )
    ).rows.map((r) => ({ id: r.id, name: r.name, hourlyRate: r.hourly_rate }))

    const today = DateTime.now().setZone(ZONE).startOf('day')
    const availability = today.plus({ days: 7 })
    const availabilityDay = availability.toISODate()!

    // 1,000 confirmed reservations on the availability day: per room, 20 of the 24 hours get
    // one booking of 30 or 60 minutes, on the 30-minute grid, so no two overlap.
    const res: Record<string, unknown>[] = []
    const items: Record<string, unknown>[] = []
    const now = new Date().toISOString()
    for (const room of rooms) {
      const hoursOfDay = shuffle(Array.from({ length: 24 }, (_, h) => h)).slice(0, PER_ROOM_ON_AVAILABILITY_DAY)
      for (const h of hoursOfDay) {
        const long = Math.random() < 0.5
        const offset = long ? 0 : Math.random() < 0.5 ? 0 : 30
        const start = availability.plus({ hours: h, minutes: offset })
        const end = start.plus({ minutes: long ? 60 : 30 })
        const { amount, quote } = slotQuote({ room, minutes: long ? 60 : 30 })
        const id = randomUUID()
        res.push({ id, starts_at: start.toUTC().toISO(), ends_at: end.toUTC().toISO(), total: amount, quote })
        items.push({ reservation_id: id, room_id: room.id, starts_at: start.toUTC().toISO(), ends_at: end.toUTC().toISO(), amount })
      }
    }
    await q(
      `insert into reservations (id, venue_id, user_id, created_by, status, party_size, total_amount, currency, quote, hold_expires_at, starts_at, ends_at, created_at, updated_at)
       select r.id, $1, $2, $2, 'confirmed', 2, r.total, 'USD', r.quote, null, r.starts_at, r.ends_at, $3, $3
       from jsonb_to_recordset($4::jsonb) as r(id uuid, starts_at timestamptz, ends_at timestamptz, total int, quote jsonb)`,
      [venue!.id, user!.id, now, JSON.stringify(res)],
    )
    await q(
      `insert into reservation_items (reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
       select i.reservation_id, 0, 'slot', i.room_id, i.starts_at, i.ends_at, i.ends_at, i.amount, true
       from jsonb_to_recordset($1::jsonb) as i(reservation_id uuid, room_id uuid, starts_at timestamptz, ends_at timestamptz, amount int)`,
      [JSON.stringify(items)],
    )
    // The parents of the raw reference's slot items (bench/raw.ts): confirmed, claiming nothing
    // themselves; the INSERTs pick one at random, so that 50 clients rarely share one's key lock.
    const rawParents = (
      await q<{ id: string }>(
        `insert into reservations (venue_id, user_id, created_by, status, party_size, total_amount, currency, quote, starts_at, ends_at)
         select $1, $2, $2, 'confirmed', 1, 0, 'USD', '{"currency": "USD", "lines": [], "subtotal": 0, "discounts": 0, "total": 0}'::jsonb, $3, $3::timestamptz + interval '1 hour'
         from generate_series(1, $4::int) returning id`,
        [
          venue!.id,
          user!.id,
          today
            .plus({ days: 30 + 2 * HOLD_DAYS + 20 + PAY_DAYS + 10 })
            .toUTC()
            .toISO(),
          RAW_PARENTS,
        ],
      )
    ).rows.map((r) => r.id)
    const stays = await seedStays(q)
    await q('analyze')
    return {
      userId: user!.id,
      venueId: venue!.id,
      rooms,
      availabilityDay,
      httpDays: dayWindows(today.plus({ days: 30 }), HOLD_DAYS),
      sqlDays: dayWindows(today.plus({ days: 30 + HOLD_DAYS + 5 }), HOLD_DAYS),
      guardDays: dayWindows(today.plus({ days: 30 + 2 * HOLD_DAYS + 10 }), 4),
      payDays: dayWindows(today.plus({ days: 30 + 2 * HOLD_DAYS + 20 }), PAY_DAYS),
      rawDays: dayWindows(today.plus({ days: 30 + 2 * HOLD_DAYS + 20 + PAY_DAYS + 10 }), RAW_DAYS),
      floorDays: dayWindows(today.plus({ days: 30 + 2 * HOLD_DAYS + 20 + PAY_DAYS + 20 + RAW_DAYS }), RAW_DAYS),
      rawParents,
      stays,
    }
  } finally {
    await database.close()
  }
}

export function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}
