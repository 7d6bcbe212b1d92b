import { and, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { pgArray, type Executor } from '../../db/client.js'
import type { VenueRole } from './access.js'
import { memberships, venueClosures, venues } from './schema.js'
import type { Venue } from './service.js'

// How other modules read what a venue owns (its closures, its zone) without naming its tables.

/**
 * The closure dates among `dates` as a `text[]` column, for a query of another module to
 * select in the same round trip (booking reads its rooms and the closures together).
 */
export const closedDatesColumn = (venueId: string, dates: readonly string[]) =>
  sql<string[]>`array(select ${venueClosures.date}::text from ${venueClosures}
    where ${venueClosures.venueId} = ${venueId} and ${venueClosures.date} = any(${pgArray(dates)}::date[]))`

/**
 * Whether the venue is closed on any of `dates` (a `date[]`), as a condition of another
 * module's statement whose text is fixed once (its values are placeholders).
 */
export const closedOnAnyOf = (venueId: SQL | Placeholder, dates: SQL | Placeholder) =>
  sql`exists (select 1 from ${venueClosures} where ${venueClosures.venueId} = ${venueId}::uuid and ${venueClosures.date} = any(${dates}::date[]))`

/** Whether the venue is closed on a local date. */
export async function isClosedOn(ex: Executor, venueId: string, date: string): Promise<boolean> {
  const [closure] = await ex
    .select({ id: venueClosures.id })
    .from(venueClosures)
    .where(and(eq(venueClosures.venueId, venueId), eq(venueClosures.date, date)))
  return closure !== undefined
}

/** The dates among `dates` the venue is closed on. */
export async function closedAmong(ex: Executor, venueId: string, dates: readonly string[]): Promise<Set<string>> {
  const closed = await ex
    .select({ date: venueClosures.date })
    .from(venueClosures)
    .where(and(eq(venueClosures.venueId, venueId), inArray(venueClosures.date, [...dates])))
  return new Set(closed.map((c) => c.date))
}

/** The IANA zone of the venue a row belongs to, as an expression over that row's venue id column. */
export const zoneOfVenue = (venueId: AnyPgColumn): SQL => sql`(select ${venues.timezone} from ${venues} where ${venues.id} = ${venueId})`

/** The currency of the venue a row belongs to, as an expression over that row's venue id column. */
export const currencyOfVenue = (venueId: AnyPgColumn) => sql<string>`(select ${venues.currency} from ${venues} where ${venues.id} = ${venueId})`

/** The venues with these ids, by id. */
export async function venuesByIds(ex: Executor, ids: readonly string[]): Promise<Map<string, Venue>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select()
    .from(venues)
    .where(inArray(venues.id, [...new Set(ids)]))
  return new Map(rows.map((v) => [v.id, v]))
}

/**
 * Inserts a venue unless one with its slug exists (answers undefined then): the demo's way in,
 * idempotent when instances start together. The API's own way is `VenueService.create`.
 */
export async function insertVenueOnce(ex: Executor, values: typeof venues.$inferInsert): Promise<Venue | undefined> {
  const [venue] = await ex.insert(venues).values(values).onConflictDoNothing().returning()
  return venue
}

/** Makes the user a member of the venue with the role. */
export async function insertMember(ex: Executor, venueId: string, userId: string, role: VenueRole): Promise<void> {
  await ex.insert(memberships).values({ venueId, userId, role })
}

/** The venues where the user is a member (any role). */
export async function venueIdsOfMember(ex: Executor, userId: string): Promise<string[]> {
  const rows = await ex.select({ venueId: memberships.venueId }).from(memberships).where(eq(memberships.userId, userId))
  return rows.map((r) => r.venueId)
}

/** The members (any role) of each of these venues, by venue. */
export async function memberIdsOf(ex: Executor, venueIds: readonly string[]): Promise<Map<string, string[]>> {
  const byVenue = new Map<string, string[]>()
  if (venueIds.length === 0) return byVenue
  const rows = await ex
    .select({ venueId: memberships.venueId, userId: memberships.userId })
    .from(memberships)
    .where(inArray(memberships.venueId, [...new Set(venueIds)]))
  for (const r of rows) byVenue.set(r.venueId, [...(byVenue.get(r.venueId) ?? []), r.userId])
  return byVenue
}
