import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { pgArray } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { RecentCopies } from '../../db/recent-copies.js'
import { seatsTakenIf, soldOutOr, workshopAsPlanned } from '../catalog/seats.js'
import { relayHereSet, type LocalRelay } from '../events/relay.js'
import { VENUE_CACHE_MS } from '../venues/service.js'
import { birthRow, type NewReservation } from './create.js'
import { at, birthValues, emptyItem, holdForms, sendHold, type HoldKey } from './hold-statement.js'
import { lapsedSeatHoldOn } from './holds.js'
import { loadMarketTargets, participantsOf, type MarketTargets } from './marketplace-claims.js'
import { planReservation } from './plan.js'
import { reservationItems, seatParticipants } from './schema.js'
import type { FullReservation, ReservationItem } from './service.js'

const p = sql.placeholder

/**
 * The workshop share-locked, only if its terms and the occurrence are still what the plan read;
 * no lapsed hold on its seats (that booking is left to the transaction that expires it); then
 * the reservation, its seats, its birth's audit row and events, its seat item and who sits in
 * it. The occurrence's CHECK decides the last seats: the take of one too many fails the whole
 * statement. An occurrence is never deleted, so a take that has its reservation always finds
 * its row.
 */
const FORMS = holdForms(
  {
    checks: sql`workshop as materialized (${workshopAsPlanned({
      serviceId: p('serviceId'),
      venueId: p('venueId'),
      title: p('title'),
      priceAmount: p('unitPrice'),
      occurrenceId: p('occurrenceId'),
      startsAt: p('start'),
      endsAt: p('end'),
    })}),
  clear as materialized (
    select 1 from workshop
    where ${relayHereSet} and not ${lapsedSeatHoldOn({ serviceId: p('serviceId'), now: p('now') })})`,
    claim: (born) => seatsTakenIf({ occurrenceId: p('occurrenceId'), quantity: p('quantity') }, born),
    items: sql`
  item as (
    insert into ${reservationItems} (id, reservation_id, position, kind, occurrence_id, service_id, quantity, starts_at, ends_at,
      blocked_until, price_amount, active)
    select ${p('itemId')}::uuid, id, ${p('position')}::int, 'seat', ${p('occurrenceId')}::uuid, ${p('serviceId')}::uuid, ${p('quantity')}::int,
      ${at('start')}, ${at('end')}, ${at('end')}, ${p('price')}::int, true
    from born),
  people as (
    insert into ${seatParticipants} (reservation_item_id, position, name, email, user_id)
    select ${p('itemId')}::uuid, s.position, s.name, s.email, s.user_id
    from unnest(${p('positions')}::int[], ${p('names')}::text[], ${p('emails')}::text[], ${p('users')}::uuid[]) as s(position, name, email, user_id)
    where exists (select 1 from born))`,
  },
  'reservoir_seat_hold',
)

/**
 * The targets with the booked occurrence alone of its workshop's: the copy is kept per
 * occurrence, and a workshop may be scheduled hundreds of times.
 */
const onlyOccurrence = ({ ofOccurrence, found }: MarketTargets, occurrenceId: string): MarketTargets => ({
  ofOccurrence,
  found: {
    services: found.services,
    occurrences: new Map([...found.occurrences].map(([service, all]) => [service, all.filter((o) => o.id === occurrenceId)])),
  },
})

/**
 * A flash sale's booking, seats of one workshop occurrence, in one round trip instead of a
 * transaction of ten (`createReservation`), as `SlotHolds` does a slot: planned in Node against
 * this process's copy of the workshop and its occurrence (kept for VENUE_CACHE_MS), then one
 * autocommit statement checks what the plan read and takes the seats. The occurrence's row is
 * then locked for the statement alone, not for the rest of a transaction, which is what a
 * flash sale's buyers queue for. Answers undefined, having written nothing, whenever it cannot
 * decide alone: another kind of booking, a course or an entitlement, a plan that fails (the
 * transaction re-plans on fresh rows and gives the refusal), the workshop changed, or a lapsed
 * hold in the way; the caller then books through `createReservation`. Too few seats left is the
 * same 409 `sold_out`.
 */
export class SeatHolds {
  private readonly workshops = new RecentCopies<MarketTargets>(VENUE_CACHE_MS)

  constructor(
    private readonly deps: Deps,
    private readonly relay: LocalRelay,
  ) {}

  async hold(n: NewReservation, key?: HoldKey): Promise<FullReservation | undefined> {
    const [claim] = n.items
    if (n.items.length !== 1 || claim?.kind !== 'seat' || !claim.occurrence_id || claim.entitlement_id) return undefined
    if (n.status !== 'pending' || n.plannedAt) return undefined
    const { venue, now } = n
    const occurrenceId = claim.occurrence_id
    const targets = await this.workshops.get(`${venue.id}:${occurrenceId}`, async () =>
      onlyOccurrence(await loadMarketTargets(this.deps.db, venue.id, [claim], [], false), occurrenceId),
    )
    const plan = await planReservation(this.deps.db, venue, n.items, n.partySize, now, { marketTargets: targets }).catch(() => undefined)
    const seat = plan?.seats[0]
    if (!plan || !seat?.occurrence) return undefined
    const row = birthRow(randomUUID(), n, plan)
    const itemId = randomUUID()
    const people = participantsOf(seat, itemId, n.userId)
    const values = {
      ...birthValues(n, row, this.relay.setting),
      serviceId: seat.service.id,
      title: seat.service.title,
      unitPrice: seat.service.priceAmount,
      occurrenceId: seat.occurrence.id,
      start: seat.start.toISOString(),
      end: seat.end.toISOString(),
      quantity: seat.quantity,
      itemId,
      position: seat.index,
      price: seat.line.amount,
      positions: pgArray(people.map((s) => String(s.position))),
      names: pgArray(people.map((s) => s.name)),
      emails: pgArray(people.map((s) => s.email)),
      users: pgArray(people.map((s) => s.userId)),
    }
    const item: ReservationItem = {
      ...emptyItem,
      id: itemId,
      reservationId: row.id,
      position: seat.index,
      kind: 'seat',
      occurrenceId: seat.occurrence.id,
      serviceId: seat.service.id,
      quantity: seat.quantity,
      startsAt: seat.start,
      endsAt: seat.end,
      blockedUntil: seat.end,
      priceAmount: seat.line.amount,
    }
    return sendHold(this.deps, this.relay, FORMS, values, { ...row, items: [item] }, key, (error) => soldOutOr(error, seat.index, occurrenceId))
  }
}
