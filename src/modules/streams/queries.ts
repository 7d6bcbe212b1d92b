import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/client.js'
import { postLikes, postMedia, postSaves, posts } from './schema.js'
import type { Post } from './access.js'

/** What a post's answer carries besides its row: its uploads in order, and the reader's own like and save. */
export interface PostExtras {
  media: Map<string, string[]>
  liked: Set<string>
  saved: Set<string>
}

export async function postById(ex: Executor, id: string): Promise<Post | undefined> {
  const [row] = await ex.select().from(posts).where(eq(posts.id, id))
  return row
}

export async function extrasOf(ex: Executor, ids: readonly string[], userId: string | undefined): Promise<PostExtras> {
  if (ids.length === 0) return { media: new Map(), liked: new Set(), saved: new Set() }
  const list = [...ids]
  const mine = (table: typeof postLikes | typeof postSaves) =>
    userId
      ? ex
          .select({ postId: table.postId })
          .from(table)
          .where(and(eq(table.userId, userId), inArray(table.postId, list)))
      : Promise.resolve([])
  const [attached, liked, saved] = await Promise.all([
    ex.select().from(postMedia).where(inArray(postMedia.postId, list)).orderBy(asc(postMedia.position)),
    mine(postLikes),
    mine(postSaves),
  ])
  const media = new Map<string, string[]>()
  for (const row of attached) media.set(row.postId, [...(media.get(row.postId) ?? []), row.mediaId])
  return { media, liked: new Set(liked.map((r) => r.postId)), saved: new Set(saved.map((r) => r.postId)) }
}

/** Replaces a post's uploads with `mediaIds`, in that order. */
export async function attachMedia(tx: Tx, postId: string, mediaIds: readonly string[]): Promise<void> {
  await tx.delete(postMedia).where(eq(postMedia.postId, postId))
  if (mediaIds.length > 0) await tx.insert(postMedia).values(mediaIds.map((mediaId, position) => ({ postId, mediaId, position })))
}
