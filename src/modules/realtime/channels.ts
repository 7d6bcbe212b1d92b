import { sql } from 'drizzle-orm'
import { pgArray, type Executor } from '../../db/client.js'
import { envelopeOf, eventId, type EventEnvelope } from '../events/envelope.js'
import type { RelaySink } from '../events/relay.js'

/** NOTIFY channels between processes: every process's sockets hear every relay's events. */
export const EVENTS_CHANNEL = 'reservoir_events'
export const USER_CHANNEL = 'reservoir_user'
export const CHAT_CHANNEL = 'reservoir_chat'

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; bigger events travel by id.
export const MAX_NOTICE = 7_000

/** What an events notice carries: the envelope, or only its id when it is too big. */
export type EventNotice = EventEnvelope | { ref: number }

/**
 * The relay sink for realtime: one NOTIFY per event, sent by PostgreSQL at commit, so a
 * socket never hears of an event whose relay transaction rolled back.
 */
export const realtimeSink: RelaySink = {
  name: 'realtime',
  deliver: async (tx, events) => {
    const notices = events.map((e) => {
      const text = JSON.stringify(envelopeOf(e))
      return Buffer.byteLength(text) < MAX_NOTICE ? text : JSON.stringify({ ref: e.id, id: eventId(e.id) })
    })
    // One statement for the batch: a function scan yields the array in order, and notices
    // keep their order within a transaction.
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, n) from unnest(${pgArray(notices)}::text[]) as t(n)`)
  },
}

/** Pushes `message` to the user's `/ws/notifications` sockets, in every process, at commit. */
export async function notifyUser(ex: Executor, userId: string, message: Record<string, unknown>): Promise<void> {
  const text = JSON.stringify({ user_id: userId, message })
  const notice = Buffer.byteLength(text) < MAX_NOTICE ? text : JSON.stringify({ user_id: userId, message: { id: message.id ?? null, truncated: true } })
  await ex.execute(sql`select pg_notify(${USER_CHANNEL}, ${notice})`)
}

/**
 * Pushes a new chat message to the conversation's `/ws/chat/{id}` sockets, in every process,
 * at commit. A message too big for a notice goes as its id only (`truncated`): the client
 * reads it over HTTP.
 */
export async function notifyChat(ex: Executor, conversationId: string, message: { id: string }): Promise<void> {
  const text = JSON.stringify({ conversation_id: conversationId, message })
  const notice =
    Buffer.byteLength(text) < MAX_NOTICE
      ? text
      : JSON.stringify({ conversation_id: conversationId, message: { id: message.id, conversation_id: conversationId, truncated: true } })
  await ex.execute(sql`select pg_notify(${CHAT_CHANNEL}, ${notice})`)
}
