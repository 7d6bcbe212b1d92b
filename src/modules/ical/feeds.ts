import { createHash, randomBytes } from 'node:crypto'
import { and, count, desc, eq, isNull } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { practitionerById, practitionerInScope } from '../practitioners/queries.js'
import { roomById } from '../rooms/queries.js'
import { isVenueStaff, requireVenueRole } from '../venues/access.js'
import { feedEntries } from './feed-entries.js'
import { feedText } from './invite.js'
import { calendarFeeds, type FeedKind } from './schema.js'

export type CalendarFeed = typeof calendarFeeds.$inferSelect

const DAY = 86_400_000
/** What a feed covers around now: enough past for "when was that?", a year ahead for planning. */
export const FEED_WINDOW = { pastDays: 60, aheadDays: 365 }

/** What is stored of a feed token: its SHA-256, in hex. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Private, revocable iCalendar feeds (SPEC §9): a customer's own bookings, a room's (its
 * venue's staff) or a practitioner's (their staff). The URL is the only credential, shown once;
 * it stops working when revoked, and when its maker no longer works where the feed looks.
 */
export class FeedService {
  constructor(private readonly deps: Deps) {}

  /** Makes a feed the caller may read; answers it with its token (never stored, never shown again). */
  async create(who: AccessClaims, kind: FeedKind, id: string | undefined): Promise<{ feed: CalendarFeed; token: string }> {
    const subjectId = await this.subjectFor(who, kind, id)
    const token = randomBytes(32).toString('base64url')
    const [feed] = await this.deps.db
      .insert(calendarFeeds)
      .values({ ownerId: who.userId, kind, subjectId, tokenHash: hashOf(token), createdAt: this.deps.clock() })
      .returning()
    return { feed: feed!, token }
  }

  /** The caller's feeds that still work, newest first (without tokens: only their URLs' owners have them). */
  async mine(who: AccessClaims, page: PageParams): Promise<{ rows: CalendarFeed[]; count: number }> {
    const where = and(eq(calendarFeeds.ownerId, who.userId), isNull(calendarFeeds.revokedAt))
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(calendarFeeds)
        .where(where)
        .orderBy(desc(calendarFeeds.createdAt), desc(calendarFeeds.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(calendarFeeds).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** Revokes one of the caller's feeds: its URL answers 404 from now on. 404 for anyone else's, or one already revoked. */
  async revoke(who: AccessClaims, id: string): Promise<void> {
    const [revoked] = await this.deps.db
      .update(calendarFeeds)
      .set({ revokedAt: this.deps.clock() })
      .where(and(eq(calendarFeeds.id, id), eq(calendarFeeds.ownerId, who.userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id })
    if (!revoked) throw notFound('Calendar feed')
  }

  /** The feed's iCalendar text, or 404 for a token that is unknown, revoked or no longer backed by its maker's rights. */
  async render(token: string): Promise<string> {
    const [feed] = await this.deps.db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.tokenHash, hashOf(token)), isNull(calendarFeeds.revokedAt)))
    if (!feed || !(await this.stillAllowed(feed))) throw notFound('Calendar feed')
    const now = this.deps.clock()
    const from = new Date(now.getTime() - FEED_WINDOW.pastDays * DAY)
    const to = new Date(now.getTime() + FEED_WINDOW.aheadDays * DAY)
    const { name, entries } = await feedEntries(this.deps.db, feed, from, to)
    return feedText(name, entries, now)
  }

  /** The id a feed of `kind` lists: the caller themself, a room they staff, a practitioner they work for. */
  private async subjectFor(who: AccessClaims, kind: FeedKind, id: string | undefined): Promise<string> {
    const db = this.deps.db
    switch (kind) {
      case 'customer':
        if (id !== undefined && id !== who.userId) throw forbidden('A customer feed lists only your own bookings')
        return who.userId
      case 'room': {
        if (id === undefined) throw invalidInput('Name the room with id', { field: 'id' })
        const room = await roomById(db, id)
        if (!room) throw notFound('Room')
        await requireVenueRole(db, who, room.venueId)
        return room.id
      }
      case 'practitioner':
        // Someone who does not work for the practitioner learns nothing: 404, as for their money.
        return (await practitionerInScope(db, who, id)).id
    }
  }

  /** Whether the feed's maker may still see what it lists: leaving a venue's staff ends their feeds of it. */
  private async stillAllowed(feed: CalendarFeed): Promise<boolean> {
    const db = this.deps.db
    const who = { userId: feed.ownerId, role: 'customer' as const }
    if (feed.kind === 'customer') return true
    const venueId = feed.kind === 'room' ? (await roomById(db, feed.subjectId))?.venueId : (await practitionerById(db, feed.subjectId))?.venueId
    return venueId !== undefined && (await isVenueStaff(db, who, venueId))
  }
}
