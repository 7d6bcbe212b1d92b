import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { DateTime } from '../../luxon.js'
import type { Deps } from '../../deps.js'
import { rowsOf } from '../../db/client.js'
import { AppError, forbidden, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { contactsOf } from '../auth/users.js'
import type { RelaySink } from '../events/relay.js'
import { notifyPractitioner } from '../notifications/practitioner-mail.js'
import { practitionerById, practitionerInScope, practitionersByIds, type Practitioner } from '../practitioners/queries.js'
import { ANY_STAFF, MANAGERS, type VenueRole } from '../venues/access.js'
import { venuesByIds } from '../venues/queries.js'
import { commissionDiscount } from '../subscriptions/billing.js'
import { adjustForRefund, clearEarnings, earnFromCompletion, lockAccount, monthVolume, tierOf, type Earning } from './ledger.js'
import { payOut, payoutMinimum, transfer, type Payout } from './payouts.js'
import { earnings, payoutAccounts, payouts, type EarningStatus } from './schema.js'

export interface EarningsQuery {
  practitioner_id?: string
  status?: EarningStatus
  kind?: 'earning' | 'adjustment'
  from?: string
  to?: string
}

export interface Summary {
  practitioner: Practitioner
  currency: string
  byStatus: Record<EarningStatus, number>
  month: string
  volume: number
  tier: number
  rateBp: number
  minimum: number
  nextPayout: { at: Date; estimate: number }
  payoutsEnabled: boolean
  held: boolean
}

/** Pending payouts older than this get their transfer sent again (same key); Stripe keeps keys 24 h. */
const RETRY_AFTER_MS = 5 * 60_000
const RETRY_UNTIL_MS = 23 * 3600_000

/**
 * The marketplace's money after booking: earnings from completed bookings (written by the
 * relay, from `reservation.completed` and `payment.refunded`), Connect onboarding, payouts and
 * what a practitioner's staff read of them.
 */
export class EarningsService {
  constructor(private readonly deps: Deps) {}

  /** Earnings are written in the relay's transaction, once per event (unique per booking and refund). */
  readonly sink: RelaySink = {
    name: 'earnings',
    deliver: async (tx, events) => {
      for (const e of events) {
        if (e.type === 'reservation.completed') await earnFromCompletion(tx, e, this.deps.config.earnings)
        else if (e.type === 'payment.refunded') await adjustForRefund(tx, e, this.deps.clock())
      }
    },
  }

  /**
   * Creates (or resumes) the practitioner's Express account and answers a fresh onboarding
   * link. One account per practitioner: the key `{practitioner_id}-account` makes two first
   * requests one account, and the row keeps the first stored.
   */
  async connect(who: AccessClaims, practitionerId?: string) {
    const p = await this.practitionerFor(who, practitionerId, MANAGERS)
    const now = this.deps.clock()
    let account = await this.account(p.id)
    if (!account?.stripeAccountId) {
      const email = (await contactsOf(this.deps.db, [p.userId])).get(p.userId)?.email ?? ''
      const created = await this.deps.gateway
        .createAccount({ email, metadata: { practitioner_id: p.id }, idempotencyKey: `${p.id}-account` })
        .catch(gatewayError)
      account = await this.deps.db.transaction(async (tx) => {
        const locked = await lockAccount(tx, p.id, now)
        if (locked.stripeAccountId) return locked
        const [stored] = await tx
          .update(payoutAccounts)
          .set({ stripeAccountId: created.id, payoutsEnabled: created.payoutsEnabled, detailsSubmitted: created.detailsSubmitted, updatedAt: now })
          .where(eq(payoutAccounts.practitionerId, p.id))
          .returning()
        return stored!
      })
    }
    const base = `${this.deps.config.publicUrl}/api/v1/practitioner/connect`
    const link = await this.deps.gateway
      .createAccountLink({ accountId: account.stripeAccountId!, returnUrl: `${base}?done=1`, refreshUrl: `${base}?refresh=1` })
      .catch(gatewayError)
    return { accountId: account.stripeAccountId!, url: link.url, expiresAt: link.expiresAt, payoutsEnabled: account.payoutsEnabled }
  }

  /** A payout of everything available now, asked by the practitioner's owners or managers. */
  async requestPayout(who: AccessClaims, practitionerId?: string): Promise<Payout> {
    const p = await this.practitionerFor(who, practitionerId, MANAGERS)
    return payOut(this.deps, p.id, await this.currencyOf(p), 'request')
  }

  /**
   * The weekly run: every practitioner whose account may receive payouts, not held, with at
   * least the minimum available. Answers how many payouts it made; one practitioner's refusal
   * or failure does not stop the others.
   */
  async weeklyPayouts(): Promise<number> {
    const now = this.deps.clock()
    await clearEarnings(this.deps.db, now)
    const due = await rowsOf<{ practitioner_id: string; currency: string; net: string | number }>(
      this.deps.db,
      sql`select e.practitioner_id, e.currency, sum(e.net) as net from earnings e
        join payout_accounts a on a.practitioner_id = e.practitioner_id
        where e.status = 'available' and e.payout_id is null and a.payouts_enabled and a.held_at is null and a.stripe_account_id is not null
        group by e.practitioner_id, e.currency`,
    )
    let made = 0
    for (const d of due) {
      if (Number(d.net) < payoutMinimum(this.deps, d.currency)) continue
      try {
        const payout = await payOut(this.deps, d.practitioner_id, d.currency, 'weekly')
        if (payout.status !== 'failed') made++
      } catch (error) {
        // Someone else's request got there first, or the account changed: nothing to do here.
        if (!(error instanceof AppError)) throw error
      }
    }
    return made
  }

  /** The hourly pass: clears what is due and resends transfers that got no answer. Answers both counts together. */
  async clearAndRetry(): Promise<number> {
    const now = this.deps.clock()
    const cleared = await this.deps.db.transaction(async (tx) => {
      const sums = await clearEarnings(tx, now)
      const owners = await practitionersByIds(
        tx,
        sums.map((c) => c.practitionerId),
      )
      for (const c of sums.filter((c) => c.net > 0)) {
        const p = owners.get(c.practitionerId)!
        await notifyPractitioner(
          tx,
          { userId: p.userId, venueId: p.venueId },
          { template: 'earnings_available', amount: c.net, currency: c.currency },
          { id: p.id, key: `${p.id}:${now.toISOString()}` },
          now,
        )
      }
      return sums.length
    })
    const stuck = await this.deps.db
      .select()
      .from(payouts)
      .where(
        and(
          eq(payouts.status, 'pending'),
          lt(payouts.createdAt, new Date(now.getTime() - RETRY_AFTER_MS)),
          gte(payouts.createdAt, new Date(now.getTime() - RETRY_UNTIL_MS)),
        ),
      )
    for (const payout of stuck) await transfer(this.deps, payout)
    return cleared + stuck.length
  }

  /** Admins hold (or release) a practitioner's payouts; earnings keep accruing. */
  async hold(who: AccessClaims, practitionerId: string, input: { held: boolean; reason?: string }) {
    if (who.role !== 'admin') throw forbidden('Only administrators hold payouts')
    if (!(await practitionerById(this.deps.db, practitionerId))) throw notFound('Practitioner')
    const now = this.deps.clock()
    return this.deps.db.transaction(async (tx) => {
      await lockAccount(tx, practitionerId, now)
      const [row] = await tx
        .update(payoutAccounts)
        .set(input.held ? { heldAt: now, heldReason: input.reason ?? null, updatedAt: now } : { heldAt: null, heldReason: null, updatedAt: now })
        .where(eq(payoutAccounts.practitionerId, practitionerId))
        .returning()
      return row!
    })
  }

  async earnings(who: AccessClaims, query: EarningsQuery, page: PageParams): Promise<{ rows: Earning[]; count: number }> {
    const p = await this.practitionerFor(who, query.practitioner_id, ANY_STAFF)
    const where = and(
      eq(earnings.practitionerId, p.id),
      query.status ? eq(earnings.status, query.status) : undefined,
      query.kind ? eq(earnings.kind, query.kind) : undefined,
      query.from ? gte(earnings.createdAt, new Date(query.from)) : undefined,
      query.to ? lt(earnings.createdAt, new Date(query.to)) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(earnings).where(where).orderBy(desc(earnings.createdAt), desc(earnings.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(earnings).where(where),
    ])
    return { rows, count: total!.n }
  }

  async payouts(who: AccessClaims, practitionerId: string | undefined, page: PageParams): Promise<{ rows: Payout[]; count: number }> {
    const p = await this.practitionerFor(who, practitionerId, ANY_STAFF)
    const where = eq(payouts.practitionerId, p.id)
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(payouts).where(where).orderBy(desc(payouts.createdAt), desc(payouts.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(payouts).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** The ledger as one list, newest first: earnings and adjustments (their net), and payouts (negative). */
  async transactions(who: AccessClaims, practitionerId: string | undefined, page: PageParams) {
    const p = await this.practitionerFor(who, practitionerId, ANY_STAFF)
    const union: SQL = sql`
      select id, kind, reservation_id, null::uuid as payout_id, net as amount, currency, status, created_at from earnings where practitioner_id = ${p.id}
      union all
      select id, 'payout', null::uuid, id, -amount, currency, status, created_at from payouts where practitioner_id = ${p.id}`
    const [rows, [total]] = await Promise.all([
      rowsOf<TransactionRow>(this.deps.db, sql`${union} order by created_at desc, id desc limit ${page.pageSize} offset ${offsetOf(page)}`),
      rowsOf<{ n: number }>(this.deps.db, sql`select count(*)::int as n from (${union}) t`),
    ])
    return { rows, count: total!.n }
  }

  /** Totals by status, the month's volume and tier in the practitioner's zone, and the next weekly payout. */
  async summary(who: AccessClaims, practitionerId?: string): Promise<Summary> {
    const p = await this.practitionerFor(who, practitionerId, ANY_STAFF)
    const now = this.deps.clock()
    const venue = (await venuesByIds(this.deps.db, [p.venueId])).get(p.venueId)!
    const currency = venue.currency
    const sums = await this.deps.db
      .select({ status: earnings.status, net: sql<string>`sum(${earnings.net})` })
      .from(earnings)
      .where(and(eq(earnings.practitionerId, p.id), eq(earnings.currency, currency)))
      .groupBy(earnings.status)
    const byStatus = { pending: 0, available: 0, paid: 0 }
    for (const s of sums) byStatus[s.status] = Number(s.net)
    const [cleared] = await rowsOf<{ net: string | number }>(
      this.deps.db,
      sql`select coalesce(sum(net), 0) as net from earnings where practitioner_id = ${p.id} and currency = ${currency}
        and payout_id is null and status <> 'paid' and available_at <= ${nextWeeklyRun(now).toISOString()}`,
    )
    const local = DateTime.fromJSDate(now, { zone: venue.timezone })
    const month = local.toFormat('yyyy-MM')
    const volume = await monthVolume(this.deps.db, p.id, month, currency)
    const { tier, rateBp: tierRate } = tierOf(volume, currency, this.deps.config.earnings)
    const rateBp = Math.max(0, tierRate - (await commissionDiscount(this.deps.db, p.id)))
    const account = await this.account(p.id)
    return {
      practitioner: p,
      currency,
      byStatus,
      month,
      volume,
      tier,
      rateBp,
      minimum: payoutMinimum(this.deps, currency),
      nextPayout: { at: nextWeeklyRun(now), estimate: Number(cleared!.net) },
      payoutsEnabled: account?.payoutsEnabled ?? false,
      held: account?.heldAt != null,
    }
  }

  private async account(practitionerId: string) {
    const [row] = await this.deps.db.select().from(payoutAccounts).where(eq(payoutAccounts.practitionerId, practitionerId))
    return row
  }

  private async currencyOf(p: Practitioner): Promise<string> {
    return (await venuesByIds(this.deps.db, [p.venueId])).get(p.venueId)!.currency
  }

  private practitionerFor(who: AccessClaims, practitionerId: string | undefined, roles: readonly VenueRole[]): Promise<Practitioner> {
    return practitionerInScope(this.deps.db, who, practitionerId, roles)
  }
}

export interface TransactionRow {
  id: string
  kind: 'earning' | 'adjustment' | 'payout'
  reservation_id: string | null
  payout_id: string | null
  amount: string | number
  currency: string
  status: string
  created_at: Date | string
}

/** The weekly run's next start: Mondays 06:00 UTC (the `weekly-payouts` job's cron). */
function nextWeeklyRun(now: Date): Date {
  const utc = DateTime.fromJSDate(now, { zone: 'utc' })
  let next = utc.set({ weekday: 1, hour: 6, minute: 0, second: 0, millisecond: 0 })
  if (next <= utc) next = next.plus({ weeks: 1 })
  return next.toJSDate()
}

function gatewayError(error: unknown): never {
  throw new AppError('payment_gateway_unavailable', 'The payment provider could not be reached; try again', {
    message: (error as Error).message?.slice(0, 200),
  })
}
