import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import type { AccessClaims } from '../auth/tokens.js'
import { isVerifiedPractitioner } from '../practitioners/queries.js'
import { venuesBookedBy } from '../reservations/reads.js'
import { venuesOfStaff } from '../venues/access.js'
import { postMedia, posts } from './schema.js'

export type Post = typeof posts.$inferSelect

/**
 * What a reader may see of the streams: admins everything; others the public posts of verified
 * practitioners, plus every post of the venues they work at (verified or not), plus the
 * customers-only posts of the venues where they have bought something.
 */
export interface ReaderScope {
  all: boolean
  staffOf: string[]
  customerOf: string[]
}

export async function readerScope(ex: Executor, who: AccessClaims | undefined): Promise<ReaderScope> {
  if (!who) return { all: false, staffOf: [], customerOf: [] }
  if (who.role === 'admin') return { all: true, staffOf: [], customerOf: [] }
  const [staffOf, customerOf] = await Promise.all([venuesOfStaff(ex, who.userId), venuesBookedBy(ex, who.userId)])
  return { all: false, staffOf, customerOf }
}

const among = (venueIds: readonly string[]): SQL => (venueIds.length > 0 ? inArray(posts.venueId, [...venueIds]) : sql`false`)

/** The condition on `posts` that keeps what the scope may read. */
export function visibleIn(scope: ReaderScope): SQL | undefined {
  if (scope.all) return undefined
  return and(
    or(isVerifiedPractitioner(posts.practitionerId), among(scope.staffOf)),
    or(eq(posts.visibility, 'public'), among([...scope.staffOf, ...scope.customerOf])),
  )
}

/** Whether the reader may read this post (the one-post form of `visibleIn`). */
export async function canRead(ex: Executor, who: AccessClaims | undefined, post: Post): Promise<boolean> {
  const [row] = await ex
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.id, post.id), visibleIn(await scopeFor(ex, who, post.venueId))))
  return !!row
}

/** The scope narrowed to one venue: two small lookups instead of the reader's whole history. */
async function scopeFor(ex: Executor, who: AccessClaims | undefined, venueId: string): Promise<ReaderScope> {
  if (!who) return { all: false, staffOf: [], customerOf: [] }
  if (who.role === 'admin') return { all: true, staffOf: [], customerOf: [] }
  const [staffOf, customerOf] = await Promise.all([venuesOfStaff(ex, who.userId), venuesBookedBy(ex, who.userId, [venueId])])
  return { all: false, staffOf: staffOf.filter((v) => v === venueId), customerOf }
}

/**
 * The read check the media module asks for uploads of purpose `post`: readable when attached
 * to a post the reader may read. (The uploader and admins are let in by the media module.)
 */
export async function postMediaReadable(ex: Executor, mediaId: string, userId: string | undefined): Promise<boolean> {
  const [row] = await ex.select({ post: posts }).from(postMedia).innerJoin(posts, eq(posts.id, postMedia.postId)).where(eq(postMedia.mediaId, mediaId))
  if (!row) return false
  return canRead(ex, userId ? { userId, role: 'customer' } : undefined, row.post)
}
