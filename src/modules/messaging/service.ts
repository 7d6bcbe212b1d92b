import { and, desc, eq, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { forbidden, invalidInput, notFound } from '../../http/errors.js'
import type { PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { practitionerById, practitionerOfVenue } from '../practitioners/queries.js'
import { hasBookedAt } from '../reservations/reads.js'
import { venueRoleOf } from '../venues/access.js'
import { venuesByIds } from '../venues/queries.js'
import { participantOf, type Conversation } from './access.js'
import { ChatPresence } from './presence.js'
import { conversations, messages } from './schema.js'
import type { OpenBody, SendBody } from './schemas.js'
import { draftOf, moveReadMarker, writeMessage, type Draft } from './send.js'
import { conversationsOf, summaryOf, unreadCounts, type ConversationSummary } from './summaries.js'
import { emailUnread } from './unread-mail.js'
import { messageViews, type MessageView } from './views.js'

/**
 * Conversations between a customer and a venue (a practitioner's business is a venue), their
 * messages and read markers. Only participants see a conversation; everyone else gets 404.
 */
export class MessagingService {
  /** Live chat sockets of this process, recorded for every process to see. */
  readonly presence: ChatPresence

  constructor(private readonly deps: Deps) {
    this.presence = new ChatPresence(deps)
  }

  /**
   * Opens the conversation between a customer and a venue, or answers the one they have
   * (`created` false). A customer names the venue or the practitioner; a venue's staff name
   * the venue and a customer who has booked there. An optional first message goes with it.
   */
  async open(who: AccessClaims, body: OpenBody): Promise<{ conversation: Conversation; created: boolean; message: MessageView | null }> {
    const venueId = await this.venueOf(body)
    let customerId = who.userId
    const role = await venueRoleOf(this.deps.db, venueId, who.userId)
    if (body.customer_id) {
      if (body.customer_id === who.userId) throw invalidInput('Name a customer other than yourself', { field: 'customer_id' })
      if (!role) throw forbidden("Only the venue's staff open a conversation with a customer")
      // Staff may write first only to people who booked with them: no cold messages to any account.
      if (!(await hasBookedAt(this.deps.db, body.customer_id, venueId))) throw notFound('Customer')
      customerId = body.customer_id
    } else if (role) {
      throw invalidInput('You work at this venue: name the customer to write to (customer_id)', { field: 'customer_id' })
    }
    const side = body.customer_id ? 'venue' : 'customer'
    const draft: Draft | null = body.text !== undefined || body.media_ids !== undefined ? await draftOf(this.deps.db, who.userId, body) : null
    const now = this.deps.clock()
    return this.deps.db.transaction(async (tx) => {
      const [made] = await tx.insert(conversations).values({ customerId, venueId, createdAt: now }).onConflictDoNothing().returning()
      const conversation =
        made ??
        (
          await tx
            .select()
            .from(conversations)
            .where(and(eq(conversations.customerId, customerId), eq(conversations.venueId, venueId)))
        )[0]!
      if (!draft) return { conversation, created: !!made, message: null }
      const message = await writeMessage(tx, this.presence, conversation, { userId: who.userId, side }, draft, now)
      // Read again: the message moved its last seq, which the answer's last message comes from.
      const [moved] = await tx.select().from(conversations).where(eq(conversations.id, conversation.id))
      return { conversation: moved!, created: !!made, message }
    })
  }

  /** The `email-unread-messages` job; answers how many emails it queued. */
  async emailUnread(): Promise<number> {
    return emailUnread(this.deps, this.presence)
  }

  /** 404 unless the user is a participant of the conversation (the chat socket's handshake). */
  async participant(userId: string, id: string): Promise<void> {
    await participantOf(this.deps.db, userId, id)
  }

  /** The caller's conversations (as a customer and as staff), the most recently active first. */
  async list(who: AccessClaims, page: PageParams) {
    return conversationsOf(this.deps.db, who.userId, page)
  }

  /** The caller's conversation, with its last message and their unread count; 404 unless they are on one of its sides. */
  async get(who: AccessClaims, id: string): Promise<ConversationSummary> {
    const { conversation } = await participantOf(this.deps.db, who.userId, id)
    return summaryOf(this.deps.db, who.userId, conversation)
  }

  /** A summary for the caller of a conversation they just opened. */
  async summary(who: AccessClaims, conversation: Conversation): Promise<ConversationSummary> {
    return summaryOf(this.deps.db, who.userId, conversation)
  }

  /** Sends a message as the caller's side. */
  async send(who: AccessClaims, id: string, body: SendBody): Promise<MessageView> {
    const { conversation, side } = await participantOf(this.deps.db, who.userId, id)
    const draft = await draftOf(this.deps.db, who.userId, body)
    const now = this.deps.clock()
    return this.deps.db.transaction((tx) => writeMessage(tx, this.presence, conversation, { userId: who.userId, side }, draft, now))
  }

  /**
   * The conversation's messages, newest first: `page_size` of them before the message
   * `before` (the newest without it). A cursor rather than pages, so that messages arriving
   * meanwhile do not shift what the next page holds.
   */
  async history(who: AccessClaims, id: string, q: { before?: string; page_size?: number }) {
    await participantOf(this.deps.db, who.userId, id)
    const pageSize = q.page_size ?? 20
    let beforeSeq: number | undefined
    if (q.before) {
      const [cursor] = await this.deps.db
        .select({ seq: messages.seq })
        .from(messages)
        .where(and(eq(messages.id, q.before), eq(messages.conversationId, id)))
      if (!cursor) throw invalidInput('`before` is not a message of this conversation', { field: 'before' })
      beforeSeq = cursor.seq
    }
    const where = and(eq(messages.conversationId, id), beforeSeq === undefined ? undefined : sql`${messages.seq} < ${beforeSeq}`)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(messages)
        .where(where)
        .orderBy(desc(messages.seq))
        .limit(pageSize + 1),
      this.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(eq(messages.conversationId, id)),
    ])
    const page = rows.slice(0, pageSize)
    return { results: await messageViews(this.deps.db, page), count: total!.n, more: rows.length > pageSize, pageSize }
  }

  /**
   * Moves the caller's read marker to `message_id` (the latest message by default); it only
   * moves forward. Answers the marker and what is still unread.
   */
  async markRead(who: AccessClaims, id: string, messageId: string | undefined) {
    const { conversation, side } = await participantOf(this.deps.db, who.userId, id)
    let seq = conversation.lastSeq
    if (messageId) {
      const [m] = await this.deps.db
        .select({ seq: messages.seq })
        .from(messages)
        .where(and(eq(messages.id, messageId), eq(messages.conversationId, id)))
      if (!m) throw invalidInput('Not a message of this conversation', { field: 'message_id' })
      seq = m.seq
    }
    if (seq > 0) await moveReadMarker(this.deps.db, id, who.userId, seq, this.deps.clock())
    const { unread, readSeq } = (await unreadCounts(this.deps.db, who.userId, [{ conversation, side }])).get(id)!
    const [through] = readSeq > 0 ? await this.deps.db.select({ id: messages.id }).from(messages).where(eq(messages.seq, readSeq)) : []
    return { conversation_id: id, read_through: through?.id ?? null, unread_count: unread }
  }

  /** The venue a new conversation is with: named directly, or as a verified practitioner's business. */
  private async venueOf(body: OpenBody): Promise<string> {
    if ((body.venue_id === undefined) === (body.practitioner_id === undefined)) {
      throw invalidInput('Name either venue_id or practitioner_id', { field: 'venue_id' })
    }
    if (body.practitioner_id) {
      if (body.customer_id) throw invalidInput('A customer is named with venue_id', { field: 'practitioner_id' })
      const p = await practitionerById(this.deps.db, body.practitioner_id)
      if (!p || p.verificationStatus !== 'verified') throw notFound('Practitioner')
      return p.venueId
    }
    const venueId = body.venue_id!
    if (!(await venuesByIds(this.deps.db, [venueId])).has(venueId)) throw notFound('Venue')
    // A practitioner not verified yet is not public: customers cannot find it to write to.
    const p = await practitionerOfVenue(this.deps.db, venueId)
    if (p && p.verificationStatus !== 'verified' && !body.customer_id) throw notFound('Venue')
    return venueId
  }
}
