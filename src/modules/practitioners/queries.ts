import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Executor } from '../../db/client.js'
import { AppError, forbidden, notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { ANY_STAFF, isVenueStaff, type VenueRole } from '../venues/access.js'
import { practitionerLocations, practitioners, scheduleExceptions } from './schema.js'

export type Practitioner = typeof practitioners.$inferSelect

export async function practitionerOfUser(ex: Executor, userId: string): Promise<Practitioner | undefined> {
  const [row] = await ex.select().from(practitioners).where(eq(practitioners.userId, userId))
  return row
}

export async function practitionersByIds(ex: Executor, ids: readonly string[]): Promise<Map<string, Practitioner>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select()
    .from(practitioners)
    .where(inArray(practitioners.id, [...new Set(ids)]))
  return new Map(rows.map((p) => [p.id, p]))
}

export async function practitionerById(ex: Executor, id: string): Promise<Practitioner | undefined> {
  const [row] = await ex.select().from(practitioners).where(eq(practitioners.id, id))
  return row
}

/** A condition on a practitioner id column: that practitioner is verified (public). */
export const isVerifiedPractitioner = (id: AnyPgColumn): SQL =>
  sql`exists (select 1 from ${practitioners} where ${practitioners.id} = ${id} and ${practitioners.verificationStatus} = 'verified')`

/** A condition on a practitioner id column: they work in this city (any case). */
export const worksInCity = (id: AnyPgColumn, city: string): SQL =>
  sql`exists (select 1 from ${practitionerLocations} where ${practitionerLocations.practitionerId} = ${id} and lower(${practitionerLocations.city}) = lower(${city}))`

/** A condition on a practitioner id column: one of their locations is virtual. */
export const worksVirtually = (id: AnyPgColumn): SQL =>
  sql`exists (select 1 from ${practitionerLocations} where ${practitionerLocations.practitionerId} = ${id} and ${practitionerLocations.isVirtual})`

export async function locationsOf(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, (typeof practitionerLocations.$inferSelect)[]>()
  const rows = await ex
    .select()
    .from(practitionerLocations)
    .where(inArray(practitionerLocations.practitionerId, [...ids]))
    .orderBy(practitionerLocations.position)
  const out = new Map<string, (typeof practitionerLocations.$inferSelect)[]>()
  for (const r of rows) out.set(r.practitionerId, [...(out.get(r.practitionerId) ?? []), r])
  return out
}

/** The practitioner's exception for a date, if they have one. */
export async function exceptionOn(ex: Executor, practitionerId: string, date: string) {
  const [row] = await ex
    .select()
    .from(scheduleExceptions)
    .where(and(eq(scheduleExceptions.practitionerId, practitionerId), eq(scheduleExceptions.date, date)))
  return row
}

export async function practitionerOfVenue(ex: Executor, venueId: string): Promise<Practitioner | undefined> {
  const [row] = await ex.select().from(practitioners).where(eq(practitioners.venueId, venueId))
  return row
}

/** Adds a review's rating to the practitioner's average (sign 1), or takes it out (-1). */
export async function moveRating(ex: Executor, id: string, rating: number, sign: 1 | -1): Promise<void> {
  await ex
    .update(practitioners)
    .set({ ratingCount: sql`${practitioners.ratingCount} + ${sign}`, ratingTotal: sql`${practitioners.ratingTotal} + ${sign * rating}` })
    .where(eq(practitioners.id, id))
}

/**
 * The practitioner whose offer the caller writes (services, packages): only a verified
 * practitioner publishes, and only their own staff write. Who cannot see an unverified
 * practitioner gets 404, other users 403.
 */
export async function requirePublisher(ex: Executor, who: AccessClaims, practitionerId: string): Promise<Practitioner> {
  const practitioner = await practitionerById(ex, practitionerId)
  const staff = practitioner && (await isVenueStaff(ex, who, practitioner.venueId))
  if (!practitioner || (!staff && practitioner.verificationStatus !== 'verified')) throw notFound('Practitioner')
  if (!staff) throw forbidden('Only the practitioner’s own staff write their offer')
  if (practitioner.verificationStatus !== 'verified') throw new AppError('not_verified', 'The practitioner is not verified yet, so cannot publish', null)
  return practitioner
}

/** Features (or stops featuring) a practitioner in the public listing: an admin's choice, or their plan's. */
export async function setFeatured(ex: Executor, id: string, featured: boolean): Promise<void> {
  await ex.update(practitioners).set({ isFeatured: featured }).where(eq(practitioners.id, id))
}

/**
 * Whose practitioner-owned data (money, subscription, analytics) a request is about: the named practitioner, or the caller's own profile.
 * Their venue's staff (owners and managers for what moves money) and admins see it; anyone
 * else gets 404, so these routes say nothing about whose money exists.
 */
export async function practitionerInScope(
  ex: Executor,
  who: AccessClaims,
  practitionerId: string | undefined,
  roles: readonly VenueRole[] = ANY_STAFF,
): Promise<Practitioner> {
  const p = practitionerId ? await practitionerById(ex, practitionerId) : await practitionerOfUser(ex, who.userId)
  if (!p) throw notFound('Practitioner')
  if (who.role === 'admin' || (await isVenueStaff(ex, who, p.venueId, roles))) return p
  if (roles !== ANY_STAFF && (await isVenueStaff(ex, who, p.venueId))) throw forbidden('Only owners and managers move the practitioner’s money')
  throw notFound('Practitioner')
}
