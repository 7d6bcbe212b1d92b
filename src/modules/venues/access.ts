import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { forbidden } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { memberships } from './schema.js'

export type VenueRole = 'owner' | 'manager' | 'staff'
export const ANY_STAFF: readonly VenueRole[] = ['owner', 'manager', 'staff']
export const MANAGERS: readonly VenueRole[] = ['owner', 'manager']

export async function venueRoleOf(ex: Executor, venueId: string, userId: string): Promise<VenueRole | null> {
  const [row] = await ex
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.venueId, venueId), eq(memberships.userId, userId)))
  return row?.role ?? null
}

/** Whether the caller works at the venue in one of `roles`; platform admins always do. */
export async function isVenueStaff(ex: Executor, who: AccessClaims, venueId: string, roles = ANY_STAFF): Promise<boolean> {
  if (who.role === 'admin') return true
  const role = await venueRoleOf(ex, venueId, who.userId)
  return role !== null && roles.includes(role)
}

/** 403 unless the caller works at the venue in one of `roles`. */
export async function requireVenueRole(ex: Executor, who: AccessClaims, venueId: string, roles = ANY_STAFF): Promise<void> {
  if (!(await isVenueStaff(ex, who, venueId, roles))) throw forbidden("Only the venue's staff can do this")
}

/** The venues where the user is a member, in any role. */
export async function venuesOfStaff(ex: Executor, userId: string): Promise<string[]> {
  const rows = await ex.select({ venueId: memberships.venueId }).from(memberships).where(eq(memberships.userId, userId))
  return rows.map((r) => r.venueId)
}

const staffCache = new Map<string, { staff: boolean; until: number }>()

/**
 * Whether the user works at any venue, for the rate limit tier. Cached for a minute per
 * user so the limiter does not add a query to every request.
 */
export async function isVenueStaffAnywhere(ex: Executor, userId: string): Promise<boolean> {
  const hit = staffCache.get(userId)
  if (hit && hit.until > Date.now()) return hit.staff
  const [row] = await ex.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.userId, userId)).limit(1)
  if (staffCache.size > 10_000) staffCache.clear()
  staffCache.set(userId, { staff: !!row, until: Date.now() + 60_000 })
  return !!row
}

/** The members of these venues in one of `roles`, for messages to a venue's people. */
export async function membersOf(
  ex: Executor,
  venueIds: readonly string[],
  roles: readonly VenueRole[],
): Promise<{ venueId: string; userId: string; role: VenueRole }[]> {
  if (venueIds.length === 0) return []
  return ex
    .select({ venueId: memberships.venueId, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(inArray(memberships.venueId, [...new Set(venueIds)]), inArray(memberships.role, [...roles])))
    .orderBy(memberships.venueId, memberships.userId)
}
