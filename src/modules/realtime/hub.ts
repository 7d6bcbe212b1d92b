import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import type { Deps } from '../../deps.js'
import { envelopeOf, type EventEnvelope } from '../events/envelope.js'
import { eventById } from '../events/relay.js'
import type { DomainEventType } from '../events/domain-events.js'
import { CHAT_CHANNEL, EVENTS_CHANNEL, USER_CHANNEL, type EventNotice } from './channels.js'

export type Feed = 'reservations' | 'inventory' | 'notifications' | 'chat' | 'bookings'

const isRef = (n: EventNotice): n is { ref: number } => typeof (n as { ref?: unknown }).ref === 'number'

/** Which venue feed an event belongs on; null for events no dashboard shows. */
export function feedOf(type: DomainEventType): Feed | null {
  if (type.startsWith('reservation.') || type.startsWith('payment.') || type === 'waitlist.updated') return 'reservations'
  if (type === 'inventory.changed') return 'inventory'
  return null
}

// A client this far behind is dropped rather than allowed to grow the process's memory.
const MAX_BUFFERED_BYTES = 1 << 20
const PING_MS = 30_000

/**
 * This process's sockets, by feed and key (venue, user or conversation). Events arrive by NOTIFY from
 * whichever process relayed them, so every process's sockets hear every event. The hub
 * listens only while it has sockets: an idle API process holds no LISTEN connection.
 */
export class RealtimeHub {
  private readonly sockets = new Map<string, Set<WebSocket>>()
  private listening: Promise<Array<() => Promise<void>>> | undefined
  private ping: NodeJS.Timeout | undefined
  private readonly alive = new WeakSet<WebSocket>()
  // Channels whose LISTEN connection is being re-established, and the sockets that arrived
  // meanwhile: they are told `ready` only once every channel is back, since until then
  // events would not reach them.
  private readonly down = new Set<string>()
  private readonly waiting = new Map<WebSocket, () => void>()

  constructor(
    private readonly deps: Deps,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Adds a socket to a feed; it is sent `{type: "ready"}` once events can reach it. */
  async add(feed: Feed, key: string, socket: WebSocket): Promise<void> {
    const topic = `${feed}:${key}`
    let set = this.sockets.get(topic)
    if (!set) this.sockets.set(topic, (set = new Set()))
    set.add(socket)
    this.alive.add(socket)
    socket.on('pong', () => this.alive.add(socket))
    socket.on('close', () => {
      set.delete(socket)
      if (set.size === 0 && this.sockets.get(topic) === set) this.sockets.delete(topic)
    })
    // Read-only feeds: whatever a client sends is ignored.
    socket.on('message', () => {})
    await this.listen()
    const ready = () => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ready', feed, key }))
    }
    if (this.down.size === 0) return ready()
    this.waiting.set(socket, ready)
    socket.on('close', () => this.waiting.delete(socket))
  }

  async close(): Promise<void> {
    clearInterval(this.ping)
    this.closeAll(1001, 'server shutting down')
    for (const socket of this.waiting.keys()) socket.close(1001, 'server shutting down')
    this.waiting.clear()
    this.sockets.clear()
    const stops = await this.listening?.catch(() => [])
    this.listening = undefined
    await Promise.all((stops ?? []).map((stop) => stop()))
  }

  private listen() {
    this.listening ??= this.subscribe().catch((error: unknown) => {
      this.listening = undefined
      throw error
    })
    return this.listening
  }

