import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { RecentCopies } from '../../db/recent-copies.js'
import { relayHereSet, type LocalRelay } from '../events/relay.js'
import { rulesColumn, rulesOf } from '../pricing/queries.js'
import { nightCount } from '../pricing/stay-price.js'
import { allNightsFit, nightsHeldIf, nightsToTake } from '../stays/nights.js'
import { roomTypeAsPlanned, roomTypeCopy } from '../stays/queries.js'
import { birthRow, type NewReservation } from './create.js'
import { at, birthValues, emptyItem, holdForms, sendHold, type HoldKey } from './hold-statement.js'
import { lapsedStayHoldOn } from './holds.js'
import { planReservation } from './plan.js'
import { reservationItems } from './schema.js'
import type { FullReservation, ReservationItem } from './service.js'
import type { StayTargets } from './stay-claims.js'

const p = sql.placeholder
const stay = { roomTypeId: p('roomTypeId'), arrival: p('arrival'), departure: p('departure'), quantity: p('quantity') }

/**
 * The room type share-locked, only if it, its rate plans and the venue's pricing rules are still
 * what the plan read; the stay's nights locked in order, every one of them open with the units
 * free and the arrival's min stay met; no lapsed hold on those nights (that booking is left to
 * the transaction that expires it); then the reservation, the units held on every night, its
 * birth's audit row and events, and its stay item.
 */
const FORMS = holdForms(
  {
    checks: sql`room_type as materialized (${roomTypeAsPlanned({ id: p('roomTypeId'), venueId: p('venueId'), fingerprint: p('fingerprint') }, rulesColumn(p('venueId')))}),
  nights as materialized (${nightsToTake(stay)}),
  clear as materialized (
    select 1 from room_type
    where ${relayHereSet} and ${allNightsFit(sql`nights`, { arrival: p('arrival'), count: p('nights') })}
      and not ${lapsedStayHoldOn({ roomTypeId: p('roomTypeId'), arrival: p('arrival'), departure: p('departure'), now: p('now') })})`,
    claim: (born) => nightsHeldIf(stay, born),
    items: sql`
  item as (
    insert into ${reservationItems} (id, reservation_id, position, kind, room_type_id, rate_plan_id, arrival, departure, quantity, guests,
      starts_at, ends_at, blocked_until, price_amount, active)
    select ${p('itemId')}::uuid, id, ${p('position')}::int, 'stay', ${p('roomTypeId')}::uuid, ${p('ratePlanId')}::uuid, ${p('arrival')}::date,
      ${p('departure')}::date, ${p('quantity')}::int, ${p('guests')}::int, ${at('start')}, ${at('end')}, ${at('end')}, ${p('price')}::int, true
    from born)`,
  },
  'reservoir_stay_hold',
)

/**
 * How long a room type's copy is kept. Longer than a venue's second: the statement checks the
 * copy's fingerprint, so an old copy can cost a booking its one statement, never its price, and
 * a copy that fails a check is dropped at once.
 */
const STAY_COPY_MS = 60_000

interface StayCopy {
  targets: StayTargets
  fingerprint: string
}

/**
 * A hotel's commonest booking, one stay item, in one round trip instead of a transaction of ten
 * (`createReservation`), as `SlotHolds` does a slot: planned in Node against this process's copy
 * of the room type with its rate plans and the venue's pricing rules (kept for STAY_COPY_MS),
 * then one autocommit statement checks what the plan read and holds the units. The nights stay
 * locked for that statement alone, not for the rest of a transaction. Answers undefined, having
 * written nothing, whenever it cannot decide alone: another kind of booking, a room type not
 * found, a plan that fails, the room type, its plans or the rules changed, a night closed, full,
 * not on sale or with a longer min stay, or a lapsed hold in the way. The caller then books
 * through `createReservation`, which re-plans on fresh rows and gives the refusal (409 `sold_out`
 * naming the night, or the rule broken).
 */
export class StayHolds {
  private readonly copies = new RecentCopies<StayCopy | undefined>(STAY_COPY_MS)

  constructor(
    private readonly deps: Deps,
    private readonly relay: LocalRelay,
  ) {}

  private copy(key: string, venueId: string, roomTypeId: string): Promise<StayCopy | undefined> {
    return this.copies.get(key, async () => {
      const read = await roomTypeCopy(this.deps.db, venueId, roomTypeId, rulesColumn(sql`${venueId}`))
      if (!read) return undefined
      // No min stays: they are per arrival night, and the statement checks the arrival's.
      const targets = { roomTypes: new Map([[read.roomType.id, read.roomType]]), minStay: new Map(), rules: rulesOf(read.extra) }
      return { targets, fingerprint: read.fingerprint }
    })
  }

  async hold(n: NewReservation, key?: HoldKey): Promise<FullReservation | undefined> {
    const [claim] = n.items
    if (n.items.length !== 1 || claim?.kind !== 'stay' || n.status !== 'pending' || n.plannedAt) return undefined
    const { venue, now } = n
    const copyKey = `${venue.id}:${claim.room_type_id}`
    const copy = await this.copy(copyKey, venue.id, claim.room_type_id)
    if (!copy) return undefined
    const plan = await planReservation(this.deps.db, venue, n.items, n.partySize, now, { stayTargets: copy.targets }).catch(() => undefined)
    const planned = plan?.stays[0]
    if (!plan || !planned) return undefined
    const row = birthRow(randomUUID(), n, plan)
    const item: ReservationItem = {
      ...emptyItem,
      id: randomUUID(),
      reservationId: row.id,
      position: planned.index,
      kind: 'stay',
      roomTypeId: planned.roomType.id,
      ratePlanId: planned.plan?.id ?? null,
      arrival: planned.arrival,
      departure: planned.departure,
      quantity: planned.quantity,
      guests: planned.guests,
      startsAt: planned.start,
      endsAt: planned.end,
      blockedUntil: planned.end,
      priceAmount: planned.amount,
    }
    const values = {
      ...birthValues(n, row, this.relay.setting),
      roomTypeId: item.roomTypeId,
      fingerprint: copy.fingerprint,
      arrival: item.arrival,
      departure: item.departure,
      nights: nightCount(planned.arrival, planned.departure),
      quantity: item.quantity,
      itemId: item.id,
      position: item.position,
      ratePlanId: item.ratePlanId,
      guests: item.guests,
      start: item.startsAt.toISOString(),
      end: item.endsAt.toISOString(),
      price: item.priceAmount,
    }
    // Every night was checked to fit with its row locked, so the fit check cannot refuse the take.
    const created = await sendHold(this.deps, this.relay, FORMS, values, { ...row, items: [item] }, key, (error) => error)
    // A check failed: if it was the copy's, the next booking reads a fresh one.
    if (!created) this.copies.drop(copyKey)
    return created
  }
}
