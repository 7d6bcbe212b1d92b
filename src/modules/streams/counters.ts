import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { postLikes, postSaves, posts } from './schema.js'

export type Toggle = 'like' | 'save'

const tables = { like: postLikes, save: postSaves } as const
const counters = { like: 'likeCount', save: 'saveCount' } as const

/**
 * The one writer of a post's like and save counts. Turning on inserts the user's row (or finds
 * it there) and turning off deletes it; the count moves only when a row really came or went,
 * in the same transaction, so the count equals the rows however many toggles race: a second
 * insert of the same key waits for the first and then inserts nothing.
 */
export async function setToggle(tx: Tx, kind: Toggle, postId: string, userId: string, on: boolean, now: Date): Promise<void> {
  const table = tables[kind]
  const changed = on
    ? await tx.insert(table).values({ postId, userId, createdAt: now }).onConflictDoNothing().returning({ postId: table.postId })
    : await tx
        .delete(table)
        .where(and(eq(table.postId, postId), eq(table.userId, userId)))
        .returning({ postId: table.postId })
  if (changed.length === 0) return
  const counter = counters[kind]
  await tx
    .update(posts)
    .set({ [counter]: sql`${posts[counter]} + ${on ? 1 : -1}` })
    .where(eq(posts.id, postId))
}

/** Moves a post's comment count with a comment that came or went, in the caller's transaction. */
export async function moveCommentCount(tx: Tx, postId: string, by: 1 | -1): Promise<void> {
  await tx
    .update(posts)
    .set({ commentCount: sql`${posts.commentCount} + ${by}` })
    .where(eq(posts.id, postId))
}
