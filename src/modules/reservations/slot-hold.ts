import { randomUUID } from 'node:crypto'
import { fillPlaceholders, sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Deps } from '../../deps.js'
import { RecentCopies } from '../../db/recent-copies.js'
import { keyStoredIf, keyValues, type KeyToStore } from '../../http/idempotency.js'
import { eventColumns, eventsIf } from '../events/outbox.js'
import type { LocalRelay } from '../events/relay.js'
import { roomAsPlanned, roomOfVenue } from '../rooms/queries.js'
import type { Room } from '../rooms/service.js'
import { closedOnAnyOf } from '../venues/queries.js'
import { VENUE_CACHE_MS } from '../venues/service.js'
import { claimQueueSpans, closureDatesFor, queueLocks, slotTakenOr, spanLockKeys } from './claims.js'
import { birthEvents, birthRow, type NewReservation } from './create.js'
import { lapsedHoldOn } from './holds.js'
import { planReservation } from './plan.js'
import { reservationItems, reservations, reservationTransitions } from './schema.js'
import type { FullReservation, ReservationItem } from './service.js'

const p = sql.placeholder
const at = (name: string) => sql`${p(name)}::timestamptz`

/**
 * The whole hold in one statement, its text fixed here once (a named, prepared statement on
 * PostgreSQL). In the order `createReservation` runs them: the claim queue (`claimQueue`'s
 * keys); the room, share-locked, only if still what the plan read; no closure on the dates the
 * plan assumed open; no lapsed hold on the span (that booking is left to the transaction that
 * expires it); then the reservation, its birth's audit row and events, and its slot item.
 * The conditions gate the inserts: when one fails, nothing is written and no row comes back.
 * `reservoir.relay_here` spares the commit its NOTIFY when this process's relay is woken after it.
 * The exclusion constraint still decides a contested slot, at the item's insert. The keyed form
 * also stores the request's Idempotency-Key with its answer, and writes nothing when the key is
 * already taken.
 */
const holdStatement = (keyed: boolean) =>
  new PgDialect().sqlToQuery(sql`
  with queue as materialized (${queueLocks(p('keys'))}),
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
    where (select n from queue) >= 0 and set_config('reservoir.relay_here', ${p('relayHere')}::text, true) is not null
      and not ${closedOnAnyOf(p('venueId'), p('dates'))}
      and not ${lapsedHoldOn({ roomId: p('roomId'), start: p('start'), end: p('blockedUntil'), now: p('now') })}),${
        keyed
          ? sql`
  stored as materialized (${keyStoredIf(
    { keyScope: p('keyScope'), key: p('key'), keyHash: p('keyHash'), keyCreatedAt: p('keyCreatedAt'), keyStatus: p('keyStatus'), keyBody: p('keyBody') },
    sql`clear`,
  )}),`
          : sql``
      }
  born as (
    insert into ${reservations} (id, venue_id, user_id, created_by, status, party_size, notes, guest, total_amount, currency,
      quote, cancellation_policy, hold_expires_at, starts_at, ends_at, created_at, updated_at)
    select ${p('id')}::uuid, ${p('venueId')}::uuid, ${p('userId')}::uuid, ${p('createdBy')}::uuid, ${p('status')}::text,
      ${p('partySize')}::int, ${p('notes')}::text, ${p('guest')}::jsonb, ${p('total')}::int, ${p('currency')}::text,
      ${p('quote')}::jsonb, ${p('policy')}::jsonb, ${at('holdExpiresAt')}, ${at('startsAt')}, ${at('endsAt')}, ${at('now')}, ${at('now')}
    from ${keyed ? sql`stored` : sql`clear`}
    returning id, status),
  audit as (
    insert into ${reservationTransitions} (reservation_id, from_status, to_status, actor_id, reason, created_at)
    select id, null, status, ${p('createdBy')}::uuid, null, ${at('now')} from born),
  events as (${eventsIf(
    { types: p('types'), versions: p('versions'), aggregates: p('aggregates'), venues: p('venues'), payloads: p('payloads'), createdAt: p('now') },
    sql`exists (select 1 from born)`,
  )}),
  item as (
    insert into ${reservationItems} (id, reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
    select ${p('itemId')}::uuid, id, ${p('position')}::int, 'slot', ${p('roomId')}::uuid, ${at('start')}, ${at('end')},
      ${at('blockedUntil')}, ${p('price')}::int, true
    from born)
  select id from born`)

