import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { media } from '../media/schema.js'
import { venues } from '../venues/schema.js'

/** The two sides of a conversation: the customer, and the venue (its staff share that side). */
export const conversationSides = ['customer', 'venue'] as const
export type ConversationSide = (typeof conversationSides)[number]

/** The longest text of one message, in characters. */
export const MAX_MESSAGE_LENGTH = 4000
/** The most uploads one message carries. */
export const MAX_ATTACHMENTS = 10

/**
 * One conversation per customer and venue, reused whoever opens it. A practitioner's
 * business is a venue (kind `practitioner`), so the other side is always a venue.
 * `last_seq` and `last_message_at` move with each message, for the list's order.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => users.id),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('conversations_pair_key').on(t.customerId, t.venueId),
    index('conversations_venue_idx').on(t.venueId, t.lastMessageAt),
    check('conversations_last_seq_check', sql`${t.lastSeq} >= 0`),
  ],
)

/**
 * A message, never edited. `seq` orders messages (the clock may give two the same instant)
 * and is what read markers point at. `sender_side` is fixed when it is sent: a staff member
 * who leaves the venue leaves their messages on the venue's side.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    senderSide: text('sender_side', { enum: conversationSides }).notNull(),
    text: text('text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('messages_seq_key').on(t.seq),
    index('messages_history_idx').on(t.conversationId, t.seq),
    check('messages_sender_side_check', sql`${t.senderSide} in (${literalList(conversationSides)})`),
    check('messages_text_length_check', sql`char_length(${t.text}) <= ${sql.raw(String(MAX_MESSAGE_LENGTH))}`),
  ],
)

/** The uploads a message carries, in the order sent; a media id is read like its message. */
export const messageMedia = pgTable(
  'message_media',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    mediaId: uuid('media_id')
      .notNull()
      .references(() => media.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.mediaId] }),
    index('message_media_media_idx').on(t.mediaId),
    check('message_media_position_check', sql`${t.position} >= 0 and ${t.position} < ${sql.raw(String(MAX_ATTACHMENTS))}`),
  ],
)

/**
 * Per participant user: how far they have read (`read_seq`, a message's seq; markers only
 * move forward) and the seq an unread-messages email was last sent about, so that email
 * goes once per conversation until they read past it.
 */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readSeq: bigint('read_seq', { mode: 'number' }).notNull().default(0),
    emailedSeq: bigint('emailed_seq', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), check('conversation_reads_read_seq_check', sql`${t.readSeq} >= 0`)],
)

/**
 * One row per live chat socket, on whichever server process holds it: a participant with a
 * row whose `expires_at` is ahead is connected. The process renews its rows on a heartbeat
 * and deletes each on close; a process that dies leaves rows that simply expire.
 */
export const chatPresence = pgTable(
  'chat_presence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    processId: uuid('process_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('chat_presence_conversation_idx').on(t.conversationId, t.userId), index('chat_presence_process_idx').on(t.processId)],
)
