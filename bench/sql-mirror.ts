/**
 * The SQL the server sends, replicated statement for statement (captured from Drizzle's logger).
 * The transactions that send it are in sql-direct.ts; sql-guard.ts checks at start-up that the
 * two still match what the services send.
 */
import pg from 'pg'

/** Drizzle's node-postgres driver leaves these types as strings; do the same for parity. */
export const asText = (v: string) => v
export const drizzleTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    [1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182].includes(oid) ? asText : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}
/** Selects with fields and `insert … returning` go through Drizzle in array row mode. */
export const mapped = (text: string, values: unknown[]) => ({ text, values, rowMode: 'array' as const, types: drizzleTypes })
export const raw = (text: string, values: unknown[]) => ({ text, values, types: drizzleTypes })

export const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`

export const RESERVATION_COLUMNS = `"id", "venue_id", "user_id", "created_by", "status", "party_size", "notes", "guest", "total_amount", "currency", "quote", "cancellation_policy", "hold_expires_at", "starts_at", "ends_at", "created_at", "updated_at"`
export const PAYMENT_COLUMNS = `"id", "reservation_id", "venue_id", "user_id", "gateway", "status", "method", "currency", "amount", "credit_amount", "captured_amount", "refunded_amount", "credit_refunded_amount", "intent_id", "client_secret", "charge_id", "customer_id", "card_brand", "card_last4", "card_exp_month", "card_exp_year", "receipt_url", "failure_code", "failure_message", "checked_at", "created_at", "updated_at"`
/** Positions in the array rows of the two lists above. */
export const R = { id: 0, venueId: 1, status: 4, holdExpiresAt: 12 } as const
export const P = { id: 0, status: 5, currency: 7, amount: 8, creditAmount: 9, chargeId: 15 } as const

export const SQL = {
  venue: `select "id", "name", "slug", "kind", "timezone", "currency", "address", "opening_hours", "hold_ttl_minutes", "cancellation_policy", "deposit_percent", "created_at", "updated_at" from "venues" where "venues"."id" = $1`,
  begin: 'begin',
  // loadTargets(): the rooms, share-locked, with the closure dates that matter in the same row.
  roomsForKeyShare: `select "id", "venue_id", "name", "capacity", "hourly_rate", "slot_minutes", "min_minutes", "max_minutes", "buffer_minutes", "amenities", "archived_at", "created_at", "updated_at", array(select "date"::text from "venue_closures"
    where "venue_id" = $1 and "date" = any($2::date[])) from "rooms" where ("rooms"."id" in ($3) and "rooms"."venue_id" = $4 and "rooms"."archived_at" is null) for key share of "rooms"`,
  expireColliding: `
    select r.id, r.status, r.venue_id from reservations r
    where r.hold_expires_at <= $1 and r.status in ('pending', 'awaiting_payment') and exists (
        select 1 from reservation_items i
        join unnest($2::uuid[], $3::timestamptz[],
                    $4::timestamptz[]) as c(room_id, s, e)
          on i.room_id = c.room_id and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange(c.s, c.e, '[)')
        where i.reservation_id = r.id and i.active)
    order by r.id
    limit $5
    for update `,
  insertReservation: `insert into "reservations" (${RESERVATION_COLUMNS}) values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning ${RESERVATION_COLUMNS}`,
  insertItem: `insert into "reservation_items" ("id", "reservation_id", "position", "kind", "room_id", "starts_at", "ends_at", "blocked_until", "price_amount", "active") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id", "reservation_id", "position", "kind", "room_id", "starts_at", "ends_at", "blocked_until", "price_amount", "active"`,
  // recordTransitions(): the audit row and its outbox event in one statement.
  recordTransition: `with "audit" as (insert into "reservation_transitions" ("id", "reservation_id", "from_status", "to_status", "actor_id", "reason", "created_at") values (default, $1, $2, $3, $4, $5, $6) returning "id") insert into "outbox_events" ("id", "type", "version", "aggregate_id", "venue_id", "payload", "created_at", "published_at") values (default, $7, default, $8, $9, $10, $11, default)`,
  commit: 'commit',
  rollback: 'rollback',
  // availability
  closureOnDate: `select "id" from "venue_closures" where ("venue_closures"."venue_id" = $1 and "venue_closures"."date" = $2)`,
  fittingRooms: `select "id", "venue_id", "name", "capacity", "hourly_rate", "slot_minutes", "min_minutes", "max_minutes", "buffer_minutes", "amenities", "archived_at", "created_at", "updated_at" from "rooms" where ("rooms"."venue_id" = $1 and "rooms"."archived_at" is null and "rooms"."capacity" >= $2) order by "rooms"."name" asc, "rooms"."id" asc`,
  busySpans: `
      select i.room_id, i.starts_at as s, i.blocked_until as e
      from reservation_items i
      where i.room_id = any($1::uuid[]) and i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange($2, $3, '[)')
        -- Lapsed holds are few and indexed; excluding them beats joining every claim to its reservation.
        and i.reservation_id not in (select id from reservations where hold_expires_at <= $4)`,
  // WebhookService.receive() for a payment_intent.succeeded that confirms its reservation
  webhookInsert: `insert into webhook_events (id, type, payload, outcome, received_at)
            values ($1, $2, $3::jsonb, 'processing', $4)
            on conflict (id) do nothing returning id`,
  // lockByIntent(): the reservation, then its payment, both locked in that order
  reservationOfIntent: `select "reservation_id" from "payments" where "payments"."intent_id" = $1`,
  lockReservation: `select ${RESERVATION_COLUMNS} from "reservations" where "reservations"."id" = $1 for update`,
  lockPayment: `select ${PAYMENT_COLUMNS} from "payments" where "payments"."reservation_id" = $1 for update`,
  paymentSucceeded: `update "payments" set "status" = $1, "captured_amount" = $2, "charge_id" = $3, "failure_code" = $4, "failure_message" = $5, "updated_at" = $6 where ("payments"."id" = $7 and "payments"."status" = $8) returning ${PAYMENT_COLUMNS}`,
  paymentLog: `insert into "payment_log" ("id", "payment_id", "reservation_id", "kind", "code", "raw", "created_at") values (default, $1, $2, $3, $4, $5, $6)`,
  outboxEvent: `insert into "outbox_events" ("id", "type", "version", "aggregate_id", "venue_id", "payload", "created_at", "published_at") values (default, $1, default, $2, $3, $4, $5, default)`,
  // ReservationService.move(): awaiting_payment -> confirmed keeps the claims active, so no item update
  moveReservation: `update "reservations" set "status" = $1, "hold_expires_at" = $2, "updated_at" = $3 where ("reservations"."id" = $4 and "reservations"."status" = $5) returning ${RESERVATION_COLUMNS}`,
  webhookOutcome: `update "webhook_events" set "outcome" = $1 where "webhook_events"."id" = $2`,
}

export const HOLD_TTL_MINUTES = 15