const HOLD = holdStatement(false)
const HOLD_KEYED = holdStatement(true)
/** Their names among the connection's prepared statements. */
const HOLD_NAME = 'reservoir_slot_hold'
const HOLD_KEYED_NAME = 'reservoir_slot_hold_keyed'
/** The statements' texts, for the bench's SQL mirror. */
export const SLOT_HOLD_SQL = HOLD.sql
export const SLOT_HOLD_KEYED_SQL = HOLD_KEYED.sql

/** A request's Idempotency-Key to store with the hold, and how its answer is made. */
export interface HoldKey {
  store: KeyToStore
  answer: (created: FullReservation) => unknown
}

/**
 * The commonest booking, a hold of one slot, in one round trip instead of a transaction of six
 * (`createReservation`): planned in Node against this process's copy of the room (kept for
 * VENUE_CACHE_MS) and no closures, then claimed by one autocommit statement that checks the
 * plan's assumptions before it writes. Answers undefined, having written nothing, whenever it
 * cannot decide alone: another kind of booking, a room not found, a plan that fails (the
 * transaction re-plans on fresh rows and gives the refusal), or a room changed, a closure or
 * a lapsed hold in the way; the caller then books through `createReservation`. A slot lost to
 * another claim is the same 409 `slot_taken`.
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
      relayHere: this.relay.setting,
      keys: `{${spanLockKeys(claimQueueSpans([claim])).join(',')}}`,
      roomId: room.id,
      venueId: venue.id,
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
      now: now.toISOString(),
      id,
      userId: row.userId,
      createdBy: row.createdBy,
      status: row.status,
      partySize: row.partySize,
      notes: row.notes,
      guest: row.guest === null ? null : JSON.stringify(row.guest),
      total: row.totalAmount,
      currency: row.currency,
      quote: JSON.stringify(row.quote),
      policy: JSON.stringify(row.cancellationPolicy),
      holdExpiresAt: row.holdExpiresAt!.toISOString(),
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      itemId: randomUUID(),
      position: slot.index,
      price: slot.line.amount,
      ...eventColumns(birthEvents(id, venue.id, row.status as 'pending', row.totalAmount, null), now),
    }
    const item: ReservationItem = {
      id: values.itemId,
      reservationId: id,
      position: slot.index,
      kind: 'slot',
      roomId: room.id,
      roomTypeId: null,
      ratePlanId: null,
      occurrenceId: null,
      serviceId: null,
      packageId: null,
      entitlementId: null,
      arrival: null,
      departure: null,
      quantity: 1,
      guests: null,
      startsAt: slot.start,
      endsAt: slot.end,
      blockedUntil: slot.blockedUntil,
      priceAmount: slot.line.amount,
      active: true,
    }
    // What the hold will be is known before it is written, so a keyed hold stores its answer with it.
    const created: FullReservation = { ...row, items: [item] }
    const [statement, name, params] = key
      ? [HOLD_KEYED, HOLD_KEYED_NAME, { ...values, ...keyValues(key.store, key.answer(created)) }]
      : [HOLD, HOLD_NAME, values]
    let inserted: unknown[]
    try {
      ;({ rows: inserted } = await this.deps.database.raw.query(statement.sql, fillPlaceholders(statement.params, params), name))
    } catch (error) {
      throw slotTakenOr(error, slot)
    }
    if (inserted.length === 0) return undefined
    if (values.relayHere) this.relay.wake()
    return created
  }
}
