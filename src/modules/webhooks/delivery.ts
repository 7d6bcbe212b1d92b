import { sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Executor, type Tx } from '../../db/client.js'
import { envelopeOf, type RelayedEvent } from '../events/envelope.js'
import type { SendResult } from './sender.js'

/** Attempts per delivery before it ends `failed` (a manual retry grants one more). */
export const MAX_ATTEMPTS = 8
/**
 * A subscription is disabled after this many failed attempts in a row, across its deliveries,
 * once the one failing again has been pending at least DISABLE_AFTER_MS: a receiver down for
 * a minute while ten events came in is retried, not dropped; one down for an hour is.
 */
export const DISABLE_AFTER_FAILURES = 10
export const DISABLE_AFTER_MS = 3600_000
const BACKOFF_BASE_MS = 30_000
const BACKOFF_CAP_MS = 6 * 3600_000
/**
 * How long a claimed delivery is out of the others' reach: well beyond the send timeout, so
 * only a sender that died mid-attempt lets it fall due again (and it is then re-sent).
 */
export const LEASE_MS = 2 * 60_000

/** The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … at most 6 h. */
export const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS)

/**
 * Inserts a pending delivery for every (event of a venue, enabled subscription of that venue
 * that wants its type), in one statement of the relay's transaction. The unique key makes a
 * batch relayed twice (a crash between this and the commit) add nothing.
 */
export async function fanOut(tx: Tx, events: readonly RelayedEvent[], now: Date): Promise<void> {
  const ofVenues = events.filter((e) => e.venueId !== null)
  if (ofVenues.length === 0) return
  await tx.execute(sql`
    insert into webhook_deliveries (subscription_id, event_id, event_type, body, status, attempts, next_attempt_at, created_at)
    select s.id, e.id, e.type, e.body, 'pending', 0, ${now}, ${now}
    from unnest(${pgArray(ofVenues.map((e) => String(e.id)))}::bigint[], ${pgArray(ofVenues.map((e) => e.type))}::text[],
                ${pgArray(ofVenues.map((e) => e.venueId!))}::uuid[], ${pgArray(ofVenues.map((e) => JSON.stringify(envelopeOf(e))))}::jsonb[])
         as e(id, type, venue_id, body)
    join webhook_subscriptions s on s.venue_id = e.venue_id and s.disabled_at is null
      and (cardinality(s.event_types) = 0 or e.type = any(s.event_types))
    on conflict (subscription_id, event_id) do nothing`)
}

/** A delivery taken by one sender for one attempt, with what it needs to send it. */
export interface Claimed {
  id: string
  eventId: number
  body: Record<string, unknown>
  attempts: number
  url: string
  secret: string
}

interface ClaimedRow {
  id: string
  event_id: string | number
  body: Record<string, unknown>
  attempts: number
  url: string
  secret: string
}

/**
 * Claims up to `limit` due deliveries of enabled subscriptions in one statement: the attempt
 * is counted and the lease set as it is taken, and SKIP LOCKED keeps two senders off the
 * same row, so no delivery is sent twice at once. A delivery waits while an earlier event of
 * the same aggregate is still pending for that subscription (one reservation's events reach
 * a receiver in order; a failing one holds back the ones after it until it ends).
 */
export async function claimDue(ex: Executor, now: Date, limit: number): Promise<Claimed[]> {
  const rows = await rowsOf<ClaimedRow>(
    ex,
    sql`
    with due as materialized (
      select c.id from webhook_deliveries c
      join webhook_subscriptions cs on cs.id = c.subscription_id and cs.disabled_at is null
      where c.status = 'pending' and c.next_attempt_at <= ${now}
        and not exists (
          select 1 from webhook_deliveries e
          where e.subscription_id = c.subscription_id and e.status = 'pending'
            and e.body->>'aggregate_id' = c.body->>'aggregate_id' and e.event_id < c.event_id)
      order by c.next_attempt_at, c.event_id
      limit ${limit}
      for update of c skip locked)
    update webhook_deliveries d
    set attempts = d.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
    from due, webhook_subscriptions s
    where d.id = due.id and s.id = d.subscription_id
    returning d.id, d.event_id, d.body, d.attempts, s.url, s.secret`,
  )
  return rows.map((r) => ({ id: r.id, eventId: Number(r.event_id), body: r.body, attempts: r.attempts, url: r.url, secret: r.secret }))
}

/**
 * Writes an attempt's outcome and its effect on the subscription in one statement. Guarded by
 * the attempt number: a sender whose lease ran out and whose delivery was taken again by
 * another records nothing.
 */
export async function recordOutcome(ex: Executor, c: Claimed, result: SendResult, now: Date): Promise<void> {
  if (result.ok) {
    await ex.execute(sql`
      with done as (
        update webhook_deliveries set status = 'succeeded', delivered_at = ${now}, response_status = ${result.status}, last_error = null
        where id = ${c.id} and status = 'pending' and attempts = ${c.attempts}
        returning subscription_id)
      update webhook_subscriptions s set consecutive_failures = 0
      from done where s.id = done.subscription_id and s.consecutive_failures <> 0`)
    return
  }
  const final = c.attempts >= MAX_ATTEMPTS
  const next = final ? now : new Date(now.getTime() + backoffMs(c.attempts))
  const disabling = sql`(s.disabled_at is null and s.consecutive_failures + 1 >= ${DISABLE_AFTER_FAILURES}
    and done.created_at <= ${new Date(now.getTime() - DISABLE_AFTER_MS)})`
  await ex.execute(sql`
    with done as (
      update webhook_deliveries
      set status = ${final ? 'failed' : 'pending'}, next_attempt_at = ${next}, response_status = ${result.status}, last_error = ${result.error}
      where id = ${c.id} and status = 'pending' and attempts = ${c.attempts}
      returning subscription_id, created_at)
    update webhook_subscriptions s
    set consecutive_failures = s.consecutive_failures + 1,
        disabled_at = case when ${disabling} then ${now} else s.disabled_at end,
        disabled_reason = case when ${disabling} then ${`${DISABLE_AFTER_FAILURES} consecutive failed attempts over an hour or more`} else s.disabled_reason end,
        updated_at = case when ${disabling} then ${now} else s.updated_at end
    from done where s.id = done.subscription_id`)
}

const ENVELOPE_ORDER = ['id', 'type', 'version', 'aggregate_id', 'venue_id', 'occurred_at', 'data']

/**
 * The bytes sent for a stored body. jsonb keeps its own key order, so the same row always
 * gives the same text; the envelope's fields are put back in their documented order.
 */
export function bodyText(body: Record<string, unknown>): string {
  const rest = Object.keys(body).filter((k) => !ENVELOPE_ORDER.includes(k))
  return JSON.stringify(Object.fromEntries([...ENVELOPE_ORDER.filter((k) => k in body), ...rest].map((k) => [k, body[k]])))
}
