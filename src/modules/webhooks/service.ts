import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { AppError, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { eventId } from '../events/envelope.js'
import type { RelaySink } from '../events/relay.js'
import { ANY_STAFF, MANAGERS, isVenueStaff, requireVenueRole } from '../venues/access.js'
import { escapeLike, type VenueService } from '../venues/service.js'
import { bodyText, claimDue, fanOut, recordOutcome, type Claimed } from './delivery.js'
import { webhookDeliveries, webhookSubscriptions } from './schema.js'
import type { CreateWebhookBody, DeliveryListQuery, UpdateWebhookBody, WebhookListQuery } from './schemas.js'
import { postWebhook, type SendResult } from './sender.js'
import { newSecret, signedHeaders } from './signing.js'
import { assertWebhookUrl } from './url-guard.js'

export type WebhookSubscription = typeof webhookSubscriptions.$inferSelect
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect

const CLAIM_BATCH = 20
// A handful at once: one slow receiver must not hold up the others, nor may we flood anyone.
const CONCURRENCY = 4
// Rounds per call: a success can release the next event of its aggregate, which is sent in
// the following round rather than a second later; the cap leaves the rest to the next call.
const MAX_ROUNDS = 50

/** A venue's outbound webhooks: subscriptions, signed deliveries with retries, the delivery log. */
export class OutboundWebhooks {
  /** Fans relayed events out to matching subscriptions as pending deliveries, in the relay's transaction. */
  readonly sink: RelaySink = { name: 'webhooks', deliver: (tx, events) => fanOut(tx, events, this.deps.clock()) }

  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /** A new subscription; its secret is in the answer and never shown again (except by rotating). */
  async create(who: AccessClaims, venueId: string, body: CreateWebhookBody): Promise<WebhookSubscription> {
    await this.venues.asStaff(who, venueId, MANAGERS)
    await assertWebhookUrl(body.url, this.deps.config.webhooksAllowPrivate)
    const now = this.deps.clock()
    const [row] = await this.deps.db
      .insert(webhookSubscriptions)
      .values({
        venueId,
        url: body.url,
        description: body.description ?? null,
        eventTypes: body.event_types ?? [],
        secret: newSecret(),
        createdBy: who.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    return row!
  }

  /** The venue's subscriptions, oldest first. */
  async list(who: AccessClaims, venueId: string, q: WebhookListQuery, page: PageParams) {
    await this.venues.asStaff(who, venueId, MANAGERS)
    const s = webhookSubscriptions
    const where = and(
      eq(s.venueId, venueId),
      q.enabled === undefined ? undefined : q.enabled ? isNull(s.disabledAt) : isNotNull(s.disabledAt),
      q.search ? or(ilike(s.url, `%${escapeLike(q.search)}%`), ilike(s.description, `%${escapeLike(q.search)}%`)) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(s).where(where).orderBy(asc(s.createdAt), asc(s.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(s).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** One subscription, for the managers of its venue. */
  async get(who: AccessClaims, id: string): Promise<WebhookSubscription> {
    return this.managed(who, id)
  }

  /** Edits url, event types, description; `enabled` turns it off, or back on with a clean slate. */
  async update(who: AccessClaims, id: string, patch: UpdateWebhookBody): Promise<WebhookSubscription> {
    const current = await this.managed(who, id)
    if (patch.url !== undefined) await assertWebhookUrl(patch.url, this.deps.config.webhooksAllowPrivate)
    const now = this.deps.clock()
    const s = webhookSubscriptions
    const switched =
      patch.enabled === true
        ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 }
        : patch.enabled === false
          ? // Disabling twice keeps the first time and reason (a manager's, or the failures').
            {
              disabledAt: sql`coalesce(${s.disabledAt}, ${now})`,
              disabledReason: sql`case when ${s.disabledAt} is null then 'disabled by a manager' else ${s.disabledReason} end`,
            }
          : {}
    const [row] = await this.deps.db
      .update(s)
      .set({ url: patch.url, eventTypes: patch.event_types, description: patch.description, ...switched, updatedAt: now })
      .where(eq(s.id, current.id))
      .returning()
    if (!row) throw notFound('Webhook')
    return row
  }

  /** Removes the subscription and its delivery log; anything in flight is simply not recorded. */
  async remove(who: AccessClaims, id: string): Promise<void> {
    const current = await this.managed(who, id)
    await this.deps.db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, current.id))
  }

  /** Replaces the secret at once; attempts from now on are signed with the new one only. */
  async rotateSecret(who: AccessClaims, id: string): Promise<WebhookSubscription> {
    const current = await this.managed(who, id)
    const [row] = await this.deps.db
      .update(webhookSubscriptions)
      .set({ secret: newSecret(), updatedAt: this.deps.clock() })
      .where(eq(webhookSubscriptions.id, current.id))
      .returning()
    if (!row) throw notFound('Webhook')
    return row
  }

  /** The delivery log of a subscription, newest first. */
  async deliveries(who: AccessClaims, id: string, q: DeliveryListQuery, page: PageParams) {
    const sub = await this.managed(who, id)
    const d = webhookDeliveries
    const where = and(eq(d.subscriptionId, sub.id), q.status ? eq(d.status, q.status) : undefined, q.event_type ? eq(d.eventType, q.event_type) : undefined)
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(d).where(where).orderBy(desc(d.createdAt), desc(d.eventId)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(d).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** Puts a failed delivery back in the queue, due now, for one more attempt. */
  async retry(who: AccessClaims, deliveryId: string): Promise<WebhookDelivery> {
    const [found] = await this.deps.db
      .select({ subscriptionId: webhookDeliveries.subscriptionId })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, deliveryId))
    if (!found) throw notFound('Webhook delivery')
    await this.managed(who, found.subscriptionId, 'Webhook delivery')
    const [row] = await this.deps.db
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: this.deps.clock() })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'failed')))
      .returning()
    if (row) return row
    const [current] = await this.deps.db.select({ status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId))
    if (!current) throw notFound('Webhook delivery')
    throw new AppError('invalid_transition', `A ${current.status} delivery cannot be retried; only a failed one can`, { from: current.status, to: 'pending' })
  }

  /** The delivery loop: sends due deliveries, schedules retries. Answers how many it tried. */
  async deliverDue(): Promise<number> {
    let tried = 0
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const claimed = await claimDue(this.deps.db, this.deps.clock(), CLAIM_BATCH)
      if (claimed.length === 0) break
      await eachLimited(claimed, CONCURRENCY, (c) => this.attempt(c))
      tried += claimed.length
    }
    return tried
  }

  /** One attempt, outside any transaction: sign, POST, record. */
  private async attempt(c: Claimed): Promise<void> {
    let result: SendResult
    try {
      const body = bodyText(c.body)
      const headers = signedHeaders(c.secret, eventId(c.eventId), this.deps.clock(), body)
      result = await postWebhook(c.url, headers, body, this.deps.config.webhooksAllowPrivate)
    } catch (e) {
      // Recorded like any failure: an attempt that throws would otherwise come back after
      // every lease, forever, with nothing in the log to say why.
      result = { ok: false, status: null, error: e instanceof Error ? e.message.slice(0, 300) : 'could not send' }
    }
    await recordOutcome(this.deps.db, c, result, this.deps.clock())
  }

  /**
   * The subscription if the caller manages its venue. Like reservations, it is 404 to anyone
   * who does not work there, so ids leak nothing; the venue's plain staff get 403.
   */
  private async managed(who: AccessClaims, id: string, what = 'Webhook'): Promise<WebhookSubscription> {
    const [row] = await this.deps.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id))
    if (!row || !(await isVenueStaff(this.deps.db, who, row.venueId, ANY_STAFF))) throw notFound(what)
    await requireVenueRole(this.deps.db, who, row.venueId, MANAGERS)
    return row
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
