/**
 * The SQL the server sends, replicated statement for statement (captured from Drizzle's logger).
 * The transactions that send it are in sql-direct.ts; sql-guard.ts checks at start-up that the
 * two still match what the services send.
 */
import pg from 'pg'
import { NamingClient } from '../src/db/named-by-text.js'

/** Drizzle's node-postgres driver leaves these types as strings; do the same for parity. */
export const asText = (v: string) => v
export const drizzleTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    [1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182].includes(oid)
      ? asText
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}
/** Selects with fields and `insert … returning` go through Drizzle in array row mode. */
export const mapped = (text: string, values: unknown[]) => ({ text, values, rowMode: 'array' as const, types: drizzleTypes })
export const raw = (text: string, values: unknown[]) => ({ text, values, types: drizzleTypes })
/** A statement the service sends past Drizzle, prepared once per connection under its name, with pg's own type parsers. */
export const named = (name: string, text: string, values: unknown[]) => ({ name, text, values })

/** A pool for the mirror's SQL: like the server's, its connections name what they send a second time (NamingClient). */
export const mirrorPool = (url: string, max: number) => new pg.Pool({ connectionString: url, max, Client: NamingClient })

export const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`

export const RESERVATION_COLUMNS = `"id", "venue_id", "user_id", "created_by", "status", "party_size", "notes", "guest", "total_amount", "currency", "quote", "cancellation_policy", "hold_expires_at", "starts_at", "ends_at", "created_at", "updated_at"`
export const PAYMENT_COLUMNS = `"id", "reservation_id", "venue_id", "user_id", "gateway", "status", "method", "currency", "amount", "credit_amount", "captured_amount", "refunded_amount", "credit_refunded_amount", "intent_id", "client_secret", "charge_id", "customer_id", "card_brand", "card_last4", "card_exp_month", "card_exp_year", "receipt_url", "failure_code", "failure_message", "checked_at", "created_at", "updated_at"`
/** Positions in the array rows of the two lists above. */
export const R = { id: 0, venueId: 1, status: 4, holdExpiresAt: 12, columns: 17 } as const
export const P = { id: 0, status: 5, currency: 7, amount: 8, creditAmount: 9, chargeId: 15 } as const

export const SQL = {
  venue: `select "id", "name", "slug", "kind", "timezone", "currency", "address", "opening_hours", "hold_ttl_minutes", "cancellation_policy", "deposit_percent", "created_at", "updated_at" from "venues" where "venues"."id" = $1`,
  begin: 'begin',
  // SlotHolds.hold() with the request's Idempotency-Key: the whole one-slot hold, the key and its
  // stored answer in one autocommit statement, prepared under this name.
  slotHoldName: 'reservoir_slot_hold_keyed',
  slotHold: `
  with queue as materialized (select count(*) as n from (select pg_advisory_xact_lock(k) from unnest($1::bigint[]) as k) as queue),
  room as materialized (select "rooms"."id" from "rooms"
    where "rooms"."id" = $2::uuid and "rooms"."venue_id" = $3::uuid and "rooms"."archived_at" is null
      and "rooms"."name" = $4::text and "rooms"."capacity" = $5::int and "rooms"."hourly_rate" = $6::int
      and "rooms"."slot_minutes" = $7::int and "rooms"."min_minutes" = $8::int
      and "rooms"."max_minutes" = $9::int and "rooms"."buffer_minutes" = $10::int
    for key share of "rooms"),
  clear as materialized (
    select 1 from room
    where (select n from queue) >= 0 and set_config('reservoir.relay_here', $11::text, true) is not null
      and not exists (select 1 from "venue_closures" where "venue_closures"."venue_id" = $12::uuid and "venue_closures"."date" = any($13::date[]))),
  stored as materialized (insert into "idempotency_keys" (scope, key, request_hash, created_at, response_status, response_body)
    select $14::text, $15::text, $16::text, $17::timestamptz, $18::int, $19::jsonb
    from clear
    on conflict do nothing
    returning 1),
  born as (
    insert into "reservations" (id, venue_id, user_id, created_by, status, party_size, notes, guest, total_amount, currency,
      quote, cancellation_policy, hold_expires_at, starts_at, ends_at, created_at, updated_at)
    select $20::uuid, $21::uuid, $22::uuid, $23::uuid, $24::text,
      $25::int, $26::text, $27::jsonb, $28::int, $29::text,
      $30::jsonb, $31::jsonb, $32::timestamptz, $33::timestamptz, $34::timestamptz, $35::timestamptz, $36::timestamptz
    from stored
    returning id, status),
  audit as (
    insert into "reservation_transitions" (reservation_id, from_status, to_status, actor_id, reason, created_at)
    select id, null, status, $37::uuid, null, $38::timestamptz from born),
  events as (insert into "outbox_events" (type, version, aggregate_id, venue_id, payload, created_at)
    select e.type, e.version, e.aggregate_id, e.venue_id, e.payload, $39::timestamptz
    from unnest($40::text[], $41::int[], $42::uuid[], $43::uuid[], $44::jsonb[])
      as e(type, version, aggregate_id, venue_id, payload)
    where exists (select 1 from born)),
  item as (
    insert into "reservation_items" (id, reservation_id, position, kind, room_id, starts_at, ends_at, blocked_until, price_amount, active)
    select $45::uuid, id, $46::int, 'slot', $47::uuid, $48::timestamptz, $49::timestamptz,
      $50::timestamptz, $51::int, true
    from born)
  select (select id from born) as id, exists (select 1 from clear) as clear`,
  // liveClaimOn(): after the constraint refused a one-statement hold, is a live claim (not a lapsed hold) in the way?
  liveClaimOn: `select 1 from reservation_items i where i.room_id = $1::uuid and i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange($2::timestamptz, $3::timestamptz, '[)')
        -- Lapsed holds are few and indexed; excluding them beats joining every claim to its reservation.
        and i.reservation_id not in (select id from reservations where hold_expires_at <= $4::timestamptz) limit 1`,
  // recordTransitions(): the audit row and its outbox event in one statement (a move).
  recordTransition: `with "audit" as (insert into "reservation_transitions" ("id", "reservation_id", "from_status", "to_status", "actor_id", "reason", "created_at") values (default, $1, $2, $3, $4, $5, $6) returning "id") insert into "outbox_events" ("id", "type", "version", "aggregate_id", "venue_id", "payload", "created_at", "published_at") values (default, $7, $8, $9, $10, $11, $12, default)`,
  commit: 'commit',
  rollback: 'rollback',
  // availability: AvailabilityService's day statement (dayRoomsStatement() with busySpansColumn() and closedOnAnyOf()), the venue's row kept
  roomsOfDayName: 'reservoir_day_rooms',
  roomsOfDay: `select "id" as id, "name" as name,
    "capacity" as capacity, "slot_minutes" as slot_minutes,
    "min_minutes" as min_minutes, "buffer_minutes" as buffer_minutes,
    (select json_agg(json_build_array(round(date_part('epoch', i.starts_at) * 1000), round(date_part('epoch', i.blocked_until) * 1000))) from reservation_items i
      where i.room_id = "rooms"."id" and i.active and i.kind = 'slot'
        and tstzrange(i.starts_at, i.blocked_until, '[)') && tstzrange($1::timestamptz, $2::timestamptz + "rooms"."buffer_minutes" * interval '1 minute', '[)')
        -- Lapsed holds are few and indexed; excluding them beats joining every claim to its reservation.
        and i.reservation_id not in (select id from reservations where hold_expires_at <= $3)) as also,
    exists (select 1 from "venue_closures" where "venue_closures"."venue_id" = $4::uuid and "venue_closures"."date" = any($5::date[])) as closed
    from "rooms"
    where "rooms"."venue_id" = $6::uuid and "rooms"."archived_at" is null and "rooms"."capacity" >= $7::int
    order by "rooms"."name", "rooms"."id"`,
  // WebhookService.receive() for a payment_intent.succeeded that confirms its reservation
  // storeEvent: reservoir.relay_here ($5, the relay's setting) is set by the transaction's first statement.
  webhookInsert: `insert into "webhook_events" (id, type, payload, outcome, received_at)
            select $1::text, $2::text, $3::jsonb, 'processing', $4::timestamptz
            where set_config('reservoir.relay_here', $5::text, true) is not null
            on conflict (id) do nothing returning id`,
  // lockByIntent(): the reservation, found by its payment's intent as it is locked (a CTE), then
  // its payment, locked as the join answers it, in one statement: the reservation's columns, then the payment's.
  lockReservationAndPayment: `with "locked_reservation" as (select ${RESERVATION_COLUMNS} from "reservations" where "reservations"."id" = (select "reservation_id" from "payments" where "payments"."intent_id" = $1) for update) select ${RESERVATION_COLUMNS.replace(/"([a-z0-9_]+)"/g, '"locked_reservation"."$1"')}, ${PAYMENT_COLUMNS.replace(/"([a-z0-9_]+)"/g, '"payments"."$1"')} from "locked_reservation" inner join "payments" on "payments"."reservation_id" = "locked_reservation"."id" for update of "payments"`,
  // intentSucceeded(): the payment succeeds, with its log entry and its event, in one statement.
  paymentSucceeded: `with "succeeded" as (update "payments" set "status" = $1, "captured_amount" = $2, "charge_id" = $3, "failure_code" = $4, "failure_message" = $5, "updated_at" = $6 where ("payments"."id" = $7 and "payments"."status" = $8) returning ${PAYMENT_COLUMNS}), "logged" as (insert into "payment_log" ("id", "payment_id", "reservation_id", "kind", "code", "raw", "created_at") values (default, $9, $10, $11, $12, $13, $14) returning "id"), "events" as (insert into "outbox_events" ("id", "type", "version", "aggregate_id", "venue_id", "payload", "created_at", "published_at") values (default, $15, $16, $17, $18, $19, $20, default) returning "id") select ${PAYMENT_COLUMNS} from "succeeded"`,
  // ReservationService.move(): awaiting_payment -> confirmed keeps the claims active, so no item update
  moveReservation: `update "reservations" set "status" = $1, "hold_expires_at" = $2, "updated_at" = $3 where ("reservations"."id" = $4 and "reservations"."status" = $5) returning ${RESERVATION_COLUMNS}`,
  // The outcome, stored by the statement that logs the event.
  webhookOutcomeLogged: `with "outcome" as (update "webhook_events" set "outcome" = $1 where "webhook_events"."id" = $2) insert into "payment_log" ("id", "payment_id", "reservation_id", "kind", "code", "raw", "created_at") values (default, $3, $4, $5, $6, $7, $8)`,

  // ReservationService.createKeyed() for one stay item: StayHolds.hold(), the whole hold, the key
  // and its stored answer in one autocommit statement, prepared under this name, planned on the
  // copy of its room type read by stayCopy.
  stayHoldName: 'reservoir_stay_hold_keyed',
  stayHold: `
  with room_type as materialized (select 1 from "room_types"
    where "room_types"."id" = $1::uuid and "room_types"."venue_id" = $2::uuid and md5(row_to_json("room_types")::text || coalesce((select json_agg(json_build_object('id', p.id, 'roomTypeId', p.room_type_id, 'name', p.name,
        'description', p.description, 'cancellationPolicy', p.cancellation_policy, 'adjustmentPercent', p.adjustment_percent,
        'position', p.position, 'createdAt', p.created_at) order by p.position, p.created_at, p.id) from "rate_plans" p where p.room_type_id = "room_types".id), '[]'::json)::text || coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'name', r.name,
        'roomTypeId', r.room_type_id, 'ratePlanId', r.rate_plan_id, 'startsOn', r.starts_on, 'endsOn', r.ends_on, 'weekdays', r.weekdays,
        'amount', r.amount, 'percent', r.percent, 'priority', r.priority, 'createdAt', r.created_at) order by r.id)
      from "pricing_rules" r where r.venue_id = $3::uuid), '[]'::json)::text) = $4::text
    for key share of "room_types"),
  nights as materialized (select n.night, n.min_stay, not n.closed and n.held + n.sold + $5::int <= n.units as fits
    from "inventory_nights" n
    where n.room_type_id = $6::uuid and n.night >= $7::date and n.night < $8::date
    order by n.night
    for update of n),
  clear as materialized (
    select 1 from room_type
    where set_config('reservoir.relay_here', $9::text, true) is not null and (select count(*) filter (where fits) = $10::int and min(min_stay) filter (where night = $11::date) <= $12::int
    from nights)
      and not (select r.id from "reservations" r
    where r.hold_expires_at <= $13::timestamptz and r.status in ('pending', 'awaiting_payment')
      and exists (select 1 from "reservation_items" i
        where i.reservation_id = r.id and i.active and i.kind = 'stay' and i.room_type_id = $14::uuid
          and i.arrival < $15::date and i.departure > $16::date offset 0)
    order by r.hold_expires_at limit 1) is not null),
  stored as materialized (insert into "idempotency_keys" (scope, key, request_hash, created_at, response_status, response_body)
    select $17::text, $18::text, $19::text, $20::timestamptz, $21::int, $22::jsonb
    from clear
    on conflict do nothing
    returning 1),
  born as (
    insert into "reservations" (id, venue_id, user_id, created_by, status, party_size, notes, guest, total_amount, currency,
      quote, cancellation_policy, hold_expires_at, starts_at, ends_at, created_at, updated_at)
    select $23::uuid, $24::uuid, $25::uuid, $26::uuid, $27::text,
      $28::int, $29::text, $30::jsonb, $31::int, $32::text,
      $33::jsonb, $34::jsonb, $35::timestamptz, $36::timestamptz, $37::timestamptz, $38::timestamptz, $39::timestamptz
    from stored
    returning id, status),
  claim as (update "inventory_nights" n set held = n.held + $40::int
    where n.room_type_id = $41::uuid and n.night >= $42::date and n.night < $43::date
      and exists (select 1 from born)
    returning 1),
  audit as (
    insert into "reservation_transitions" (reservation_id, from_status, to_status, actor_id, reason, created_at)
    select id, null, status, $44::uuid, null, $45::timestamptz from born),
  events as (insert into "outbox_events" (type, version, aggregate_id, venue_id, payload, created_at)
    select e.type, e.version, e.aggregate_id, e.venue_id, e.payload, $46::timestamptz
    from unnest($47::text[], $48::int[], $49::uuid[], $50::uuid[], $51::jsonb[])
      as e(type, version, aggregate_id, venue_id, payload)
    where exists (select 1 from born)),
  item as (
    insert into "reservation_items" (id, reservation_id, position, kind, room_type_id, rate_plan_id, arrival, departure, quantity, guests,
      starts_at, ends_at, blocked_until, price_amount, active)
    select $52::uuid, id, $53::int, 'stay', $54::uuid, $55::uuid, $56::date,
      $57::date, $58::int, $59::int, $60::timestamptz, $61::timestamptz, $62::timestamptz, $63::int, true
    from born)
  select (select id from born) as id, exists (select 1 from clear) as clear`,
  // roomTypeCopy(): the room type's plans, the venue's rules and the fingerprint of both with the
  // room type's row (of its columns, only those the bench prices with), read once per room type by
  // the bench (the service reads it again when a minute has passed). The guard compares the hold,
  // after both sides have their copy.
  stayCopy: `select "room_types"."id", "room_types"."name", "room_types"."base_rate", coalesce((select json_agg(json_build_object('id', p.id, 'roomTypeId', p.room_type_id, 'name', p.name,
        'description', p.description, 'cancellationPolicy', p.cancellation_policy, 'adjustmentPercent', p.adjustment_percent,
        'position', p.position, 'createdAt', p.created_at) order by p.position, p.created_at, p.id) from "rate_plans" p where p.room_type_id = "room_types".id), '[]'::json), coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'name', r.name,
        'roomTypeId', r.room_type_id, 'ratePlanId', r.rate_plan_id, 'startsOn', r.starts_on, 'endsOn', r.ends_on, 'weekdays', r.weekdays,
        'amount', r.amount, 'percent', r.percent, 'priority', r.priority, 'createdAt', r.created_at) order by r.id)
      from "pricing_rules" r where r.venue_id = $1::uuid), '[]'::json), md5(row_to_json("room_types")::text || coalesce((select json_agg(json_build_object('id', p.id, 'roomTypeId', p.room_type_id, 'name', p.name,
        'description', p.description, 'cancellationPolicy', p.cancellation_policy, 'adjustmentPercent', p.adjustment_percent,
        'position', p.position, 'createdAt', p.created_at) order by p.position, p.created_at, p.id) from "rate_plans" p where p.room_type_id = "room_types".id), '[]'::json)::text || coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'name', r.name,
        'roomTypeId', r.room_type_id, 'ratePlanId', r.rate_plan_id, 'startsOn', r.starts_on, 'endsOn', r.ends_on, 'weekdays', r.weekdays,
        'amount', r.amount, 'percent', r.percent, 'priority', r.priority, 'createdAt', r.created_at) order by r.id)
      from "pricing_rules" r where r.venue_id = $2::uuid), '[]'::json)::text) from "room_types" where ("room_types"."id" = $3 and "room_types"."venue_id" = $4)`,
  // venueRules(): every pricing rule of the venue (the search's).
  venueRules: `select "id", "venue_id", "kind", "name", "room_type_id", "rate_plan_id", "starts_on", "ends_on", "weekdays", "amount", "percent", "priority", "created_at" from "pricing_rules" where "pricing_rules"."venue_id" = $1`,
  // The statement every stay move but a one-stay hold changes the night counters with (the raw
  // reference of (l) sends it alone): shiftNights(), one row per (room type, night), expanded in
  // JS, no claims released; lock the nights in order, add to held where they fit.
  shiftNights: `
    with change(rt, night, dh, ds) as (select * from unnest($1::uuid[], $2::date[],
      $3::int[], $4::int[]) ),
    want as (select rt, night, sum(dh)::int as dh, sum(ds)::int as ds from change group by 1, 2),
    locked as materialized (
      select n.room_type_id from inventory_nights n join want w on n.room_type_id = w.rt and n.night = w.night
      order by n.room_type_id, n.night
      for update of n),
    done as (
      update inventory_nights n set held = n.held + w.dh, sold = n.sold + w.ds
      from want w
      where n.room_type_id = w.rt and n.night = w.night and (select count(*) from locked) >= 0
        and (w.dh + w.ds <= 0 or (n.held + n.sold + w.dh + w.ds <= n.units and not n.closed))
      returning n.room_type_id, n.night)
    select w.rt as "roomTypeId", w.night::text as night from want w
    where w.dh + w.ds > 0 and not exists (select 1 from done d where d.room_type_id = w.rt and d.night = w.night)
    order by 1, 2`,
  // StaySearch.search(): the venue's row kept; the grouped availability over the nights (one page
  // of room types, with the total count and each type's rate plans), and beside it, on another
  // pool client, the venue's rules (venueRules above).
  staySearchCandidates: `
      select c.*, coalesce((select json_agg(json_build_object('id', p.id, 'roomTypeId', p.room_type_id, 'name', p.name,
        'description', p.description, 'cancellationPolicy', p.cancellation_policy, 'adjustmentPercent', p.adjustment_percent,
        'position', p.position, 'createdAt', p.created_at) order by p.position, p.created_at, p.id) from "rate_plans" p where p.room_type_id = c.id), '[]'::json) as plans from (
        select t.id, t.name, t.max_occupancy, t.base_rate, t.amenities, min(n.units - n.held - n.sold)::int as available,
               count(*) over ()::int as total
        from room_types t
        join inventory_nights n on n.room_type_id = t.id and n.night >= $1::date and n.night < $2::date
        where t.venue_id = $3 and t.max_occupancy * $4::int >= $5::int
        group by t.id
        having count(*) = $6::int and not bool_or(n.closed)
          and min(n.units - n.held - n.sold) >= $7::int
          and max(case when n.night = $8::date then n.min_stay end) <= $9::int
        order by t.base_rate, t.name, t.id
        limit $10 offset $11) c
      order by c.base_rate, c.name, c.id`,
}

/** Positions in the array row of stayCopy. */
export const T = { id: 0, name: 1, baseRate: 2, plans: 3, rules: 4, fingerprint: 5 } as const
/** Positions in the venue's array row. */
export const V = { currency: 5, holdTtlMinutes: 8, cancellationPolicy: 9 } as const

export const HOLD_TTL_MINUTES = 15
