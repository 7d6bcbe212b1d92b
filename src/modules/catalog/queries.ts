import { and, asc, between, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { serviceOccurrences, services } from './schema.js'
import type { Service } from './service.js'

/** Adds a review's rating to the service's average (sign 1), or takes it out (-1). */
export async function moveServiceRating(ex: Executor, id: string, rating: number, sign: 1 | -1): Promise<void> {
  await ex
    .update(services)
    .set({ ratingCount: sql`${services.ratingCount} + ${sign}`, ratingTotal: sql`${services.ratingTotal} + ${sign * rating}` })
    .where(eq(services.id, id))
}

/** Services by id, whatever their state (a package shows what it holds, archived or not). */
export async function servicesByIds(ex: Executor, ids: readonly string[]): Promise<Map<string, Service>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select()
    .from(services)
    .where(inArray(services.id, [...new Set(ids)]))
  return new Map(rows.map((s) => [s.id, s]))
}

/** An occurrence with what a calendar or a reminder says of it. */
export interface OccurrenceEntry {
  id: string
  serviceId: string
  venueId: string
  title: string
  location: string | null
  isVirtual: boolean
  startsAt: Date
  endsAt: Date
  capacity: number
  taken: number
}

const entryColumns = {
  id: serviceOccurrences.id,
  serviceId: serviceOccurrences.serviceId,
  venueId: serviceOccurrences.venueId,
  title: services.title,
  location: services.location,
  isVirtual: services.isVirtual,
  startsAt: serviceOccurrences.startsAt,
  endsAt: serviceOccurrences.endsAt,
  capacity: serviceOccurrences.capacity,
  taken: serviceOccurrences.taken,
}

/** A venue's occurrences meeting [from, to), by start, at most `limit`. */
export async function occurrencesOfVenueBetween(ex: Executor, venueId: string, from: Date, to: Date, limit: number): Promise<OccurrenceEntry[]> {
  return ex
    .select(entryColumns)
    .from(serviceOccurrences)
    .innerJoin(services, eq(services.id, serviceOccurrences.serviceId))
    .where(and(eq(serviceOccurrences.venueId, venueId), lt(serviceOccurrences.startsAt, to), gt(serviceOccurrences.endsAt, from)))
    .orderBy(asc(serviceOccurrences.startsAt))
    .limit(limit)
}

/** Every occurrence with seats taken starting within any of the windows (the reminder job's), by id. */
export async function takenOccurrencesStarting(ex: Executor, windows: readonly { from: Date; to: Date }[]): Promise<OccurrenceEntry[]> {
  if (windows.length === 0) return []
  return ex
    .select(entryColumns)
    .from(serviceOccurrences)
    .innerJoin(services, eq(services.id, serviceOccurrences.serviceId))
    .where(and(gt(serviceOccurrences.taken, 0), or(...windows.map((w) => between(serviceOccurrences.startsAt, w.from, w.to)))))
    .orderBy(asc(serviceOccurrences.id))
}

/** One scheduled time of a service, as other modules read it. */
export interface OccurrenceSpan {
  id: string
  serviceId: string
  startsAt: Date
  endsAt: Date
}

const spanColumns = {
  id: serviceOccurrences.id,
  serviceId: serviceOccurrences.serviceId,
  startsAt: serviceOccurrences.startsAt,
  endsAt: serviceOccurrences.endsAt,
}

/** The occurrences with these ids, or of these services (a course's sessions), in start order. */
export async function occurrenceSpans(ex: Executor, q: { ids?: readonly string[]; serviceIds?: readonly string[] }): Promise<OccurrenceSpan[]> {
  const ids = [...new Set(q.ids ?? [])]
  const serviceIds = [...new Set(q.serviceIds ?? [])]
  if (ids.length === 0 && serviceIds.length === 0) return []
  return ex
    .select(spanColumns)
    .from(serviceOccurrences)
    .where(or(ids.length ? inArray(serviceOccurrences.id, ids) : undefined, serviceIds.length ? inArray(serviceOccurrences.serviceId, serviceIds) : undefined))
    .orderBy(serviceOccurrences.startsAt, serviceOccurrences.id)
}

/** The occurrences of virtual services starting from..to: the video rooms about to open. */
export async function virtualOccurrencesStarting(ex: Executor, from: Date, to: Date): Promise<OccurrenceSpan[]> {
  return ex
    .select(spanColumns)
    .from(serviceOccurrences)
    .innerJoin(services, eq(services.id, serviceOccurrences.serviceId))
    .where(and(eq(services.isVirtual, true), gte(serviceOccurrences.startsAt, from), lte(serviceOccurrences.startsAt, to)))
    .orderBy(serviceOccurrences.startsAt, serviceOccurrences.id)
}
