import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Tx } from '../../db/client.js'
import { constraintName, sqlState } from '../../db/errors.js'
import { AppError, forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { isVenueStaff, MANAGERS } from '../venues/access.js'
import { escapeLike, type Venue, type VenueService } from '../venues/service.js'
import { venuesByIds } from '../venues/queries.js'
import { locationsOf, practitionerById, practitionerOfUser, worksInCity, worksVirtually, type Practitioner } from './queries.js'
import { practitionerLocations, practitioners, scheduleExceptions } from './schema.js'
import type { ApplyBody, LocationIn, PractitionerListQuery, ScheduleBody, UpdatePractitionerBody } from './schemas.js'

export type Location = typeof practitionerLocations.$inferSelect
export type Exception = typeof scheduleExceptions.$inferSelect
/** A practitioner with what the API shows beside the profile: locations and their venue. */
export interface PractitionerView extends Practitioner {
  locations: Location[]
  venue: Venue
}

const average = sql`${practitioners.ratingTotal}::numeric / nullif(${practitioners.ratingCount}, 0)`

export class PractitionerService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /**
   * Anyone signed in may apply: the profile starts `pending` with a venue of its own (the
   * applicant its owner), public only once an admin verifies it. One profile per person.
   */
  async apply(who: AccessClaims, input: ApplyBody): Promise<PractitionerView> {
    const locations = withPrimary(input.locations)
    try {
      const id = await this.deps.db.transaction(async (tx) => {
        const venue = await this.venues.openForPractitioner(tx, who.userId, { name: input.display_name, timezone: input.timezone, currency: input.currency })
        const [row] = await tx
          .insert(practitioners)
          .values({
            venueId: venue.id,
            userId: who.userId,
            displayName: input.display_name,
            bio: input.bio ?? '',
            specializations: input.specializations ?? [],
            certifications: input.certifications ?? [],
          })
          .returning({ id: practitioners.id })
        await replaceLocations(tx, row!.id, locations)
        return row!.id
      })
      return await this.view(id)
    } catch (error) {
      if (sqlState(error) === '23505' && constraintName(error) === 'practitioners_user_key') {
        throw new AppError('already_applied', 'You already have a practitioner profile', null)
      }
      throw error
    }
  }

  /** Public once verified; before that only its own staff and admins see it (others 404). */
  async get(id: string, who?: AccessClaims): Promise<PractitionerView> {
    const row = await practitionerById(this.deps.db, id)
    if (!row || !(await this.canSee(row, who))) throw notFound('Practitioner')
    return this.view(id)
  }

  /**
   * The public listing shows verified practitioners. An admin may ask for another state (the
   * applications to decide), and a venue's own staff find its practitioner whatever its state,
   * as they could by id: that is how a console opens the practitioner of the venue it works at.
   */
  async list(query: PractitionerListQuery, page: PageParams, who?: AccessClaims) {
    if (query.status && query.status !== 'verified' && who?.role !== 'admin') throw forbidden('Only administrators list practitioners that are not verified')
    const own = query.venue !== undefined && who !== undefined && (await isVenueStaff(this.deps.db, who, query.venue))
    const filters: SQL[] = []
    if (query.status) filters.push(eq(practitioners.verificationStatus, query.status))
    else if (!own) filters.push(eq(practitioners.verificationStatus, 'verified'))
    if (query.venue) filters.push(eq(practitioners.venueId, query.venue))
    if (query.search) {
      const like = `%${escapeLike(query.search)}%`
      filters.push(or(ilike(practitioners.displayName, like), ilike(practitioners.bio, like))!)
    }
    if (query.specialization) filters.push(sql`lower(${query.specialization}) = any(select lower(s) from unnest(${practitioners.specializations}) s)`)
    if (query.city) filters.push(worksInCity(practitioners.id, query.city))
    if (query.virtual !== undefined) filters.push(query.virtual ? worksVirtually(practitioners.id) : sql`not ${worksVirtually(practitioners.id)}`)
    const where = and(...filters)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(practitioners)
        .where(where)
        .orderBy(...ordering(query.ordering), asc(practitioners.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(practitioners).where(where),
    ])
    return { rows: await this.views(rows), count: total!.n }
  }

  /** The owner's and managers' edit; locations, when given, replace the set. */
  async update(who: AccessClaims, id: string, patch: UpdatePractitionerBody): Promise<PractitionerView> {
    const row = await this.asManager(who, id)
    await this.deps.db.transaction(async (tx) => {
      await tx
        .update(practitioners)
        .set({
          ...(patch.display_name !== undefined && { displayName: patch.display_name }),
          ...(patch.bio !== undefined && { bio: patch.bio }),
          ...(patch.specializations !== undefined && { specializations: patch.specializations }),
          ...(patch.certifications !== undefined && { certifications: patch.certifications }),
          updatedAt: this.deps.clock(),
        })
        .where(eq(practitioners.id, row.id))
      if (patch.locations) await replaceLocations(tx, row.id, withPrimary(patch.locations))
    })
    return this.view(id)
  }

  async verify(who: AccessClaims, id: string): Promise<PractitionerView> {
    return this.decide(who, id, { verificationStatus: 'verified', rejectionReason: null, verifiedAt: this.deps.clock() })
  }

  /** A rejected practitioner (verified before or not) is private again and cannot publish. */
  async reject(who: AccessClaims, id: string, reason: string): Promise<PractitionerView> {
    return this.decide(who, id, { verificationStatus: 'rejected', rejectionReason: reason, verifiedAt: null })
  }

  async feature(who: AccessClaims, id: string, featured: boolean): Promise<PractitionerView> {
    return this.decide(who, id, { isFeatured: featured })
  }

  /** The weekly hours live on the venue, as any venue's do; the dated exceptions here. */
  async setSchedule(who: AccessClaims, id: string, input: ScheduleBody) {
    const row = await this.asManager(who, id)
    const dates = new Set(input.exceptions?.map((e) => e.date))
    if (dates.size !== (input.exceptions?.length ?? 0)) throw invalidInput('Each date may have one exception', { field: 'exceptions' })
    await this.deps.db.transaction(async (tx) => {
      await this.venues.setHours(who, row.venueId, input.hours, tx)
      await tx.delete(scheduleExceptions).where(eq(scheduleExceptions.practitionerId, row.id))
      if (input.exceptions?.length) {
        await tx.insert(scheduleExceptions).values(input.exceptions.map((e) => ({ practitionerId: row.id, date: e.date, hours: e.hours })))
      }
    })
    return this.schedule(id, who)
  }

  async schedule(id: string, who?: AccessClaims) {
    const row = await practitionerById(this.deps.db, id)
    if (!row || !(await this.canSee(row, who))) throw notFound('Practitioner')
    const venue = await this.venues.get(row.venueId)
    const exceptions = await this.deps.db.select().from(scheduleExceptions).where(eq(scheduleExceptions.practitionerId, id)).orderBy(scheduleExceptions.date)
    return { venue, exceptions }
  }

  /** The profile a person has, if any. */
  ofUser(userId: string): Promise<Practitioner | undefined> {
    return practitionerOfUser(this.deps.db, userId)
  }

  /** The practitioner if the caller may see it (public when verified). */
  async visible(id: string, who?: AccessClaims): Promise<Practitioner> {
    const row = await practitionerById(this.deps.db, id)
    if (!row || !(await this.canSee(row, who))) throw notFound('Practitioner')
    return row
  }

  private async canSee(row: Practitioner, who?: AccessClaims): Promise<boolean> {
    if (row.verificationStatus === 'verified') return true
    return who !== undefined && (await isVenueStaff(this.deps.db, who, row.venueId))
  }

  /** 404 to those who may not see it, 403 to those who see it but may not change it. */
  private async asManager(who: AccessClaims, id: string): Promise<Practitioner> {
    const row = await practitionerById(this.deps.db, id)
    if (!row || !(await this.canSee(row, who))) throw notFound('Practitioner')
    if (!(await isVenueStaff(this.deps.db, who, row.venueId, MANAGERS))) throw forbidden('Only the practitioner’s owners and managers change it')
    return row
  }

  private async decide(who: AccessClaims, id: string, set: Partial<typeof practitioners.$inferInsert>): Promise<PractitionerView> {
    if (who.role !== 'admin') throw forbidden('Only administrators verify, reject or feature practitioners')
    const [row] = await this.deps.db
      .update(practitioners)
      .set({ ...set, updatedAt: this.deps.clock() })
      .where(eq(practitioners.id, id))
      .returning({ id: practitioners.id })
    if (!row) throw notFound('Practitioner')
    return this.view(id)
  }

  private async view(id: string): Promise<PractitionerView> {
    const row = await practitionerById(this.deps.db, id)
    if (!row) throw notFound('Practitioner')
    return (await this.views([row]))[0]!
  }

  private async views(rows: readonly Practitioner[]): Promise<PractitionerView[]> {
    const [locations, venues] = await Promise.all([
      locationsOf(
        this.deps.db,
        rows.map((r) => r.id),
      ),
      venuesByIds(
        this.deps.db,
        rows.map((r) => r.venueId),
      ),
    ])
    return rows.map((r) => ({ ...r, locations: locations.get(r.id) ?? [], venue: venues.get(r.venueId)! }))
  }
}

