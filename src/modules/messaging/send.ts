import { eq, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/client.js'
import { invalidInput } from '../../http/errors.js'
import { contactsOf } from '../auth/users.js'
import { ownMedia } from '../media/queries.js'
import { notifyChat as queueChatNotice } from '../notifications/chat-mail.js'
import { notifyChat } from '../realtime/channels.js'
import { memberIdsOf, venuesByIds } from '../venues/queries.js'
import type { Conversation } from './access.js'
import type { ChatPresence } from './presence.js'
import { conversationReads, conversations, messageMedia, messages, type ConversationSide } from './schema.js'
import type { SendBody } from './schemas.js'
import { messageView, type MessageView } from './views.js'

/** A message's content once checked: its text and the uploads it may carry. */
export interface Draft {
  text: string
  mediaIds: string[]
}

/**
 * Checks a message before any write: not empty, and every attachment an upload of purpose
 * `message` by the sender (someone else's file, or an avatar, is refused, naming the ids).
 */
export async function draftOf(ex: Executor, senderId: string, body: SendBody): Promise<Draft> {
  const text = body.text ?? ''
  const mediaIds = body.media_ids ?? []
  if (text.trim() === '' && mediaIds.length === 0) throw invalidInput('A message needs text or an attachment', { field: 'text' })
  const mine = new Set(await ownMedia(ex, senderId, mediaIds, 'message'))
  const refused = mediaIds.filter((id) => !mine.has(id))
  if (refused.length > 0) throw invalidInput('Attachments must be your own uploads for messages', { field: 'media_ids', refused })
  return { text, mediaIds }
}

export interface Sender {
  userId: string
  side: ConversationSide
}

/**
 * Writes a message in the caller's transaction and, at its commit: pushes it to the chat's
 * sockets on every process, moves the sender's read marker past it and queues an in-app
 * notice for each participant of the other side who has no chat socket open on it.
 */
export async function writeMessage(tx: Tx, presence: ChatPresence, c: Conversation, sender: Sender, draft: Draft, now: Date): Promise<MessageView> {
  const [message] = await tx
    .insert(messages)
    .values({ conversationId: c.id, senderId: sender.userId, senderSide: sender.side, text: draft.text, createdAt: now })
    .returning()
  const m = message!
  if (draft.mediaIds.length > 0) {
    await tx.insert(messageMedia).values(draft.mediaIds.map((mediaId, position) => ({ messageId: m.id, mediaId, position })))
  }
  // Concurrent senders may commit out of seq order: the conversation keeps the greatest.
  await tx
    .update(conversations)
    .set({
      lastSeq: sql`greatest(${conversations.lastSeq}, ${m.seq})`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(conversations.id, c.id))
  await moveReadMarker(tx, c.id, sender.userId, m.seq, now)
  const view = messageView(m, draft.mediaIds)
  await notifyChat(tx, c.id, view)

  const recipients = sender.side === 'customer' ? ((await memberIdsOf(tx, [c.venueId])).get(c.venueId) ?? []) : [c.customerId]
  const watching = await presence.watching(tx, c.id, recipients)
  const away = recipients.filter((id) => id !== sender.userId && !watching.has(id))
  if (away.length > 0) {
    await queueChatNotice(
      tx,
      away,
      { template: 'message_received', from: await sideName(tx, c, sender.side), preview: draft.text },
      { venueId: c.venueId, conversationId: c.id, key: m.id },
      now,
    )
  }
  return view
}

/** Moves a user's read marker forward to `seq` (never back). */
export async function moveReadMarker(ex: Executor, conversationId: string, userId: string, seq: number, now: Date): Promise<void> {
  await ex
    .insert(conversationReads)
    .values({ conversationId, userId, readSeq: seq, updatedAt: now })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { readSeq: sql`greatest(${conversationReads.readSeq}, excluded.read_seq)`, updatedAt: now },
    })
}

/** How a side is named to the other: the customer by their name, the venue's staff by the venue's. */
export async function sideName(ex: Executor, c: Conversation, side: ConversationSide): Promise<string> {
  if (side === 'venue') return (await venuesByIds(ex, [c.venueId])).get(c.venueId)?.name ?? 'the venue'
  return (await contactsOf(ex, [c.customerId])).get(c.customerId)?.name ?? 'a customer'
}
