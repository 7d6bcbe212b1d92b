import { createHash } from 'node:crypto'
import { sql, type Placeholder, type SQL } from 'drizzle-orm'
import { pgArray, type Executor, type Tx } from '../../db/client.js'
import { sqlState } from '../../db/errors.js'
import { AppError, invalidInput } from '../../http/errors.js'
import { beyondHorizon, horizonProblem } from '../availability/horizon.js'
import { addDays, localDate, openingFor } from '../availability/opening-hours.js'
import { slotLine } from '../pricing/slot-price.js'
import type { QuoteLine } from '../pricing/quote.js'
import { bookableRooms } from '../rooms/queries.js'
import type { Room } from '../rooms/service.js'
import type { Venue } from '../venues/service.js'
import type { ClaimSpan } from './holds.js'
import { reservationItems } from './schema.js'

export interface SlotClaim {
  kind: 'slot'
  room_id: string
  start: string
  end: string
}

/** A slot claim checked against the room's rules and priced, ready to insert. */
export interface PlannedSlot {
  index: number
  room: Room
  start: Date
  end: Date
  blockedUntil: Date
  line: QuoteLine
}

/** The rooms slot claims name, by id, and the venue's closure dates that could matter to them. */
export interface SlotTargets {
  rooms: ReadonlyMap<string, Room>
  closed: ReadonlySet<string>
}

const MINUTE = 60_000

/**
 * The rooms the claims name — all of this venue and not archived, or 404 naming the item —
 * share-locked (when booking) so an archive cannot slip in, and the closure dates that could
 * matter (each start's local date and the day before), in one round trip. When booking, the
 * same statement queues the caller behind other claims on those rooms' days (`claimQueue`).
 */
export async function loadTargets(
  ex: Executor,
  venue: Venue,
  claims: readonly { room_id: string; start: string; end: string; item?: number }[],
  lock = true,
): Promise<SlotTargets> {
  const ids = [...new Set(claims.map((c) => c.room_id))]
  const dates = [...new Set(claims.flatMap((c) => closureDatesFor(Date.parse(c.start), venue.timezone)))]
  const found = await bookableRooms(ex, venue.id, ids, dates, lock, lock ? claimQueue(claims) : undefined)
  const byId = new Map(found.rooms.map((r) => [r.id, r]))
  claims.forEach((c, i) => {
    if (!byId.has(c.room_id)) throw new AppError('not_found', 'Room not found at this venue', { item: c.item ?? i, room_id: c.room_id })
  })
  return { rooms: byId, closed: found.closed }
}

/** The closure dates that can matter to a booking starting at `start`: its local date and the day before (a 01:00 start belongs to the day before). */
export function closureDatesFor(start: number, timezone: string): string[] {
  const day = localDate(start, timezone)
  return [day, addDays(day, -1)]
}

/**
 * Applies the business rules of a room booking: grid, length, party size, opening hours,
 * not in the past. Overlap is not checked here: the exclusion constraint decides that.
 */
export function planSlot(
  index: number,
  claim: { start: string; end: string },
  room: Room,
  venue: Venue,
  partySize: number,
  closed: ReadonlySet<string>,
  now: Date,
): PlannedSlot {
  const start = new Date(claim.start)
  const end = new Date(claim.end)
  const bad = (message: string, reason: string) => invalidInput(message, { item: index, reason })
  if (!(end > start)) throw bad('The end must be after the start', 'end_before_start')
  if (start < now) throw bad('The start is in the past', 'in_the_past')
  // Counted in business days, as availability offers them: a 01:00 start belongs to the day before.
  const opening = openingFor(start.getTime(), end.getTime(), venue.timezone, venue.openingHours, closed)
  if (beyondHorizon(opening?.date ?? localDate(start.getTime(), venue.timezone), now, venue.timezone)) throw bad(horizonProblem.message, horizonProblem.reason)
  const minutes = (end.getTime() - start.getTime()) / MINUTE
  if (minutes % room.slotMinutes !== 0) throw bad(`Bookings last whole ${room.slotMinutes}-minute slots`, 'off_grid')
  if (minutes < room.minMinutes || minutes > room.maxMinutes) {
    throw bad(`Bookings of this room last ${room.minMinutes} to ${room.maxMinutes} minutes`, 'length')
  }
  if (partySize > room.capacity) throw bad(`The room holds at most ${room.capacity} people`, 'capacity')
  if (!opening) throw bad('The venue is not open for the whole booking', 'outside_opening_hours')
  if ((start.getTime() - opening.interval.start) % (room.slotMinutes * MINUTE) !== 0) {
    throw bad(`Bookings start on the room's ${room.slotMinutes}-minute grid`, 'off_grid')
  }
  return {
    index,
    room,
    start,
    end,
    blockedUntil: new Date(end.getTime() + room.bufferMinutes * MINUTE),
    line: slotLine(index, room.name, room.hourlyRate, minutes),
  }
}

