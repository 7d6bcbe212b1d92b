import { asc, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { messageMedia, type messages, type ConversationSide } from './schema.js'

export type Message = typeof messages.$inferSelect

/** A message as participants read it, over HTTP and on the chat socket. */
export interface MessageView {
  id: string
  conversation_id: string
  sender_id: string
  sender_side: ConversationSide
  text: string
  media_ids: string[]
  created_at: string
}

export const messageView = (m: Message, mediaIds: readonly string[]): MessageView => ({
  id: m.id,
  conversation_id: m.conversationId,
  sender_id: m.senderId,
  sender_side: m.senderSide,
  text: m.text,
  media_ids: [...mediaIds],
  created_at: m.createdAt.toISOString(),
})

/** The messages' views, each with its attachments in the order they were sent. */
export async function messageViews(ex: Executor, rows: readonly Message[]): Promise<MessageView[]> {
  if (rows.length === 0) return []
  const attached = await ex
    .select()
    .from(messageMedia)
    .where(
      inArray(
        messageMedia.messageId,
        rows.map((m) => m.id),
      ),
    )
    .orderBy(asc(messageMedia.position))
  const byMessage = new Map<string, string[]>()
  for (const a of attached) byMessage.set(a.messageId, [...(byMessage.get(a.messageId) ?? []), a.mediaId])
  return rows.map((m) => messageView(m, byMessage.get(m.id) ?? []))
}
