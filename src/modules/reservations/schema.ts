import { sql } from 'drizzle-orm'
import { literalList } from '../../db/sql-list.js'
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'
import { serviceOccurrences, services } from '../catalog/schema.js'
import { entitlements, packages } from '../packages/schema.js'
import { rooms } from '../rooms/schema.js'
import { ratePlans, roomTypes } from '../stays/schema.js'
import { venues } from '../venues/schema.js'
import type { Quote } from '../pricing/quote.js'
import { DEFAULT_POLICY, type CancellationPolicy } from '../pricing/cancellation-policy.js'

export const reservationStatuses = [
  'pending',
  'awaiting_payment',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'refunded',
  'expired',
  'no_show',
] as const
export type ReservationStatus = (typeof reservationStatuses)[number]

export interface Guest {
  name: string
  phone?: string
  email?: string
}

const statusList = literalList(reservationStatuses)

export const reservations = pgTable(
  'reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    userId: uuid('user_id').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    status: text('status', { enum: reservationStatuses }).notNull(),
    partySize: integer('party_size').notNull(),
    notes: text('notes'),
    guest: jsonb('guest').$type<Guest>(),
    totalAmount: integer('total_amount').notNull(),
    currency: text('currency').notNull(),
    quote: jsonb('quote').$type<Quote>().notNull(),
    // The policy in force when the booking was made: later changes to the venue's do not apply.
    cancellationPolicy: jsonb('cancellation_policy').$type<CancellationPolicy>().notNull().default(DEFAULT_POLICY),
    // Set only while the reservation is a hold; cleared when it is confirmed.
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reservations_user_idx').on(t.userId, t.startsAt),
    index('reservations_venue_idx').on(t.venueId, t.startsAt),
    // A front desk's day: reservations still running that day, without the venue's past.
    index('reservations_venue_end_idx').on(t.venueId, t.endsAt),
    index('reservations_hold_idx')
      .on(t.holdExpiresAt)
      .where(sql`${t.holdExpiresAt} is not null`),
    // The reminder job's windows: confirmed bookings starting within the next day.
    index('reservations_confirmed_start_idx')
      .on(t.startsAt)
      .where(sql`${t.status} = 'confirmed'`),
    check('reservations_status_check', sql`${t.status} in (${statusList})`),
    check('reservations_party_check', sql`${t.partySize} between 1 and 1000`),
    check('reservations_total_check', sql`${t.totalAmount} >= 0`),
    check('reservations_span_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
)

export const itemKinds = ['slot', 'stay', 'seat', 'session', 'package'] as const
export type ItemKind = (typeof itemKinds)[number]

/**
 * One claim on inventory. For `slot` items the exclusion constraint (migration 0001) over
 * (room_id, [starts_at, blocked_until)) where active is the double-booking guard.
 * `active` mirrors the reservation's status, because a constraint can only see its own row.
 * A `stay` claims `quantity` units of a room type for the nights arrival..departure-1; its
 * guard is the per-night counters of `inventory_nights`, and starts_at / ends_at hold the
 * check-in and check-out instants. A `seat` takes `quantity` seats of an occurrence (or, for a
 * course, of every session of its service) in the occurrences' `taken` counters; a `session`
 * is a span of the practitioner's calendar, guarded by `calendar_claims`. A `package` is a
 * purchase of a package or bundle: it claims nothing, and its confirmation grants entitlements
 * that seat and session items redeem (`entitlement_id`) instead of being paid for.
 */
export const reservationItems = pgTable(
  'reservation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    // The item's place in the request; quote lines refer to it.
    position: integer('position').notNull(),
    kind: text('kind', { enum: itemKinds }).notNull(),
    roomId: uuid('room_id').references(() => rooms.id),
    roomTypeId: uuid('room_type_id').references(() => roomTypes.id),
    ratePlanId: uuid('rate_plan_id').references(() => ratePlans.id),
    // A seat of one occurrence (a workshop), or with only the service a seat in every session of a course.
    occurrenceId: uuid('occurrence_id').references(() => serviceOccurrences.id),
    // The service a seat or a 1:1 session is of.
    serviceId: uuid('service_id').references(() => services.id),
    // What a `package` item buys.
    packageId: uuid('package_id').references(() => packages.id),
    // The entitlement a seat or session redeems instead of a price.
    entitlementId: uuid('entitlement_id').references(() => entitlements.id),
    arrival: date('arrival', { mode: 'string' }),
    departure: date('departure', { mode: 'string' }),
    quantity: integer('quantity').notNull().default(1),
    guests: integer('guests'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    // The end plus the room's buffer at booking time: the span no other claim may touch.
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
    priceAmount: integer('price_amount').notNull(),
    active: boolean('active').notNull(),
  },
  (t) => [
    index('reservation_items_reservation_idx').on(t.reservationId),
    check('reservation_items_kind_check', sql`${t.kind} in (${literalList(itemKinds)})`),
    check('reservation_items_slot_check', sql`${t.kind} <> 'slot' or ${t.roomId} is not null`),
    check('reservation_items_stay_check', sql`${t.kind} <> 'stay' or (${t.roomTypeId} is not null and ${t.departure} > ${t.arrival} and ${t.guests} >= 1)`),
    check('reservation_items_seat_check', sql`${t.kind} <> 'seat' or ${t.serviceId} is not null`),
    check('reservation_items_session_check', sql`${t.kind} <> 'session' or (${t.serviceId} is not null and ${t.quantity} = 1)`),
    check('reservation_items_package_check', sql`${t.kind} <> 'package' or ${t.packageId} is not null`),
    check('reservation_items_entitlement_check', sql`${t.entitlementId} is null or ${t.kind} in ('seat', 'session')`),
    index('reservation_items_occurrence_idx')
      .on(t.occurrenceId)
      .where(sql`${t.occurrenceId} is not null`),
    index('reservation_items_service_idx')
      .on(t.serviceId)
      .where(sql`${t.serviceId} is not null`),
    check('reservation_items_quantity_check', sql`${t.quantity} between 1 and 100`),
    check('reservation_items_span_check', sql`${t.endsAt} > ${t.startsAt} and ${t.blockedUntil} >= ${t.endsAt}`),
  ],
)

/**
 * Who sits in a reservation's seats: named at booking (`participants` on a seat item), or the
 * booker for the first seat and unnamed for the rest. The practitioner marks their attendance.
 */
export const seatParticipants = pgTable(
  'seat_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationItemId: uuid('reservation_item_id')
      .notNull()
      .references(() => reservationItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name'),
    email: text('email'),
    userId: uuid('user_id').references(() => users.id),
  },
  (t) => [index('seat_participants_item_idx').on(t.reservationItemId)],
)

/** The audit trail: one row per transition, including creation (from_status null). */
export const reservationTransitions = pgTable(
  'reservation_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('reservation_transitions_reservation_idx').on(t.reservationId)],
)
