import { inArray, sql } from 'drizzle-orm'
import { rowsOf } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { notifyChat } from '../notifications/chat-mail.js'
import { memberIdsOf } from '../venues/queries.js'
import type { Conversation } from './access.js'
import type { ChatPresence } from './presence.js'
import { conversationReads, type ConversationSide } from './schema.js'
import { sideName } from './send.js'

// Conversations quiet for longer than this are not looked at again: an unread message a week
// old has had its inbox notice, and the job stays a scan of recent conversations only.
const HORIZON_MS = 7 * 24 * 3600_000

interface Due {
  id: string
  customer_id: string
  venue_id: string
  created_at: Date
  last_seq: string | number
  side: ConversationSide
  due_seq: string | number
}

/**
 * The `email-unread-messages` job: emails each participant who still has messages of the
 * other side unread after the quiet delay, once per conversation until they read past what
 * the email was about. Idempotent: the claim (`emailed_seq`) and the email are written in
 * one transaction by one conditional upsert, so two runs never send two. Answers how many emails it queued.
 */
export async function emailUnread(deps: Deps, presence: ChatPresence): Promise<number> {
  const now = deps.clock()
  const cutoff = new Date(now.getTime() - deps.config.chat.emailDelayMinutes * 60_000)
  // Per conversation and sending side: the newest message old enough to be worth an email.
  const due = await rowsOf<Due>(
    deps.db,
    sql`select c.id, c.customer_id, c.venue_id, c.created_at, c.last_seq, m.sender_side as side, max(m.seq) as due_seq
        from conversations c join messages m on m.conversation_id = c.id
        where c.last_message_at > ${new Date(now.getTime() - HORIZON_MS).toISOString()} and m.created_at <= ${cutoff.toISOString()}
        group by c.id, m.sender_side`,
  )
  if (due.length === 0) return 0
  const [staff, markers] = await Promise.all([
    memberIdsOf(
      deps.db,
      due.filter((d) => d.side === 'customer').map((d) => d.venue_id),
    ),
    deps.db
      .select()
      .from(conversationReads)
      .where(
        inArray(
          conversationReads.conversationId,
          due.map((d) => d.id),
        ),
      ),
  ])
  const markerOf = new Map(markers.map((m) => [`${m.conversationId}:${m.userId}`, m]))
  // Read without a lock, to skip the many who are not due; the upsert below decides for sure.
  const owed = (conversationId: string, userId: string, dueSeq: number) => {
    const m = markerOf.get(`${conversationId}:${userId}`)
    return !m || (m.readSeq < dueSeq && (m.emailedSeq === null || m.readSeq >= m.emailedSeq))
  }
  let queued = 0
  for (const d of due) {
    const c: Conversation = {
      id: d.id,
      customerId: d.customer_id,
      venueId: d.venue_id,
      createdAt: new Date(d.created_at),
      lastMessageAt: null,
      lastSeq: Number(d.last_seq),
    }
    const candidates = (d.side === 'customer' ? (staff.get(d.venue_id) ?? []) : [d.customer_id]).filter((u) => owed(c.id, u, Number(d.due_seq)))
    if (candidates.length === 0) continue
    const watching = await presence.watching(deps.db, c.id, candidates)
    for (const userId of candidates.filter((u) => !watching.has(u))) {
      queued += await deps.db.transaction(async (tx) => {
        // Claims the email: only if the user has not read `due_seq` and has read past the last email's.
        const [claimed] = await tx
          .insert(conversationReads)
          .values({ conversationId: c.id, userId, readSeq: 0, emailedSeq: Number(d.due_seq), updatedAt: now })
          .onConflictDoUpdate({
            target: [conversationReads.conversationId, conversationReads.userId],
            set: { emailedSeq: Number(d.due_seq), updatedAt: now },
            setWhere: sql`${conversationReads.readSeq} < ${Number(d.due_seq)}
              and (${conversationReads.emailedSeq} is null or ${conversationReads.readSeq} >= ${conversationReads.emailedSeq})`,
          })
          .returning({ userId: conversationReads.userId })
        if (!claimed) return 0
        const from = await sideName(tx, c, d.side)
        return notifyChat(tx, [userId], { template: 'messages_unread', from }, { venueId: c.venueId, conversationId: c.id, key: `${c.id}:${d.due_seq}` }, now)
      })
    }
  }
  return queued
}
