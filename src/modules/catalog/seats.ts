import { and, asc, eq, inArray, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { rowsOf, type Executor, type Tx } from '../../db/client.js'
import { constraintName, sqlState } from '../../db/errors.js'
import { AppError } from '../../http/errors.js'
import { isVerifiedPractitioner } from '../practitioners/queries.js'
import { serviceOccurrences, services } from './schema.js'
import type { Occurrence, Service } from './service.js'

/** Seats one item takes: of one occurrence, or (a course) of every occurrence of the service. */
export interface SeatTake {
  item: number
  occurrenceId: string | null
  serviceId: string
  quantity: number
}

/**
 * The services a booking names, of this practitioner's venue and on sale (active, not
 * archived, the practitioner verified), with their occurrences, share-locked when booking so
 * an archive cannot slip in.
 */
export async function bookableServices(ex: Executor, venueId: string, ids: readonly string[], lock: boolean) {
  if (ids.length === 0) return { services: new Map<string, Service>(), occurrences: new Map<string, Occurrence[]>() }
  const query = ex
    .select()
    .from(services)
    .where(
      and(
        inArray(services.id, [...new Set(ids)]),
        eq(services.venueId, venueId),
        eq(services.isActive, true),
        isNull(services.archivedAt),
        isVerifiedPractitioner(services.practitionerId),
      ),
    )
  const found = lock ? await query.for('share') : await query
  const occurrences = found.length
    ? await ex
        .select()
        .from(serviceOccurrences)
        .where(
          inArray(
            serviceOccurrences.serviceId,
            found.map((s) => s.id),
          ),
        )
        .orderBy(asc(serviceOccurrences.startsAt))
    : []
  const byService = new Map<string, Occurrence[]>()
  for (const o of occurrences) byService.set(o.serviceId, [...(byService.get(o.serviceId) ?? []), o])
  return { services: new Map(found.map((s) => [s.id, s])), occurrences: byService }
}

/** The service of each occurrence named, for items that name only the occurrence. */
export async function servicesOfOccurrences(ex: Executor, occurrenceIds: readonly string[]): Promise<Map<string, string>> {
  if (occurrenceIds.length === 0) return new Map()
  const rows = await ex
    .select({ id: serviceOccurrences.id, serviceId: serviceOccurrences.serviceId })
    .from(serviceOccurrences)
    .where(inArray(serviceOccurrences.id, [...new Set(occurrenceIds)]))
  return new Map(rows.map((r) => [r.id, r.serviceId]))
}

/**
 * Moves the seat counters of these takes by `direction`: +1 takes them, -1 gives them back.
 * Taking is a conditional update per occurrence (`taken + n <= capacity`) under the CHECK, in
 * occurrence-id order so concurrent bookings of a course cannot deadlock; if any occurrence
 * has too few seats left, 409 `sold_out` names the item and the caller's transaction takes
 * nothing. Giving back cannot fail.
 */
export async function shiftSeats(tx: Tx, takes: readonly SeatTake[], direction: 1 | -1): Promise<void> {
  if (takes.length === 0) return
  const items = takes.map((t) => t.item)
  const rows = await rowsOf<{ item: number; occurrence_id: string; quantity: number }>(
    tx,
    sql`select t.item, o.id as occurrence_id, t.quantity
          from unnest(${`{${items.join(',')}}`}::int[], ${`{${takes.map((t) => t.occurrenceId ?? 'NULL').join(',')}}`}::uuid[],
                      ${`{${takes.map((t) => t.serviceId).join(',')}}`}::uuid[], ${`{${takes.map((t) => t.quantity).join(',')}}`}::int[])
               as t(item, occurrence_id, service_id, quantity)
          join ${serviceOccurrences} o on o.id = t.occurrence_id or (t.occurrence_id is null and o.service_id = t.service_id)`,
  )
  const byOccurrence = new Map<string, { quantity: number; items: number[] }>()
  for (const r of rows) {
    const entry = byOccurrence.get(r.occurrence_id) ?? { quantity: 0, items: [] }
    entry.quantity += r.quantity
    entry.items.push(r.item)
    byOccurrence.set(r.occurrence_id, entry)
  }
  const ordered = [...byOccurrence.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  for (const [id, { quantity, items: hit }] of ordered) {
    const delta = direction * quantity
    const updated = await tx
      .update(serviceOccurrences)
      .set({ taken: sql`${serviceOccurrences.taken} + ${delta}` })
      .where(
        and(
          eq(serviceOccurrences.id, id),
          direction > 0 ? sql`${serviceOccurrences.taken} + ${delta} <= ${serviceOccurrences.capacity}` : sql`${serviceOccurrences.taken} + ${delta} >= 0`,
        ),
      )
      .returning({ id: serviceOccurrences.id })
    if (updated.length === 0 && direction > 0) {
      throw seatsSoldOut(Math.min(...hit), id)
    }
  }
}

/** What a seat's plan read of its workshop: the service's terms the quote prices it with. */
export type PlannedWorkshop = Record<'serviceId' | 'venueId' | 'title' | 'priceAmount' | 'occurrenceId' | 'startsAt' | 'endsAt', Placeholder>

/**
 * `bookableServices` and the seat's occurrence as one condition of a statement fixed once
 * (`SeatHolds`): a row when the workshop is still on sale at the venue, share-locked as the
 * transaction locks it, with the title and price the plan read, and its occurrence where the
 * plan found it.
 */
export const workshopAsPlanned = (p: PlannedWorkshop) =>
  sql`select 1 from ${services}
    where ${services.id} = ${p.serviceId}::uuid and ${services.venueId} = ${p.venueId}::uuid and ${services.type} = 'workshop'
      and ${services.isActive} and ${services.archivedAt} is null and ${isVerifiedPractitioner(services.practitionerId)}
      and ${services.title} = ${p.title}::text and ${services.priceAmount} = ${p.priceAmount}::int
      and exists (select 1 from ${serviceOccurrences} o where o.id = ${p.occurrenceId}::uuid and o.service_id = ${services.id}
        and o.starts_at = ${p.startsAt}::timestamptz and o.ends_at = ${p.endsAt}::timestamptz)
    for share of ${services}`

/**
 * `shiftSeats`' take of one occurrence as a statement's data-modifying CTE, written only when
 * `gate` has a row. Its condition is the CHECK itself: too few seats left fail the whole
 * statement (`soldOutOr` turns that into the same 409), so nothing that came before it stays.
 */
export const seatsTakenIf = (p: Record<'occurrenceId' | 'quantity', Placeholder>, gate: SQL) =>
  sql`update ${serviceOccurrences} set taken = taken + ${p.quantity}::int
    where id = ${p.occurrenceId}::uuid and exists (select 1 from ${gate})
    returning id`

/** 409 `sold_out` for an item that wants more seats of an occurrence than are left. */
const seatsSoldOut = (item: number, occurrenceId: string) => new AppError('sold_out', 'Not enough seats left', { item, occurrence_id: occurrenceId })

/** `seatsTakenIf`'s refusal as `shiftSeats` answers it (`seatsSoldOut`); other errors as they were. */
export function soldOutOr(error: unknown, item: number, occurrenceId: string): unknown {
  if (sqlState(error) !== '23514' || constraintName(error) !== 'service_occurrences_taken_check') return error
  return seatsSoldOut(item, occurrenceId)
}
