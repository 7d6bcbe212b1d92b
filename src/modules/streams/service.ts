import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { constraintName, sqlState } from '../../db/errors.js'
import { AppError, forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { ownMedia } from '../media/queries.js'
import { practitionerById, requirePublisher } from '../practitioners/queries.js'
import { isVenueStaff } from '../venues/access.js'
import { canRead, readerScope, visibleIn, type Post } from './access.js'
import { setToggle, type Toggle } from './counters.js'
import { attachMedia, extrasOf, postById, type PostExtras } from './queries.js'
import { postSaves, posts, type PostVisibility } from './schema.js'

export interface PostInput {
  title: string
  body?: string
  visibility?: PostVisibility
  media_ids?: string[]
}

export interface FeedFilter {
  practitioner_id?: string
  saved?: boolean
}

/** Posts with what their answers need. */
export interface PostsOut extends PostExtras {
  rows: Post[]
}

export class PostService {
  constructor(private readonly deps: Deps) {}

  /** A verified practitioner's staff publish a post, with uploads they made for it. */
  async create(who: AccessClaims, input: PostInput & { practitioner_id: string }): Promise<PostsOut> {
    const practitioner = await requirePublisher(this.deps.db, who, input.practitioner_id)
    const mediaIds = await this.ownUploads(who, input.media_ids ?? [])
    const now = this.deps.clock()
    const post = await this.attaching(() =>
      this.deps.db.transaction(async (tx) => {
        const [post] = await tx
          .insert(posts)
          .values({
            practitionerId: practitioner.id,
            venueId: practitioner.venueId,
            authorId: who.userId,
            title: input.title,
            body: input.body ?? '',
            visibility: input.visibility ?? 'public',
            createdAt: now,
            updatedAt: now,
          })
          .returning()
        await attachMedia(tx, post!.id, mediaIds)
        return post!
      }),
    )
    return this.answer(who, [post])
  }

  async get(who: AccessClaims | undefined, id: string): Promise<PostsOut> {
    return this.answer(who, [await this.readable(who, id)])
  }

  /** The practitioner's staff change a post; `media_ids`, when given, replaces its uploads. */
  async update(who: AccessClaims, id: string, patch: Partial<PostInput>): Promise<PostsOut> {
    const post = await this.writable(who, id)
    const mediaIds = patch.media_ids && (await this.ownUploads(who, patch.media_ids))
    const updated = await this.attaching(() =>
      this.deps.db.transaction(async (tx) => {
        const [row] = await tx
          .update(posts)
          .set({ title: patch.title, body: patch.body, visibility: patch.visibility, updatedAt: this.deps.clock() })
          .where(eq(posts.id, post.id))
          .returning()
        if (!row) throw notFound('Post')
        if (mediaIds) await attachMedia(tx, post.id, mediaIds)
        return row
      }),
    )
    return this.answer(who, [updated])
  }

  /** The practitioner's staff delete a post: its likes, saves and comments go with it; its uploads stay their uploader's. */
  async remove(who: AccessClaims, id: string): Promise<void> {
    const post = await this.writable(who, id)
    await this.deps.db.delete(posts).where(eq(posts.id, post.id))
  }

  /** Likes or saves a post the caller may read (`on`), or takes it back; either is idempotent. */
  async toggle(who: AccessClaims, id: string, kind: Toggle, on: boolean): Promise<PostsOut> {
    const post = await this.readable(who, id)
    try {
      await this.deps.db.transaction((tx) => setToggle(tx, kind, post.id, who.userId, on, this.deps.clock()))
    } catch (error) {
      // The post was deleted between the read and the write.
      if (sqlState(error) === '23503') throw notFound('Post')
      throw error
    }
    return this.answer(who, [(await postById(this.deps.db, post.id)) ?? post])
  }

  /** The feed: posts the caller may read, newest first; one practitioner's, or the caller's saved ones. */
  async feed(who: AccessClaims | undefined, filter: FeedFilter, page: PageParams): Promise<PostsOut & { count: number }> {
    if (filter.saved && !who) throw new AppError('unauthenticated', 'Sign in to see your saved posts')
    const scope = await readerScope(this.deps.db, who)
    if (filter.practitioner_id) {
      const p = await practitionerById(this.deps.db, filter.practitioner_id)
      const shown = p && (p.verificationStatus === 'verified' || scope.all || scope.staffOf.includes(p.venueId))
      if (!shown) throw notFound('Practitioner')
    }
    const conditions: (SQL | undefined)[] = [visibleIn(scope)]
    if (filter.practitioner_id) conditions.push(eq(posts.practitionerId, filter.practitioner_id))
    if (filter.saved) {
      const saved = this.deps.db.select({ id: postSaves.postId }).from(postSaves).where(eq(postSaves.userId, who!.userId))
      conditions.push(inArray(posts.id, saved))
    }
    const where = and(...conditions)
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(posts).where(where).orderBy(desc(posts.createdAt), desc(posts.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(posts).where(where),
    ])
    return { ...(await this.answer(who, rows)), count: total!.n }
  }

  /** The post, if the caller may read it; otherwise it does not exist for them. */
  async readable(who: AccessClaims | undefined, id: string): Promise<Post> {
    const post = await postById(this.deps.db, id)
    if (!post || !(await canRead(this.deps.db, who, post))) throw notFound('Post')
    return post
  }

  /** The post, if the caller is its practitioner's staff (or an admin); readers who are not get 403. */
  async writable(who: AccessClaims, id: string): Promise<Post> {
    const post = await this.readable(who, id)
    if (!(await isVenueStaff(this.deps.db, who, post.venueId))) throw forbidden('Only the practitioner’s staff change their posts')
    return post
  }

  private async ownUploads(who: AccessClaims, ids: readonly string[]): Promise<string[]> {
    const owned = new Set(await ownMedia(this.deps.db, who.userId, ids, 'post'))
    const others = ids.filter((id) => !owned.has(id))
    if (others.length > 0) throw invalidInput('Attach your own uploads made for posts', { field: 'media_ids', media_ids: others })
    return [...ids]
  }

  /** An upload already on another post is refused: it is read like the post that holds it. */
  private async attaching<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (sqlState(error) === '23505' && constraintName(error) === 'post_media_media_key') {
        throw new AppError('media_in_use', 'An upload is attached to another post already', { field: 'media_ids' })
      }
      throw error
    }
  }

  private async answer(who: AccessClaims | undefined, rows: Post[]): Promise<PostsOut> {
    return {
      rows,
      ...(await extrasOf(
        this.deps.db,
        rows.map((r) => r.id),
        who?.userId,
      )),
    }
  }
}