/** The first location is primary unless one says it is; two that say so are refused. */
function withPrimary(locations: readonly LocationIn[]): (LocationIn & { is_primary: boolean })[] {
  const primaries = locations.filter((l) => l.is_primary).length
  if (primaries > 1) throw invalidInput('Only one location can be primary', { field: 'locations' })
  for (const l of locations) {
    if (!l.is_virtual && !l.city) throw invalidInput('An in-person location needs a city', { field: 'locations' })
  }
  return locations.map((l, i) => ({ ...l, is_primary: primaries === 0 ? i === 0 : l.is_primary === true }))
}

async function replaceLocations(tx: Tx, practitionerId: string, locations: readonly (LocationIn & { is_primary: boolean })[]): Promise<void> {
  await tx.delete(practitionerLocations).where(eq(practitionerLocations.practitionerId, practitionerId))
  await tx.insert(practitionerLocations).values(
    locations.map((l, position) => ({
      practitionerId,
      position,
      address: l.address ?? null,
      city: l.city ?? null,
      isVirtual: l.is_virtual,
      isPrimary: l.is_primary,
    })),
  )
}

function ordering(requested: string | undefined): SQL[] {
  if (!requested) return [desc(practitioners.isFeatured), sql`${average} desc nulls last`, desc(practitioners.createdAt)]
  const { field, desc: down } = parseOrdering<'rating' | 'display_name' | 'created_at'>(requested, '-rating')
  if (field === 'rating') return [sql`${average} ${sql.raw(down ? 'desc' : 'asc')} nulls last`]
  const column = field === 'display_name' ? practitioners.displayName : practitioners.createdAt
  return [down ? desc(column) : asc(column)]
}