const DAY = 24 * 60 * MINUTE
// The longest booking a room may allow and the longest buffer it may keep after one (rooms_length_check, rooms_buffer_check).
const MAX_LENGTH_MS = 1440 * MINUTE
const MAX_BUFFER_MS = 240 * MINUTE

/**
 * The claim queue, as a column of the rooms' read so that it costs no round trip of its own:
 * the caller waits behind every unfinished transaction claiming the same room on a day its
 * claims touch, with a transaction-scoped advisory lock per (room, UTC day), taken in key
 * order so two callers cannot wait on each other in a cycle. Without it, claims checked by the
 * exclusion constraint at the same moment (or all while an earlier one was unfinished) find
 * each other's unfinished rows and wait for each other (PostgreSQL's execIndexing.c says so):
 * each cycle costs a second of `deadlock_timeout` and ends in 40P01 instead of 409
 * `slot_taken`. Claims on other rooms or days never meet here.
 *
 * The claims are not planned yet: a blocked span ends a room's buffer after the booking, and
 * the buffer is not known before the room is read. So each claim queues on the days from its
 * start to its end plus the longest buffer any room may keep, a superset of the days its
 * blocked span touches: two claims whose blocked spans overlap share an instant, and so a day,
 * and so a key. A claim whose times no room could take (end before start, longer than any room
 * allows) joins no queue: planning refuses it before it goes in. The column is evaluated once,
 * before any row is returned; with no room found nothing is queued, and the booking fails
 * with a 404 anyway.
 */
export function claimQueue(claims: readonly { room_id: string; start: string; end: string }[]): SQL | undefined {
  const keys = spanLockKeys(claimQueueSpans(claims))
  return keys.length ? sql`(${queueLocks(pgArray(keys))})` : undefined
}

/** The claim queue's locks for `keys` (a `bigint[]`, in order), counted so the caller can wait on them in a column or a CTE. */
export const queueLocks = (keys: string | SQL | Placeholder) =>
  sql`select count(*) as n from (select pg_advisory_xact_lock(k) from unnest(${keys}::bigint[]) as k) as queue`

/** The spans whose days `claimQueue` locks. */
export function claimQueueSpans(claims: readonly { room_id: string; start: string; end: string }[]): ClaimSpan[] {
  return claims.flatMap((c) => {
    const start = Date.parse(c.start)
    const end = Date.parse(c.end)
    return end > start && end - start <= MAX_LENGTH_MS ? [{ roomId: c.room_id, start: new Date(start), end: new Date(end + MAX_BUFFER_MS) }] : []
  })
}

/** The advisory lock keys of `claimQueue`: a signed 64-bit key per (room, UTC day), distinct and in order, as text. */
export function spanLockKeys(spans: readonly ClaimSpan[]): string[] {
  const keys = new Set<bigint>()
  for (const s of spans) {
    for (let day = Math.floor(s.start.getTime() / DAY); day <= Math.floor((s.end.getTime() - 1) / DAY); day++) {
      keys.add(createHash('sha256').update(`slot:${s.roomId}:${day}`).digest().readBigInt64BE(0))
    }
  }
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String)
}

/**
 * Inserts the claims one by one so a double booking names the item that lost, in a fixed
 * order (room, then start) so two multi-room bookings cannot wait on each other in a cycle.
 */
export async function insertSlots(tx: Tx, reservationId: string, planned: readonly PlannedSlot[], active: boolean) {
  const items = []
  const ordered = [...planned].sort((a, b) => (a.room.id < b.room.id ? -1 : a.room.id > b.room.id ? 1 : a.start.getTime() - b.start.getTime()))
  for (const p of ordered) {
    try {
      const [item] = await tx
        .insert(reservationItems)
        .values({
          reservationId,
          position: p.index,
          kind: 'slot',
          roomId: p.room.id,
          startsAt: p.start,
          endsAt: p.end,
          blockedUntil: p.blockedUntil,
          priceAmount: p.line.amount,
          active,
        })
        .returning()
      items.push(item!)
    } catch (error) {
      throw slotTakenOr(error, p)
    }
  }
  return items.sort((a, b) => a.position - b.position)
}

export function slotTakenOr(error: unknown, p: PlannedSlot): unknown {
  if (sqlState(error) !== '23P01') return error
  return new AppError('slot_taken', 'That time is already booked', { item: p.index, room_id: p.room.id })
}