  /** Every channel, or none: a half-made subscription is taken down again. */
  private async subscribe(): Promise<Array<() => Promise<void>>> {
    // Notices sent while a LISTEN connection was down are gone: sockets told `ready` before are
    // closed (1012) so their clients reconnect and read the current state again, rather than
    // go quietly stale. Sockets that arrived meanwhile were promised nothing yet: they wait.
    const lost = (channel: string) => () => this.down.add(channel)
    const resumed = (channel: string) => () => {
      this.down.delete(channel)
      this.closeAll(1012, 'feed interrupted, reconnect')
      if (this.down.size > 0) return
      for (const ready of this.waiting.values()) ready()
      this.waiting.clear()
    }
    const results = await Promise.allSettled([
      this.deps.database.listen(EVENTS_CHANNEL, (text) => void this.onEvent(text), resumed(EVENTS_CHANNEL), lost(EVENTS_CHANNEL)),
      this.deps.database.listen(USER_CHANNEL, (text) => void this.onUser(text), resumed(USER_CHANNEL), lost(USER_CHANNEL)),
      this.deps.database.listen(CHAT_CHANNEL, (text) => this.onChat(text), resumed(CHAT_CHANNEL), lost(CHAT_CHANNEL)),
    ])
    const stops = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const failed = results.find((r) => r.status === 'rejected')
    if (failed) {
      await Promise.all(stops.map((stop) => stop().catch(() => {})))
      throw failed.reason
    }
    clearInterval(this.ping)
    this.ping = setInterval(() => this.heartbeat(), PING_MS)
    this.ping.unref()
    return stops
  }

  // Any role that can connect may NOTIFY these channels: a payload is checked, never trusted,
  // and nothing in it may take the process down.
  private async onEvent(text: string): Promise<void> {
    try {
      const notice = JSON.parse(text) as EventNotice
      const event = isRef(notice) ? await this.load(notice.ref) : notice
      if (!event || typeof event.venue_id !== 'string' || typeof event.type !== 'string') return
      const feed = feedOf(event.type)
      if (feed) this.send(`${feed}:${event.venue_id}`, JSON.stringify({ type: 'event', event }))
    } catch (error) {
      this.log.warn({ err: error }, 'realtime: an event notice could not be delivered')
    }
  }

  // A user's notice is an in-app message (`message`) or an event of their own booking (`event`,
  // or `ref` when it was too big to travel): each goes to its own feed.
  private async onUser(text: string): Promise<void> {
    try {
      const notice = JSON.parse(text) as { user_id?: unknown; message?: unknown; event?: EventEnvelope; ref?: unknown }
      const userId = notice.user_id
      if (typeof userId !== 'string') return
      if (typeof notice.message === 'object' && notice.message !== null) {
        this.send(`notifications:${userId}`, JSON.stringify({ type: 'notification', notification: notice.message }))
        return
      }
      const event = typeof notice.ref === 'number' ? await this.load(notice.ref) : notice.event
      if (event && typeof event.type === 'string') this.send(`bookings:${userId}`, JSON.stringify({ type: 'event', event }))
    } catch {
      // not one of ours
    }
  }

  private onChat(text: string): void {
    try {
      const { conversation_id: conversationId, message } = JSON.parse(text) as { conversation_id?: unknown; message?: unknown }
      if (typeof conversationId !== 'string' || typeof message !== 'object' || message === null) return
      this.send(`chat:${conversationId}`, JSON.stringify({ type: 'message', message }))
    } catch {
      // not one of ours
    }
  }

  /** Closes every socket that was told `ready`; those still waiting for it stay. */
  private closeAll(code: number, reason: string): void {
    for (const set of this.sockets.values()) for (const s of set) if (!this.waiting.has(s)) s.close(code, reason)
  }

  private send(topic: string, frame: string): void {
    for (const socket of this.sockets.get(topic) ?? []) {
      if (socket.readyState !== socket.OPEN || this.waiting.has(socket)) continue
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.close(1013, 'too far behind, reconnect')
      else socket.send(frame)
    }
  }

  /** An event too big for a NOTIFY travels by id and is read back. */
  private async load(id: number): Promise<EventEnvelope | undefined> {
    const event = await eventById(this.deps.db, id)
    return event && envelopeOf(event)
  }

  private heartbeat(): void {
    // A peer that vanished without a close frame is found by a missed pong and dropped.
    for (const set of this.sockets.values()) {
      for (const socket of set) {
        if (!this.alive.has(socket)) {
          socket.terminate()
          continue
        }
        this.alive.delete(socket)
        socket.ping()
      }
    }
  }
}
