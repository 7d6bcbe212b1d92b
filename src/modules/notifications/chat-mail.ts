import type { Tx } from '../../db/client.js'
import { contactsOf } from '../auth/users.js'
import { insertNew, rowsFor } from './facts.js'
import { renderChat, type ChatNotice } from './templates.js'

/** What a chat notice is about: the conversation (its venue side) and the message that set it off. */
export interface ChatSubject {
  venueId: string
  conversationId: string
  /** Names the news for deduplication: a message id (inbox) or a conversation and seq (email). */
  key: string
}

/**
 * Queues a chat notice to each user in `userIds`, in the caller's transaction, so it exists
 * if and only if the message committed; the sender loop delivers the inbox rows and pushes
 * them to `/ws/notifications`. Answers how many rows were new.
 */
export async function notifyChat(tx: Tx, userIds: readonly string[], notice: ChatNotice, subject: ChatSubject, now: Date): Promise<number> {
  if (userIds.length === 0) return 0
  const contacts = await contactsOf(tx, userIds)
  const rows = userIds.flatMap((userId) => {
    const contact = contacts.get(userId)
    const message = {
      template: notice.template,
      rendered: renderChat(contact?.name ?? null, notice),
      venueId: subject.venueId,
      subjectId: subject.conversationId,
      data: { conversation_id: subject.conversationId, from: notice.from },
      occurredAt: now,
    }
    return rowsFor(message, { userId, email: contact?.email ?? null, phone: null, name: contact?.name ?? null }, now, (channel, recipient) =>
      [notice.template, subject.key, channel, recipient].join(':'),
    )
  })
  return insertNew(tx, rows)
}
