import { and, eq, inArray, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { notFound } from '../../http/errors.js'
import type { MediaReadCheck } from '../media/access.js'
import { venueRoleOf } from '../venues/access.js'
import { venueIdsOfMember } from '../venues/queries.js'
import { conversations, messageMedia, messages, type ConversationSide } from './schema.js'

export type Conversation = typeof conversations.$inferSelect

/**
 * Which side of the conversation the user is on: its customer, or a member (any role) of its
 * venue; null for anyone else. Platform admins are not participants: conversations are
 * private between the two sides, and an admin reads none of them.
 */
export async function sideOf(ex: Executor, userId: string, c: Conversation): Promise<ConversationSide | null> {
  if (c.customerId === userId) return 'customer'
  return (await venueRoleOf(ex, c.venueId, userId)) ? 'venue' : null
}

/** The conversation and the caller's side of it; 404 for anyone who is not a participant, so nobody learns it exists. */
export async function participantOf(ex: Executor, userId: string, id: string): Promise<{ conversation: Conversation; side: ConversationSide }> {
  const [conversation] = await ex.select().from(conversations).where(eq(conversations.id, id))
  const side = conversation ? await sideOf(ex, userId, conversation) : null
  if (!conversation || !side) throw notFound('Conversation')
  return { conversation, side }
}

/**
 * The read check of uploads of purpose `message` (wired into the media module): a user may
 * read one if they are a participant of a conversation with a message that carries it.
 */
export const messageMediaReadable: MediaReadCheck = async (ex, mediaId, userId) => {
  if (!userId) return false
  const venueIds = await venueIdsOfMember(ex, userId)
  const [hit] = await ex
    .select({ one: sql<number>`1` })
    .from(messageMedia)
    .innerJoin(messages, eq(messages.id, messageMedia.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messageMedia.mediaId, mediaId),
        or(eq(conversations.customerId, userId), venueIds.length > 0 ? inArray(conversations.venueId, venueIds) : undefined),
      ),
    )
    .limit(1)
  return !!hit
}
