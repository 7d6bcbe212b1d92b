import { sql, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { namedStatement, type NamedStatement } from '../../db/named-statement.js'
import { keyStoredIf, keyValues, type KeyToStore } from '../../http/idempotency.js'
import { eventColumns, eventsIf } from '../events/outbox.js'
import type { LocalRelay } from '../events/relay.js'
import { birthEvents, type NewReservation } from './create.js'
import { reservations, reservationTransitions } from './schema.js'
import type { FullReservation, Reservation, ReservationItem } from './service.js'

const p = sql.placeholder
export const at = (name: string) => sql`${p(name)}::timestamptz`

/** What one kind of booking puts around the birth that every one-statement hold shares. */
export interface HoldParts {
  /** The CTEs that lock and check what the plan assumed, the last named `clear`: one row when all hold. */
  checks: SQL
  /**
   * A CTE named `claim` that takes a counter, written only when `born` has a row, and refused by
   * the counter's CHECK (an error) when too little is left.
   */
  claim?: (born: SQL) => SQL
  /** The CTEs that insert the items, from `born`. */
  items: SQL
}

/**
 * A hold's whole statement, its values placeholders (`holdForms` fixes its text once): the
 * kind's checks, in the keyed form the request's Idempotency-Key with its answer (nothing is
 * written when the key is taken), then the reservation, the kind's claim on a counter, the
 * birth's audit row and events (`eventsIf`), and the kind's items. Each write is gated on the
 * one before, so when a check fails nothing is written, and the row that comes back says which
 * (no id; `clear` if every check held, so the key was taken). A claim the database refuses (a
 * constraint) fails the whole statement.
 */
export function holdStatement(parts: HoldParts, keyed: boolean): SQL {
  const gate = keyed ? sql`stored` : sql`clear`
  return sql`
  with ${parts.checks},${
    keyed
      ? sql`
  stored as materialized (${keyStoredIf(
    { keyScope: p('keyScope'), key: p('key'), keyHash: p('keyHash'), keyCreatedAt: p('keyCreatedAt'), keyStatus: p('keyStatus'), keyBody: p('keyBody') },
    sql`clear`,
  )}),`
      : sql``
  }
  born as (
    insert into ${reservations} (id, venue_id, user_id, created_by, status, party_size, notes, guest, total_amount, currency,
      quote, cancellation_policy, hold_expires_at, starts_at, ends_at, created_at, updated_at)
    select ${p('id')}::uuid, ${p('venueId')}::uuid, ${p('userId')}::uuid, ${p('createdBy')}::uuid, ${p('status')}::text,
      ${p('partySize')}::int, ${p('notes')}::text, ${p('guest')}::jsonb, ${p('total')}::int, ${p('currency')}::text,
      ${p('quote')}::jsonb, ${p('policy')}::jsonb, ${at('holdExpiresAt')}, ${at('startsAt')}, ${at('endsAt')}, ${at('now')}, ${at('now')}
    from ${gate}
    returning id, status),${
      // Right after born, so PostgreSQL, which finishes the CTEs the final select leaves unread in
      // reverse order, takes the counter's row lock last: it is held for the rest of the statement
      // and its commit, and a hot counter's claims queue for no longer than that.
      parts.claim ? sql`\n  claim as (${parts.claim(sql`born`)}),` : sql``
    }
  audit as (
    insert into ${reservationTransitions} (reservation_id, from_status, to_status, actor_id, reason, created_at)
    select id, null, status, ${p('createdBy')}::uuid, null, ${at('now')} from born),
  events as (${eventsIf(
    { types: p('types'), versions: p('versions'), aggregates: p('aggregates'), venues: p('venues'), payloads: p('payloads'), createdAt: p('now') },
    sql`exists (select 1 from born)`,
  )}),${parts.items}
  select (select id from born) as id, exists (select 1 from clear) as clear`
}

/** The values of the birth's placeholders (and `relayHere`, `venueId`, `now`), for `row` born of `n`. */
export function birthValues(n: NewReservation, row: Reservation, relayHere: string) {
  return {
    relayHere,
    venueId: n.venue.id,
    now: n.now.toISOString(),
    id: row.id,
    userId: row.userId,
    createdBy: row.createdBy,
    status: row.status,
    partySize: row.partySize,
    notes: row.notes,
    guest: row.guest === null ? null : JSON.stringify(row.guest),
    total: row.totalAmount,
    currency: row.currency,
    quote: JSON.stringify(row.quote),
    policy: JSON.stringify(row.cancellationPolicy),
    holdExpiresAt: row.holdExpiresAt!.toISOString(),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    ...eventColumns(birthEvents(row.id, n.venue.id, row.status as 'pending', row.totalAmount, null), n.now),
  }
}

/** A request's Idempotency-Key to store with the hold, and how its answer is made. */
export interface HoldKey {
  store: KeyToStore
  answer: (created: FullReservation) => unknown
}

type HoldOutcome = { id: string | null; clear: boolean }

export interface HoldForms {
  plain: NamedStatement<HoldOutcome>
  /** Named as the plain form, with `_keyed`. */
  keyed: NamedStatement<HoldOutcome>
}

export const holdForms = (parts: HoldParts, name: string): HoldForms => ({
  plain: namedStatement(name, holdStatement(parts, false)),
  keyed: namedStatement(`${name}_keyed`, holdStatement(parts, true)),
})

/** A keyed booking wrote nothing: its Idempotency-Key was taken while it ran. */
export class KeyTaken extends Error {}

/**
 * Sends the hold's statement, autocommit, with `values` (and in the keyed form the key with the
 * answer `created` makes): `created` once written, undefined when a check failed, having
 * written nothing. A claim the database refused throws `refusal(error)`, a key already taken
 * `KeyTaken`: every check held, so only the key's insert can have found nothing to write.
 */
export async function sendHold(
  deps: Deps,
  relay: LocalRelay,
  forms: HoldForms,
  values: ReturnType<typeof birthValues> & Record<string, unknown>,
  created: FullReservation,
  key: HoldKey | undefined,
  refusal: (error: unknown) => unknown,
): Promise<FullReservation | undefined> {
  const [statement, params] = key ? [forms.keyed, { ...values, ...keyValues(key.store, key.answer(created)) }] : [forms.plain, values]
  let outcome: HoldOutcome | undefined
  try {
    ;[outcome] = await statement.run(deps.database.raw, params)
  } catch (error) {
    throw refusal(error)
  }
  if (!outcome?.id) {
    if (outcome?.clear && key) throw new KeyTaken()
    return undefined
  }
  if (values.relayHere) relay.wake()
  return created
}

/** An item's row with every kind's columns empty, for a kind to fill its own. */
export const emptyItem = {
  roomId: null,
  roomTypeId: null,
  ratePlanId: null,
  occurrenceId: null,
  serviceId: null,
  packageId: null,
  entitlementId: null,
  arrival: null,
  departure: null,
  quantity: 1,
  guests: null,
  active: true,
} satisfies Partial<ReservationItem>
