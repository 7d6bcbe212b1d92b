import { and, asc, count, desc, eq, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { AppError, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { claimForOccurrences } from '../calendar/claims.js'
import { isVerifiedPractitioner, requirePublisher, worksInCity, type Practitioner } from '../practitioners/queries.js'
import { isVenueStaff } from '../venues/access.js'
import { zoneOfVenue } from '../venues/queries.js'
import { assertVenueCurrency, escapeLike, type VenueService } from '../venues/service.js'
import { serviceOccurrences, services } from './schema.js'
import type { CreateServiceBody, ScheduleOccurrencesBody, ServiceListQuery, UpdateServiceBody } from './schemas.js'

export type Service = typeof services.$inferSelect
export type Occurrence = typeof serviceOccurrences.$inferSelect

/** What the public sees: active, not archived, of a verified practitioner. */
const listed = and(eq(services.isActive, true), isNull(services.archivedAt), isVerifiedPractitioner(services.practitionerId))!

export class CatalogService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /** Only a verified practitioner publishes, and only their own staff write their services. */
  async create(who: AccessClaims, input: CreateServiceBody): Promise<Service> {
    const practitioner = await this.asPublisher(who, input.practitioner_id)
    const venue = await this.venues.get(practitioner.venueId)
    assertVenueCurrency(venue, input.price, 'price')
    const participants = input.type === 'session' ? 1 : (input.max_participants ?? 10)
    if (input.type === 'session' && input.max_participants !== undefined && input.max_participants !== 1) {
      throw invalidInput('A 1:1 session has one participant', { field: 'max_participants' })
    }
    const [row] = await this.deps.db
      .insert(services)
      .values({
        practitionerId: practitioner.id,
        venueId: practitioner.venueId,
        type: input.type,
        title: input.title,
        description: input.description ?? '',
        category: input.category,
        priceAmount: input.price.amount,
        currency: venue.currency,
        durationMinutes: input.duration_minutes,
        maxParticipants: participants,
        isVirtual: input.is_virtual ?? false,
        location: input.location ?? null,
        isActive: input.is_active ?? true,
      })
      .returning()
    return row!
  }

  async update(who: AccessClaims, id: string, patch: UpdateServiceBody): Promise<Service> {
    const service = await this.ownService(who, id)
    if (patch.price) assertVenueCurrency({ currency: service.currency }, patch.price, 'price')
    if (service.type === 'session' && patch.max_participants !== undefined && patch.max_participants !== 1) {
      throw invalidInput('A 1:1 session has one participant', { field: 'max_participants' })
    }
    const [row] = await this.deps.db
      .update(services)
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.category !== undefined && { category: patch.category }),
        ...(patch.price !== undefined && { priceAmount: patch.price.amount }),
        ...(patch.duration_minutes !== undefined && { durationMinutes: patch.duration_minutes }),
        ...(patch.max_participants !== undefined && { maxParticipants: patch.max_participants }),
        ...(patch.is_virtual !== undefined && { isVirtual: patch.is_virtual }),
        ...(patch.location !== undefined && { location: patch.location }),
        ...(patch.is_active !== undefined && { isActive: patch.is_active }),
        updatedAt: this.deps.clock(),
      })
      .where(eq(services.id, service.id))
      .returning()
    return row!
  }

  /** Deleting archives: it is no longer sold or listed, and bookings keep their reference. */
  async archive(who: AccessClaims, id: string): Promise<void> {
    const service = await this.ownService(who, id)
    const now = this.deps.clock()
    await this.deps.db.update(services).set({ archivedAt: now, isActive: false, updatedAt: now }).where(eq(services.id, service.id))
  }

  /** Public when listed; its practitioner's staff (and admins) also see it otherwise. */
  async get(id: string, who?: AccessClaims): Promise<Service> {
    const [row] = await this.deps.db
      .select({ service: services, listed: sql<boolean>`${listed}` })
      .from(services)
      .where(eq(services.id, id))
    if (!row) throw notFound('Service')
    if (!row.listed && !(who && (await isVenueStaff(this.deps.db, who, row.service.venueId)))) throw notFound('Service')
    return row.service
  }

  /**
   * Public discovery. With `available_from`/`available_to` only services that can be booked
   * in those dates are listed: a workshop with an occurrence there with seats left, a course
   * whose first session is there and whose sessions all have seats, a session type with free
   * time on the calendar (`sessionFree` computes that, at most the first 500 candidates).
   */
  async list(query: ServiceListQuery, page: PageParams, sessionFree?: (service: Service, from: string, to: string) => Promise<boolean>) {
    const range = availabilityRange(query)
    const where = and(listed, ...this.filters(query), range ? or(eq(services.type, 'session'), bookableBetween(range.from, range.to)) : undefined)
    if (range && sessionFree) {
      const candidates = await this.deps.db
        .select()
        .from(services)
        .where(where)
        .orderBy(...serviceOrder(query.ordering), asc(services.id))
        .limit(AVAILABILITY_CANDIDATES)
      const kept: Service[] = []
      for (const s of candidates) if (s.type !== 'session' || (await sessionFree(s, range.from, range.to))) kept.push(s)
      return { rows: kept.slice(offsetOf(page), offsetOf(page) + page.pageSize), count: kept.length }
    }
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(services)
        .where(where)
        .orderBy(...serviceOrder(query.ordering), asc(services.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(services).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** A practitioner's listed services, for their public page. */
  async ofPractitioner(practitionerId: string, page: PageParams) {
    const where = and(listed, eq(services.practitionerId, practitionerId))
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(services).where(where).orderBy(asc(services.title), asc(services.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(services).where(where),
    ])
    return { rows, count: total!.n }
  }

  async categories(page: PageParams) {
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select({ category: services.category, services: count() })
        .from(services)
        .where(listed)
        .groupBy(services.category)
        .orderBy(asc(services.category))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db
        .select({ n: sql<number>`count(distinct ${services.category})::int` })
        .from(services)
        .where(listed),
    ])
    return { rows, count: total!.n }
  }

  /**
   * Schedules occurrences of a workshop or a course and puts each on the practitioner's
   * calendar, all in one transaction: one that meets a booked session or another occurrence
   * (409 calendar_conflict) schedules none. A course's sessions are created together, once.
   */
  async schedule(who: AccessClaims, id: string, input: ScheduleOccurrencesBody): Promise<Occurrence[]> {
    const service = await this.ownService(who, id)
    if (service.archivedAt) throw new AppError('conflict', 'The service is archived', null)
    if (service.type === 'session') throw invalidInput('A 1:1 session is booked on the calendar, not scheduled', { field: 'type', reason: 'not_schedulable' })
    const now = this.deps.clock().getTime()
    const spans = input.occurrences.map((o, index) => {
      const start = Date.parse(o.start)
      const end = Date.parse(o.end)
      if (!(end > start)) throw invalidInput('An occurrence ends after it starts', { field: 'occurrences', index })
      if (start <= now) throw invalidInput('An occurrence starts in the future', { field: 'occurrences', index })
      if (end - start > 24 * 3600_000) throw invalidInput('An occurrence lasts at most a day', { field: 'occurrences', index })
      if (service.type === 'course' && o.capacity !== undefined && o.capacity !== service.maxParticipants) {
        throw invalidInput('Every session of a course has the course’s seats', { field: 'occurrences', index, reason: 'course_capacity' })
      }
      return { startsAt: new Date(start), endsAt: new Date(end), capacity: o.capacity ?? service.maxParticipants }
    })
    return this.deps.db.transaction(async (tx) => {
      // Serialises schedulers of one service, so two first schedules of a course cannot both pass the check.
      await tx.select({ id: services.id }).from(services).where(eq(services.id, service.id)).for('update')
      if (service.type === 'course') {
        const [existing] = await tx.select({ n: count() }).from(serviceOccurrences).where(eq(serviceOccurrences.serviceId, service.id))
        if (existing!.n > 0) throw new AppError('course_scheduled', 'A course’s sessions are scheduled once, together', null)
      }
      const rows = await tx
        .insert(serviceOccurrences)
        .values(spans.map((s) => ({ serviceId: service.id, venueId: service.venueId, ...s })))
        .returning()
      await claimForOccurrences(tx, service.venueId, rows)
      return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    })
  }

  async occurrences(id: string, who: AccessClaims | undefined, query: { from?: string; to?: string }, page: PageParams) {
    const service = await this.get(id, who)
    const where = and(
      eq(serviceOccurrences.serviceId, service.id),
      query.from ? gte(serviceOccurrences.endsAt, new Date(query.from)) : undefined,
      query.to ? lt(serviceOccurrences.startsAt, new Date(query.to)) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(serviceOccurrences)
        .where(where)
        .orderBy(asc(serviceOccurrences.startsAt), asc(serviceOccurrences.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(serviceOccurrences).where(where),
    ])
    return { rows, count: total!.n }
  }

  private filters(query: ServiceListQuery): SQL[] {
    const out: SQL[] = []
    if (query.search) {
      const like = `%${escapeLike(query.search)}%`
      out.push(or(ilike(services.title, like), ilike(services.description, like))!)
    }
    if (query.type) out.push(eq(services.type, query.type))
    if (query.category) out.push(sql`lower(${services.category}) = lower(${query.category})`)
    if (query.city) out.push(worksInCity(services.practitionerId, query.city))
    if (query.virtual !== undefined) out.push(eq(services.isVirtual, query.virtual))
    if (query.price_min !== undefined) out.push(gte(services.priceAmount, query.price_min))
    if (query.price_max !== undefined) out.push(lte(services.priceAmount, query.price_max))
    if (query.practitioner) out.push(eq(services.practitionerId, query.practitioner))
    return out
  }

  private asPublisher(who: AccessClaims, practitionerId: string): Promise<Practitioner> {
    return requirePublisher(this.deps.db, who, practitionerId)
  }

  /** The service, for its practitioner's staff: others get 404 if they cannot see it, else 403. */
  private async ownService(who: AccessClaims, id: string): Promise<Service> {
    const service = await this.get(id, who)
    await this.asPublisher(who, service.practitionerId)
    return service
  }
}

const AVAILABILITY_CANDIDATES = 500
const MAX_AVAILABILITY_DAYS = 31

function availabilityRange(query: ServiceListQuery): { from: string; to: string } | undefined {
  const { available_from: from, available_to: to } = query
  if (from === undefined && to === undefined) return undefined
  if (from === undefined || to === undefined)
    throw invalidInput('available_from and available_to go together', { field: from ? 'available_to' : 'available_from' })
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000
  if (!(days >= 0)) throw invalidInput('available_to is on or after available_from', { field: 'available_to' })
  if (days > MAX_AVAILABILITY_DAYS) throw invalidInput(`At most ${MAX_AVAILABILITY_DAYS} days apart`, { field: 'available_to' })
  return { from, to }
}

/** An occurrence-sold service with seats to sell on those practitioner-local dates. */
function bookableBetween(from: string, to: string): SQL {
  const o = serviceOccurrences
  const localDay = sql`(${o.startsAt} at time zone ${zoneOfVenue(o.venueId)})::date`
  return sql`(
    (${services.type} = 'workshop' and exists (select 1 from ${o} where ${o.serviceId} = ${services.id} and ${o.taken} < ${o.capacity} and ${localDay} between ${from}::date and ${to}::date))
    or (${services.type} = 'course'
      and exists (select 1 from ${o} where ${o.serviceId} = ${services.id})
      and not exists (select 1 from ${o} where ${o.serviceId} = ${services.id} and ${o.taken} >= ${o.capacity})
      and (select min(${localDay}) from ${o} where ${o.serviceId} = ${services.id}) between ${from}::date and ${to}::date))`
}

function serviceOrder(requested: string | undefined): SQL[] {
  const { field, desc: down } = parseOrdering<'price' | 'title' | 'created_at'>(requested, '-created_at')
  const column = field === 'price' ? services.priceAmount : field === 'title' ? services.title : services.createdAt
  return [down ? desc(column) : asc(column)]
}
