import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { sqlState } from '../../db/errors.js'
import { RecentCopies } from '../../db/recent-copies.js'
import { relayHereSet, type LocalRelay } from '../events/relay.js'
import { roomAsPlanned, roomOfVenue } from '../rooms/queries.js'
import type { Room } from '../rooms/service.js'
import { closedOnAnyOf } from '../venues/queries.js'
import { VENUE_CACHE_MS } from '../venues/service.js'
import { claimQueueSpans, closureDatesFor, queueLocks, slotTakenOr, spanLockKeys } from './claims.js'
import { birthRow, type NewReservation } from './create.js'
import { at, birthValues, emptyItem, holdForms, sendHold, type HoldKey, type HoldParts } from './hold-statement.js'
import { planReservation } from './plan.js'
import { liveClaimOn } from './reads.js'
import { reservationItems } from './schema.js'
import type { FullReservation, ReservationItem } from './service.js'

const p = sql.placeholder

/**
 * The whole hold in one statement, its text fixed here once (a named, prepared statement on
 * PostgreSQL). In the order `createReservation` runs them: the claim queue (`claimQueue`'s
 * keys); the room, share-locked, only if still what the plan read; no closure on the dates the
 * plan assumed open; then the reservation, its birth's audit row and events, and its slot item.
 * The conditions gate the inserts: when one fails, nothing is written and no row comes back.
 * `reservoir.relay_here` spares the commit its NOTIFY when this process's relay is woken after it.
 * The exclusion constraint still decides a contested slot, at the item's insert; a lapsed hold
 * in the way is looked for only then (`liveClaimOn`). The keyed form also stores the request's
 * Idempotency-Key with its answer, and writes nothing when the key is already taken.
 */
const parts: HoldParts = {
  checks: sql`queue as materialized (${queueLocks(p('keys'))}),
  room as materialized (${roomAsPlanned({
    id: p('roomId'),
    venueId: p('venueId'),
    name: p('roomName'),
    capacity: p('capacity'),
    hourlyRate: p('hourlyRate'),
    slotMinutes: p('slotMinutes'),
    minMinutes: p('minMinutes'),
    maxMinutes: p('maxMinutes'),
    bufferMinutes: p('bufferMinutes'),
  })}),
  clear as materialized (
    select 1 from room
    where (select n from queue) >= 0 and ${relayHereSet}
      and not ${closedOnAnyOf(p('venueId'), p('dates'))})`,
  items: sql`
  item as (
    insert into ${reservationItems} (id, reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
    select ${p('itemId')}::uuid, id, ${p('position')}::int, 'slot', ${p('roomId')}::uuid, ${at('start')}, ${at('end')},
      ${at('blockedUntil')}, ${p('price')}::int, true
    from born)`,
}

const FORMS = holdForms(parts, 'reservoir_slot_hold')

/**
 * The commonest booking, a hold of one slot, in one round trip instead of a transaction of six
 * (`createReservation`): planned in Node against this process's copy of the room (kept for
 * VENUE_CACHE_MS) and no closures, then claimed by one autocommit statement that checks the
 * plan's assumptions before it writes. Answers undefined, having written nothing, whenever it
 * cannot decide alone: another kind of booking, a room not found, a plan that fails (the
 * transaction re-plans on fresh rows and gives the refusal), or a room changed, a closure or
 * a lapsed hold in the way (looked for once the constraint has refused the claim); the caller
 * then books through `createReservation`. A slot lost to a live claim is the same 409 `slot_taken`.
 */
export class SlotHolds {
  private readonly rooms = new RecentCopies<Room | undefined>(VENUE_CACHE_MS)

  constructor(
    private readonly deps: Deps,
    private readonly relay: LocalRelay,
  ) {}

  async hold(n: NewReservation, key?: HoldKey): Promise<FullReservation | undefined> {
    const [claim] = n.items
    if (n.items.length !== 1 || claim?.kind !== 'slot' || n.status !== 'pending' || n.plannedAt) return undefined
    const { venue, now } = n
    const room = await this.rooms.get(`${venue.id}:${claim.room_id}`, () => roomOfVenue(this.deps.db, venue.id, claim.room_id))
    if (!room) return undefined
    const plan = await planReservation(this.deps.db, venue, n.items, n.partySize, now, {
      slotTargets: { rooms: new Map([[room.id, room]]), closed: new Set() },
    }).catch(() => undefined)
    const slot = plan?.slots[0]
    if (!plan || !slot) return undefined
    const id = randomUUID()
    const row = birthRow(id, n, plan)
    const values = {
      ...birthValues(n, row, this.relay.setting),
      keys: `{${spanLockKeys(claimQueueSpans([claim])).join(',')}}`,
      roomId: room.id,
      roomName: room.name,
      capacity: room.capacity,
      hourlyRate: room.hourlyRate,
      slotMinutes: room.slotMinutes,
      minMinutes: room.minMinutes,
      maxMinutes: room.maxMinutes,
      bufferMinutes: room.bufferMinutes,
      dates: `{${closureDatesFor(slot.start.getTime(), venue.timezone).join(',')}}`,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      blockedUntil: slot.blockedUntil.toISOString(),
      itemId: randomUUID(),
      position: slot.index,
      price: slot.line.amount,
    }
    const item: ReservationItem = {
      ...emptyItem,
      id: values.itemId,
      reservationId: id,
      position: slot.index,
      kind: 'slot',
      roomId: room.id,
      startsAt: slot.start,
      endsAt: slot.end,
      blockedUntil: slot.blockedUntil,
      priceAmount: slot.line.amount,
    }
    try {
      // What the hold will be is known before it is written, so a keyed hold stores its answer with it.
      return await sendHold(this.deps, this.relay, FORMS, values, { ...row, items: [item] }, key, (error) => error)
    } catch (error) {
      if (sqlState(error) !== '23P01') throw error
      // Refused, and the statement wrote nothing. If only lapsed holds were in the way, the
      // transaction expires them and claims; if a live claim was, the slot is taken.
      if (!(await liveClaimOn(this.deps.db, { roomId: room.id, start: slot.start, end: slot.blockedUntil }, now))) return undefined
      throw slotTakenOr(error, slot)
    }
  }
}
