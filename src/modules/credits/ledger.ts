import { sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Executor, type Tx } from '../../db/client.js'
import { creditEntries, type creditGrants, type GrantKind } from './schema.js'

export type CreditGrant = typeof creditGrants.$inferSelect
export type CreditEntry = typeof creditEntries.$inferSelect

export interface CreditBalance {
  currency: string
  amount: number
}

/*
 * Invariant: for every grant, its entries sum to `amount - used_amount` until the expiry job
 * sweeps it, and to 0 after. So a user's ledger sums to their balance once lapsed grants are
 * swept, and the balance itself never waits for the job: it filters by `expires_at`.
 *
 * Lock order: grants are always locked soonest-expiring first (nulls last), then by
 * created_at and id, so a spend and a restore touching the same grants cannot deadlock; the
 * expiry job skips locked rows instead of waiting.
 */
const LOCK_ORDER = sql.raw('expires_at asc nulls last, created_at asc, id asc')

/** What the user can spend now, per currency; currencies with nothing left are omitted. */
export async function creditBalance(ex: Executor, userId: string, now: Date): Promise<CreditBalance[]> {
  const rows = await rowsOf<{ currency: string; amount: string | number }>(
    ex,
    sql`select currency, sum(amount - used_amount) as amount from credit_grants
      where user_id = ${userId} and expired_at is null and (expires_at is null or expires_at > ${now.toISOString()})
      group by currency having sum(amount - used_amount) > 0
      order by currency`,
  )
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }))
}

export interface SpendInput {
  userId: string
  currency: string
  upTo: number
  reservationId: string | null
  paymentId: string | null
  now: Date
  /**
   * When the balance cannot cover all of `upTo`, spend only so much that at least this much
   * of `upTo` is left for another means of payment (a card has a smallest charge).
   */
  leaveAtLeast?: number
}

/**
 * Spends up to `upTo` of the user's usable credit in `currency`, soonest-expiring grant first,
 * and answers how much it spent (less than `upTo` when the balance is short, 0 when empty).
 * The `leaveAtLeast` rule is applied to the balance read under the grants' locks, so a
 * concurrent spend cannot make it wrong.
 * The grants are locked before they are read for their remainder, so two concurrent spends
 * queue on the same rows; the conditional update and the table's check back that up.
 */
export async function spendCredits(tx: Tx, input: SpendInput): Promise<number> {
  assertMinorUnits(input.upTo, 'upTo')
  if (input.upTo === 0) return 0
  const grants = await rowsOf<{ id: string; user_id: string; currency: string; available: number }>(
    tx,
    sql`select id, user_id, currency, amount - used_amount as available from credit_grants
      where user_id = ${input.userId} and currency = ${input.currency} and expired_at is null
        and (expires_at is null or expires_at > ${input.now.toISOString()}) and used_amount < amount
      order by ${LOCK_ORDER}
      for update`,
  )
  const available = grants.reduce((sum, g) => sum + Number(g.available), 0)
  const floor = input.leaveAtLeast ?? 0
  // Below the floor itself nothing else could pay the rest anyway: spend what there is.
  const cap = input.upTo > floor ? input.upTo - floor : input.upTo
  const target = available >= input.upTo ? input.upTo : Math.min(available, cap)
  let left = target
  const drawn: (typeof creditEntries.$inferInsert)[] = []
  for (const grant of grants) {
    if (left === 0) break
    const x = Math.min(grant.available, left)
    const updated = await rowsOf<{ id: string }>(
      tx,
      sql`update credit_grants set used_amount = used_amount + ${x}
        where id = ${grant.id} and used_amount + ${x} <= amount returning id`,
    )
    // Cannot miss while we hold the lock; if it ever did, that grant is simply not drawn.
    if (updated.length === 0) continue
    left -= x
    drawn.push({
      userId: grant.user_id,
      grantId: grant.id,
      kind: 'spend',
      amount: -x,
      currency: grant.currency,
      reservationId: input.reservationId,
      paymentId: input.paymentId,
      createdAt: input.now,
    })
  }
  if (drawn.length > 0) await tx.insert(creditEntries).values(drawn)
  return target - left
}

/**
 * Gives back what a payment that never completed spent, to the very grants it came from, and
 * answers the amount restored. What was already restored for the payment is subtracted, so a
 * second call restores nothing. A grant the expiry job has swept meanwhile gets its restore
 * and, right after, an expiry of the same amount: the credit stays lapsed and the ledger
 * keeps summing to the balance.
 */
export async function restoreCredits(tx: Tx, input: { paymentId: string; now: Date }): Promise<number> {
  const spent = await rowsOf<{ grant_id: string }>(
    tx,
    sql`select distinct grant_id from credit_entries where payment_id = ${input.paymentId} and kind = 'spend' and grant_id is not null`,
  )
  if (spent.length === 0) return 0
  // Lock first, then read what is outstanding: a concurrent restore of the same payment has
  // committed by then, and each statement of a read-committed transaction sees it.
  const grants = await rowsOf<{ id: string; user_id: string; currency: string; expired_at: unknown }>(
    tx,
    sql`select id, user_id, currency, expired_at from credit_grants
      where id = any(${pgArray(spent.map((s) => s.grant_id))}::uuid[])
      order by ${LOCK_ORDER}
      for update`,
  )
  const outstanding = await rowsOf<{ grant_id: string; amount: string | number; reservation_id: string | null }>(
    tx,
    sql`select grant_id,
        -sum(amount) as amount,
        (array_agg(reservation_id order by id) filter (where kind = 'spend'))[1] as reservation_id
      from credit_entries
      where payment_id = ${input.paymentId} and kind in ('spend', 'restore') and grant_id is not null
      group by grant_id`,
  )
  const owed = new Map(outstanding.map((o) => [o.grant_id, o]))
  const entries: (typeof creditEntries.$inferInsert)[] = []
  let restored = 0
  for (const grant of grants) {
    const o = owed.get(grant.id)
    const x = o ? Number(o.amount) : 0
    if (x <= 0) continue
    const updated = await rowsOf<{ id: string }>(
      tx,
      sql`update credit_grants set used_amount = used_amount - ${x}
        where id = ${grant.id} and used_amount >= ${x} returning id`,
    )
    if (updated.length === 0) continue
    restored += x
    const common = {
      userId: grant.user_id,
      grantId: grant.id,
      currency: grant.currency,
      reservationId: o!.reservation_id,
      paymentId: input.paymentId,
      createdAt: input.now,
    }
    entries.push({ ...common, kind: 'restore', amount: x })
    if (grant.expired_at !== null) entries.push({ ...common, kind: 'expiry', amount: -x })
  }
  if (entries.length > 0) await tx.insert(creditEntries).values(entries)
  return restored
}

