import { and, asc, count, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm'
import { pino, type Logger } from 'pino'
import type { Deps } from '../../deps.js'
import { notFound } from '../../http/errors.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { RelaySink } from '../events/relay.js'
import { ANY_STAFF, requireVenueRole } from '../venues/access.js'
import { venuesByIds } from '../venues/queries.js'
import { escapeLike } from '../venues/service.js'
import type { OutboundChannels } from './channels.js'
import { organizerOf } from '../ical/invites.js'
import { createChannels } from './providers.js'
import { queueForEvents } from './queue.js'
import { queueReminders } from './reminders.js'
import { notifications } from './schema.js'
import type { InboxQuery, VenueLogQuery } from './schemas.js'
import { DEFAULT_POLICY, Sender, type SendPolicy } from './sender.js'
import type { Notification } from './views.js'

/** What tests may swap: the adapters that leave the process, the logger, the sender's pacing. */
export interface NotificationOptions {
  channels?: Partial<OutboundChannels>
  log?: Logger
  policy?: Partial<SendPolicy>
}

/** Messages to customers and staff (SPEC §9): queued in a transaction, sent after commit. */
export class NotificationService {
  /** Turns relayed domain events into queued messages, in the relay's transaction. */
  readonly sink: RelaySink = {
    name: 'notifications',
    deliver: async (tx, events) => {
      await queueForEvents(tx, events, this.deps.clock(), organizerOf(this.deps.config.smtp.from))
    },
  }

  /** The adapters in use, by channel (the development one when a provider is not configured). */
  readonly channels: OutboundChannels
  private readonly sender: Sender

  constructor(
    private readonly deps: Deps,
    options: NotificationOptions = {},
  ) {
    const log = options.log ?? pino({ level: deps.config.logLevel, name: 'notifications' })
    this.channels = { ...createChannels(deps.config, log), ...options.channels }
    this.sender = new Sender(deps, this.channels, log, { ...DEFAULT_POLICY, ...options.policy })
  }

  /** The sender loop: sends what is due, retries with backoff. Answers how many it tried. */
  async sendDue(): Promise<number> {
    return this.sender.sendDue()
  }

  /** The `send-reminders` job (every 5 minutes). Answers how many reminders it queued. */
  async sendReminders(): Promise<number> {
    return queueReminders(this.deps.db, this.deps.clock())
  }

  /** The caller's own in-app messages, newest first unless asked otherwise. */
  async inbox(who: AccessClaims, q: InboxQuery, page: PageParams) {
    const where = and(
      eq(notifications.userId, who.userId),
      eq(notifications.channel, 'in_app'),
      q.unread ? isNull(notifications.readAt) : undefined,
      this.searchOf(q.search),
    )
    return this.page(where, q.ordering, page)
  }

  /** Marks one of the caller's messages read; reading it again keeps the first time. 404 for anyone else's. */
  async markRead(who: AccessClaims, id: string): Promise<Notification> {
    const mine = and(eq(notifications.id, id), eq(notifications.userId, who.userId), eq(notifications.channel, 'in_app'))
    const [updated] = await this.deps.db
      .update(notifications)
      .set({ readAt: this.deps.clock() })
      .where(and(mine, isNull(notifications.readAt)))
      .returning()
    if (updated) return updated
    const [already] = await this.deps.db.select().from(notifications).where(mine)
    if (!already) throw notFound('Notification')
    return already
  }

  /** Every message about a venue on any channel, for its staff: what went out and what failed. */
  async venueLog(who: AccessClaims, venueId: string, q: VenueLogQuery, page: PageParams) {
    if (!(await venuesByIds(this.deps.db, [venueId])).has(venueId)) throw notFound('Venue')
    await requireVenueRole(this.deps.db, who, venueId, ANY_STAFF)
    const where = and(
      eq(notifications.venueId, venueId),
      q.status ? eq(notifications.status, q.status) : undefined,
      q.channel ? eq(notifications.channel, q.channel) : undefined,
      q.template ? eq(notifications.template, q.template) : undefined,
      this.searchOf(q.search, true),
    )
    return this.page(where, q.ordering, page)
  }

  private searchOf(search: string | undefined, byRecipient = false): SQL | undefined {
    if (!search) return undefined
    const like = `%${escapeLike(search)}%`
    return or(ilike(notifications.subject, like), ilike(notifications.body, like), byRecipient ? ilike(notifications.recipient, like) : undefined)
  }

  private async page(where: SQL | undefined, ordering: string | undefined, page: PageParams) {
    const order = parseOrdering<'created_at'>(ordering, '-created_at')
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(order.desc ? desc(notifications.createdAt) : asc(notifications.createdAt), asc(notifications.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(notifications).where(where),
    ])
    return { rows, count: total!.n }
  }
}
