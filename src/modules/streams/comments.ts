import { and, asc, count, eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { forbidden, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { notifyPractitioner } from '../notifications/practitioner-mail.js'
import { practitionerById } from '../practitioners/queries.js'
import { isVenueStaff } from '../venues/access.js'
import { moveCommentCount } from './counters.js'
import { postComments } from './schema.js'
import type { PostService } from './service.js'

export type Comment = typeof postComments.$inferSelect

/** Comments on posts: by anyone signed in who may read the post; moderated by the practitioner's staff. */
export class CommentService {
  constructor(
    private readonly deps: Deps,
    private readonly posts: PostService,
  ) {}

  /**
   * Adds a comment and counts it, and tells the practitioner in their inbox, all in one
   * transaction; their own staff's comments are not news to them.
   */
  async add(who: AccessClaims, postId: string, body: string): Promise<Comment> {
    const post = await this.posts.readable(who, postId)
    const practitioner = (await practitionerById(this.deps.db, post.practitionerId))!
    // Membership, not an admin's blanket right: an admin commenting is news to the practitioner.
    const ownStaff = await isVenueStaff(this.deps.db, { ...who, role: 'customer' }, post.venueId)
    const now = this.deps.clock()
    return this.deps.db.transaction(async (tx) => {
      const [comment] = await tx.insert(postComments).values({ postId: post.id, userId: who.userId, body, createdAt: now }).returning()
      await moveCommentCount(tx, post.id, 1)
      if (!ownStaff) {
        await notifyPractitioner(
          tx,
          { userId: practitioner.userId, venueId: practitioner.venueId },
          { template: 'comment_received', post: post.title, excerpt: body.slice(0, 140) },
          { id: post.id, key: comment!.id },
          now,
        )
      }
      return comment!
    })
  }

  /** A post's comments, oldest first (a conversation reads forwards). */
  async list(who: AccessClaims | undefined, postId: string, page: PageParams) {
    const post = await this.posts.readable(who, postId)
    const where = eq(postComments.postId, post.id)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(postComments)
        .where(where)
        .orderBy(asc(postComments.createdAt), asc(postComments.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(postComments).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** Its author takes a comment back, or the practitioner's staff (or an admin) remove it; anyone else gets 403. */
  async remove(who: AccessClaims, postId: string, commentId: string): Promise<void> {
    const post = await this.posts.readable(who, postId)
    const [comment] = await this.deps.db
      .select()
      .from(postComments)
      .where(and(eq(postComments.id, commentId), eq(postComments.postId, post.id)))
    if (!comment) throw notFound('Comment')
    if (comment.userId !== who.userId && !(await isVenueStaff(this.deps.db, who, post.venueId))) {
      throw forbidden('Only its author or the practitioner removes a comment')
    }
    await this.deps.db.transaction(async (tx) => {
      const gone = await tx.delete(postComments).where(eq(postComments.id, comment.id)).returning({ id: postComments.id })
      // A concurrent removal already counted it down.
      if (gone.length > 0) await moveCommentCount(tx, post.id, -1)
    })
  }
}
