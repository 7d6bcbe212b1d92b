import { randomUUID } from 'node:crypto'
import { and, eq, gt, inArray, lte } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { chatPresence } from './schema.js'

// A live socket's row is renewed every HEARTBEAT and counts for TTL after its last renewal,
// so a process that died without closing its sockets stops counting within a TTL.
const HEARTBEAT_MS = 30_000
const TTL_MS = 90_000

/**
 * Who is watching a conversation, across every server process: one row per live chat socket,
 * written when it opens and deleted when it closes. Rows of a process that died expire.
 */
export class ChatPresence {
  /** This process's name on its rows, so its heartbeat renews its own rows only. */
  readonly processId = randomUUID()
  private live = 0
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly deps: Deps) {}

  /** Records a socket as open; answers the way to record it closed. */
  async enter(conversationId: string, userId: string): Promise<() => Promise<void>> {
    const [row] = await this.deps.db
      .insert(chatPresence)
      .values({ conversationId, userId, processId: this.processId, expiresAt: this.expiry() })
      .returning({ id: chatPresence.id })
    if (this.live++ === 0) this.startHeartbeat()
    let left = false
    return async () => {
      if (left) return
      left = true
      if (--this.live === 0) clearInterval(this.timer)
      await this.deps.db.delete(chatPresence).where(eq(chatPresence.id, row!.id))
    }
  }

  /** The users among `userIds` with a live socket on the conversation, on any process. */
  async watching(ex: Executor, conversationId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set()
    const rows = await ex
      .selectDistinct({ userId: chatPresence.userId })
      .from(chatPresence)
      .where(and(eq(chatPresence.conversationId, conversationId), inArray(chatPresence.userId, [...userIds]), gt(chatPresence.expiresAt, this.deps.clock())))
    return new Set(rows.map((r) => r.userId))
  }

  /** Renews this process's rows now (the heartbeat's work; tests call it after moving the clock). */
  async renew(): Promise<void> {
    await this.deps.db.update(chatPresence).set({ expiresAt: this.expiry() }).where(eq(chatPresence.processId, this.processId))
  }

  /** Removes rows that expired (a process that died); answers how many. */
  async purgeExpired(): Promise<number> {
    const gone = await this.deps.db.delete(chatPresence).where(lte(chatPresence.expiresAt, this.deps.clock())).returning({ id: chatPresence.id })
    return gone.length
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private expiry(): Date {
    return new Date(this.deps.clock().getTime() + TTL_MS)
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => void this.renew().catch(() => {}), HEARTBEAT_MS)
    this.timer.unref()
  }
}