export interface RefundInput {
  userId: string
  currency: string
  amount: number
  paymentId: string
  reservationId: string | null
  now: Date
}

/**
 * Returns the credit-paid part of a refund as a new `refund` grant. It lapses when the latest
 * of the grants the payment drew from would have (never, if any of them never does, or if
 * none is found), so refunding cannot turn expiring promotion credit into lasting credit.
 * An amount of 0 does nothing.
 */
export async function refundToCredits(tx: Executor, input: RefundInput): Promise<void> {
  assertMinorUnits(input.amount, 'amount')
  if (input.amount === 0) return
  const [source] = await rowsOf<{ n: number; forever: boolean | null; latest: Date | string | null }>(
    tx,
    sql`select count(*)::int as n, bool_or(expires_at is null) as forever, max(expires_at) as latest
      from credit_grants
      where id in (select grant_id from credit_entries where payment_id = ${input.paymentId} and kind = 'spend')`,
  )
  const expiresAt = source && source.n > 0 && !source.forever && source.latest !== null ? new Date(source.latest) : null
  await insertGrant(tx, {
    userId: input.userId,
    kind: 'refund',
    currency: input.currency,
    amount: input.amount,
    expiresAt,
    note: null,
    createdBy: null,
    reservationId: input.reservationId,
    paymentId: input.paymentId,
    now: input.now,
  })
}

export interface GrantInput {
  userId: string
  kind: GrantKind
  currency: string
  amount: number
  expiresAt: Date | null
  note: string | null
  createdBy: string | null
  reservationId?: string | null
  now: Date
}

/** Gives a user credit: the grant and its ledger entry, written in one statement. */
export function grantCredits(ex: Executor, input: GrantInput): Promise<CreditGrant> {
  return insertGrant(ex, { ...input, paymentId: null })
}

async function insertGrant(ex: Executor, g: GrantInput & { paymentId: string | null }): Promise<CreditGrant> {
  assertMinorUnits(g.amount, 'amount')
  const [row] = await rowsOf<GrantRow>(
    ex,
    sql`with g as (
        insert into credit_grants (user_id, kind, currency, amount, expires_at, note, reservation_id, created_by, created_at)
        values (${g.userId}, ${g.kind}, ${g.currency}, ${g.amount}, ${g.expiresAt?.toISOString() ?? null}, ${g.note},
                ${g.reservationId ?? null}, ${g.createdBy}, ${g.now.toISOString()})
        returning *
      ), e as (
        insert into credit_entries (user_id, grant_id, kind, amount, currency, reservation_id, payment_id, created_at)
        select user_id, id, kind, amount, currency, reservation_id, ${g.paymentId}::uuid, created_at from g
      )
      select * from g`,
  )
  return grantOf(row!)
}

/**
 * The expiry job: marks lapsed grants swept and writes an expiry entry for what was left of
 * each. One statement, skipping rows a spend or restore holds (the next run gets them).
 * Answers how many grants it swept; a second run over the same instant sweeps none.
 */
export async function expireCredits(ex: Executor, now: Date, limit = 500): Promise<number> {
  const at = now.toISOString()
  const [row] = await rowsOf<{ n: number }>(
    ex,
    sql`with due as (
        select id from credit_grants
        where expired_at is null and expires_at is not null and expires_at <= ${at}
        order by expires_at, id
        limit ${limit}
        for update skip locked
      ), swept as (
        update credit_grants g set expired_at = ${at} from due where g.id = due.id
        returning g.id, g.user_id, g.currency, g.amount - g.used_amount as rest
      ), e as (
        insert into credit_entries (user_id, grant_id, kind, amount, currency, created_at)
        select user_id, id, 'expiry', -rest, currency, ${at}::timestamptz from swept where rest > 0
      )
      select count(*)::int as n from swept`,
  )
  return row?.n ?? 0
}

interface GrantRow {
  id: string
  user_id: string
  kind: GrantKind
  currency: string
  amount: number
  used_amount: number
  expires_at: Date | string | null
  expired_at: Date | string | null
  note: string | null
  reservation_id: string | null
  created_by: string | null
  created_at: Date | string
}

const dateOrNull = (v: Date | string | null) => (v === null ? null : new Date(v))

function grantOf(r: GrantRow): CreditGrant {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    currency: r.currency,
    amount: r.amount,
    usedAmount: r.used_amount,
    expiresAt: dateOrNull(r.expires_at),
    expiredAt: dateOrNull(r.expired_at),
    note: r.note,
    reservationId: r.reservation_id,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  }
}

/** Amounts are integer minor units; anything else here is a bug in the caller. */
function assertMinorUnits(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer of minor units, got ${n}`)
}
