import { and, asc, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { IANAZone } from '../../luxon.js'
import type { Deps } from '../../deps.js'
import type { Executor, Tx } from '../../db/client.js'
import { RecentCopies } from '../../db/recent-copies.js'
import { checkDateRange } from '../../http/date-range.js'
import { sqlState } from '../../db/errors.js'
import { AppError, forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import { contactByEmail, contactsOf } from '../auth/users.js'
import type { AccessClaims } from '../auth/tokens.js'
import { ANY_STAFF, MANAGERS, isVenueStaff, requireVenueRole, venueRoleOf, type VenueRole } from './access.js'
import { insertMember } from './queries.js'
import { memberships, venueClosures, venues, type OpeningRange } from './schema.js'
import type { CreateVenueBody, UpdateVenueBody } from './schemas.js'
import { assertPolicy } from '../pricing/cancellation-policy.js'

export type Venue = typeof venues.$inferSelect
export type Closure = typeof venueClosures.$inferSelect

export function assertZone(timezone: string): void {
  if (!IANAZone.isValidZone(timezone)) throw invalidInput('Unknown time zone', { field: 'timezone', value: timezone })
}

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'venue'

/**
 * How long a process reuses a venue's row for the hot reads (a hold, an availability answer).
 * This process's own changes drop it at once; another process's are seen within this time,
 * which only widens a window a booking already has: it reads its venue before its transaction.
 */
export const VENUE_CACHE_MS = 1_000

export class VenueService {
  // Every hold and availability answer reads its venue, which changes rarely: one read a second
  // per venue and process instead of one per request.
  private readonly recent = new RecentCopies<Venue>(VENUE_CACHE_MS)

  constructor(private readonly deps: Deps) {}

  /** The venue as read within the last VENUE_CACHE_MS, for the hot paths; `get` reads it now. Callers must not change it. */
  cached(id: string): Promise<Venue> {
    return this.recent.get(id, () => this.get(id))
  }

  /** Only platform admins open venues; they then add the owner as a member. */
  async create(who: AccessClaims, input: CreateVenueBody): Promise<Venue> {
    if (who.role !== 'admin') throw forbidden('Only administrators create venues')
    assertZone(input.timezone)
    try {
      const [venue] = await this.deps.db
        .insert(venues)
        .values({
          name: input.name,
          slug: input.slug ?? slugify(input.name),
          kind: input.kind,
          timezone: input.timezone,
          currency: input.currency,
          address: input.address ?? null,
          holdTtlMinutes: input.hold_ttl_minutes ?? null,
          openingHours: input.hours ?? [],
        })
        .returning()
      return venue!
    } catch (error) {
      if (sqlState(error) === '23505') throw new AppError('slug_taken', 'Another venue already uses this slug', { field: 'slug' })
      throw error
    }
  }

  /**
   * A practitioner's business, opened by their application (no admin in the loop: it stays
   * private until an admin verifies the profile), with the applicant as its owner. In the
   * caller's transaction, so a failed application leaves no venue behind.
   */
  async openForPractitioner(tx: Tx, ownerId: string, input: { name: string; timezone: string; currency: string }): Promise<Venue> {
    assertZone(input.timezone)
    const [venue] = await tx
      .insert(venues)
      .values({
        name: input.name,
        // The name's slug and a random tail: two practitioners may share a name.
        slug: `${slugify(input.name).slice(0, 50)}-${randomUUID().slice(0, 8)}`,
        kind: 'practitioner',
        timezone: input.timezone,
        currency: input.currency,
      })
      .returning()
    await insertMember(tx, venue!.id, ownerId, 'owner')
    return venue!
  }

  /**
   * The venue, for a caller who holds one of `roles` there (platform admins always do): the
   * access check a staff use case begins with. 404 for an unknown venue, 403 for anyone else.
   */
  async asStaff(who: AccessClaims, venueId: string, roles: readonly VenueRole[] = ANY_STAFF): Promise<Venue> {
    const venue = await this.get(venueId)
    await requireVenueRole(this.deps.db, who, venueId, roles)
    return venue
  }

  async get(id: string, ex: Executor = this.deps.db): Promise<Venue> {
    const [venue] = await ex.select().from(venues).where(eq(venues.id, id))
    if (!venue) throw notFound('Venue')
    return venue
  }

  async list(query: { search?: string; kind?: Venue['kind']; ordering?: string }, page: PageParams) {
    const filters: SQL[] = []
    if (query.search) filters.push(ilike(venues.name, `%${escapeLike(query.search)}%`))
    if (query.kind) filters.push(eq(venues.kind, query.kind))
    const where = and(...filters)
    const order = parseOrdering<'name' | 'created_at'>(query.ordering, 'name')
    const column = order.field === 'name' ? venues.name : venues.createdAt
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(venues)
        .where(where)
        .orderBy(order.desc ? desc(column) : asc(column), asc(venues.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(venues).where(where),
    ])
    return { rows, count: total!.n }
  }

  /**
   * Whose rows a list shows: `?venue=` shows that venue's to its staff (404 for an unknown
   * venue, 403 for others), an admin without it sees everything, anyone else only their own.
   */
  async listScope(who: AccessClaims, venueId: string | undefined, columns: { venue: AnyPgColumn; user: AnyPgColumn }): Promise<SQL | undefined> {
    if (venueId) {
      await this.get(venueId)
      await requireVenueRole(this.deps.db, who, venueId)
      return eq(columns.venue, venueId)
    }
    return who.role === 'admin' ? undefined : eq(columns.user, who.userId)
  }

  async update(who: AccessClaims, id: string, patch: UpdateVenueBody): Promise<Venue> {
    await this.get(id)
    await requireVenueRole(this.deps.db, who, id, MANAGERS)
    if (patch.timezone) assertZone(patch.timezone)
    if (patch.cancellation_policy) assertPolicy(patch.cancellation_policy)
    const [venue] = await this.deps.db
      .update(venues)
      .set({
        name: patch.name,
        timezone: patch.timezone,
        address: patch.address,
        holdTtlMinutes: patch.hold_ttl_minutes,
        cancellationPolicy: patch.cancellation_policy,
        depositPercent: patch.deposit_percent,
        updatedAt: this.deps.clock(),
      })
      .where(eq(venues.id, id))
      .returning()
    this.recent.drop(id)
    this.deps.changes.touch(id)
    return venue!
  }

  /** Replaces the weekly hours as a whole. */
  async setHours(who: AccessClaims, id: string, hours: OpeningRange[], ex: Executor = this.deps.db): Promise<Venue> {
    await this.get(id, ex)
    await requireVenueRole(ex, who, id, MANAGERS)
    const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open))
    const [venue] = await ex.update(venues).set({ openingHours: sorted, updatedAt: this.deps.clock() }).where(eq(venues.id, id)).returning()
    this.recent.drop(id)
    this.deps.changes.touch(id)
    return venue!
  }

  async addClosure(who: AccessClaims, venueId: string, input: { date: string; reason?: string | null }): Promise<Closure> {
    await this.get(venueId)
    await requireVenueRole(this.deps.db, who, venueId, MANAGERS)
    try {
      const [closure] = await this.deps.db
        .insert(venueClosures)
        .values({ venueId, date: input.date, reason: input.reason ?? null })
        .returning()
      this.deps.changes.touch(venueId)
      return closure!
    } catch (error) {
      if (sqlState(error) === '23505') throw new AppError('conflict', 'The venue is already closed on that date', { field: 'date' })
      throw error
    }
  }

  async listClosures(venueId: string, query: { from?: string; to?: string }, page: PageParams) {
    await this.get(venueId)
    checkDateRange(query.from, query.to)
    const where = and(
      eq(venueClosures.venueId, venueId),
      query.from ? gte(venueClosures.date, query.from) : undefined,
      query.to ? lte(venueClosures.date, query.to) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(venueClosures).where(where).orderBy(asc(venueClosures.date)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(venueClosures).where(where),
    ])
    return { rows, count: total!.n }
  }

  /**
   * Owners (and admins) grant and change any role; managers may only add staff or keep
   * staff as staff, so a manager can never demote an owner or another manager. The last
   * owner cannot be demoted (409 `last_owner`), as they cannot be removed.
   */
  async addMember(who: AccessClaims, venueId: string, input: { email: string; role: VenueRole }) {
    const user = await contactByEmail(this.deps.db, input.email)
    return this.deps.db.transaction(async (tx) => {
      const owner = await this.lockMembers(tx, who, venueId)
      if (!owner && input.role !== 'staff') throw forbidden('Only owners grant the owner or manager role')
      if (!user) throw notFound('User')
      // Only an owner's upsert can touch an owner's row (a manager's is refused below).
      if (owner && input.role !== 'owner') await assertNotLastOwner(tx, venueId, user.id)
      const [member] = await tx
        .insert(memberships)
        .values({ venueId, userId: user.id, role: input.role })
        .onConflictDoUpdate({
          target: [memberships.venueId, memberships.userId],
          set: { role: input.role },
          // The conditional update is the guard: a manager's upsert only touches staff rows.
          setWhere: owner ? undefined : eq(memberships.role, 'staff'),
        })
        .returning()
      if (!member) throw forbidden('Only owners change the role of an owner or manager')
      return { ...member, email: user.email, name: user.name }
    })
  }

  /**
   * Takes a member off the venue (a departed employee loses access at once). Owners (and
   * admins) remove anyone, managers staff only; the last owner stays (409 `last_owner`).
   */
  async removeMember(who: AccessClaims, venueId: string, userId: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const owner = await this.lockMembers(tx, who, venueId)
      const role = await venueRoleOf(tx, venueId, userId)
      if (!role) throw notFound('Member')
      if (!owner && role !== 'staff') throw forbidden('Managers remove staff only')
      if (role === 'owner') await assertNotLastOwner(tx, venueId, userId)
      await tx.delete(memberships).where(and(eq(memberships.venueId, venueId), eq(memberships.userId, userId)))
    })
  }

  /**
   * Membership changes of one venue take turns: each locks the venue row first, so two owners
   * removing (or demoting) each other at once cannot both see the other still there and leave
   * the venue without an owner. `no key update` leaves the key-share locks of bookings and
   * other rows referencing the venue unblocked. The caller's role is read after the lock, so
   * an owner removed a moment ago no longer counts as one. Answers whether the caller may act
   * as an owner; 404 for an unknown venue, 403 unless an owner or a manager.
   */
  private async lockMembers(tx: Tx, who: AccessClaims, venueId: string): Promise<boolean> {
    const [venue] = await tx.select({ id: venues.id }).from(venues).where(eq(venues.id, venueId)).for('no key update')
    if (!venue) throw notFound('Venue')
    const owner = await isVenueStaff(tx, who, venueId, ['owner'])
    if (!owner) await requireVenueRole(tx, who, venueId, MANAGERS)
    return owner
  }

  /** The venues where this user is staff, by name, with their role at each. */
  async listMine(who: AccessClaims, page: PageParams) {
    const where = eq(memberships.userId, who.userId)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select({ role: memberships.role, venue: venues })
        .from(memberships)
        .innerJoin(venues, eq(venues.id, memberships.venueId))
        .where(where)
        .orderBy(asc(venues.name), asc(venues.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(memberships).where(where),
    ])
    return { rows, count: total!.n }
  }

  async listMembers(who: AccessClaims, venueId: string, page: PageParams) {
    await this.get(venueId)
    await requireVenueRole(this.deps.db, who, venueId)
    const where = eq(memberships.venueId, venueId)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(memberships)
        .where(where)
        .orderBy(asc(memberships.createdAt), asc(memberships.userId))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(memberships).where(where),
    ])
    const people = await contactsOf(
      this.deps.db,
      rows.map((m) => m.userId),
    )
    return { rows: rows.map((m) => ({ ...m, email: people.get(m.userId)!.email, name: people.get(m.userId)!.name })), count: total!.n }
  }
}

/** 409 when `userId` is the venue's only owner; call with the venue locked (`lockMembers`). */
async function assertNotLastOwner(tx: Tx, venueId: string, userId: string): Promise<void> {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.venueId, venueId), eq(memberships.role, 'owner')))
  if (owners.length === 1 && owners[0]!.userId === userId) {
    throw new AppError('last_owner', 'A venue keeps at least one owner: make someone else owner first', { user_id: userId })
  }
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** 400 unless a price is in the venue's currency; `field` names the money in the request. */
export function assertVenueCurrency(venue: Pick<Venue, 'currency'>, money: { currency: string } | undefined | null, field: string): void {
  if (money && money.currency !== venue.currency) {
    throw invalidInput(`Prices must be in the venue's currency (${venue.currency})`, { field: `${field}.currency`, expected: venue.currency })
  }
}
