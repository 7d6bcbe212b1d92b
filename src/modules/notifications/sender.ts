import { and, eq, or, sql } from 'drizzle-orm'
import type { Logger } from 'pino'
import { rowsOf } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { notifyUser } from '../realtime/channels.js'
import { bodyAfterSending } from './account-mail.js'
import { isPermanent, type OutboundChannels } from './channels.js'
import { notifications, type NotificationChannel } from './schema.js'
import { inboxItem } from './views.js'

/** How the sender paces itself; tests may shrink these, production keeps the defaults. */
export interface SendPolicy {
  /** Rows claimed per round. */
  batch: number
  /** How long a claim is exclusive: longer than a whole batch can take, adapter timeouts included. */
  leaseMs: number
  maxAttempts: number
  /** The first retry's delay; each further one doubles it. */
  backoffMs: number
  /** Messages of one batch in flight at once. */
  concurrency: number
}

export const DEFAULT_POLICY: SendPolicy = { batch: 25, leaseMs: 5 * 60_000, maxAttempts: 5, backoffMs: 30_000, concurrency: 5 }

/** The delay before attempt `attempts + 1`: 30 s, 1 min, 2 min, 4 min … */
export const backoff = (policy: SendPolicy, attempts: number) => policy.backoffMs * 2 ** Math.max(0, attempts - 1)

// A send is not started this close to the end of its lease, which another sender may then take.
const LEASE_MARGIN_MS = 60_000
const MAX_ERROR_LENGTH = 1000

/** A claimed row: what sending needs, and the attempt number that fences its outcome. */
export interface Claimed {
  id: string
  channel: NotificationChannel
  recipient: string
  subject: string | null
  body: string
  calendar: string | null
  attempts: number
}

/**
 * Sends what is due, from any number of processes at once, each message once. A round claims
 * rows in one statement (`FOR UPDATE SKIP LOCKED`, then a lease pushed into next_attempt_at
 * with the attempt counted), sends them outside any transaction, and records each outcome
 * fenced by the attempt number, so a sender whose lease ran out cannot overwrite a later one.
 */
export class Sender {
  constructor(
    private readonly deps: Deps,
    private readonly channels: OutboundChannels,
    private readonly log: Logger,
    private readonly policy: SendPolicy = DEFAULT_POLICY,
  ) {}

  /** One round; answers how many messages it tried. */
  async sendDue(): Promise<number> {
    const now = this.deps.clock()
    const leaseUntil = new Date(now.getTime() + this.policy.leaseMs)
    const claimed = await rowsOf<Claimed>(
      this.deps.db,
      sql`
      update notifications set attempts = attempts + 1, next_attempt_at = ${leaseUntil}
      where id in (
        select id from notifications where status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at limit ${this.policy.batch} for update skip locked)
      returning id, channel, recipient, subject, body, calendar, attempts`,
    )
    if (claimed.length === 0) return 0
    await this.deliverInApp(claimed.filter((m) => m.channel === 'in_app'))
    const outbound = claimed.filter((m) => m.channel !== 'in_app')
    let next = 0
    const worker = async () => {
      while (next < outbound.length) await this.sendOne(outbound[next++]!, leaseUntil)
    }
    await Promise.all(Array.from({ length: Math.min(this.policy.concurrency, outbound.length) }, worker))
    return claimed.length
  }

  /** In-app messages are already stored: sending marks them sent and pushes them at commit. */
  private async deliverInApp(messages: Claimed[]): Promise<void> {
    if (messages.length === 0) return
    const now = this.deps.clock()
    await this.deps.db.transaction(async (tx) => {
      const sent = await tx
        .update(notifications)
        .set({ status: 'sent', sentAt: now, lastError: null })
        .where(and(eq(notifications.status, 'pending'), or(...messages.map((m) => and(eq(notifications.id, m.id), eq(notifications.attempts, m.attempts))))))
        .returning()
      for (const n of sent) if (n.userId) await notifyUser(tx, n.userId, inboxItem(n))
    })
  }

  private async sendOne(m: Claimed, leaseUntil: Date): Promise<void> {
    // Left pending under its lease; it comes round again once the lease is over.
    if (this.deps.clock().getTime() > leaseUntil.getTime() - LEASE_MARGIN_MS) return
    const channel = this.channels[m.channel as 'sms' | 'email']
    let outcome: { providerId: string } | { error: unknown }
    try {
      outcome = await channel.send({ id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, calendar: m.calendar })
    } catch (error) {
      outcome = { error }
    }
    try {
      if ('providerId' in outcome) await this.recordSent(m, outcome.providerId)
      else await this.recordFailure(m, outcome.error)
    } catch (error) {
      // The database is away: the lease runs out and the message is tried again (at least once).
      this.log.error({ err: error, notification_id: m.id }, 'could not record a notification outcome')
    }
  }

  private async recordSent(m: Claimed, providerId: string): Promise<void> {
    // Fenced by the attempt only: a reminder withdrawn while this send was under way did go
    // out, and the log must say so.
    await this.deps.db
      .update(notifications)
      .set({ status: 'sent', sentAt: this.deps.clock(), providerId, lastError: null, body: bodyAfterSending() })
      .where(and(eq(notifications.id, m.id), eq(notifications.attempts, m.attempts)))
  }

  /** A permanent failure or the last attempt ends the message `failed`; anything else is retried later. */
  private async recordFailure(m: Claimed, error: unknown): Promise<void> {
    const now = this.deps.clock()
    const final = isPermanent(error) || m.attempts >= this.policy.maxAttempts
    const text = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH)
    this.log.warn({ notification_id: m.id, channel: m.channel, attempts: m.attempts, final, error: text }, 'notification not sent')
    await this.deps.db
      .update(notifications)
      .set({
        status: final ? 'failed' : 'pending',
        lastError: text,
        nextAttemptAt: final ? now : new Date(now.getTime() + backoff(this.policy, m.attempts)),
        ...(final ? { body: bodyAfterSending() } : {}),
      })
      .where(and(eq(notifications.id, m.id), eq(notifications.attempts, m.attempts), eq(notifications.status, 'pending')))
  }
}
