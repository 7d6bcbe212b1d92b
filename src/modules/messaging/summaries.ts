import { count, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Executor } from '../../db/client.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import { contactsOf } from '../auth/users.js'
import { venueIdsOfMember, venuesByIds } from '../venues/queries.js'
import type { Conversation } from './access.js'
import { conversations, messages, type ConversationSide } from './schema.js'
import { messageViews, type MessageView } from './views.js'

/** A conversation as one participant sees it in their list. */
export interface ConversationSummary {
  conversation: Conversation
  side: ConversationSide
  customerName: string
  venue: { name: string; kind: string }
  lastMessage: MessageView | null
  unread: number
}

/**
 * For each conversation, how many messages of the other side come after the user's read
 * marker, and the marker itself (0: nothing read), in one query.
 */
export async function unreadCounts(
  ex: Executor,
  userId: string,
  mine: readonly { conversation: Conversation; side: ConversationSide }[],
): Promise<Map<string, { unread: number; readSeq: number }>> {
  if (mine.length === 0) return new Map()
  const ids = mine.map((m) => m.conversation.id)
  const sides = mine.map((m) => m.side)
  const rows = await rowsOf<{ id: string; read_seq: string | number; unread: number }>(
    ex,
    sql`select t.id, coalesce(r.read_seq, 0) as read_seq,
          (select count(*)::int from messages m
           where m.conversation_id = t.id and m.seq > coalesce(r.read_seq, 0) and m.sender_side <> t.side) as unread
        from unnest(${pgArray(ids)}::uuid[], ${pgArray(sides)}::text[]) as t(id, side)
        left join conversation_reads r on r.conversation_id = t.id and r.user_id = ${userId}`,
  )
  return new Map(rows.map((r) => [r.id, { unread: r.unread, readSeq: Number(r.read_seq) }]))
}

/**
 * The user's conversations, as a customer and as staff of their venues, the most recently
 * active first, each with its last message and the user's unread count.
 */
export async function conversationsOf(ex: Executor, userId: string, page: PageParams): Promise<{ rows: ConversationSummary[]; count: number }> {
  const venueIds = await venueIdsOfMember(ex, userId)
  const where = or(eq(conversations.customerId, userId), venueIds.length > 0 ? inArray(conversations.venueId, venueIds) : undefined)
  const [rows, [total]] = await Promise.all([
    ex
      .select()
      .from(conversations)
      .where(where)
      .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), desc(conversations.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    ex.select({ n: count() }).from(conversations).where(where),
  ])
  return { rows: await summarize(ex, userId, rows), count: total!.n }
}

/** One conversation's summary for a participant. */
export async function summaryOf(ex: Executor, userId: string, conversation: Conversation): Promise<ConversationSummary> {
  return (await summarize(ex, userId, [conversation]))[0]!
}

async function summarize(ex: Executor, userId: string, rows: readonly Conversation[]): Promise<ConversationSummary[]> {
  if (rows.length === 0) return []
  // The customer side wins for someone on both (a customer later hired by the venue).
  const sideIn = (c: Conversation): ConversationSide => (c.customerId === userId ? 'customer' : 'venue')
  const mine = rows.map((conversation) => ({ conversation, side: sideIn(conversation) }))
  const lastSeqs = rows.filter((c) => c.lastSeq > 0).map((c) => c.lastSeq)
  const [counts, people, venues, last] = await Promise.all([
    unreadCounts(ex, userId, mine),
    contactsOf(
      ex,
      rows.map((c) => c.customerId),
    ),
    venuesByIds(
      ex,
      rows.map((c) => c.venueId),
    ),
    lastSeqs.length > 0 ? ex.select().from(messages).where(inArray(messages.seq, lastSeqs)) : Promise.resolve([]),
  ])
  const views = new Map((await messageViews(ex, last)).map((v, i) => [last[i]!.conversationId, v]))
  return mine.map(({ conversation, side }) => {
    const venue = venues.get(conversation.venueId)
    return {
      conversation,
      side,
      customerName: people.get(conversation.customerId)?.name ?? '',
      venue: { name: venue?.name ?? '', kind: venue?.kind ?? 'venue' },
      lastMessage: views.get(conversation.id) ?? null,
      unread: counts.get(conversation.id)?.unread ?? 0,
    }
  })
}
