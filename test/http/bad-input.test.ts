import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestContext } from '../helpers/context.js'
import { client, everyDay, factories, local, slot, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { listening, openSocket } from '../helpers/sockets.js'
import { stayFactories } from '../helpers/stays.js'
import { sql } from 'drizzle-orm'
import { menuItems, venueInfo } from '../../src/modules/content/schema.js'
import { media } from '../../src/modules/media/schema.js'
import { notifications } from '../../src/modules/notifications/schema.js'
import { signWebhook } from '../../src/modules/payments/gateway.js'
import { pricingRules } from '../../src/modules/pricing/schema.js'
import { inventoryNights } from '../../src/modules/stays/schema.js'
import type { RatePlan, RoomType } from '../../src/modules/stays/room-types.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { waitlistEntries } from '../../src/modules/waitlist/schema.js'
import { webhookDeliveries, webhookSubscriptions } from '../../src/modules/webhooks/schema.js'
import { scene, type Factories, type StayFactories } from '../helpers/scene.js'
import { tokenFromEmail } from '../helpers/accounts.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join as joinPath } from 'node:path'
import { fileParts, multipart, png, upload } from '../helpers/uploads.js'
import { signAsLiveKitNow } from '../video/practice.js'

/*
 * Every route under /api/v1 is sent input it must refuse. Each refusal must be a 4xx in the
 * SPEC's error shape with the right machine code, and must leave every table untouched.
 * Admin tokens are used wherever a route checks access, so a refusal is about the input.
 */

const ZONE = 'America/Denver'
let ctx: TestContext
let admin: Actor
let customer: Actor
let venue: Venue
let room: Room
let reservationId: string
/** A reservation the customer has paid for in full by card, for the refund cases. */
let paid: { id: string; total: number }
/**
 * The hotel (Europe/Lisbon, EUR): `roomType` (3 units, sleeps 2) is on sale 2027-01-01 to
 * 2027-02-28, with a min stay of 3 arriving on 01-20, 02-10 closed and 02-12 at 0 units;
 * 2 units are held 01-10 to 01-12 by `stayReservationId`. `plan` is its first rate plan,
 * `strictPlan` a second one with a policy of its own. `otherType` is another type of the
 * hotel with `otherPlan`; `foreignType` belongs to another hotel. `rule` is a season rule.
 */
let hotel: Venue
let roomType: RoomType
let plan: RatePlan
let strictPlan: RatePlan
let otherType: RoomType
let otherPlan: RatePlan
let foreignType: RoomType
let ruleId: string
let stayReservationId: string
/**
 * The karaoke venue's content: its info is written (so a refused PUT that went through would
 * change it) and `menuItemId` is on its menu. `foreignStaff` is staff at the hotel, not there.
 */
let menuItemId: string
let foreignStaff: Actor
/**
 * The karaoke venue's new modules: `entry` is a party waiting in its walk-in queue (its status
 * link is `entry.token`) and `seatedEntryId` one already seated; `hook` is a webhook to a public
 * IP literal with one pending delivery, `deliveryId`; `notificationId` is an in-app message in
 * the customer's inbox. `otherRoom` is a room of another venue.
 */
let entry: { id: string; token: string }
let seatedEntryId: string
let hookId: string
let deliveryId: string
let notificationId: string
let otherRoom: Room
/** Tokens a live feed must refuse: a refresh token, and an access token that has expired. */
let customerRefresh: string
let expiredAdminAccess: string
/**
 * The marketplace: `practitionerId` is verified (Europe/Lisbon, EUR) with a `workshopId`
 * (one occurrence on 2027-02-03) and a `sessionId` service; `pendingPractitionerId` is not verified.
 */
let practitionerId: string
let pendingPractitionerId: string
let workshopId: string
let sessionId: string
let practitionerVenueId: string
let occurrenceId: string
/** A package (10 % off three workshop seats) and a bundle (two sessions for 35.00) of `practitionerId`. */
let packageId: string
let bundleId: string
/**
 * Content streams: `postId` is a public post of `practitionerId` by the admin, with the upload
 * `mediaId` attached (so that upload cannot be deleted) and the customer's comment `commentId`.
 */
let postId: string
let mediaId: string
let commentId: string
// Uploads land here, not in the checkout's ./data.
const dataDir = mkdtempSync(joinPath(tmpdir(), 'reservoir-bad-input-'))
/**
 * Messaging: `conversationId` is the customer's conversation with the karaoke venue, whose
 * first message is `messageId`; `otherMessageId` is in the hotel owner's conversation with it;
 * `adminMediaId` is a message upload of the admin's (not the customer's to attach).
 */
let conversationId: string
let messageId: string
let otherMessageId: string
let adminMediaId: string

beforeAll(async () => {
  let s: StayFactories, f: Factories
  ;({
    ctx,
    f,
    stays: s,
    venue,
    room,
    admin,
    customer,
  } = await scene({ at: '2027-01-04T12:00:00Z', venue: { timezone: ZONE }, room: {}, customers: { customer: 'Test User' }, admin: true, config: { dataDir } }))
  const made = await client(ctx, customer.access).post('/reservations', {
    venue_id: venue.id,
    items: [slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))],
  })
  expect(made.status).toBe(201)
  reservationId = made.body.id
  const checkedOut = await holdAndCheckout(ctx, customer, venue, room, '2027-01-12T19:00', '2027-01-12T21:00')
  await fakeOf(ctx).pay(checkedOut.intentId)
  await fakeOf(ctx).drain()
  paid = { id: checkedOut.id, total: checkedOut.total }
  expect((await client(ctx, customer.access).get(`/reservations/${paid.id}`)).body).toMatchObject({ status: 'confirmed', payment: { status: 'succeeded' } })

  hotel = await s.newHotel()
  roomType = await s.newRoomType(hotel, { name: 'Double', totalUnits: 3, maxOccupancy: 2, baseRate: 10000 })
  plan = await s.newRatePlan(roomType, { name: 'Flexible', createdAt: new Date('2026-01-01T00:00:00Z') })
  strictPlan = await s.newRatePlan(roomType, {
    name: 'Non-refundable',
    adjustmentPercent: -10,
    cancellationPolicy: { tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 0 },
    createdAt: new Date('2026-01-02T00:00:00Z'),
  })
  otherType = await s.newRoomType(hotel, { name: 'Suite', totalUnits: 2, maxOccupancy: 4, baseRate: 25000 })
  otherPlan = await s.newRatePlan(otherType, { name: 'Suite flexible' })
  foreignType = await s.newRoomType(await s.newHotel(), { name: 'Elsewhere' })
  for (const t of [roomType, otherType, foreignType]) await s.loadNights(t, '2027-01-01', '2027-02-28')
  const db = ctx.deps.db
  await db.execute(sql`update ${inventoryNights} set min_stay = 3 where room_type_id = ${roomType.id} and night = '2027-01-20'`)
  await db.execute(sql`update ${inventoryNights} set closed = true where room_type_id = ${roomType.id} and night = '2027-02-10'`)
  await db.execute(sql`update ${inventoryNights} set units = 0 where room_type_id = ${roomType.id} and night = '2027-02-12'`)
  const [rule] = await db
    .insert(pricingRules)
    .values({ venueId: hotel.id, kind: 'season', name: 'Winter', startsOn: '2027-01-01', endsOn: '2027-03-31', percent: -5, createdAt: ctx.clock() })
    .returning()
  ruleId = rule!.id
  const held = await client(ctx, customer.access).post('/reservations', {
    venue_id: hotel.id,
    items: [{ kind: 'stay', room_type_id: roomType.id, arrival: '2027-01-10', departure: '2027-01-12', quantity: 2, guests: 3 }],
  })
  expect(held.status, JSON.stringify(held.body)).toBe(201)
  stayReservationId = held.body.id

  await db.insert(venueInfo).values({ venueId: venue.id, ...INFO_ROW, updatedAt: ctx.clock() })
  const [item] = await db
    .insert(menuItems)
    .values({
      venueId: venue.id,
      name: 'Nachos',
      description: 'With jalapeños',
      price: 900,
      category: 'Snacks',
      position: 0,
      createdAt: ctx.clock(),
      updatedAt: ctx.clock(),
    })
    .returning()
  menuItemId = item!.id
  foreignStaff = await f.newStaff(hotel, 'owner')

  const now = ctx.clock()
  const party = { venueId: venue.id, partySize: 2, createdAt: now, updatedAt: now }
  const [waiting] = await db
    .insert(waitlistEntries)
    .values({ ...party, token: randomBytes(32).toString('base64url'), name: 'Ana Lopez', phone: '+13035550100', status: 'waiting' })
    .returning()
  entry = { id: waiting!.id, token: waiting!.token }
  expect(entry.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  const [seated] = await db
    .insert(waitlistEntries)
    .values({ ...party, token: randomBytes(32).toString('base64url'), name: 'Ben Ng', phone: '+13035550101', status: 'seated', seatedAt: now, endedAt: now })
    .returning()
  seatedEntryId = seated!.id
  const [hook] = await db
    .insert(webhookSubscriptions)
    .values({
      venueId: venue.id,
      url: 'https://93.184.215.14/hook',
      secret: `whsec_${randomBytes(32).toString('base64')}`,
      createdBy: admin.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
  hookId = hook!.id
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      subscriptionId: hookId,
      eventId: 1,
      eventType: 'reservation.created',
      body: { id: 'evt_1', type: 'reservation.created', data: { id: reservationId } },
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + 3600_000),
      createdAt: now,
    })
    .returning()
  deliveryId = delivery!.id
  const [message] = await db
    .insert(notifications)
    .values({
      dedupeKey: `bad-input:${reservationId}:reservation_confirmed:in_app`,
      userId: customer.id,
      venueId: venue.id,
      subjectId: reservationId,
      channel: 'in_app',
      recipient: customer.id,
      template: 'reservation_confirmed',
      subject: 'Your reservation is confirmed',
      body: 'See you on Friday.',
      status: 'sent',
      nextAttemptAt: now,
      createdAt: now,
      sentAt: now,
    })
    .returning()
  notificationId = message!.id
  otherRoom = await f.newRoom(await f.newVenue({ timezone: ZONE }))
  customerRefresh = (await ctx.deps.tokens.refresh(customer.id, randomUUID(), now)).token
  expiredAdminAccess = await ctx.deps.tokens.access(admin.who, new Date(now.getTime() - 2 * 24 * 3600_000))
  ;({ practitionerId, pendingPractitionerId, workshopId, sessionId, practitionerVenueId, occurrenceId, packageId, bundleId } = await marketplaceFixtures(f))
  ;({ postId, mediaId, commentId } = await streamFixtures())
  ;({ conversationId, messageId, otherMessageId, adminMediaId } = await messagingFixtures())
})

async function streamFixtures() {
  const uploaded = await upload(ctx, admin.access, fileParts('post', await png(), 'a.png', 'image/png'))
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
  const post = await client(ctx, admin.access).post('/streams', { practitioner_id: practitionerId, title: 'Welcome', media_ids: [uploaded.body.id] })
  expect(post.status, JSON.stringify(post.body)).toBe(201)
  const comment = await client(ctx, customer.access).post(`/streams/${post.body.id}/comments`, { body: 'Hello!' })
  expect(comment.status).toBe(201)
  return { postId: post.body.id as string, mediaId: uploaded.body.id as string, commentId: comment.body.id as string }
}

async function messagingFixtures() {
  const opened = await client(ctx, customer.access).post('/conversations', { venue_id: venue.id, text: 'Is the big room free on Friday?' })
  expect(opened.status).toBe(201)
  const other = await client(ctx, foreignStaff.access).post('/conversations', { venue_id: venue.id, text: 'Hello from the hotel' })
  expect(other.status).toBe(201)
  const [upload] = await ctx.deps.db
    .insert(media)
    .values({ ownerId: admin.id, purpose: 'message', contentType: 'image/png', byteSize: 100, storageKey: 'bad-input/admin.png', createdAt: ctx.clock() })
    .returning()
  return {
    conversationId: opened.body.id as string,
    messageId: opened.body.last_message.id as string,
    otherMessageId: other.body.last_message.id as string,
    adminMediaId: upload!.id,
  }
}

async function marketplaceFixtures(f: Factories) {
  const applied = async (name: string) => {
    const owner = await f.newCustomer(name)
    const res = await client(ctx, owner.access).post('/practitioners/apply', {
      display_name: name,
      locations: [{ city: 'Lisbon', is_virtual: false }],
      timezone: 'Europe/Lisbon',
      currency: 'EUR',
    })
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  const verified = await applied('Ana Practitioner')
  const pending = await applied('Bo Applicant')
  expect((await client(ctx, admin.access).post(`/practitioners/${verified}/verify`)).status).toBe(200)
  const service = async (type: string) => {
    const res = await client(ctx, admin.access).post('/services', {
      practitioner_id: verified,
      type,
      title: `A ${type}`,
      category: 'Yoga',
      price: { amount: 2000, currency: 'EUR' },
      duration_minutes: 60,
    })
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  const workshop = await service('workshop')
  const scheduled = await client(ctx, admin.access).post(`/services/${workshop}/schedule`, {
    occurrences: [{ start: '2027-02-03T10:00:00Z', end: '2027-02-03T11:00:00Z' }],
  })
  expect(scheduled.status).toBe(201)
  const { venue_id } = (await client(ctx, admin.access).get(`/practitioners/${verified}`)).body as { venue_id: string }
  expect((await client(ctx, admin.access).post(`/practitioners/${verified}/schedule`, { hours: everyDay('09:00', '17:00') })).status).toBe(200)
  const session = await service('session')
  const offer = async (kind: string, body: object) => {
    const res = await client(ctx, admin.access).post(`/practitioners/${verified}/${kind}`, { name: `A ${kind}`, valid_for_days: 30, ...body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.id as string
  }
  return {
    practitionerId: verified,
    pendingPractitionerId: pending,
    workshopId: workshop,
    sessionId: session,
    packageId: await offer('packages', { items: [{ service_id: workshop, sessions: 3 }], discount_percent: 10 }),
    bundleId: await offer('bundles', { items: [{ service_id: session, sessions: 2 }], price: { amount: 3500, currency: 'EUR' } }),
    practitionerVenueId: venue_id,
    occurrenceId: scheduled.body.occurrences[0].id as string,
  }
}
afterAll(async () => {
  await ctx.close()
  rmSync(dataDir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// The routes, as registered in src/modules/*/routes.ts. A test below checks this list against
// the app's own OpenAPI document, so a new route without bad-input cases fails the suite.
// ---------------------------------------------------------------------------------------------

const ACTIONS = ['confirm', 'check-in', 'complete', 'no-show', 'cancel'] as const

const ROUTES = [
  'POST /auth/register',
  'POST /auth/login',
  'POST /auth/token/refresh',
  'POST /auth/logout',
  'GET /auth/user',
  'PUT /auth/user',
  'POST /auth/password/reset',
  'POST /auth/password/reset/confirm',
  'POST /auth/verify-email',
  'POST /auth/verify-email/resend',
  'POST /venues',
  'GET /venues',
  'GET /venues/mine',
  'GET /venues/:id',
  'PATCH /venues/:id',
  'PUT /venues/:id/hours',
  'POST /venues/:id/closures',
  'GET /venues/:id/closures',
  'POST /venues/:id/members',
  'GET /venues/:id/members',
  'DELETE /venues/:id/members/:user_id',
  'POST /venues/:id/rooms',
  'GET /venues/:id/rooms',
  'GET /rooms/:id',
  'PATCH /rooms/:id',
  'DELETE /rooms/:id',
  'GET /venues/:id/availability',
  'POST /reservations',
  'GET /reservations',
  'GET /reservations/upcoming',
  'GET /reservations/history',
  'GET /reservations/:id',
  ...ACTIONS.map((a) => `POST /reservations/:id/${a}`),
  'POST /reservations/:id/reschedule',
  'POST /reservations/:id/checkout',
  'POST /reservations/:id/refund',
  'GET /payments/history',
  'POST /payments/webhook',
  'GET /credits/balance',
  'GET /credits/history',
  'POST /credits/grants',
  'POST /venues/:id/room-types',
  'GET /venues/:id/room-types',
  'GET /room-types/:id',
  'PATCH /room-types/:id',
  'POST /room-types/:id/rate-plans',
  'GET /room-types/:id/rate-plans',
  'POST /venues/:id/inventory/preload',
  'PATCH /room-types/:id/inventory',
  'GET /venues/:id/inventory',
  'GET /stays/search',
  'GET /venues/:id/arrivals',
  'GET /venues/:id/departures',
  'GET /venues/:id/reports/occupancy',
  'POST /venues/:id/pricing-rules',
  'GET /venues/:id/pricing-rules',
  'DELETE /pricing-rules/:id',
  'POST /quotes',
  'GET /venues/:id/info',
  'PUT /venues/:id/info',
  'POST /venues/:id/menu',
  'GET /venues/:id/menu',
  'PATCH /menu-items/:id',
  'DELETE /menu-items/:id',
  'POST /venues/:id/waitlist',
  'GET /venues/:id/waitlist',
  'GET /waitlist/status/:token',
  'POST /waitlist/:id/notify',
  'POST /waitlist/:id/remove',
  'POST /waitlist/:id/seat',
  'POST /venues/:id/webhooks',
  'GET /venues/:id/webhooks',
  'GET /webhooks/:id',
  'PATCH /webhooks/:id',
  'DELETE /webhooks/:id',
  'POST /webhooks/:id/rotate-secret',
  'GET /webhooks/:id/deliveries',
  'POST /webhook-deliveries/:id/retry',
  'GET /notifications',
  'POST /notifications/:id/read',
  'GET /venues/:id/notifications',
  'POST /calendar-feeds',
  'GET /calendar-feeds',
  'DELETE /calendar-feeds/:id',
  'GET /calendar-feeds/:token.ics',
  'GET /ws/reservations',
  'GET /ws/inventory',
  'GET /ws/notifications',
  'GET /ws/chat/:conversation_id',
  'GET /ws/booking-updates',
  'POST /practitioners/apply',
  'GET /practitioners',
  'GET /practitioners/:id',
  'PUT /practitioners/:id',
  'POST /practitioners/:id/verify',
  'POST /practitioners/:id/reject',
  'PUT /practitioners/:id/featured',
  'POST /practitioners/:id/schedule',
  'GET /practitioners/:id/schedule',
  'GET /practitioners/:id/availability',
  'GET /practitioners/:id/services',
  'POST /services',
  'GET /services',
  'GET /services/categories',
  'GET /services/:id',
  'PUT /services/:id',
  'DELETE /services/:id',
  'POST /services/:id/schedule',
  'GET /services/:id/schedule',
  'GET /occurrences/:id/participants',
  'PUT /occurrences/:id/attendance',
  'POST /reviews',
  'POST /reviews/:id/reply',
  'POST /reviews/:id/hide',
  'GET /practitioners/:id/reviews',
  'POST /practitioners/:id/packages',
  'GET /practitioners/:id/packages',
  'POST /practitioners/:id/bundles',
  'GET /practitioners/:id/bundles',
  'POST /packages/:id/purchase',
  'POST /bundles/:id/purchase',
  'GET /entitlements',
  'POST /credits/purchase',
  'GET /credits/purchases/:id',
  'POST /practitioner/connect',
  'GET /practitioner/earnings',
  'GET /practitioner/earnings/summary',
  'GET /practitioner/payouts',
  'POST /practitioner/payouts/request',
  'GET /practitioner/transactions',
  'PUT /practitioners/:id/payouts-hold',
  'GET /reservations/:id/payment-log',
  'GET /reservations/:id/history',
  'GET /venues/:id/analytics',
  'GET /practitioner/analytics',
  'POST /subscription-plans',
  'GET /subscription-plans',
  'POST /practitioner/subscription',
  'GET /practitioner/subscription',
  'DELETE /practitioner/subscription',
  'POST /media',
  'GET /media/:id',
  'DELETE /media/:id',
  'POST /streams',
  'GET /streams',
  'GET /streams/:id',
  'PUT /streams/:id',
  'DELETE /streams/:id',
  'PUT /streams/:id/like',
  'DELETE /streams/:id/like',
  'PUT /streams/:id/save',
  'DELETE /streams/:id/save',
  'GET /streams/:id/comments',
  'POST /streams/:id/comments',
  'DELETE /streams/:id/comments/:comment_id',
  'POST /conversations',
  'GET /conversations',
  'GET /conversations/:id',
  'GET /conversations/:id/messages',
  'POST /conversations/:id/messages',
  'POST /conversations/:id/read',
  'GET /reservations/:id/video',
  'POST /reservations/:id/video/recording',
  'DELETE /reservations/:id/video/recording',
  'GET /reservations/:id/video/recording',
  'POST /video/webhook',
] as const
type Route = (typeof ROUTES)[number]

// Routes that take no input at all: nothing to send them that could be bad.
const NO_INPUT = ['GET /health', 'GET /ping']

const takesBody = (route: Route) => /^(POST|PUT|PATCH) /.test(route)
const takesId = (route: Route) => route.includes(':id')

/** `foreign-staff` is an owner of the hotel, for the karaoke venue's staff-only routes. */
type Caller = 'admin' | 'customer' | 'anonymous' | 'garbage-token' | 'foreign-staff'

interface Case {
  route: Route
  name: string
  /** Replaces :id (or :token); by default the fixture venue, room, reservation, entry… named by the path. */
  id?: string | (() => string)
  /** Replaces :user_id (a venue member); by default nobody's id. */
  userId?: string | (() => string)
  /** Replaces :comment_id; by default the fixture post's comment. */
  commentId?: string | (() => string)
  query?: string | (() => string)
  /** A JSON body, or a function of the fixtures that answers one. */
  body?: unknown
  /** Extra request headers (Stripe-Signature, Idempotency-Key), or a function of the fixtures. */
  headers?: Record<string, string> | (() => Record<string, string>)
  /** Sent as is, for malformed JSON, wrong media types and oversized bodies. */
  raw?: { payload: string | Buffer; contentType: string }
  as?: Caller
  status: number
  code: string
  detail?: unknown
}

/** A schema refusal of one field (`body.capacity`, `querystring.page_size`, `params.id`). */
const field = (name: string) => expect.arrayContaining([expect.objectContaining({ field: name })])
/** A schema refusal of a property the route does not know (no mass assignment, no typos). */
const unknown = (property: string) => expect.arrayContaining([expect.objectContaining({ property })])
/** A schema refusal of a missing required property. */
const missing = (property: string) => expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(property) })])

const invalid = (route: Route, name: string, input: Omit<Case, 'route' | 'name' | 'status' | 'code'>, detail?: unknown): Case => ({
  route,
  name,
  ...input,
  status: 400,
  code: 'validation_failed',
  detail,
})

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000'
const at = (wallClock: string) => local(ZONE, wallClock)
const goodSlot = () => slot(room, at('2027-01-09T19:00'), at('2027-01-09T21:00'))
const booking =
  (extra: Record<string, unknown> = {}, item: Record<string, unknown> = {}) =>
  () => ({
    venue_id: venue.id,
    items: [{ ...goodSlot(), ...item }],
    ...extra,
  })
const goodRoom = { name: 'Blue room', capacity: 8, hourly_rate: { amount: 4000, currency: 'USD' } }
const goodVenue = { name: 'Night Owl', kind: 'venue', timezone: 'America/Denver', currency: 'USD' }
const goodRegistration = { email: 'new-user@example.test', password: 'long enough password', name: 'New User' }

// --- hotel stays: the fixtures' shapes ----------------------------------------------------------

const goodRoomType = { name: 'Twin', total_units: 4, max_occupancy: 2, base_rate: { amount: 9000, currency: 'EUR' } }
const goodRatePlan = { name: 'Breakfast included', adjustment_percent: 15 }
const goodRule = { kind: 'season', name: 'Summer', starts_on: '2027-07-01', ends_on: '2027-08-31', percent: 20 }
/** A good stay of the fixture room type: two nights, one room, two guests, on sale and free. */
const goodStay = () => ({ kind: 'stay', room_type_id: roomType.id, arrival: '2027-01-14', departure: '2027-01-16', quantity: 1, guests: 2 })
type Fields = Record<string, unknown>
/** A reservation or quote body at the hotel with one stay, its fields replaced (undefined removes one). */
const stayBooking =
  (item: Fields | (() => Fields) = {}, extra: Fields | (() => Fields) = {}) =>
  () => ({
    venue_id: hotel.id,
    items: [{ ...goodStay(), ...(typeof item === 'function' ? item() : item) }],
    ...(typeof extra === 'function' ? extra() : extra),
  })
/** A pricing rule body with some fields replaced. */
const rule =
  (extra: Fields | (() => Fields) = {}) =>
  () => ({ ...goodRule, ...(typeof extra === 'function' ? extra() : extra) })
const atHotel = () => hotel.id

/**
 * What a stay item must refuse, the same on POST /reservations (a hold) and POST /quotes (a
 * price): dates out of order or too far apart, counts out of range, guests that do not fit,
 * rate plans and room types that are not this room type's or this venue's, min stays.
 */
function stayItemCases(route: 'POST /reservations' | 'POST /quotes'): Case[] {
  const as: Caller = route === 'POST /reservations' ? 'customer' : 'anonymous'
  const bad = (name: string, item: Fields | (() => Fields), detail?: unknown, extra: Fields | (() => Fields) = {}) =>
    invalid(route, `stay: ${name}`, { as, body: stayBooking(item, extra) }, detail)
  const notFound = (name: string, item: Fields | (() => Fields), detail: unknown, extra: Fields | (() => Fields) = {}): Case => ({
    route,
    name: `stay: ${name}`,
    as,
    body: stayBooking(item, extra),
    status: 404,
    code: 'not_found',
    detail,
  })
  return [
    // Dates.
    bad('a departure equal to the arrival', { arrival: '2027-01-14', departure: '2027-01-14' }, { item: 0, reason: 'departure_before_arrival' }),
    bad('a departure before the arrival', { arrival: '2027-01-16', departure: '2027-01-14' }, { item: 0, reason: 'departure_before_arrival' }),
    bad('a departure a year before the arrival', { arrival: '2027-01-16', departure: '2026-01-16' }, { item: 0, reason: 'departure_before_arrival' }),
    bad('a 400-night stay', { arrival: '2027-01-14', departure: '2028-02-18' }, { item: 0, reason: 'too_long' }),
    bad('a 91-night stay (at most 90)', { arrival: '2027-01-14', departure: '2027-04-15' }, { item: 0, reason: 'too_long' }),
    bad('a stay ending in the year 9999', { arrival: '2027-01-14', departure: '9999-12-31' }, { item: 0, reason: 'too_long' }),
    bad('an arrival yesterday (venue-local)', { arrival: '2027-01-03', departure: '2027-01-05' }, { item: 0, reason: 'in_the_past' }),
    bad('an arrival last year', { arrival: '2026-01-14', departure: '2026-01-16' }, { item: 0, reason: 'in_the_past' }),
    bad('February 30th', { arrival: '2027-02-30', departure: '2027-03-02' }, field('body.items.0.arrival')),
    bad('month 13', { departure: '2027-13-01' }, field('body.items.0.departure')),
    bad('an instant instead of a date', { arrival: '2027-01-14T15:00:00Z' }, field('body.items.0.arrival')),
    bad('a date as a number', { departure: 20270116 }, field('body.items.0.departure')),
    bad('a missing departure', { departure: undefined }, missing('departure')),
    bad('a missing arrival', { arrival: undefined }, missing('arrival')),
    // Counts.
    bad('quantity 0', { quantity: 0, guests: 1 }, field('body.items.0.quantity')),
    bad('a negative quantity', { quantity: -1 }, field('body.items.0.quantity')),
    bad('quantity 101', { quantity: 101, guests: 100 }, field('body.items.0.quantity')),
    bad('a fractional quantity', { quantity: 1.5 }, field('body.items.0.quantity')),
    bad('quantity "1" as a string', { quantity: '1' }, field('body.items.0.quantity')),
    bad('a missing quantity', { quantity: undefined }, missing('quantity')),
    bad('guests 0', { guests: 0 }, field('body.items.0.guests')),
    bad('guests 101', { guests: 101, quantity: 100 }, field('body.items.0.guests')),
    bad('a missing guests count', { guests: undefined }, missing('guests')),
    bad('3 guests in a room for 2', { quantity: 1, guests: 3 }, { item: 0, reason: 'occupancy' }),
    bad('5 guests in 2 rooms for 2 (max_occupancy × quantity = 4)', { quantity: 2, guests: 5 }, { item: 0, reason: 'occupancy' }),
    bad('100 guests in 1 room', { quantity: 1, guests: 100 }, { item: 0, reason: 'occupancy' }),
    bad('fewer guests than rooms', { quantity: 3, guests: 2 }, { item: 0, reason: 'guests' }),
    // What the stay names.
    bad('a malformed room type id', { room_type_id: 'double' }, field('body.items.0.room_type_id')),
    bad('a missing room type', { room_type_id: undefined }, missing('room_type_id')),
    bad('a malformed rate plan id', { rate_plan_id: 'flexible' }, field('body.items.0.rate_plan_id')),
    bad('a null rate plan id', { rate_plan_id: null }, field('body.items.0.rate_plan_id')),
    bad('a price on the item', { price: { amount: 1, currency: 'EUR' } }, unknown('price')),
    bad('a chosen number of nights', { nights: 1 }, unknown('nights')),
    bad('a room id on a stay', () => ({ room_id: room.id }), unknown('room_id')),
    notFound('an unknown room type', { room_type_id: NO_SUCH_ID }, { item: 0, room_type_id: NO_SUCH_ID }),
    notFound('a room type of another venue', () => ({ room_type_id: foreignType.id }), { item: 0 }),
    notFound('a hotel room type booked at the karaoke venue', {}, { item: 0 }, () => ({ venue_id: venue.id })),
    notFound('an unknown rate plan', { rate_plan_id: NO_SUCH_ID }, { item: 0, rate_plan_id: NO_SUCH_ID }),
    notFound('a rate plan of another room type', () => ({ rate_plan_id: otherPlan.id }), { item: 0 }),
    notFound("the second item naming a rate plan of the first one's type", {}, { item: 1 }, () => ({
      items: [goodStay(), { ...goodStay(), room_type_id: otherType.id, rate_plan_id: plan.id }],
    })),
    bad(
      "a stay shorter than the arrival night's min stay (3)",
      { arrival: '2027-01-20', departure: '2027-01-22' },
      { item: 0, reason: 'min_stay', min_stay: 3 },
    ),
    bad('items under different cancellation policies', {}, { reason: 'mixed_cancellation_policies' }, () => ({
      items: [
        { ...goodStay(), rate_plan_id: plan.id },
        { ...goodStay(), rate_plan_id: strictPlan.id },
      ],
    })),
    bad('11 stay items', {}, field('body.items'), () => ({ items: Array.from({ length: 11 }, goodStay) })),
    bad('party_size 0', {}, field('body.party_size'), { party_size: 0 }),
    bad('a malformed venue id', {}, field('body.venue_id'), { venue_id: 'hotel' }),
    { route, name: 'stay: an unknown venue', as, body: stayBooking({}, { venue_id: NO_SUCH_ID }), status: 404, code: 'not_found' },
  ]
}

/** The hotel's own routes: room types, rate plans, the inventory calendar, search, the front desk and reports, pricing rules. */
function hotelCases(): Case[] {
  const grid = 'GET /venues/:id/inventory'
  const edit = 'PATCH /room-types/:id/inventory'
  const preload = 'POST /venues/:id/inventory/preload'
  const search = 'GET /stays/search'
  const searchQuery = (extra: string) => () => `venue=${hotel.id}&arrival=2027-01-14&departure=2027-01-16${extra}`
  return [
    // --- room types ---------------------------------------------------------------------------
    invalid('POST /venues/:id/room-types', 'a missing name', { body: { ...goodRoomType, name: undefined } }, missing('name')),
    invalid('POST /venues/:id/room-types', 'a name that is a number', { body: { ...goodRoomType, name: 5 } }, field('body.name')),
    invalid('POST /venues/:id/room-types', 'an empty name', { body: { ...goodRoomType, name: '' } }, field('body.name')),
    invalid('POST /venues/:id/room-types', 'a 121-character name', { body: { ...goodRoomType, name: 'x'.repeat(121) } }, field('body.name')),
    invalid('POST /venues/:id/room-types', 'a missing total_units', { body: { ...goodRoomType, total_units: undefined } }, missing('total_units')),
    invalid('POST /venues/:id/room-types', 'total_units "4" as a string', { body: { ...goodRoomType, total_units: '4' } }, field('body.total_units')),
    invalid('POST /venues/:id/room-types', 'negative total_units', { body: { ...goodRoomType, total_units: -1 } }, field('body.total_units')),
    invalid('POST /venues/:id/room-types', 'total_units 10001', { body: { ...goodRoomType, total_units: 10001 } }, field('body.total_units')),
    invalid('POST /venues/:id/room-types', 'fractional total_units', { body: { ...goodRoomType, total_units: 2.5 } }, field('body.total_units')),
    invalid('POST /venues/:id/room-types', 'a missing max_occupancy', { body: { ...goodRoomType, max_occupancy: undefined } }, missing('max_occupancy')),
    invalid('POST /venues/:id/room-types', 'max_occupancy 0', { body: { ...goodRoomType, max_occupancy: 0 } }, field('body.max_occupancy')),
    invalid('POST /venues/:id/room-types', 'max_occupancy 101', { body: { ...goodRoomType, max_occupancy: 101 } }, field('body.max_occupancy')),
    invalid('POST /venues/:id/room-types', 'a missing base rate', { body: { ...goodRoomType, base_rate: undefined } }, missing('base_rate')),
    invalid('POST /venues/:id/room-types', 'a base rate as a bare number', { body: { ...goodRoomType, base_rate: 9000 } }, field('body.base_rate')),
    invalid(
      'POST /venues/:id/room-types',
      'a negative base rate',
      { body: { ...goodRoomType, base_rate: { amount: -1, currency: 'EUR' } } },
      field('body.base_rate.amount'),
    ),
    invalid(
      'POST /venues/:id/room-types',
      'a base rate in floats',
      { body: { ...goodRoomType, base_rate: { amount: 90.5, currency: 'EUR' } } },
      field('body.base_rate.amount'),
    ),
    invalid(
      'POST /venues/:id/room-types',
      'a base rate over 5,000,000',
      { body: { ...goodRoomType, base_rate: { amount: 5_000_001, currency: 'EUR' } } },
      field('body.base_rate.amount'),
    ),
    invalid(
      'POST /venues/:id/room-types',
      'a lower-case currency',
      { body: { ...goodRoomType, base_rate: { amount: 9000, currency: 'eur' } } },
      field('body.base_rate.currency'),
    ),
    invalid(
      'POST /venues/:id/room-types',
      "a currency other than the venue's",
      { body: { ...goodRoomType, base_rate: { amount: 9000, currency: 'USD' } } },
      { field: 'base_rate.currency', expected: 'EUR' },
    ),
    invalid('POST /venues/:id/room-types', 'amenities as a string', { body: { ...goodRoomType, amenities: 'wifi' } }, field('body.amenities')),
    invalid('POST /venues/:id/room-types', 'an empty amenity', { body: { ...goodRoomType, amenities: [''] } }, field('body.amenities.0')),
    invalid(
      'POST /venues/:id/room-types',
      '51 amenities',
      { body: { ...goodRoomType, amenities: Array.from({ length: 51 }, (_, i) => `a${i}`) } },
      field('body.amenities'),
    ),
    invalid('POST /venues/:id/room-types', 'a venue_id in the body', { body: { ...goodRoomType, venue_id: NO_SUCH_ID } }, unknown('venue_id')),
    invalid('POST /venues/:id/room-types', 'a client-chosen id', { body: { ...goodRoomType, id: NO_SUCH_ID } }, unknown('id')),
    invalid('POST /venues/:id/room-types', 'units held from the start', { body: { ...goodRoomType, held: 1 } }, unknown('held')),
    { route: 'POST /venues/:id/room-types', name: 'an unknown venue', id: NO_SUCH_ID, body: goodRoomType, status: 404, code: 'not_found' },
    { route: 'POST /venues/:id/room-types', name: 'a customer', as: 'customer', body: goodRoomType, status: 403, code: 'forbidden' },
    { route: 'POST /venues/:id/room-types', name: 'no token', as: 'anonymous', body: goodRoomType, status: 401, code: 'unauthenticated' },
    { route: 'POST /venues/:id/room-types', name: 'a malformed token', as: 'garbage-token', body: goodRoomType, status: 401, code: 'invalid_token' },
    invalid('GET /venues/:id/room-types', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
    invalid('GET /venues/:id/room-types', 'page=0', { query: 'page=0' }, field('querystring.page')),
    invalid('GET /venues/:id/room-types', 'a 201-character search', { query: `search=${'a'.repeat(201)}` }, field('querystring.search')),
    invalid('GET /venues/:id/room-types', 'an ordering it does not have', { query: 'ordering=-base_rate' }, unknown('ordering')),
    invalid('GET /venues/:id/room-types', 'an unknown parameter', { query: 'guests=2' }, unknown('guests')),
    { route: 'GET /venues/:id/room-types', name: 'an unknown venue', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'GET /room-types/:id', name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'GET /room-types/:id', name: 'the id of a venue', id: atHotel, status: 404, code: 'not_found' },
    invalid('PATCH /room-types/:id', 'an empty patch', { body: {} }),
    invalid('PATCH /room-types/:id', 'a name that is a number', { body: { name: 5 } }, field('body.name')),
    invalid('PATCH /room-types/:id', 'total_units "4" as a string', { body: { total_units: '4' } }, field('body.total_units')),
    invalid('PATCH /room-types/:id', 'negative total_units', { body: { total_units: -1 } }, field('body.total_units')),
    invalid('PATCH /room-types/:id', 'max_occupancy 0', { body: { max_occupancy: 0 } }, field('body.max_occupancy')),
    invalid(
      'PATCH /room-types/:id',
      "a currency other than the venue's",
      { body: { base_rate: { amount: 9000, currency: 'USD' } } },
      { field: 'base_rate.currency' },
    ),
    invalid('PATCH /room-types/:id', 'a base rate as a bare number', { body: { base_rate: 9000 } }, field('body.base_rate')),
    invalid('PATCH /room-types/:id', 'a move to another venue', { body: { venue_id: NO_SUCH_ID } }, unknown('venue_id')),
    invalid('PATCH /room-types/:id', 'a null name', { body: { name: null } }, field('body.name')),
    // Two units are held on 01-10 and 01-11: fewer units than that is a conflict, and the
    // room type's own row is left as it was (the update and the check are one transaction).
    {
      route: 'PATCH /room-types/:id',
      name: 'total_units below the units already held',
      body: { name: 'Renamed', total_units: 1 },
      status: 409,
      code: 'units_below_sold',
      detail: { units: 1, nights: [{ night: '2027-01-10' }, { night: '2027-01-11' }] },
    },
    { route: 'PATCH /room-types/:id', name: 'an unknown id', id: NO_SUCH_ID, body: { name: 'x' }, status: 404, code: 'not_found' },
    { route: 'PATCH /room-types/:id', name: 'a customer', as: 'customer', body: { name: 'Mine now' }, status: 403, code: 'forbidden' },
    { route: 'PATCH /room-types/:id', name: 'no token', as: 'anonymous', body: { name: 'x' }, status: 401, code: 'unauthenticated' },

    // --- rate plans ---------------------------------------------------------------------------
    invalid('POST /room-types/:id/rate-plans', 'a missing name', { body: { adjustment_percent: 0 } }, missing('name')),
    invalid('POST /room-types/:id/rate-plans', 'an empty name', { body: { ...goodRatePlan, name: '' } }, field('body.name')),
    invalid('POST /room-types/:id/rate-plans', 'a 121-character name', { body: { ...goodRatePlan, name: 'x'.repeat(121) } }, field('body.name')),
    invalid('POST /room-types/:id/rate-plans', 'a description that is a number', { body: { ...goodRatePlan, description: 5 } }, field('body.description')),
    invalid(
      'POST /room-types/:id/rate-plans',
      'a 2001-character description',
      { body: { ...goodRatePlan, description: 'x'.repeat(2001) } },
      field('body.description'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'an adjustment of -101%',
      { body: { ...goodRatePlan, adjustment_percent: -101 } },
      field('body.adjustment_percent'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'an adjustment of 1001%',
      { body: { ...goodRatePlan, adjustment_percent: 1001 } },
      field('body.adjustment_percent'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'an adjustment in floats',
      { body: { ...goodRatePlan, adjustment_percent: 7.5 } },
      field('body.adjustment_percent'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'an adjustment as a string',
      { body: { ...goodRatePlan, adjustment_percent: '10' } },
      field('body.adjustment_percent'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'a policy by name',
      { body: { ...goodRatePlan, cancellation_policy: 'non-refundable' } },
      field('body.cancellation_policy'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'a policy without tiers',
      { body: { ...goodRatePlan, cancellation_policy: policy({ tiers: undefined }) } },
      missing('tiers'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'a policy with no tiers',
      { body: { ...goodRatePlan, cancellation_policy: policy({ tiers: [] }) } },
      field('body.cancellation_policy.tiers'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'a 101% refund',
      { body: { ...goodRatePlan, cancellation_policy: policy({}, { refund_percent: 101 }) } },
      field('body.cancellation_policy.tiers.0.refund_percent'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'an unknown field in the policy',
      { body: { ...goodRatePlan, cancellation_policy: policy({ grace_minutes: 15 }) } },
      unknown('grace_minutes'),
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'two tiers with the same deadline',
      {
        body: {
          ...goodRatePlan,
          cancellation_policy: policy({
            tiers: [
              { hours_before: 48, refund_percent: 100 },
              { hours_before: 48, refund_percent: 50 },
            ],
          }),
        },
      },
      { field: 'cancellation_policy' },
    ),
    invalid(
      'POST /room-types/:id/rate-plans',
      'a later cancellation refunding more',
      {
        body: {
          ...goodRatePlan,
          cancellation_policy: policy({
            tiers: [
              { hours_before: 48, refund_percent: 50 },
              { hours_before: 0, refund_percent: 100 },
            ],
          }),
        },
      },
      { field: 'cancellation_policy' },
    ),
    invalid('POST /room-types/:id/rate-plans', 'a room type id in the body', { body: { ...goodRatePlan, room_type_id: NO_SUCH_ID } }, unknown('room_type_id')),
    invalid('POST /room-types/:id/rate-plans', 'a fixed price', { body: { ...goodRatePlan, price: { amount: 100, currency: 'EUR' } } }, unknown('price')),
    { route: 'POST /room-types/:id/rate-plans', name: 'an unknown room type', id: NO_SUCH_ID, body: goodRatePlan, status: 404, code: 'not_found' },
    { route: 'POST /room-types/:id/rate-plans', name: 'a customer', as: 'customer', body: goodRatePlan, status: 403, code: 'forbidden' },
    { route: 'POST /room-types/:id/rate-plans', name: 'no token', as: 'anonymous', body: goodRatePlan, status: 401, code: 'unauthenticated' },
    { route: 'GET /room-types/:id/rate-plans', name: 'an unknown room type', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'GET /room-types/:id/rate-plans', name: 'the id of a rate plan', id: () => plan.id, status: 404, code: 'not_found' },

    // --- the inventory calendar ---------------------------------------------------------------
    invalid(preload, 'a missing to', { body: { from: '2027-03-01' } }, missing('to')),
    invalid(preload, 'a missing from', { body: { to: '2027-03-01' } }, missing('from')),
    invalid(preload, 'February 30th', { body: { from: '2027-02-30', to: '2027-03-31' } }, field('body.from')),
    invalid(preload, 'a date as a number', { body: { from: 20270301, to: '2027-03-31' } }, field('body.from')),
    invalid(preload, 'an instant instead of a date', { body: { from: '2027-03-01', to: '2027-03-31T00:00:00Z' } }, field('body.to')),
    invalid(preload, 'to before from', { body: { from: '2027-03-31', to: '2027-03-01' } }, { field: 'to' }),
    invalid(preload, 'a range of 732 nights (at most 731)', { body: { from: '2027-03-01', to: '2029-03-01' } }, { field: 'to' }),
    invalid(preload, 'a range of ten thousand years', { body: { from: '0001-01-01', to: '9999-12-31' } }, { field: 'to' }),
    invalid(preload, 'units chosen for the nights', { body: { from: '2027-03-01', to: '2027-03-31', units: 3 } }, unknown('units')),
    invalid(
      preload,
      'a 256-character Idempotency-Key',
      { body: { from: '2027-03-01', to: '2027-03-31' }, headers: { 'idempotency-key': 'k'.repeat(256) } },
      field('headers.idempotency-key'),
    ),
    { route: preload, name: 'an unknown venue', id: NO_SUCH_ID, body: { from: '2027-03-01', to: '2027-03-31' }, status: 404, code: 'not_found' },
    { route: preload, name: 'a customer', as: 'customer', body: { from: '2027-03-01', to: '2027-03-31' }, status: 403, code: 'forbidden' },
    { route: preload, name: 'no token', as: 'anonymous', body: { from: '2027-03-01', to: '2027-03-31' }, status: 401, code: 'unauthenticated' },
    invalid(edit, 'a range and nothing to set', { body: { from: '2027-03-01', to: '2027-03-31' } }),
    invalid(edit, 'a missing from', { body: { to: '2027-03-31', closed: true, min_stay: 2 } }, missing('from')),
    invalid(edit, 'February 30th', { body: { from: '2027-02-30', to: '2027-03-31', closed: true } }, field('body.from')),
    invalid(edit, 'negative units', { body: { from: '2027-03-01', to: '2027-03-31', units: -1 } }, field('body.units')),
    invalid(edit, 'units 10001', { body: { from: '2027-03-01', to: '2027-03-31', units: 10001 } }, field('body.units')),
    invalid(edit, 'units "3" as a string', { body: { from: '2027-03-01', to: '2027-03-31', units: '3' } }, field('body.units')),
    invalid(edit, 'closed as a string', { body: { from: '2027-03-01', to: '2027-03-31', closed: 'yes' } }, field('body.closed')),
    invalid(edit, 'closed as null', { body: { from: '2027-03-01', to: '2027-03-31', closed: null } }, field('body.closed')),
    invalid(edit, 'min_stay 0', { body: { from: '2027-03-01', to: '2027-03-31', min_stay: 0 } }, field('body.min_stay')),
    invalid(edit, 'min_stay 91', { body: { from: '2027-03-01', to: '2027-03-31', min_stay: 91 } }, field('body.min_stay')),
    invalid(edit, 'to before from', { body: { from: '2027-03-31', to: '2027-03-01', closed: true } }, { field: 'to' }),
    invalid(edit, 'a range of 732 nights (at most 731)', { body: { from: '2027-03-01', to: '2029-03-01', closed: true } }, { field: 'to' }),
    invalid(edit, 'held units chosen by the caller', { body: { from: '2027-03-01', to: '2027-03-31', held: 0 } }, unknown('held')),
    invalid(edit, 'a price for the nights', { body: { from: '2027-03-01', to: '2027-03-31', price: { amount: 100, currency: 'EUR' } } }, unknown('price')),
    // Two units are held on 01-10 and 01-11. The range runs past the loaded nights, whose
    // loading is part of the same refused change.
    {
      route: edit,
      name: 'units below the units already held',
      body: { from: '2027-01-09', to: '2027-03-05', units: 1 },
      status: 409,
      code: 'units_below_sold',
      detail: { units: 1, nights: [{ night: '2027-01-10' }, { night: '2027-01-11' }] },
    },
    { route: edit, name: 'an unknown room type', id: NO_SUCH_ID, body: { from: '2027-03-01', to: '2027-03-31', closed: true }, status: 404, code: 'not_found' },
    { route: edit, name: 'a customer', as: 'customer', body: { from: '2027-03-01', to: '2027-03-31', closed: true }, status: 403, code: 'forbidden' },
    { route: edit, name: 'no token', as: 'anonymous', body: { from: '2027-03-01', to: '2027-03-31', closed: true }, status: 401, code: 'unauthenticated' },
    invalid(grid, 'a missing from', { query: 'to=2027-01-31' }, missing('from')),
    invalid(grid, 'a missing to', { query: 'from=2027-01-01' }, missing('to')),
    invalid(grid, 'February 30th', { query: 'from=2027-02-30&to=2027-03-31' }, field('querystring.from')),
    invalid(grid, 'a word instead of a date', { query: 'from=today&to=2027-03-31' }, field('querystring.from')),
    invalid(grid, 'to before from', { query: 'from=2027-01-31&to=2027-01-01' }, { field: 'to' }),
    invalid(grid, 'a range of 367 nights (at most 366)', { query: 'from=2027-01-01&to=2028-01-02' }, { field: 'to' }),
    invalid(grid, 'an unknown parameter', { query: 'from=2027-01-01&to=2027-01-31&room_type=x' }, unknown('room_type')),
    { route: grid, name: 'an unknown venue', id: NO_SUCH_ID, query: 'from=2027-01-01&to=2027-01-31', status: 404, code: 'not_found' },
    { route: grid, name: 'a customer', as: 'customer', query: 'from=2027-01-01&to=2027-01-31', status: 403, code: 'forbidden' },
    { route: grid, name: 'no token', as: 'anonymous', query: 'from=2027-01-01&to=2027-01-31', status: 401, code: 'unauthenticated' },

    // --- search (public) ----------------------------------------------------------------------
    invalid(search, 'a missing venue', { as: 'anonymous', query: 'arrival=2027-01-14&departure=2027-01-16' }, missing('venue')),
    invalid(search, 'a malformed venue id', { as: 'anonymous', query: 'venue=hotel&arrival=2027-01-14&departure=2027-01-16' }, field('querystring.venue')),
    invalid(search, 'a missing arrival', { as: 'anonymous', query: () => `venue=${hotel.id}&departure=2027-01-16` }, missing('arrival')),
    invalid(search, 'a missing departure', { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-01-14` }, missing('departure')),
    invalid(
      search,
      'February 30th',
      { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-02-30&departure=2027-03-02` },
      field('querystring.arrival'),
    ),
    invalid(
      search,
      'a departure equal to the arrival',
      { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-01-14&departure=2027-01-14` },
      { field: 'departure' },
    ),
    invalid(
      search,
      'a departure before the arrival',
      { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-01-16&departure=2027-01-14` },
      { field: 'departure' },
    ),
    invalid(
      search,
      'a 91-night stay (at most 90)',
      { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-01-14&departure=2027-04-15` },
      { field: 'departure' },
    ),
    invalid(
      search,
      'a stay ending in the year 9999',
      { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-01-14&departure=9999-12-31` },
      { field: 'departure' },
    ),
    invalid(
      search,
      'an arrival in the past',
      { as: 'anonymous', query: () => `venue=${hotel.id}&arrival=2027-01-03&departure=2027-01-05` },
      { field: 'arrival' },
    ),
    invalid(search, 'guests=0', { as: 'anonymous', query: searchQuery('&guests=0') }, field('querystring.guests')),
    invalid(search, 'guests=abc', { as: 'anonymous', query: searchQuery('&guests=abc') }, field('querystring.guests')),
    invalid(search, 'guests=1001', { as: 'anonymous', query: searchQuery('&guests=1001') }, field('querystring.guests')),
    invalid(search, 'rooms=0', { as: 'anonymous', query: searchQuery('&rooms=0') }, field('querystring.rooms')),
    invalid(search, 'rooms=101', { as: 'anonymous', query: searchQuery('&rooms=101') }, field('querystring.rooms')),
    invalid(search, 'rooms=1.5', { as: 'anonymous', query: searchQuery('&rooms=1.5') }, field('querystring.rooms')),
    invalid(search, 'an unknown parameter', { as: 'anonymous', query: searchQuery('&room_type=double') }, unknown('room_type')),
    {
      route: search,
      name: 'an unknown venue',
      as: 'anonymous',
      query: `venue=${NO_SUCH_ID}&arrival=2027-01-14&departure=2027-01-16`,
      status: 404,
      code: 'not_found',
    },

    // --- front desk and reports ---------------------------------------------------------------
    ...(['arrivals', 'departures'] as const).flatMap((which): Case[] => {
      const route = `GET /venues/:id/${which}` as const
      return [
        invalid(route, 'a missing date', { query: 'page=1' }, missing('date')),
        invalid(route, 'February 30th', { query: 'date=2027-02-30' }, field('querystring.date')),
        invalid(route, 'an instant instead of a date', { query: 'date=2027-01-10T15:00:00Z' }, field('querystring.date')),
        invalid(route, 'page_size=10000', { query: 'date=2027-01-10&page_size=10000' }, field('querystring.page_size')),
        invalid(route, 'page=0', { query: 'date=2027-01-10&page=0' }, field('querystring.page')),
        invalid(route, 'an unknown parameter', { query: 'date=2027-01-10&status=pending' }, unknown('status')),
        { route, name: 'an unknown venue', id: NO_SUCH_ID, query: 'date=2027-01-10', status: 404, code: 'not_found' },
        { route, name: 'a customer', as: 'customer', query: 'date=2027-01-10', status: 403, code: 'forbidden' },
        { route, name: 'no token', as: 'anonymous', query: 'date=2027-01-10', status: 401, code: 'unauthenticated' },
      ]
    }),
    invalid('GET /venues/:id/reports/occupancy', 'a missing to', { query: 'from=2027-01-01' }, missing('to')),
    invalid('GET /venues/:id/reports/occupancy', 'February 30th', { query: 'from=2027-02-30&to=2027-03-31' }, field('querystring.from')),
    invalid('GET /venues/:id/reports/occupancy', 'to before from', { query: 'from=2027-01-31&to=2027-01-01' }, { field: 'to' }),
    invalid('GET /venues/:id/reports/occupancy', 'a range of 367 nights (at most 366)', { query: 'from=2027-01-01&to=2028-01-02' }, { field: 'to' }),
    invalid('GET /venues/:id/reports/occupancy', 'an unknown parameter', { query: 'from=2027-01-01&to=2027-01-31&currency=USD' }, unknown('currency')),
    {
      route: 'GET /venues/:id/reports/occupancy',
      name: 'an unknown venue',
      id: NO_SUCH_ID,
      query: 'from=2027-01-01&to=2027-01-31',
      status: 404,
      code: 'not_found',
    },
    { route: 'GET /venues/:id/reports/occupancy', name: 'a customer', as: 'customer', query: 'from=2027-01-01&to=2027-01-31', status: 403, code: 'forbidden' },
    {
      route: 'GET /venues/:id/reports/occupancy',
      name: 'no token',
      as: 'anonymous',
      query: 'from=2027-01-01&to=2027-01-31',
      status: 401,
      code: 'unauthenticated',
    },

    // --- pricing rules ------------------------------------------------------------------------
    invalid('POST /venues/:id/pricing-rules', 'a missing kind', { body: rule({ kind: undefined }) }, missing('kind')),
    invalid('POST /venues/:id/pricing-rules', 'an unknown kind', { body: rule({ kind: 'holiday' }) }, field('body.kind')),
    invalid('POST /venues/:id/pricing-rules', 'an upper-case kind', { body: rule({ kind: 'SEASON' }) }, field('body.kind')),
    invalid('POST /venues/:id/pricing-rules', 'a missing name', { body: rule({ name: undefined }) }, missing('name')),
    invalid('POST /venues/:id/pricing-rules', 'an empty name', { body: rule({ name: '' }) }, field('body.name')),
    invalid('POST /venues/:id/pricing-rules', 'both amount and percent', { body: rule({ amount: { amount: 12000, currency: 'EUR' } }) }, { field: 'amount' }),
    invalid('POST /venues/:id/pricing-rules', 'neither amount nor percent', { body: rule({ percent: undefined }) }, { field: 'amount' }),
    invalid('POST /venues/:id/pricing-rules', 'a null percent and no amount', { body: rule({ percent: null, amount: null }) }, { field: 'amount' }),
    invalid('POST /venues/:id/pricing-rules', 'a season without dates', { body: rule({ starts_on: undefined, ends_on: undefined }) }, { field: 'starts_on' }),
    invalid('POST /venues/:id/pricing-rules', 'a season without an end', { body: rule({ ends_on: null }) }, { field: 'starts_on' }),
    invalid(
      'POST /venues/:id/pricing-rules',
      'ends_on before starts_on',
      { body: rule({ starts_on: '2027-08-31', ends_on: '2027-07-01' }) },
      { field: 'ends_on' },
    ),
    invalid('POST /venues/:id/pricing-rules', 'February 30th', { body: rule({ starts_on: '2027-02-30' }) }, field('body.starts_on')),
    invalid('POST /venues/:id/pricing-rules', 'an instant instead of a date', { body: rule({ ends_on: '2027-08-31T23:59:59Z' }) }, field('body.ends_on')),
    invalid(
      'POST /venues/:id/pricing-rules',
      'a weekday rule without weekdays',
      { body: rule({ kind: 'weekday', starts_on: undefined, ends_on: undefined }) },
      { field: 'weekdays' },
    ),
    invalid('POST /venues/:id/pricing-rules', 'weekday 0', { body: rule({ kind: 'weekday', weekdays: [0, 6] }) }, field('body.weekdays.0')),
    invalid('POST /venues/:id/pricing-rules', 'weekday 8', { body: rule({ kind: 'weekday', weekdays: [6, 8] }) }, field('body.weekdays.1')),
    invalid('POST /venues/:id/pricing-rules', 'weekdays by name', { body: rule({ kind: 'weekday', weekdays: ['sat', 'sun'] }) }, field('body.weekdays.0')),
    invalid('POST /venues/:id/pricing-rules', 'no weekdays', { body: rule({ kind: 'weekday', weekdays: [] }) }, field('body.weekdays')),
    invalid('POST /venues/:id/pricing-rules', 'a weekday twice', { body: rule({ kind: 'weekday', weekdays: [6, 6] }) }, field('body.weekdays')),
    invalid('POST /venues/:id/pricing-rules', 'a percent of -101', { body: rule({ percent: -101 }) }, field('body.percent')),
    invalid('POST /venues/:id/pricing-rules', 'a percent of 1001', { body: rule({ percent: 1001 }) }, field('body.percent')),
    invalid('POST /venues/:id/pricing-rules', 'a percent in floats', { body: rule({ percent: 12.5 }) }, field('body.percent')),
    invalid('POST /venues/:id/pricing-rules', 'a percent as a string', { body: rule({ percent: '20' }) }, field('body.percent')),
    invalid(
      'POST /venues/:id/pricing-rules',
      'a negative amount',
      { body: rule({ percent: undefined, amount: { amount: -1, currency: 'EUR' } }) },
      field('body.amount.amount'),
    ),
    invalid('POST /venues/:id/pricing-rules', 'an amount as a bare number', { body: rule({ percent: undefined, amount: 12000 }) }, field('body.amount')),
    invalid(
      'POST /venues/:id/pricing-rules',
      "a currency other than the venue's",
      { body: rule({ percent: undefined, amount: { amount: 12000, currency: 'USD' } }) },
      { field: 'amount.currency', expected: 'EUR' },
    ),
    invalid(
      'POST /venues/:id/pricing-rules',
      'an override without a rate plan',
      { body: rule({ kind: 'override', percent: undefined, amount: { amount: 12000, currency: 'EUR' } }) },
      { field: 'rate_plan_id' },
    ),
    invalid(
      'POST /venues/:id/pricing-rules',
      'an override by percent',
      { body: rule(() => ({ kind: 'override', rate_plan_id: plan.id })) },
      { field: 'rate_plan_id' },
    ),
    invalid('POST /venues/:id/pricing-rules', 'priority 1001', { body: rule({ priority: 1001 }) }, field('body.priority')),
    invalid('POST /venues/:id/pricing-rules', 'a malformed room type id', { body: rule({ room_type_id: 'double' }) }, field('body.room_type_id')),
    invalid('POST /venues/:id/pricing-rules', 'a venue_id in the body', { body: rule({ venue_id: NO_SUCH_ID }) }, unknown('venue_id')),
    invalid(
      'POST /venues/:id/pricing-rules',
      'a rate plan of another room type',
      { body: rule(() => ({ room_type_id: roomType.id, rate_plan_id: otherPlan.id })) },
      { field: 'rate_plan_id' },
    ),
    {
      route: 'POST /venues/:id/pricing-rules',
      name: 'an unknown room type',
      body: rule({ room_type_id: NO_SUCH_ID }),
      status: 404,
      code: 'not_found',
      detail: { field: 'room_type_id' },
    },
    {
      route: 'POST /venues/:id/pricing-rules',
      name: 'a room type of another venue',
      body: rule(() => ({ room_type_id: foreignType.id })),
      status: 404,
      code: 'not_found',
      detail: { field: 'room_type_id' },
    },
    {
      route: 'POST /venues/:id/pricing-rules',
      name: 'an unknown rate plan',
      body: rule({ rate_plan_id: NO_SUCH_ID }),
      status: 404,
      code: 'not_found',
      detail: { field: 'rate_plan_id' },
    },
    {
      route: 'POST /venues/:id/pricing-rules',
      name: 'a rate plan of another venue',
      id: () => venue.id,
      body: rule(() => ({ percent: undefined, amount: { amount: 100, currency: 'USD' }, rate_plan_id: plan.id })),
      status: 404,
      code: 'not_found',
      detail: { field: 'rate_plan_id' },
    },
    { route: 'POST /venues/:id/pricing-rules', name: 'an unknown venue', id: NO_SUCH_ID, body: goodRule, status: 404, code: 'not_found' },
    { route: 'POST /venues/:id/pricing-rules', name: 'a customer', as: 'customer', body: goodRule, status: 403, code: 'forbidden' },
    { route: 'POST /venues/:id/pricing-rules', name: 'no token', as: 'anonymous', body: goodRule, status: 401, code: 'unauthenticated' },
    invalid('GET /venues/:id/pricing-rules', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
    invalid('GET /venues/:id/pricing-rules', 'page=0', { query: 'page=0' }, field('querystring.page')),
    {
      route: 'GET /venues/:id/pricing-rules',
      name: "an anonymous caller (the rules are the venue's strategy)",
      as: 'anonymous',
      status: 401,
      code: 'unauthenticated',
    },
    { route: 'GET /venues/:id/pricing-rules', name: 'a customer', as: 'customer', status: 403, code: 'forbidden' },
    invalid('GET /venues/:id/pricing-rules', 'a kind filter it does not have', { query: 'kind=season' }, unknown('kind')),
    { route: 'GET /venues/:id/pricing-rules', name: 'an unknown venue', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'DELETE /pricing-rules/:id', name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'DELETE /pricing-rules/:id', name: 'the id of a room type', id: () => roomType.id, status: 404, code: 'not_found' },
    { route: 'DELETE /pricing-rules/:id', name: 'a customer', as: 'customer', status: 403, code: 'forbidden' },
    { route: 'DELETE /pricing-rules/:id', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },

    // --- stays in quotes and reservations -----------------------------------------------------
    ...stayItemCases('POST /quotes'),
    invalid('POST /quotes', 'a missing venue', { as: 'anonymous', body: () => ({ items: [goodStay()] }) }, missing('venue_id')),
    invalid('POST /quotes', 'no items', { as: 'anonymous', body: () => ({ venue_id: hotel.id, items: [] }) }, field('body.items')),
    invalid('POST /quotes', 'notes (a quote has none)', { as: 'anonymous', body: stayBooking({}, { notes: 'late arrival' }) }, unknown('notes')),
    invalid('POST /quotes', 'a guest (a quote has none)', { as: 'anonymous', body: stayBooking({}, { guest: { name: 'X' } }) }, unknown('guest')),
    invalid('POST /quotes', 'a chosen total', { as: 'anonymous', body: stayBooking({}, { total: 1 }) }, unknown('total')),
    ...stayItemCases('POST /reservations'),
    // The checks above are the plan's; these ones are the counters' (quotes do not claim).
    {
      route: 'POST /reservations',
      name: 'stay: nights not loaded for sale',
      as: 'customer',
      body: stayBooking({ arrival: '2027-02-27', departure: '2027-03-02' }),
      status: 409,
      code: 'sold_out',
      detail: { item: 0, reason: 'not_on_sale', night: '2027-03-01' },
    },
    {
      route: 'POST /reservations',
      name: 'stay: nights never loaded at all',
      as: 'customer',
      body: stayBooking({ arrival: '2027-06-01', departure: '2027-06-03' }),
      status: 409,
      code: 'sold_out',
      detail: { item: 0, reason: 'not_on_sale', night: '2027-06-01' },
    },
    {
      route: 'POST /reservations',
      name: 'stay: a closed night',
      as: 'customer',
      body: stayBooking({ arrival: '2027-02-09', departure: '2027-02-11' }),
      status: 409,
      code: 'sold_out',
      detail: { item: 0, reason: 'closed', night: '2027-02-10' },
    },
    {
      route: 'POST /reservations',
      name: 'stay: a night with no units',
      as: 'customer',
      body: stayBooking({ arrival: '2027-02-12', departure: '2027-02-13' }),
      status: 409,
      code: 'sold_out',
      detail: { item: 0, reason: 'full', night: '2027-02-12' },
    },
    {
      route: 'POST /reservations',
      name: 'stay: more rooms than are left (2 of 3 held)',
      as: 'customer',
      body: stayBooking({ arrival: '2027-01-11', departure: '2027-01-13', quantity: 2, guests: 2 }),
      status: 409,
      code: 'sold_out',
      detail: { item: 0, reason: 'full', night: '2027-01-11' },
    },
    // Each item fits alone; together they need 4 of 3 units. Neither is kept.
    {
      route: 'POST /reservations',
      name: 'stay: two items that together exceed the units',
      as: 'customer',
      body: () => ({
        venue_id: hotel.id,
        items: [
          { ...goodStay(), quantity: 2, guests: 2 },
          { ...goodStay(), quantity: 2, guests: 2, rate_plan_id: plan.id },
        ],
      }),
      status: 409,
      code: 'sold_out',
      detail: { reason: 'full', night: '2027-01-14' },
    },
    // The first stay is free, the second is not on sale: the first is not kept either.
    {
      route: 'POST /reservations',
      name: 'stay: a good item with a bad one (all or none)',
      as: 'customer',
      body: () => ({ venue_id: hotel.id, items: [goodStay(), { ...goodStay(), room_type_id: otherType.id, arrival: '2027-05-01', departure: '2027-05-02' }] }),
      status: 409,
      code: 'sold_out',
      detail: { item: 1, reason: 'not_on_sale' },
    },
    { route: 'POST /reservations', name: 'stay: no token', as: 'anonymous', body: stayBooking(), status: 401, code: 'unauthenticated' },
    invalid(
      'POST /reservations',
      'stay: a 256-character Idempotency-Key',
      { as: 'customer', body: stayBooking(), headers: { 'idempotency-key': 'k'.repeat(256) } },
      field('headers.idempotency-key'),
    ),

    // --- moving a stay (the held 2027-01-10 → 01-12 reservation) ------------------------------
    ...((): Case[] => {
      const route = 'POST /reservations/:id/reschedule'
      const id = () => stayReservationId
      const move = (name: string, body: Fields, detail?: unknown) => invalid(route, `stay: ${name}`, { as: 'customer', id, body }, detail)
      return [
        move('a departure equal to the arrival', { arrival: '2027-01-14', departure: '2027-01-14' }, { item: 0, reason: 'departure_before_arrival' }),
        move('a departure before the arrival', { arrival: '2027-01-16', departure: '2027-01-14' }, { item: 0, reason: 'departure_before_arrival' }),
        move('a 400-night stay', { arrival: '2027-01-14', departure: '2028-02-18' }, { item: 0, reason: 'too_long' }),
        move('an arrival in the past', { arrival: '2027-01-02', departure: '2027-01-05' }, { item: 0, reason: 'in_the_past' }),
        move("a stay shorter than the arrival night's min stay", { arrival: '2027-01-20', departure: '2027-01-21' }, { item: 0, reason: 'min_stay' }),
        move('February 30th', { arrival: '2027-02-30', departure: '2027-03-02' }, field('body.arrival')),
        move('a slot move of a stay', { start: at('2027-01-10T19:00'), end: at('2027-01-10T21:00') }, { field: 'item_id' }),
        move('a new quantity', { arrival: '2027-01-14', departure: '2027-01-16', quantity: 1 }, unknown('quantity')),
        // The old nights are given back and the new ones taken in one statement: refused, both stay as they were.
        {
          route,
          name: 'stay: to nights not loaded for sale',
          as: 'customer',
          id,
          body: { arrival: '2027-02-27', departure: '2027-03-02' },
          status: 409,
          code: 'sold_out',
          detail: { reason: 'not_on_sale', night: '2027-03-01' },
        },
        {
          route,
          name: 'stay: onto a closed night',
          as: 'customer',
          id,
          body: { arrival: '2027-02-09', departure: '2027-02-11' },
          status: 409,
          code: 'sold_out',
          detail: { reason: 'closed', night: '2027-02-10' },
        },
      ]
    })(),
  ]
}

// --- venue content: the fixtures' shapes ---------------------------------------------------------

/** The karaoke venue's info as beforeAll writes it (as a row) and a good PUT body (USD venue). */
const INFO_ROW = {
  hoursText: 'Daily 4 pm–2 am',
  phone: '+1 303 555 0100',
  address: '1 Larimer St, Denver',
  socials: { instagram: 'https://instagram.com/nightowl' },
  policies: 'No outside drinks.',
}
const goodInfo = {
  hours_text: 'Mon–Thu 4 pm–2 am',
  phone: '+1 (303) 555-0199',
  address: '2 Larimer St',
  socials: { instagram: 'https://instagram.com/owl', tiktok: 'http://tiktok.com/@owl' },
  policies: 'Ages 21+.',
}
const goodMenuItem = {
  name: 'Margherita',
  description: 'Tomato, mozzarella, basil',
  price: { amount: 1200, currency: 'USD' },
  category: 'Pizza',
  available: true,
  position: 3,
}
/** An info body with some fields replaced (undefined removes one). */
const info = (extra: Fields) => ({ ...goodInfo, ...extra })
/** A menu item body with some fields replaced (undefined removes one). */
const menuItem = (extra: Fields) => ({ ...goodMenuItem, ...extra })
/** A schema refusal of something at or under a field (`body.socials`, `body.socials.instagram`). */
const under = (prefix: string) =>
  expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\.|$)`)) })])
const usd = (amount: unknown) => ({ amount, currency: 'USD' })

/** Business info and the menu: anyone reads them, the venue's staff write them (SPEC §4, §8). */
function contentCases(): Case[] {
  const put = 'PUT /venues/:id/info'
  const read = 'GET /venues/:id/info'
  const create = 'POST /venues/:id/menu'
  const list = 'GET /venues/:id/menu'
  const patch = 'PATCH /menu-items/:id'
  const remove = 'DELETE /menu-items/:id'
  const theItem = () => menuItemId
  const atVenue = () => venue.id
  const url = (path: string) => `https://example.com/${path}`
  return [
    // --- business info ------------------------------------------------------------------------
    invalid(put, 'hours_text that is a number', { body: info({ hours_text: 5 }) }, field('body.hours_text')),
    invalid(put, 'hours_text as a list of ranges', { body: info({ hours_text: [{ weekday: 1, open: '16:00', close: '02:00' }] }) }, field('body.hours_text')),
    invalid(put, 'a 2001-character hours_text', { body: info({ hours_text: 'x'.repeat(2001) }) }, field('body.hours_text')),
    invalid(put, 'a phone of letters', { body: info({ phone: 'call me maybe' }) }, field('body.phone')),
    invalid(put, 'a phone with letters in it', { body: info({ phone: '+1 303 FLOWERS' }) }, field('body.phone')),
    invalid(put, 'a phone as a number', { body: info({ phone: 3035550100 }) }, field('body.phone')),
    invalid(put, 'a 4-digit phone', { body: info({ phone: '1234' }) }, field('body.phone')),
    invalid(put, 'a 21-digit phone', { body: info({ phone: '1'.repeat(21) }) }, field('body.phone')),
    invalid(put, 'an address that is an object', { body: info({ address: { street: '1 Main St' } }) }, field('body.address')),
    invalid(put, 'a 501-character address', { body: info({ address: 'x'.repeat(501) }) }, field('body.address')),
    invalid(put, 'a 10001-character policies text', { body: info({ policies: 'x'.repeat(10001) }) }, field('body.policies')),
    invalid(put, 'policies as a list', { body: info({ policies: ['no dogs'] }) }, field('body.policies')),
    invalid(put, 'a NUL character in the policies', { body: info({ policies: 'a\u0000b' }) }),
    invalid(put, 'socials as a list', { body: info({ socials: [url('owl')] }) }, field('body.socials')),
    invalid(put, 'socials as a string', { body: info({ socials: url('owl') }) }, field('body.socials')),
    invalid(put, 'null socials (leave them out to clear them)', { body: info({ socials: null }) }, field('body.socials')),
    invalid(
      put,
      '21 socials (at most 20)',
      { body: info({ socials: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`net${i}`, url(`${i}`)])) }) },
      field('body.socials'),
    ),
    invalid(put, 'a socials URL on ftp', { body: info({ socials: { instagram: 'ftp://example.com/owl' } }) }, field('body.socials.instagram')),
    invalid(put, 'a javascript: socials URL', { body: info({ socials: { website: 'javascript:alert(1)' } }) }, field('body.socials.website')),
    invalid(put, 'a data: socials URL', { body: info({ socials: { website: 'data:text/html,<script>alert(1)</script>' } }) }, field('body.socials.website')),
    invalid(put, 'a socials URL without a scheme', { body: info({ socials: { instagram: 'instagram.com/owl' } }) }, field('body.socials.instagram')),
    invalid(put, 'a socials URL with spaces', { body: info({ socials: { instagram: 'https://insta gram.com/owl' } }) }, field('body.socials.instagram')),
    invalid(put, 'an empty socials URL', { body: info({ socials: { instagram: '' } }) }, field('body.socials.instagram')),
    invalid(put, 'a socials URL that is a number', { body: info({ socials: { instagram: 42 } }) }, field('body.socials.instagram')),
    invalid(put, 'a socials URL that is an object', { body: info({ socials: { instagram: { url: url('owl') } } }) }, field('body.socials.instagram')),
    invalid(put, 'a 501-character socials URL', { body: info({ socials: { website: url('x'.repeat(481)) } }) }, field('body.socials.website')),
    invalid(put, 'a socials key with spaces and capitals', { body: info({ socials: { 'Insta Gram': url('owl') } }) }, under('body.socials')),
    invalid(put, 'a socials key with a path in it', { body: info({ socials: { '../admin': url('owl') } }) }, under('body.socials')),
    invalid(put, 'a socials key with markup in it', { body: info({ socials: { '<b>x</b>': url('owl') } }) }, under('body.socials')),
    invalid(put, 'an empty socials key', { body: info({ socials: { '': url('owl') } }) }, under('body.socials')),
    invalid(put, 'a 31-character socials key', { body: info({ socials: { ['a'.repeat(31)]: url('owl') } }) }, under('body.socials')),
    invalid(put, 'a bad socials key hiding a javascript: URL', { body: info({ socials: { Website: 'javascript:alert(1)' } }) }, under('body.socials')),
    invalid(put, 'a bad socials key hiding a number', { body: info({ socials: { 'My Site': 42 } }) }, under('body.socials')),
    invalid(put, 'a bad socials key hiding an object', { body: info({ socials: { 'My Site': { href: 'https://example.com' } } }) }, under('body.socials')),
    invalid(put, 'a NUL character in a socials key', { body: info({ socials: { 'x\u0000': url('owl') } }) }),
    invalid(put, 'a venue_id in the body', { body: info({ venue_id: NO_SUCH_ID }) }, unknown('venue_id')),
    invalid(put, 'a chosen updated_at', { body: info({ updated_at: '2020-01-01T00:00:00Z' }) }, unknown('updated_at')),
    invalid(put, 'a website field (socials hold it)', { body: info({ website: url('owl') }) }, unknown('website')),
    invalid(put, 'a menu in the info', { body: info({ menu: [goodMenuItem] }) }, unknown('menu')),
    invalid(put, 'a misspelt field', { body: info({ hours: 'Daily' }) }, unknown('hours')),
    { route: put, name: 'an unknown venue', id: NO_SUCH_ID, body: goodInfo, status: 404, code: 'not_found' },
    { route: put, name: 'the id of a menu item', id: theItem, body: goodInfo, status: 404, code: 'not_found' },
    { route: put, name: 'a customer', as: 'customer', body: goodInfo, status: 403, code: 'forbidden' },
    { route: put, name: 'a customer clearing it with an empty body', as: 'customer', body: {}, status: 403, code: 'forbidden' },
    { route: put, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: goodInfo, status: 403, code: 'forbidden' },
    { route: put, name: 'no token', as: 'anonymous', body: goodInfo, status: 401, code: 'unauthenticated' },
    { route: put, name: 'a malformed token', as: 'garbage-token', body: goodInfo, status: 401, code: 'invalid_token' },
    { route: read, name: 'an unknown venue', as: 'anonymous', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: read, name: 'the id of a menu item', as: 'anonymous', id: theItem, status: 404, code: 'not_found' },
    { route: read, name: 'the id of a room', id: () => room.id, status: 404, code: 'not_found' },

    // --- menu items ---------------------------------------------------------------------------
    invalid(create, 'a missing name', { body: menuItem({ name: undefined }) }, missing('name')),
    invalid(create, 'a missing price', { body: menuItem({ price: undefined }) }, missing('price')),
    invalid(create, 'a missing category', { body: menuItem({ category: undefined }) }, missing('category')),
    invalid(create, 'an empty body', { body: {} }, missing('name')),
    invalid(create, 'a name that is a number', { body: menuItem({ name: 5 }) }, field('body.name')),
    invalid(create, 'a null name', { body: menuItem({ name: null }) }, field('body.name')),
    invalid(create, 'an empty name', { body: menuItem({ name: '' }) }, field('body.name')),
    invalid(create, 'a 201-character name', { body: menuItem({ name: 'x'.repeat(201) }) }, field('body.name')),
    invalid(create, 'a NUL character in the name', { body: menuItem({ name: 'Pizza\u0000' }) }),
    invalid(create, 'a description that is a number', { body: menuItem({ description: 5 }) }, field('body.description')),
    invalid(create, 'a 2001-character description', { body: menuItem({ description: 'x'.repeat(2001) }) }, field('body.description')),
    invalid(create, 'a price as a bare number', { body: menuItem({ price: 1200 }) }, field('body.price')),
    invalid(create, 'a price as a string', { body: menuItem({ price: '12.00' }) }, field('body.price')),
    invalid(create, 'a null price', { body: menuItem({ price: null }) }, field('body.price')),
    invalid(create, 'a price amount as a string', { body: menuItem({ price: usd('1200') }) }, field('body.price.amount')),
    invalid(create, 'a negative price', { body: menuItem({ price: usd(-1) }) }, field('body.price.amount')),
    invalid(create, 'a price in floats', { body: menuItem({ price: usd(12.5) }) }, field('body.price.amount')),
    invalid(create, 'a price over 5,000,000', { body: menuItem({ price: usd(5_000_001) }) }, field('body.price.amount')),
    invalid(create, 'a price over 2^31', { body: menuItem({ price: usd(2 ** 31) }) }, field('body.price.amount')),
    invalid(create, 'a price without a currency', { body: menuItem({ price: { amount: 1200 } }) }, missing('currency')),
    invalid(create, 'a lower-case currency', { body: menuItem({ price: { amount: 1200, currency: 'usd' } }) }, field('body.price.currency')),
    invalid(create, 'a currency symbol', { body: menuItem({ price: { amount: 1200, currency: '$' } }) }, field('body.price.currency')),
    invalid(create, 'an unknown field in the price', { body: menuItem({ price: { amount: 1200, currency: 'USD', tax: 100 } }) }, unknown('tax')),
    invalid(
      create,
      "a price in a currency other than the venue's",
      { body: menuItem({ price: { amount: 1200, currency: 'EUR' } }) },
      { field: 'price.currency', expected: 'USD' },
    ),
    invalid(
      create,
      "a price in a currency other than the hotel's",
      { id: atHotel, body: menuItem({ price: { amount: 1200, currency: 'USD' } }) },
      { field: 'price.currency', expected: 'EUR' },
    ),
    invalid(create, 'a category that is a number', { body: menuItem({ category: 1 }) }, field('body.category')),
    invalid(create, 'an empty category', { body: menuItem({ category: '' }) }, field('body.category')),
    invalid(create, 'an 81-character category', { body: menuItem({ category: 'x'.repeat(81) }) }, field('body.category')),
    invalid(create, 'available as a string', { body: menuItem({ available: 'yes' }) }, field('body.available')),
    invalid(create, 'available as a number', { body: menuItem({ available: 1 }) }, field('body.available')),
    invalid(create, 'a null available', { body: menuItem({ available: null }) }, field('body.available')),
    invalid(create, 'a negative position', { body: menuItem({ position: -1 }) }, field('body.position')),
    invalid(create, 'position 10001', { body: menuItem({ position: 10001 }) }, field('body.position')),
    invalid(create, 'a fractional position', { body: menuItem({ position: 1.5 }) }, field('body.position')),
    invalid(create, 'position "3" as a string', { body: menuItem({ position: '3' }) }, field('body.position')),
    invalid(create, 'a venue_id in the body', { body: menuItem({ venue_id: NO_SUCH_ID }) }, unknown('venue_id')),
    invalid(create, 'a client-chosen id', { body: menuItem({ id: NO_SUCH_ID }) }, unknown('id')),
    invalid(create, 'a chosen created_at', { body: menuItem({ created_at: '2020-01-01T00:00:00Z' }) }, unknown('created_at')),
    invalid(create, 'a chosen updated_at', { body: menuItem({ updated_at: '2020-01-01T00:00:00Z' }) }, unknown('updated_at')),
    invalid(create, 'a price as a bare number beside the Money one', { body: menuItem({ price_amount: 1 }) }, unknown('price_amount')),
    invalid(create, 'a list of items', { body: [goodMenuItem] }, field('body')),
    { route: create, name: 'an unknown venue', id: NO_SUCH_ID, body: goodMenuItem, status: 404, code: 'not_found' },
    { route: create, name: 'the id of a menu item', id: theItem, body: goodMenuItem, status: 404, code: 'not_found' },
    { route: create, name: 'a customer', as: 'customer', body: goodMenuItem, status: 403, code: 'forbidden' },
    { route: create, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: goodMenuItem, status: 403, code: 'forbidden' },
    { route: create, name: 'no token', as: 'anonymous', body: goodMenuItem, status: 401, code: 'unauthenticated' },
    { route: create, name: 'a malformed token', as: 'garbage-token', body: goodMenuItem, status: 401, code: 'invalid_token' },
    invalid(list, 'available=maybe', { as: 'anonymous', query: 'available=maybe' }, field('querystring.available')),
    invalid(list, 'available=2', { as: 'anonymous', query: 'available=2' }, field('querystring.available')),
    invalid(list, 'page_size=1000', { as: 'anonymous', query: 'page_size=1000' }, field('querystring.page_size')),
    invalid(list, 'page_size=0', { as: 'anonymous', query: 'page_size=0' }, field('querystring.page_size')),
    invalid(list, 'page_size=abc', { as: 'anonymous', query: 'page_size=abc' }, field('querystring.page_size')),
    invalid(list, 'page=0', { as: 'anonymous', query: 'page=0' }, field('querystring.page')),
    invalid(list, 'page=-1', { as: 'anonymous', query: 'page=-1' }, field('querystring.page')),
    invalid(list, 'an empty category', { as: 'anonymous', query: 'category=' }, field('querystring.category')),
    invalid(list, 'an 81-character category', { as: 'anonymous', query: `category=${'x'.repeat(81)}` }, field('querystring.category')),
    invalid(list, 'a 201-character search', { as: 'anonymous', query: `search=${'a'.repeat(201)}` }, field('querystring.search')),
    invalid(list, 'a NUL character in the search', { as: 'anonymous', query: 'search=a%00b' }),
    invalid(list, 'a NUL character in the category', { as: 'anonymous', query: 'category=a%00b' }),
    invalid(list, 'an unknown filter', { as: 'anonymous', query: 'max_price=1000' }, unknown('max_price')),
    invalid(list, 'a venue filter (the path names it)', { as: 'anonymous', query: `venue=${NO_SUCH_ID}` }, unknown('venue')),
    invalid(list, 'an ordering it does not have', { as: 'anonymous', query: 'ordering=-price' }, unknown('ordering')),
    invalid(list, 'a good filter beside an unknown one', { as: 'anonymous', query: 'available=true&spicy=true' }, unknown('spicy')),
    { route: list, name: 'an unknown venue', as: 'anonymous', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: list, name: 'the id of a menu item', as: 'anonymous', id: theItem, status: 404, code: 'not_found' },
    invalid(patch, 'an empty patch', { body: {} }),
    invalid(patch, 'a name that is a number', { body: { name: 5 } }, field('body.name')),
    invalid(patch, 'a null name', { body: { name: null } }, field('body.name')),
    invalid(patch, 'an empty name', { body: { name: '' } }, field('body.name')),
    invalid(patch, 'a 201-character name', { body: { name: 'x'.repeat(201) } }, field('body.name')),
    invalid(patch, 'a 2001-character description', { body: { description: 'x'.repeat(2001) } }, field('body.description')),
    invalid(patch, 'a NUL character in the description', { body: { description: 'a\u0000b' } }),
    invalid(patch, 'a null price', { body: { price: null } }, field('body.price')),
    invalid(patch, 'a price as a bare number', { body: { price: 900 } }, field('body.price')),
    invalid(patch, 'a negative price', { body: { price: usd(-100) } }, field('body.price.amount')),
    invalid(patch, 'a price over 5,000,000', { body: { price: usd(5_000_001) } }, field('body.price.amount')),
    invalid(patch, 'a price in floats', { body: { price: usd(9.99) } }, field('body.price.amount')),
    invalid(
      patch,
      "a price in a currency other than the venue's",
      { body: { price: { amount: 900, currency: 'EUR' } } },
      { field: 'price.currency', expected: 'USD' },
    ),
    invalid(
      patch,
      'a good name with a price in another currency (nothing of it kept)',
      { body: { name: 'Renamed', price: { amount: 900, currency: 'GBP' } } },
      { field: 'price.currency' },
    ),
    invalid(patch, 'a null category', { body: { category: null } }, field('body.category')),
    invalid(patch, 'an empty category', { body: { category: '' } }, field('body.category')),
    invalid(patch, 'available as a string', { body: { available: 'no' } }, field('body.available')),
    invalid(patch, 'a null available', { body: { available: null } }, field('body.available')),
    invalid(patch, 'a negative position', { body: { position: -1 } }, field('body.position')),
    invalid(patch, 'position 10001', { body: { position: 10001 } }, field('body.position')),
    invalid(patch, 'a null position', { body: { position: null } }, field('body.position')),
    invalid(patch, 'a move to another venue', { body: { venue_id: NO_SUCH_ID } }, unknown('venue_id')),
    invalid(patch, 'a good name with a move to another venue', { body: () => ({ name: 'Moved', venue_id: hotel.id }) }, unknown('venue_id')),
    invalid(patch, 'a new id', { body: { id: NO_SUCH_ID } }, unknown('id')),
    invalid(patch, 'a chosen created_at', { body: { created_at: '2020-01-01T00:00:00Z' } }, unknown('created_at')),
    invalid(patch, 'a chosen updated_at', { body: { updated_at: '2020-01-01T00:00:00Z' } }, unknown('updated_at')),
    { route: patch, name: 'an unknown id', id: NO_SUCH_ID, body: { name: 'x' }, status: 404, code: 'not_found' },
    { route: patch, name: 'the id of a venue', id: atVenue, body: { name: 'x' }, status: 404, code: 'not_found' },
    { route: patch, name: 'a customer', as: 'customer', body: { price: usd(1) }, status: 403, code: 'forbidden' },
    { route: patch, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: { available: false }, status: 403, code: 'forbidden' },
    { route: patch, name: 'no token', as: 'anonymous', body: { name: 'x' }, status: 401, code: 'unauthenticated' },
    { route: patch, name: 'a malformed token', as: 'garbage-token', body: { name: 'x' }, status: 401, code: 'invalid_token' },
    { route: remove, name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: remove, name: 'the id of a venue', id: atVenue, status: 404, code: 'not_found' },
    { route: remove, name: 'the id of a pricing rule', id: () => ruleId, status: 404, code: 'not_found' },
    { route: remove, name: 'a customer', as: 'customer', status: 403, code: 'forbidden' },
    { route: remove, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 403, code: 'forbidden' },
    { route: remove, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: remove, name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },
  ]
}

// --- the walk-in waitlist, outbound webhooks, notifications, live feeds -------------------------

/** A good party joining the karaoke venue's queue, with some fields replaced (undefined removes one). */
const goodJoin = { name: 'Cleo Park', phone: '+1 (303) 555-0142', party_size: 3 }
const join = (extra: Fields) => ({ ...goodJoin, ...extra })

/**
 * The walk-in queue (SPEC §8): anyone joins, only the venue's staff quote a wait, list it or
 * move a party along; to anyone else an entry does not exist. The fixture `entry` is waiting.
 */
function waitlistCases(): Case[] {
  const create = 'POST /venues/:id/waitlist'
  const list = 'GET /venues/:id/waitlist'
  const status = 'GET /waitlist/status/:token'
  const notify = 'POST /waitlist/:id/notify'
  const remove = 'POST /waitlist/:id/remove'
  const seat = 'POST /waitlist/:id/seat'
  const seated = () => seatedEntryId
  const atVenue = () => venue.id
  const theRoom = () => ({ room_id: room.id })
  return [
    // --- joining ------------------------------------------------------------------------------
    invalid(create, 'a 5-digit phone', { as: 'anonymous', body: join({ phone: '12345' }) }, { field: 'phone', reason: 'phone_digits' }),
    invalid(create, 'a 16-digit phone', { as: 'anonymous', body: join({ phone: '+1234567890123456' }) }, { field: 'phone', reason: 'phone_digits' }),
    invalid(create, 'a phone of letters', { as: 'anonymous', body: join({ phone: 'call me maybe' }) }, field('body.phone')),
    invalid(create, 'a phone as a number', { as: 'anonymous', body: join({ phone: 3035550142 }) }, field('body.phone')),
    invalid(create, 'a missing phone', { as: 'anonymous', body: join({ phone: undefined }) }, missing('phone')),
    invalid(create, 'a missing name', { as: 'anonymous', body: join({ name: undefined }) }, missing('name')),
    invalid(create, 'an empty name', { as: 'anonymous', body: join({ name: '' }) }, field('body.name')),
    invalid(create, 'a name of spaces', { as: 'anonymous', body: join({ name: '   ' }) }, field('body.name')),
    invalid(create, 'a 121-character name', { as: 'anonymous', body: join({ name: 'x'.repeat(121) }) }, field('body.name')),
    invalid(create, 'a missing party size', { as: 'anonymous', body: join({ party_size: undefined }) }, missing('party_size')),
    invalid(create, 'party_size 0', { as: 'anonymous', body: join({ party_size: 0 }) }, field('body.party_size')),
    invalid(create, 'party_size 1001', { as: 'anonymous', body: join({ party_size: 1001 }) }, field('body.party_size')),
    invalid(create, 'party_size "2" as a string', { as: 'anonymous', body: join({ party_size: '2' }) }, field('body.party_size')),
    invalid(create, 'a fractional party size', { as: 'anonymous', body: join({ party_size: 2.5 }) }, field('body.party_size')),
    invalid(create, '1001-character notes', { as: 'anonymous', body: join({ notes: 'x'.repeat(1001) }) }, field('body.notes')),
    invalid(create, 'a NUL character in the name', { as: 'anonymous', body: join({ name: 'Cleo\u0000' }) }),
    invalid(create, 'a NUL character in the notes', { as: 'anonymous', body: join({ notes: 'a\u0000b' }) }),
    invalid(create, 'a quoted wait of 1441 minutes (staff)', { body: join({ quoted_wait_minutes: 1441 }) }, field('body.quoted_wait_minutes')),
    invalid(create, 'a negative quoted wait (staff)', { body: join({ quoted_wait_minutes: -5 }) }, field('body.quoted_wait_minutes')),
    invalid(create, 'a chosen status', { as: 'anonymous', body: join({ status: 'seated' }) }, unknown('status')),
    invalid(create, 'a chosen token', { as: 'anonymous', body: join({ token: 'A'.repeat(43) }) }, unknown('token')),
    invalid(create, 'a chosen owner', { as: 'anonymous', body: join({ user_id: NO_SUCH_ID }) }, unknown('user_id')),
    invalid(create, 'a room chosen on joining', { as: 'anonymous', body: () => join({ room_id: room.id }) }, unknown('room_id')),
    { route: create, name: 'a customer quoting their own wait', as: 'customer', body: join({ quoted_wait_minutes: 10 }), status: 403, code: 'forbidden' },
    { route: create, name: 'an anonymous party quoting its own wait', as: 'anonymous', body: join({ quoted_wait_minutes: 0 }), status: 403, code: 'forbidden' },
    {
      route: create,
      name: "staff of another venue (the hotel's owner) quoting a wait",
      as: 'foreign-staff',
      body: join({ quoted_wait_minutes: 10 }),
      status: 403,
      code: 'forbidden',
    },
    { route: create, name: 'a malformed token (not treated as anonymous)', as: 'garbage-token', body: goodJoin, status: 401, code: 'invalid_token' },
    { route: create, name: 'an unknown venue', as: 'anonymous', id: NO_SUCH_ID, body: goodJoin, status: 404, code: 'not_found' },
    { route: create, name: 'the id of a waitlist entry', as: 'anonymous', id: () => entry.id, body: goodJoin, status: 404, code: 'not_found' },

    // --- the staff's list ---------------------------------------------------------------------
    invalid(list, 'status=gone', { query: 'status=gone' }, field('querystring.status')),
    invalid(list, 'two statuses', { query: 'status=waiting,notified' }, field('querystring.status')),
    invalid(list, 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(list, 'page=0', { query: 'page=0' }, field('querystring.page')),
    invalid(list, 'an ordering it does not have', { query: 'ordering=-party_size' }, field('querystring.ordering')),
    invalid(list, 'a 201-character search', { query: `search=${'a'.repeat(201)}` }, field('querystring.search')),
    invalid(list, 'a NUL character in the search', { query: 'search=a%00b' }),
    invalid(list, 'an unknown parameter', { query: 'party_size=2' }, unknown('party_size')),
    { route: list, name: 'an unknown venue', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: list, name: 'a customer', as: 'customer', status: 403, code: 'forbidden' },
    { route: list, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 403, code: 'forbidden' },
    { route: list, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: list, name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },

    // --- the status link ----------------------------------------------------------------------
    invalid(status, 'a short token', { as: 'anonymous', id: 'short' }, field('params.token')),
    invalid(status, 'a 44-character token', { as: 'anonymous', id: 'A'.repeat(44) }, field('params.token')),
    invalid(status, 'a token with a character outside base64url', { as: 'anonymous', id: `${'A'.repeat(42)}.` }, field('params.token')),
    invalid(status, 'the entry id instead of its token', { as: 'anonymous', id: () => entry.id }, field('params.token')),
    { route: status, name: 'a well-formed token nobody has', as: 'anonymous', id: 'A'.repeat(43), status: 404, code: 'not_found' },

    // --- notify, remove, seat -----------------------------------------------------------------
    invalid(notify, 'a message to send', { body: { message: 'hi' } }, unknown('message')),
    invalid(notify, 'a chosen status', { body: { status: 'seated' } }, unknown('status')),
    { route: notify, name: 'an unknown id', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
    { route: notify, name: 'the id of a venue', id: atVenue, body: {}, status: 404, code: 'not_found' },
    { route: notify, name: 'a seated party', id: seated, body: {}, status: 409, code: 'invalid_transition', detail: { from: 'seated', to: 'notified' } },
    { route: notify, name: 'a customer', as: 'customer', body: {}, status: 404, code: 'not_found' },
    { route: notify, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: {}, status: 404, code: 'not_found' },
    { route: notify, name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
    { route: notify, name: 'a malformed token', as: 'garbage-token', body: {}, status: 401, code: 'invalid_token' },
    invalid(remove, 'reason "gone"', { body: { reason: 'gone' } }, field('body.reason')),
    invalid(remove, 'reason "seated"', { body: { reason: 'seated' } }, field('body.reason')),
    invalid(remove, 'a reason that is a number', { body: { reason: 1 } }, field('body.reason')),
    invalid(remove, 'a note beside the reason', { body: { reason: 'left', note: 'walked out' } }, unknown('note')),
    { route: remove, name: 'an unknown id', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
    {
      route: remove,
      name: 'a seated party',
      id: seated,
      body: { reason: 'no_show' },
      status: 409,
      code: 'invalid_transition',
      detail: { from: 'seated', to: 'no_show' },
    },
    { route: remove, name: 'a customer', as: 'customer', body: { reason: 'left' }, status: 404, code: 'not_found' },
    { route: remove, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: {}, status: 404, code: 'not_found' },
    { route: remove, name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
    invalid(seat, 'minutes without a room', { body: { minutes: 60 } }, { field: 'minutes', reason: 'minutes_without_room' }),
    invalid(seat, '45 minutes in a room of 30-minute slots', { body: () => ({ ...theRoom(), minutes: 45 }) }, { item: 0, reason: 'off_grid' }),
    invalid(seat, 'minutes 0', { body: () => ({ ...theRoom(), minutes: 0 }) }, field('body.minutes')),
    invalid(seat, 'minutes 1441', { body: () => ({ ...theRoom(), minutes: 1441 }) }, field('body.minutes')),
    invalid(seat, 'minutes "60" as a string', { body: () => ({ ...theRoom(), minutes: '60' }) }, field('body.minutes')),
    invalid(seat, 'a malformed room id', { body: { room_id: 'blue' } }, field('body.room_id')),
    invalid(seat, 'a chosen reservation', { body: { reservation_id: NO_SUCH_ID } }, unknown('reservation_id')),
    invalid(seat, 'a 256-character Idempotency-Key', { body: {}, headers: { 'idempotency-key': 'k'.repeat(256) } }, field('headers.idempotency-key')),
    {
      route: seat,
      name: 'a room of another venue',
      body: () => ({ room_id: otherRoom.id }),
      status: 404,
      code: 'not_found',
      detail: { room_id: expect.any(String) },
    },
    { route: seat, name: 'an unknown room', body: { room_id: NO_SUCH_ID }, status: 404, code: 'not_found', detail: { room_id: NO_SUCH_ID } },
    { route: seat, name: 'an unknown id', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
    {
      route: seat,
      name: 'a party already seated',
      id: seated,
      body: theRoom,
      status: 409,
      code: 'invalid_transition',
      detail: { from: 'seated', to: 'seated' },
    },
    { route: seat, name: 'a customer', as: 'customer', body: {}, status: 404, code: 'not_found' },
    { route: seat, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: theRoom, status: 404, code: 'not_found' },
    { route: seat, name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
  ]
}

/** A good webhook of the karaoke venue: a public IP literal, so no DNS is asked. */
const goodHook = { url: 'https://93.184.215.14/hook', event_types: ['reservation.created', 'reservation.cancelled'], description: 'CRM sync' }
const hook = (extra: Fields) => ({ ...goodHook, ...extra })

/**
 * A venue's outbound webhooks: its managers (and admins) only; to anyone else a subscription
 * or delivery does not exist. The fixture `hook` has one pending delivery, `deliveryId`.
 */
function outboundWebhookCases(): Case[] {
  const create = 'POST /venues/:id/webhooks'
  const list = 'GET /venues/:id/webhooks'
  const read = 'GET /webhooks/:id'
  const patch = 'PATCH /webhooks/:id'
  const remove = 'DELETE /webhooks/:id'
  const rotate = 'POST /webhooks/:id/rotate-secret'
  const log = 'GET /webhooks/:id/deliveries'
  const retry = 'POST /webhook-deliveries/:id/retry'
  const notAllowed = (route: Route, name: string, url: string, detail?: unknown): Case => ({
    route,
    name,
    body: route === create ? hook({ url }) : { url },
    status: 400,
    code: 'url_not_allowed',
    detail,
  })
  const theDelivery = () => deliveryId
  const theHook = () => hookId
  return [
    // --- subscribing --------------------------------------------------------------------------
    notAllowed(create, 'the cloud metadata address', 'http://169.254.169.254/latest/meta-data', { reason: 'link-local' }),
    notAllowed(create, 'a loopback address', 'http://127.0.0.1:8080/hook', { reason: 'loopback' }),
    notAllowed(create, 'an IPv6 loopback address', 'http://[::1]/hook', { reason: 'loopback' }),
    notAllowed(create, 'a private address', 'https://192.168.1.10/hook', { reason: 'private' }),
    notAllowed(create, 'a private address mapped into IPv6', 'https://[::ffff:10.0.0.1]/hook', { reason: 'private' }),
    notAllowed(create, 'an unspecified address', 'http://0.0.0.0/', { reason: 'unspecified' }),
    notAllowed(create, 'credentials in the URL', 'https://user:secret@93.184.215.14/hook', { reason: 'credentials' }),
    notAllowed(create, 'a loopback address written as one decimal number', 'http://2130706433/hook', { reason: 'loopback' }),
    notAllowed(create, 'localhost', 'http://localhost:3000/hook'),
    notAllowed(create, 'a host that does not resolve', 'https://hooks.nowhere.invalid/hook', { reason: 'unresolvable' }),
    invalid(create, 'an ftp URL', { body: hook({ url: 'ftp://example.com/' }) }, field('body.url')),
    invalid(create, 'a javascript: URL', { body: hook({ url: 'javascript:alert(1)' }) }, field('body.url')),
    invalid(create, 'a URL without a scheme', { body: hook({ url: '93.184.215.14/hook' }) }, field('body.url')),
    invalid(create, 'a URL that is a number', { body: hook({ url: 42 }) }, field('body.url')),
    invalid(create, 'a 2001-character URL', { body: hook({ url: `https://93.184.215.14/${'x'.repeat(1979)}` }) }, field('body.url')),
    invalid(create, 'a missing URL', { body: hook({ url: undefined }) }, missing('url')),
    invalid(create, 'an event type there is none of', { body: hook({ event_types: ['reservation.teleported'] }) }, field('body.event_types.0')),
    invalid(create, 'an event type twice', { body: hook({ event_types: ['reservation.created', 'reservation.created'] }) }, field('body.event_types')),
    invalid(create, 'event types as a string', { body: hook({ event_types: 'reservation.created' }) }, field('body.event_types')),
    invalid(create, 'a 501-character description', { body: hook({ description: 'x'.repeat(501) }) }, field('body.description')),
    invalid(create, 'a NUL character in the description', { body: hook({ description: 'a\u0000b' }) }),
    invalid(create, 'a chosen secret', { body: hook({ secret: 'whsec_mine' }) }, unknown('secret')),
    invalid(create, 'a chosen failure count', { body: hook({ consecutive_failures: 0 }) }, unknown('consecutive_failures')),
    invalid(create, 'another venue in the body', { body: hook({ venue_id: NO_SUCH_ID }) }, unknown('venue_id')),
    { route: create, name: 'an unknown venue', id: NO_SUCH_ID, body: goodHook, status: 404, code: 'not_found' },
    { route: create, name: 'a customer', as: 'customer', body: goodHook, status: 403, code: 'forbidden' },
    { route: create, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: goodHook, status: 403, code: 'forbidden' },
    { route: create, name: 'no token', as: 'anonymous', body: goodHook, status: 401, code: 'unauthenticated' },
    { route: create, name: 'a malformed token', as: 'garbage-token', body: goodHook, status: 401, code: 'invalid_token' },
    invalid(list, 'enabled=maybe', { query: 'enabled=maybe' }, field('querystring.enabled')),
    invalid(list, 'a NUL character in the search', { query: 'search=a%00b' }),
    invalid(list, 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(list, 'page=0', { query: 'page=0' }, field('querystring.page')),
    invalid(list, 'an unknown parameter', { query: 'event_type=reservation.created' }, unknown('event_type')),
    { route: list, name: 'an unknown venue', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: list, name: 'a customer', as: 'customer', status: 403, code: 'forbidden' },
    { route: list, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 403, code: 'forbidden' },
    { route: list, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },

    // --- one subscription ---------------------------------------------------------------------
    { route: read, name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: read, name: 'the id of a delivery', id: theDelivery, status: 404, code: 'not_found' },
    { route: read, name: 'a customer', as: 'customer', status: 404, code: 'not_found' },
    { route: read, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 404, code: 'not_found' },
    { route: read, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: read, name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },
    invalid(patch, 'an empty patch', { body: {} }),
    notAllowed(patch, 'a private address', 'http://10.0.0.1/', { reason: 'private' }),
    notAllowed(patch, 'a loopback address', 'http://127.0.0.1/', { reason: 'loopback' }),
    notAllowed(patch, 'a carrier-grade NAT address', 'http://100.64.0.1/', { reason: 'carrier-grade NAT' }),
    invalid(patch, 'an ftp URL', { body: { url: 'ftp://example.com/' } }, field('body.url')),
    invalid(patch, 'a null URL', { body: { url: null } }, field('body.url')),
    invalid(patch, 'enabled as a string', { body: { enabled: 'yes' } }, field('body.enabled')),
    invalid(patch, 'an event type there is none of', { body: { event_types: ['reservation.created', 'nope'] } }, field('body.event_types.1')),
    invalid(patch, 'a reset failure count', { body: { consecutive_failures: 0 } }, unknown('consecutive_failures')),
    invalid(patch, 'a chosen secret', { body: { secret: 'whsec_mine' } }, unknown('secret')),
    invalid(patch, 'a move to another venue', { body: { venue_id: NO_SUCH_ID } }, unknown('venue_id')),
    invalid(patch, 'a good description with a chosen disabled_at', { body: { description: 'x', disabled_at: null } }, unknown('disabled_at')),
    { route: patch, name: 'an unknown id', id: NO_SUCH_ID, body: { description: 'x' }, status: 404, code: 'not_found' },
    { route: patch, name: 'a customer', as: 'customer', body: { enabled: false }, status: 404, code: 'not_found' },
    {
      route: patch,
      name: "staff of another venue (the hotel's owner)",
      as: 'foreign-staff',
      body: { url: 'https://93.184.215.15/' },
      status: 404,
      code: 'not_found',
    },
    { route: patch, name: 'no token', as: 'anonymous', body: { enabled: false }, status: 401, code: 'unauthenticated' },
    { route: remove, name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: remove, name: 'the id of a venue', id: () => venue.id, status: 404, code: 'not_found' },
    { route: remove, name: 'a customer', as: 'customer', status: 404, code: 'not_found' },
    { route: remove, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 404, code: 'not_found' },
    { route: remove, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: remove, name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },
    invalid(rotate, 'a chosen secret', { body: { secret: 'x' } }, unknown('secret')),
    { route: rotate, name: 'an unknown id', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
    { route: rotate, name: 'a customer', as: 'customer', body: {}, status: 404, code: 'not_found' },
    { route: rotate, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: {}, status: 404, code: 'not_found' },
    { route: rotate, name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },

    // --- the delivery log ---------------------------------------------------------------------
    invalid(log, 'status=delivered', { query: 'status=delivered' }, field('querystring.status')),
    invalid(log, 'an event type there is none of', { query: 'event_type=reservation.teleported' }, field('querystring.event_type')),
    invalid(log, 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(log, 'a search it does not have', { query: 'search=x' }, unknown('search')),
    { route: log, name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: log, name: 'the id of a delivery', id: theDelivery, status: 404, code: 'not_found' },
    { route: log, name: 'a customer', as: 'customer', status: 404, code: 'not_found' },
    { route: log, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 404, code: 'not_found' },
    { route: log, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    invalid(retry, 'a forced retry', { body: { force: true } }, unknown('force')),
    {
      route: retry,
      name: 'a pending delivery (only a failed one is retried)',
      body: {},
      status: 409,
      code: 'invalid_transition',
      detail: { from: 'pending', to: 'pending' },
    },
    { route: retry, name: 'an unknown id', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
    { route: retry, name: 'the id of the subscription', id: theHook, body: {}, status: 404, code: 'not_found' },
    { route: retry, name: 'a customer', as: 'customer', body: {}, status: 404, code: 'not_found' },
    { route: retry, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', body: {}, status: 404, code: 'not_found' },
    { route: retry, name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
  ]
}

/** Private calendar feeds (SPEC §9): made for what the caller may see, listed without tokens, revoked by their maker. */
function calendarFeedCases(): Case[] {
  const create = 'POST /calendar-feeds'
  const list = 'GET /calendar-feeds'
  const revoke = 'DELETE /calendar-feeds/:id'
  const feed = 'GET /calendar-feeds/:token.ics'
  return [
    invalid(create, 'a kind there is none of', { as: 'customer', body: { kind: 'venue' } }, field('body.kind')),
    invalid(create, 'no kind', { as: 'customer', body: {} }, missing('kind')),
    invalid(create, 'a malformed id', { as: 'customer', body: { kind: 'room', id: 'room-1' } }, field('body.id')),
    invalid(create, 'a chosen token', { as: 'customer', body: { kind: 'customer', token: 'A'.repeat(43) } }, unknown('token')),
    invalid(create, 'a chosen owner', { as: 'customer', body: { kind: 'customer', owner_id: NO_SUCH_ID } }, unknown('owner_id')),
    invalid(create, 'a room feed naming no room', { body: { kind: 'room' } }, { field: 'id' }),
    {
      route: create,
      name: "a feed of another customer's bookings",
      as: 'customer',
      body: () => ({ kind: 'customer', id: admin.id }),
      status: 403,
      code: 'forbidden',
    },
    {
      route: create,
      name: "a room's feed by staff of another venue",
      as: 'foreign-staff',
      body: () => ({ kind: 'room', id: room.id }),
      status: 403,
      code: 'forbidden',
    },
    { route: create, name: "a room's feed by a customer", as: 'customer', body: () => ({ kind: 'room', id: room.id }), status: 403, code: 'forbidden' },
    { route: create, name: 'an unknown room', body: { kind: 'room', id: NO_SUCH_ID }, status: 404, code: 'not_found' },
    {
      route: create,
      name: "a practitioner's feed by someone who does not work for them",
      as: 'customer',
      body: () => ({ kind: 'practitioner', id: practitionerId }),
      status: 404,
      code: 'not_found',
    },
    { route: create, name: 'no token', as: 'anonymous', body: { kind: 'customer' }, status: 401, code: 'unauthenticated' },
    invalid(list, 'page_size=10000', { as: 'customer', query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(list, 'an unknown parameter', { as: 'customer', query: 'kind=room' }, unknown('kind')),
    { route: list, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: revoke, name: 'an unknown id', as: 'customer', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: revoke, name: 'no token', as: 'anonymous', id: NO_SUCH_ID, status: 401, code: 'unauthenticated' },
    invalid(feed, 'a short token', { as: 'anonymous', id: 'abc' }, field('params.token')),
    invalid(feed, 'a token with a slash-like character', { as: 'anonymous', id: `${'A'.repeat(42)}~` }, field('params.token')),
    { route: feed, name: 'a token nobody was given', as: 'anonymous', id: 'A'.repeat(43), status: 404, code: 'not_found' },
  ]
}

/** The caller's in-app inbox and a venue's message log (SPEC §9). `notificationId` is the customer's. */
function notificationCases(): Case[] {
  const inbox = 'GET /notifications'
  const read = 'POST /notifications/:id/read'
  const log = 'GET /venues/:id/notifications'
  return [
    invalid(inbox, 'unread=maybe', { as: 'customer', query: 'unread=maybe' }, field('querystring.unread')),
    invalid(inbox, 'page_size=10000', { as: 'customer', query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(inbox, 'page=0', { as: 'customer', query: 'page=0' }, field('querystring.page')),
    invalid(inbox, 'an ordering it does not have', { as: 'customer', query: 'ordering=-read_at' }, field('querystring.ordering')),
    invalid(inbox, 'a 201-character search', { as: 'customer', query: `search=${'a'.repeat(201)}` }, field('querystring.search')),
    invalid(inbox, 'a NUL character in the search', { as: 'customer', query: 'search=a%00b' }),
    invalid(inbox, "another user's inbox", { as: 'customer', query: () => `user_id=${admin.id}` }, unknown('user_id')),
    invalid(inbox, 'a status filter it does not have', { as: 'customer', query: 'status=sent' }, unknown('status')),
    { route: inbox, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: inbox, name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },
    invalid(read, 'a field in the body', { as: 'customer', body: { read: true } }, unknown('read')),
    invalid(read, 'a chosen read_at', { as: 'customer', body: { read_at: '2020-01-01T00:00:00Z' } }, unknown('read_at')),
    { route: read, name: "the customer's message, read by an admin (an inbox is its owner's only)", body: {}, status: 404, code: 'not_found' },
    { route: read, name: "the customer's message, read by another user (the hotel's owner)", as: 'foreign-staff', body: {}, status: 404, code: 'not_found' },
    { route: read, name: 'an unknown id', as: 'customer', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
    { route: read, name: 'the id of a reservation', as: 'customer', id: () => reservationId, body: {}, status: 404, code: 'not_found' },
    { route: read, name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
    { route: read, name: 'a malformed token', as: 'garbage-token', body: {}, status: 401, code: 'invalid_token' },
    invalid(log, 'status=bogus', { query: 'status=bogus' }, field('querystring.status')),
    invalid(log, 'channel=fax', { query: 'channel=fax' }, field('querystring.channel')),
    invalid(log, 'a template there is none of', { query: 'template=birthday' }, field('querystring.template')),
    invalid(log, 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(log, 'an ordering it does not have', { query: 'ordering=-sent_at' }, field('querystring.ordering')),
    invalid(log, 'a NUL character in the search', { query: 'search=a%00b' }),
    invalid(log, 'an unknown parameter', { query: 'unread=true' }, unknown('unread')),
    { route: log, name: 'an unknown venue', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: log, name: 'a customer', as: 'customer', status: 403, code: 'forbidden' },
    { route: log, name: "staff of another venue (the hotel's owner)", as: 'foreign-staff', status: 403, code: 'forbidden' },
    { route: log, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: log, name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },
  ]
}

/**
 * The WebSocket feeds. Browsers cannot set headers on a socket, so the token is in the query
 * (every case is sent without an Authorization header). app.inject sends no Upgrade header:
 * these are refusals of the handshake, in validation or the preHandler, before any upgrade.
 */
function realtimeCases(): Case[] {
  const tokenOf =
    (who: () => Actor) =>
    (extra = '') =>
    () =>
      `venue_id=${venue.id}&token=${who().access}${extra}`
  const venueFeed = (route: 'GET /ws/reservations' | 'GET /ws/inventory'): Case[] => [
    invalid(route, 'no venue_id', { as: 'anonymous', query: () => `token=${admin.access}` }, missing('venue_id')),
    invalid(route, 'a malformed venue_id', { as: 'anonymous', query: () => `venue_id=karaoke&token=${admin.access}` }, field('querystring.venue_id')),
    invalid(route, 'an empty token', { as: 'anonymous', query: () => `venue_id=${venue.id}&token=` }, field('querystring.token')),
    invalid(route, 'a 4097-character token', { as: 'anonymous', query: () => `venue_id=${venue.id}&token=${'a'.repeat(4097)}` }, field('querystring.token')),
    { route, name: 'no token', as: 'anonymous', query: () => `venue_id=${venue.id}`, status: 401, code: 'unauthenticated' },
    {
      route,
      name: 'a token in the Authorization header only (it goes in the query)',
      as: 'admin',
      query: () => `venue_id=${venue.id}`,
      status: 401,
      code: 'unauthenticated',
    },
    { route, name: 'token=garbage', as: 'anonymous', query: () => `venue_id=${venue.id}&token=garbage`, status: 401, code: 'invalid_token' },
    {
      route,
      name: 'a refresh token instead of an access token',
      as: 'anonymous',
      query: () => `venue_id=${venue.id}&token=${customerRefresh}`,
      status: 401,
      code: 'invalid_token',
    },
    {
      route,
      name: "an admin's expired token",
      as: 'anonymous',
      query: () => `venue_id=${venue.id}&token=${expiredAdminAccess}`,
      status: 401,
      code: 'invalid_token',
    },
    { route, name: "a customer's token", as: 'anonymous', query: tokenOf(() => customer)(), status: 403, code: 'forbidden' },
    {
      route,
      name: "a token of staff of another venue (the hotel's owner)",
      as: 'anonymous',
      query: tokenOf(() => foreignStaff)(),
      status: 403,
      code: 'forbidden',
    },
    {
      route,
      name: "a customer's token for an unknown venue",
      as: 'anonymous',
      query: () => `venue_id=${NO_SUCH_ID}&token=${customer.access}`,
      status: 404,
      code: 'not_found',
    },
    {
      route,
      name: "an admin's token for an unknown venue",
      as: 'anonymous',
      query: () => `venue_id=${NO_SUCH_ID}&token=${admin.access}`,
      status: 404,
      code: 'not_found',
    },
    invalid(route, 'an unknown query parameter', { as: 'anonymous', query: tokenOf(() => admin)('&colour=blue') }, unknown('colour')),
    {
      route,
      name: 'a plain GET (no Upgrade header) that passes every check',
      as: 'anonymous',
      query: tokenOf(() => admin)(),
      status: 426,
      code: 'upgrade_required',
    },
  ]
  // A user's own feeds: the in-app notifications, and their bookings as they change.
  const userFeed = (user: 'GET /ws/notifications' | 'GET /ws/booking-updates'): Case[] => [
    { route: user, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: user, name: 'a token in the Authorization header only (it goes in the query)', as: 'customer', status: 401, code: 'unauthenticated' },
    { route: user, name: 'token=garbage', as: 'anonymous', query: 'token=garbage', status: 401, code: 'invalid_token' },
    {
      route: user,
      name: 'a refresh token instead of an access token',
      as: 'anonymous',
      query: () => `token=${customerRefresh}`,
      status: 401,
      code: 'invalid_token',
    },
    { route: user, name: "an admin's expired token", as: 'anonymous', query: () => `token=${expiredAdminAccess}`, status: 401, code: 'invalid_token' },
    invalid(user, 'an empty token', { as: 'anonymous', query: 'token=' }, field('querystring.token')),
    invalid(user, 'a 4097-character token', { as: 'anonymous', query: `token=${'a'.repeat(4097)}` }, field('querystring.token')),
    invalid(user, 'an unknown query parameter', { as: 'anonymous', query: () => `token=${customer.access}&venue_id=${venue.id}` }, unknown('venue_id')),
    {
      route: user,
      name: 'a plain GET (no Upgrade header) that passes every check',
      as: 'anonymous',
      query: () => `token=${customer.access}`,
      status: 426,
      code: 'upgrade_required',
    },
  ]
  return [...venueFeed('GET /ws/reservations'), ...venueFeed('GET /ws/inventory'), ...userFeed('GET /ws/notifications'), ...userFeed('GET /ws/booking-updates')]
}

/**
 * Video rooms (issue 14). The fixture reservation is a karaoke slot, which has no room; the
 * webhook's event names a room nobody has, so one that got past the signature would still
 * write video_events.
 */
function videoCases(): Case[] {
  const join = 'GET /reservations/:id/video'
  const start = 'POST /reservations/:id/video/recording'
  const stop = 'DELETE /reservations/:id/video/recording'
  const list = 'GET /reservations/:id/video/recording'
  const hook = 'POST /video/webhook'
  const event = { event: 'participant_joined', id: 'EV_bad_input', room: { name: 'occurrence-nobody' }, participant: { identity: 'x', metadata: '' } }
  const payload = JSON.stringify(event)
  const lk = () => ctx.config.livekit!
  const signed = (bytes: string, secret?: string, key?: string) => () => ({
    authorization: signAsLiveKitNow(bytes, key ?? lk().apiKey, secret ?? lk().apiSecret),
  })
  const raw = (bytes: string) => ({ payload: bytes, contentType: 'application/webhook+json' })
  const refused = (name: string, headers: Case['headers']): Case => ({
    route: hook,
    name,
    as: 'anonymous',
    raw: raw(payload),
    headers,
    status: 400,
    code: 'invalid_signature',
  })
  const perRoute = (route: typeof join | typeof start | typeof stop | typeof list): Case[] => [
    { route, name: 'anonymous', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route, name: 'a reservation that does not exist', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route, name: 'by an admin who is not the practitioner’s staff', status: 404, code: 'not_found' },
    { route, name: 'a booking of a service that is not virtual (a karaoke slot)', as: 'customer', status: 409, code: 'not_virtual' },
  ]
  return [
    ...perRoute(join),
    ...perRoute(start),
    ...perRoute(stop),
    ...perRoute(list),
    invalid(start, 'a body with a field', { body: { room: 'occurrence-x' } }, unknown('room')),
    invalid(join, 'a body-less GET with a malformed id', { id: 'abc' }, field('params.id')),
    refused('no Authorization header', undefined),
    refused('a garbage Authorization header', { authorization: 'garbage' }),
    refused('a Bearer prefix on a garbage token', { authorization: 'Bearer garbage' }),
    refused('a token signed with another secret', signed(payload, randomBytes(32).toString('hex'))),
    refused('a token of another API key', signed(payload, undefined, 'APIsomeoneelse')),
    refused('a token over other bytes', signed(payload.replace('EV_bad_input', 'EV_other'))),
    invalid(
      hook,
      'a 4001-character Authorization header',
      { as: 'anonymous', raw: raw(payload), headers: { authorization: 'a'.repeat(4001) } },
      field('headers.authorization'),
    ),
    invalid(
      hook,
      'an event without its id',
      { as: 'anonymous', raw: raw(JSON.stringify({ event: 'room_started' })), headers: signed(JSON.stringify({ event: 'room_started' })) },
      missing('id'),
    ),
    {
      route: hook,
      name: 'an XML body',
      as: 'anonymous',
      raw: { payload: '<event/>', contentType: 'application/xml' },
      status: 415,
      code: 'unsupported_media_type',
    },
    { route: hook, name: 'invalid webhook JSON', as: 'anonymous', raw: raw('{"event": '), status: 400, code: 'invalid_json' },
  ]
}

/** The marketplace (SPEC §11): practitioners, their schedule, services and occurrences. */
function marketplaceCases(): Case[] {
  const apply = 'POST /practitioners/apply'
  const edit = 'PUT /practitioners/:id'
  const schedule = 'POST /practitioners/:id/schedule'
  const availability = 'GET /practitioners/:id/availability'
  const create = 'POST /services'
  const update = 'PUT /services/:id'
  const occurrences = 'POST /services/:id/schedule'
  const application = (extra: Fields) => ({
    display_name: 'New Practitioner',
    locations: [{ city: 'Porto', is_virtual: false }],
    timezone: 'Europe/Lisbon',
    currency: 'EUR',
    ...extra,
  })
  const service = (extra: Fields) => ({
    practitioner_id: practitionerId,
    type: 'workshop',
    title: 'Flow',
    category: 'Yoga',
    price: { amount: 2000, currency: 'EUR' },
    duration_minutes: 60,
    ...extra,
  })
  const occurrence = (start: string, end: string, extra: Fields = {}) => ({ occurrences: [{ start, end, ...extra }] })
  const notFoundHere = (route: Route, name: string, input: Omit<Case, 'route' | 'name' | 'status' | 'code'>): Case => ({
    route,
    name,
    ...input,
    status: 404,
    code: 'not_found',
  })
  return [
    // --- applying and the profile -----------------------------------------------------------------
    invalid(apply, 'no locations', { body: application({ locations: [] }) }, field('body.locations')),
    invalid(apply, 'a self-verified application', { body: application({ verification_status: 'verified' }) }, unknown('verification_status')),
    invalid(apply, 'a lower-case currency', { body: application({ currency: 'eur' }) }, field('body.currency')),
    invalid(apply, 'an unknown time zone', { body: application({ timezone: 'Mars/Olympus' }) }, { field: 'timezone' }),
    invalid(apply, 'two primary locations', {
      body: application({
        locations: [
          { city: 'Porto', is_virtual: false, is_primary: true },
          { is_virtual: true, is_primary: true },
        ],
      }),
    }),
    invalid(apply, 'an in-person location without a city', { body: application({ locations: [{ address: 'Rua 1', is_virtual: false }] }) }),
    invalid('GET /practitioners', 'an unknown ordering', { query: 'ordering=fame' }, field('querystring.ordering')),
    invalid('GET /practitioners', 'virtual=maybe', { query: 'virtual=maybe' }, field('querystring.virtual')),
    invalid('GET /practitioners', 'an unknown state', { query: 'status=sleeping' }, field('querystring.status')),
    invalid('GET /practitioners', 'a venue that is not an id', { query: 'venue=42' }, field('querystring.venue')),
    { route: 'GET /practitioners', name: 'pending ones, to a customer', as: 'customer', query: 'status=pending', status: 403, code: 'forbidden' },
    notFoundHere('GET /practitioners/:id', 'a practitioner that does not exist', { id: NO_SUCH_ID }),
    notFoundHere('GET /practitioners/:id', 'a pending profile, to the public', { id: () => pendingPractitionerId, as: 'anonymous' }),
    invalid(edit, 'an empty change', { body: {} }, field('body')),
    invalid(edit, 'a self-set verification', { body: { verification_status: 'verified' } }, unknown('verification_status')),
    invalid(edit, 'a self-set feature', { body: { is_featured: true } }, unknown('is_featured')),
    invalid(edit, '21 specializations', { body: { specializations: Array.from({ length: 21 }, (_, i) => `s${i}`) } }, field('body.specializations')),
    { route: 'POST /practitioners/:id/verify', name: 'by a customer', as: 'customer', status: 403, code: 'forbidden' },
    invalid('POST /practitioners/:id/verify', 'an unknown field', { body: { note: 'ok' } }, unknown('note')),
    invalid('POST /practitioners/:id/reject', 'an empty reason', { body: { reason: '' } }, field('body.reason')),
    invalid('POST /practitioners/:id/reject', 'no reason', { body: {} }, missing('reason')),
    invalid('PUT /practitioners/:id/featured', 'is_featured "yes"', { body: { is_featured: 'yes' } }, field('body.is_featured')),
    // --- the schedule and availability ------------------------------------------------------------
    invalid(schedule, 'weekday 8', { body: { hours: [{ weekday: 8, open: '09:00', close: '12:00' }] } }),
    invalid(schedule, 'a close at 25:00', { body: { hours: [{ weekday: 1, open: '09:00', close: '25:00' }] } }),
    invalid(schedule, 'two exceptions for one date', {
      body: {
        hours: [],
        exceptions: [
          { date: '2027-02-01', hours: [] },
          { date: '2027-02-01', hours: [{ open: '10:00', close: '11:00' }] },
        ],
      },
    }),
    invalid(schedule, 'an exception on 2027-02-30', { body: { hours: [], exceptions: [{ date: '2027-02-30', hours: [] }] } }),
    notFoundHere('GET /practitioners/:id/schedule', 'a practitioner that does not exist', { id: NO_SUCH_ID }),
    invalid(availability, 'no date', { query: () => `service_id=${sessionId}` }, missing('date')),
    invalid(availability, 'a service id that is not a uuid', { query: 'date=2027-02-01&service_id=yoga' }, field('querystring.service_id')),
    invalid(availability, 'a date beyond the horizon', { query: () => `date=2099-01-01&service_id=${sessionId}` }, { reason: 'beyond_horizon' }),
    invalid(availability, 'a workshop (it has occurrences, not a calendar)', { query: () => `date=2027-02-01&service_id=${workshopId}` }),
    invalid('GET /practitioners/:id/services', 'page 0', { query: 'page=0' }, field('querystring.page')),
    // --- services -----------------------------------------------------------------------------------
    invalid(create, 'a capacity of 0', { body: () => service({ max_participants: 0 }) }, field('body.max_participants')),
    invalid(create, 'a negative price', { body: () => service({ price: { amount: -100, currency: 'EUR' } }) }, field('body.price.amount')),
    invalid(create, 'a price in another currency', { body: () => service({ price: { amount: 100, currency: 'USD' } }) }, { field: 'price.currency' }),
    invalid(create, 'an unknown type', { body: () => service({ type: 'retreat' }) }, field('body.type')),
    invalid(create, 'a duration of 0', { body: () => service({ duration_minutes: 0 }) }, field('body.duration_minutes')),
    invalid(create, 'a 1:1 session for three', { body: () => service({ type: 'session', max_participants: 3 }) }, { field: 'max_participants' }),
    invalid(create, 'a set venue', { body: () => service({ venue_id: NO_SUCH_ID }) }, unknown('venue_id')),
    {
      route: create,
      name: 'for a practitioner not verified yet',
      body: () => service({ practitioner_id: pendingPractitionerId }),
      status: 403,
      code: 'not_verified',
    },
    invalid('GET /services', 'a negative price_min', { query: 'price_min=-1' }, field('querystring.price_min')),
    invalid('GET /services', 'available_from without available_to', { query: 'available_from=2027-02-01' }, { field: 'available_to' }),
    invalid('GET /services', 'an availability range of 60 days', { query: 'available_from=2027-02-01&available_to=2027-04-01' }, { field: 'available_to' }),
    invalid('GET /services', 'an availability range that ends before it starts', { query: 'available_from=2027-02-10&available_to=2027-02-01' }),
    invalid('GET /services', 'an unknown type', { query: 'type=retreat' }, field('querystring.type')),
    invalid('GET /services/categories', 'a page size of 1000', { query: 'page_size=1000' }, field('querystring.page_size')),
    notFoundHere('GET /services/:id', 'a service that does not exist', { id: NO_SUCH_ID }),
    invalid(update, 'an empty change', { body: {} }, field('body')),
    invalid(update, 'a new type', { body: { type: 'course' } }, unknown('type')),
    invalid(update, 'a negative price', { body: { price: { amount: -1, currency: 'EUR' } } }, field('body.price.amount')),
    { route: update, name: 'by a customer', as: 'customer', body: { title: 'Mine' }, status: 403, code: 'forbidden' },
    notFoundHere('DELETE /services/:id', 'a service that does not exist', { id: NO_SUCH_ID }),
    { route: 'DELETE /services/:id', name: 'by a customer', as: 'customer', status: 403, code: 'forbidden' },
    invalid(occurrences, 'no occurrences (a course with no sessions)', { body: { occurrences: [] } }, field('body.occurrences')),
    invalid(occurrences, 'an occurrence that ends before it starts', { body: occurrence('2027-02-05T11:00:00Z', '2027-02-05T10:00:00Z') }),
    invalid(occurrences, 'an occurrence that ends as it starts', { body: occurrence('2027-02-05T10:00:00Z', '2027-02-05T10:00:00Z') }),
    invalid(
      occurrences,
      'a capacity of 0',
      { body: occurrence('2027-02-05T10:00:00Z', '2027-02-05T11:00:00Z', { capacity: 0 }) },
      field('body.occurrences.0.capacity'),
    ),
    invalid(occurrences, 'an occurrence in the past', { body: occurrence('2026-02-05T10:00:00Z', '2026-02-05T11:00:00Z') }),
    invalid(occurrences, 'a start without an offset', { body: occurrence('2027-02-05T10:00:00', '2027-02-05T11:00:00Z') }, field('body.occurrences.0.start')),
    invalid(
      occurrences,
      'a 1:1 session',
      { id: () => sessionId, body: occurrence('2027-02-05T10:00:00Z', '2027-02-05T11:00:00Z') },
      { reason: 'not_schedulable' },
    ),
    {
      route: occurrences,
      name: 'over the workshop already on the calendar',
      body: occurrence('2027-02-03T10:30:00Z', '2027-02-03T11:30:00Z'),
      status: 409,
      code: 'calendar_conflict',
    },
    invalid('GET /services/:id/schedule', 'a from that is not an instant', { query: 'from=tomorrow' }, field('querystring.from')),
    // --- booking seats and sessions ---------------------------------------------------------------
    ...(
      [
        ['0 seats', () => ({ kind: 'seat', occurrence_id: occurrenceId, quantity: 0 }), undefined],
        ['a seat naming neither an occurrence nor a course', () => ({ kind: 'seat', quantity: 1 }), undefined],
        [
          'a seat naming both an occurrence and a service',
          () => ({ kind: 'seat', occurrence_id: occurrenceId, service_id: workshopId, quantity: 1 }),
          undefined,
        ],
        ['a workshop booked by its service_id', () => ({ kind: 'seat', service_id: workshopId, quantity: 1 }), undefined],
        ['a session of a workshop', () => ({ kind: 'session', service_id: workshopId, start: '2027-02-01T10:00:00Z' }), undefined],
        ['a session off the grid', () => ({ kind: 'session', service_id: sessionId, start: '2027-02-01T10:05:00Z' }), { reason: 'outside_schedule' }],
        [
          'a session outside the working hours',
          () => ({ kind: 'session', service_id: sessionId, start: '2027-02-01T20:00:00Z' }),
          { reason: 'outside_schedule' },
        ],
        ['a session that has begun', () => ({ kind: 'session', service_id: sessionId, start: '2027-01-04T11:00:00Z' }), { reason: 'in_the_past' }],
        ['a session with an end', () => ({ kind: 'session', service_id: sessionId, start: '2027-02-01T10:00:00Z', end: '2027-02-01T11:00:00Z' }), undefined],
      ] as const
    ).map(([name, item, detail]) =>
      invalid('POST /reservations', `marketplace: ${name}`, { body: () => ({ venue_id: practitionerVenueId, items: [item()] }) }, detail),
    ),
    invalid(
      'POST /reservations',
      'marketplace: more participants than seats',
      {
        body: () => ({
          venue_id: practitionerVenueId,
          items: [{ kind: 'seat', occurrence_id: occurrenceId, quantity: 1, participants: [{ name: 'A' }, { name: 'B' }] }],
        }),
      },
      { reason: 'too_many_participants' },
    ),
    // --- participants, attendance and reviews -----------------------------------------------------
    notFoundHere('GET /occurrences/:id/participants', 'to a customer', { as: 'customer' }),
    notFoundHere('GET /occurrences/:id/participants', 'an occurrence that does not exist', { id: NO_SUCH_ID }),
    invalid('PUT /occurrences/:id/attendance', 'attended "yes"', { body: { participant_id: NO_SUCH_ID, attended: 'yes' } }, field('body.attended')),
    notFoundHere('PUT /occurrences/:id/attendance', 'a participant of no booking', { body: { participant_id: NO_SUCH_ID, attended: true } }),
    invalid('POST /reviews', 'a rating of 6', { as: 'customer', body: { reservation_id: NO_SUCH_ID, rating: 6 } }, field('body.rating')),
    invalid('POST /reviews', 'a rating of 0', { as: 'customer', body: { reservation_id: NO_SUCH_ID, rating: 0 } }, field('body.rating')),
    invalid('POST /reviews', 'a rating of 4.5', { as: 'customer', body: { reservation_id: NO_SUCH_ID, rating: 4.5 } }, field('body.rating')),
    invalid(
      'POST /reviews',
      'a booking that is not a marketplace one',
      { as: 'customer', body: () => ({ reservation_id: paid.id, rating: 5 }) },
      { field: 'reservation_id' },
    ),
    notFoundHere('POST /reviews', 'another person’s booking', { as: 'foreign-staff', body: () => ({ reservation_id: paid.id, rating: 5 }) }),
    invalid('POST /reviews/:id/reply', 'an empty reply', { body: { text: '' } }, field('body.text')),
    notFoundHere('POST /reviews/:id/reply', 'a review that does not exist', { id: NO_SUCH_ID, body: { text: 'Thanks' } }),
    invalid('POST /reviews/:id/hide', 'an unknown field', { body: { reason: 'spam' } }, unknown('reason')),
    { route: 'POST /reviews/:id/hide', name: 'by a customer', as: 'customer', id: NO_SUCH_ID, status: 403, code: 'forbidden' },
    notFoundHere('GET /practitioners/:id/reviews', 'of a pending practitioner', { id: () => pendingPractitionerId }),
    invalid('GET /practitioners/:id/reviews', 'page 0', { query: 'page=0' }, field('querystring.page')),
    // --- packages, bundles, entitlements and credit bought by card ----------------------------------
    ...packageCases(),
    ...earningsCases(),
  ]
}

function earningsCases(): Case[] {
  const mine = (route: Route, name: string): Case => ({ route, name, as: 'customer', status: 404, code: 'not_found' })
  return [
    invalid('POST /practitioner/connect', 'a practitioner id that is not a uuid', { body: { practitioner_id: 'me' } }, field('body.practitioner_id')),
    invalid('POST /practitioner/connect', 'an account of the caller’s choosing', { body: { account_id: 'acct_1' } }, unknown('account_id')),
    mine('POST /practitioner/connect', 'by a customer with no practitioner profile'),
    invalid('GET /practitioner/earnings', 'an unknown status', { query: 'status=cleared' }, field('querystring.status')),
    invalid('GET /practitioner/earnings', 'a from that is not an instant', { query: 'from=yesterday' }, field('querystring.from')),
    invalid('GET /practitioner/earnings', 'page 0', { query: 'page=0' }, field('querystring.page')),
    {
      route: 'GET /practitioner/earnings',
      name: 'another practitioner’s, by a customer',
      as: 'customer',
      query: () => `practitioner_id=${practitionerId}`,
      status: 404,
      code: 'not_found',
    },
    invalid(
      'GET /practitioner/earnings/summary',
      'a practitioner id that is not a uuid',
      { query: 'practitioner_id=42' },
      field('querystring.practitioner_id'),
    ),
    mine('GET /practitioner/earnings/summary', 'by a customer with no practitioner profile'),
    invalid('GET /practitioner/payouts', 'a page size of 1000', { query: 'page_size=1000' }, field('querystring.page_size')),
    invalid('GET /practitioner/transactions', 'page 0', { query: 'page=0' }, field('querystring.page')),
    invalid('POST /practitioner/payouts/request', 'a chosen amount', { body: { amount: 100 } }, unknown('amount')),
    {
      route: 'POST /practitioner/payouts/request',
      name: 'before the Connect account is enabled',
      body: () => ({ practitioner_id: practitionerId }),
      status: 409,
      code: 'payouts_disabled',
    },
    mine('POST /practitioner/payouts/request', 'by a customer with no practitioner profile'),
    invalid('PUT /practitioners/:id/payouts-hold', 'held "yes"', { body: { held: 'yes' } }, field('body.held')),
    invalid('PUT /practitioners/:id/payouts-hold', 'an empty reason', { body: { held: true, reason: '' } }, field('body.reason')),
    { route: 'PUT /practitioners/:id/payouts-hold', name: 'by a customer', as: 'customer', body: { held: true }, status: 403, code: 'forbidden' },
    {
      route: 'PUT /practitioners/:id/payouts-hold',
      name: 'a practitioner that does not exist',
      id: NO_SUCH_ID,
      body: { held: true },
      status: 404,
      code: 'not_found',
    },
    invalid('GET /reservations/:id/payment-log', 'page 0', { query: 'page=0' }, field('querystring.page')),
    { route: 'GET /reservations/:id/payment-log', name: 'by the booking’s customer', as: 'customer', status: 404, code: 'not_found' },
    invalid('GET /reservations/:id/history', 'a page size of 0', { query: 'page_size=0' }, field('querystring.page_size')),
    { route: 'GET /reservations/:id/history', name: 'a reservation that does not exist', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    invalid('GET /venues/:id/analytics', 'no range', {}, missing('from')),
    invalid('GET /venues/:id/analytics', 'an interval of a year', { query: 'from=2027-01-01&to=2027-01-31&interval=year' }, field('querystring.interval')),
    invalid('GET /venues/:id/analytics', 'a range that ends before it starts', { query: 'from=2027-02-01&to=2027-01-01' }, { field: 'to' }),
    invalid('GET /venues/:id/analytics', 'ten years of days', { query: 'from=2027-01-01&to=2036-12-31' }, { field: 'to' }),
    invalid('GET /venues/:id/analytics', 'February 30th', { query: 'from=2027-02-30&to=2027-03-01' }, field('querystring.from')),
    { route: 'GET /venues/:id/analytics', name: 'by a customer', as: 'customer', query: 'from=2027-01-01&to=2027-01-31', status: 403, code: 'forbidden' },
    invalid('GET /practitioner/analytics', 'no to', { query: 'from=2027-01-01' }, missing('to')),
    {
      route: 'GET /practitioner/analytics',
      name: 'by a customer with no practitioner profile',
      as: 'customer',
      query: 'from=2027-01-01&to=2027-01-31',
      status: 404,
      code: 'not_found',
    },
    ...subscriptionCases(),
    ...streamCases(),
    ...mediaCases(),
  ]
}

function subscriptionCases(): Case[] {
  const plan = (extra: Fields) => ({ name: 'Studio', price: { amount: 2900, currency: 'USD' }, interval: 'month', ...extra })
  return [
    invalid('POST /subscription-plans', 'a weekly interval', { body: plan({ interval: 'week' }) }, field('body.interval')),
    invalid('POST /subscription-plans', 'a discount of 6 %', { body: plan({ commission_discount_percent: 6 }) }, field('body.commission_discount_percent')),
    invalid('POST /subscription-plans', 'a negative price', { body: plan({ price: { amount: -1, currency: 'USD' } }) }, field('body.price.amount')),
    { route: 'POST /subscription-plans', name: 'by a customer', as: 'customer', body: plan({}), status: 403, code: 'forbidden' },
    invalid('GET /subscription-plans', 'page 0', { query: 'page=0' }, field('querystring.page')),
    invalid('POST /practitioner/subscription', 'no plan', { body: {} }, missing('plan_id')),
    {
      route: 'POST /practitioner/subscription',
      name: 'a plan that does not exist',
      body: () => ({ plan_id: NO_SUCH_ID, practitioner_id: practitionerId }),
      status: 404,
      code: 'not_found',
    },
    {
      route: 'POST /practitioner/subscription',
      name: 'by a customer with no practitioner profile',
      as: 'customer',
      body: { plan_id: NO_SUCH_ID },
      status: 404,
      code: 'not_found',
    },
    invalid('GET /practitioner/subscription', 'a practitioner id that is not a uuid', { query: 'practitioner_id=7' }, field('querystring.practitioner_id')),
    { route: 'GET /practitioner/subscription', name: 'when there is none', query: () => `practitioner_id=${practitionerId}`, status: 404, code: 'not_found' },
    {
      route: 'DELETE /practitioner/subscription',
      name: 'when there is none',
      query: () => `practitioner_id=${practitionerId}`,
      status: 404,
      code: 'not_found',
    },
    { route: 'DELETE /practitioner/subscription', name: 'by a customer with no practitioner profile', as: 'customer', status: 404, code: 'not_found' },
  ]
}

function packageCases(): Case[] {
  const pkg = (extra: Fields) => ({ name: 'Three', items: [{ service_id: workshopId, sessions: 3 }], discount_percent: 10, valid_for_days: 30, ...extra })
  const bundle = (extra: Fields) => ({
    name: 'Two',
    items: [{ service_id: sessionId, sessions: 2 }],
    price: { amount: 3500, currency: 'EUR' },
    valid_for_days: 30,
    ...extra,
  })
  const createPackage = 'POST /practitioners/:id/packages'
  const createBundle = 'POST /practitioners/:id/bundles'
  const seat = (extra: Fields) => () => ({ venue_id: practitionerVenueId, items: [{ kind: 'seat', occurrence_id: occurrenceId, quantity: 1, ...extra }] })
  return [
    invalid(createPackage, 'a discount of 101 %', { body: () => pkg({ discount_percent: 101 }) }, field('body.discount_percent')),
    invalid(createPackage, 'a negative discount', { body: () => pkg({ discount_percent: -5 }) }, field('body.discount_percent')),
    invalid(createPackage, 'no items', { body: () => pkg({ items: [] }) }, field('body.items')),
    invalid(createPackage, '0 sessions', { body: () => pkg({ items: [{ service_id: workshopId, sessions: 0 }] }) }, field('body.items.0.sessions')),
    invalid(createPackage, 'valid for 0 days', { body: () => pkg({ valid_for_days: 0 }) }, field('body.valid_for_days')),
    invalid(createPackage, 'a price instead of a discount', { body: () => pkg({ price: { amount: 100, currency: 'EUR' } }) }, unknown('price')),
    invalid(
      createPackage,
      'one service twice',
      {
        body: () =>
          pkg({
            items: [
              { service_id: workshopId, sessions: 1 },
              { service_id: workshopId, sessions: 2 },
            ],
          }),
      },
      { reason: 'duplicate_service' },
    ),
    invalid(
      createPackage,
      'a service that does not exist',
      { body: () => pkg({ items: [{ service_id: NO_SUCH_ID, sessions: 1 }] }) },
      { field: 'items.0.service_id' },
    ),
    { route: createPackage, name: 'by a customer', as: 'customer', body: () => pkg({}), status: 403, code: 'forbidden' },
    {
      route: createPackage,
      name: 'for a practitioner not verified yet',
      id: () => pendingPractitionerId,
      body: () => pkg({}),
      status: 403,
      code: 'not_verified',
    },
    invalid(createBundle, 'a negative price', { body: () => bundle({ price: { amount: -1, currency: 'EUR' } }) }, field('body.price.amount')),
    invalid(createBundle, 'a price in another currency', { body: () => bundle({ price: { amount: 100, currency: 'USD' } }) }, { field: 'price.currency' }),
    invalid(createBundle, 'a discount instead of a price', { body: () => bundle({ discount_percent: 10 }) }, unknown('discount_percent')),
    invalid('GET /practitioners/:id/packages', 'page 0', { query: 'page=0' }, field('querystring.page')),
    {
      route: 'GET /practitioners/:id/bundles',
      name: 'of a pending practitioner',
      as: 'anonymous',
      id: () => pendingPractitionerId,
      status: 404,
      code: 'not_found',
    },
    invalid('POST /packages/:id/purchase', 'auto_confirm as a string', { as: 'customer', body: { auto_confirm: 'yes' } }, field('body.auto_confirm')),
    {
      route: 'POST /packages/:id/purchase',
      name: 'auto_confirm where it is off',
      as: 'customer',
      body: { auto_confirm: true },
      status: 403,
      code: 'auto_confirm_disabled',
    },
    {
      route: 'POST /packages/:id/purchase',
      name: 'a bundle through the package route',
      as: 'customer',
      id: () => bundleId,
      body: {},
      status: 404,
      code: 'not_found',
    },
    {
      route: 'POST /bundles/:id/purchase',
      name: 'a package through the bundle route',
      as: 'customer',
      id: () => packageId,
      body: {},
      status: 404,
      code: 'not_found',
    },
    { route: 'POST /bundles/:id/purchase', name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
    invalid('GET /entitlements', 'a page size of 1000', { query: 'page_size=1000' }, field('querystring.page_size')),
    { route: 'GET /entitlements', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    invalid(
      'POST /reservations',
      'marketplace: an entitlement id that is not a uuid',
      { body: seat({ entitlement_id: 'five' }) },
      field('body.items.0.entitlement_id'),
    ),
    {
      route: 'POST /reservations',
      name: 'marketplace: an entitlement that does not exist',
      as: 'customer',
      body: seat({ entitlement_id: NO_SUCH_ID }),
      status: 404,
      code: 'not_found',
    },
    invalid('POST /reservations', 'a package item (bought through its purchase route)', {
      body: () => ({ venue_id: practitionerVenueId, items: [{ kind: 'package', package_id: packageId }] }),
    }),
    invalid(
      'POST /credits/purchase',
      'an amount below a card’s smallest charge',
      { body: { amount: { amount: 49, currency: 'EUR' } } },
      field('body.amount.amount'),
    ),
    invalid('POST /credits/purchase', 'a lower-case currency', { body: { amount: { amount: 1000, currency: 'eur' } } }, field('body.amount.currency')),
    invalid('POST /credits/purchase', 'no amount', { body: {} }, missing('amount')),
    invalid('POST /credits/purchase', 'a chosen status', { body: { amount: { amount: 1000, currency: 'EUR' }, status: 'succeeded' } }, unknown('status')),
    {
      route: 'POST /credits/purchase',
      name: 'auto_confirm where it is off',
      as: 'customer',
      body: { amount: { amount: 1000, currency: 'EUR' }, auto_confirm: true },
      status: 403,
      code: 'auto_confirm_disabled',
    },
    {
      route: 'POST /credits/purchase',
      name: 'no token',
      as: 'anonymous',
      body: { amount: { amount: 1000, currency: 'EUR' } },
      status: 401,
      code: 'unauthenticated',
    },
    { route: 'GET /credits/purchases/:id', name: 'a purchase that does not exist', as: 'customer', status: 404, code: 'not_found' },
  ]
}

const SPECIFIC: Case[] = [
  // --- auth ---------------------------------------------------------------------------------
  invalid('POST /auth/register', 'a missing password', { as: 'anonymous', body: { email: 'x@example.test', name: 'X' } }, missing('password')),
  invalid('POST /auth/register', 'a name that is a number', { as: 'anonymous', body: { ...goodRegistration, name: 5 } }, field('body.name')),
  invalid('POST /auth/register', 'an invalid email', { as: 'anonymous', body: { ...goodRegistration, email: 'not-an-email' } }, field('body.email')),
  invalid('POST /auth/register', 'a too short password', { as: 'anonymous', body: { ...goodRegistration, password: 'short' } }, field('body.password')),
  invalid('POST /auth/register', 'a self-assigned admin role', { as: 'anonymous', body: { ...goodRegistration, role: 'admin' } }, unknown('role')),
  invalid('POST /auth/register', 'a malformed phone', { as: 'anonymous', body: { ...goodRegistration, phone: 'call me maybe' } }, field('body.phone')),
  invalid('POST /auth/login', 'a missing password', { as: 'anonymous', body: { email: 'x@example.test' } }, missing('password')),
  invalid('POST /auth/login', 'an email that is a number', { as: 'anonymous', body: { email: 42, password: 'whatever123' } }, field('body.email')),
  invalid(
    'POST /auth/login',
    'an unknown field',
    { as: 'anonymous', body: { email: 'x@example.test', password: 'whatever123', remember: true } },
    unknown('remember'),
  ),
  invalid('POST /auth/token/refresh', 'a missing token', { as: 'anonymous', body: {} }, missing('refresh')),
  invalid('POST /auth/token/refresh', 'a token that is a number', { as: 'anonymous', body: { refresh: 123 } }, field('body.refresh')),
  invalid('POST /auth/token/refresh', 'an empty token', { as: 'anonymous', body: { refresh: '' } }, field('body.refresh')),
  { route: 'POST /auth/token/refresh', name: 'a forged token', as: 'anonymous', body: { refresh: 'not.a.jwt' }, status: 401, code: 'invalid_token' },
  invalid('POST /auth/logout', 'a missing token', { as: 'anonymous', body: {} }, missing('refresh')),
  invalid('POST /auth/logout', 'a token that is a number', { as: 'anonymous', body: { refresh: 123 } }, field('body.refresh')),
  invalid('POST /auth/logout', 'an unknown field', { as: 'anonymous', body: { refresh: 'x', everywhere: true } }, unknown('everywhere')),
  { route: 'GET /auth/user', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
  { route: 'GET /auth/user', name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },
  invalid('PUT /auth/user', 'an empty patch', { as: 'customer', body: {} }),
  invalid('PUT /auth/user', 'a name that is a number', { as: 'customer', body: { name: 5 } }, field('body.name')),
  invalid('PUT /auth/user', 'an empty name', { as: 'customer', body: { name: '' } }, field('body.name')),
  invalid('PUT /auth/user', 'a self-assigned admin role', { as: 'customer', body: { role: 'admin' } }, unknown('role')),
  invalid('PUT /auth/user', 'an email change', { as: 'customer', body: { email: 'other@example.test' } }, unknown('email')),
  invalid('PUT /auth/user', 'a malformed phone', { as: 'customer', body: { phone: 'x' } }, field('body.phone')),
  invalid('PUT /auth/user', 'an unknown time zone', { as: 'customer', body: { timezone: 'Mars/Olympus_Mons' } }, { field: 'timezone' }),
  invalid('PUT /auth/user', 'an http avatar', { as: 'customer', body: { avatar_url: 'http://example.com/a.png' } }, field('body.avatar_url')),
  invalid('PUT /auth/user', 'a 2001-character bio', { as: 'customer', body: { bio: 'b'.repeat(2001) } }, field('body.bio')),
  invalid('PUT /auth/user', 'a 201-character location', { as: 'customer', body: { location: 'l'.repeat(201) } }, field('body.location')),
  invalid('PUT /auth/user', 'preferences over 4 KiB', { as: 'customer', body: { preferences: { pad: 'x'.repeat(4096) } } }, { field: 'preferences' }),
  invalid(
    'PUT /auth/user',
    'preferences five levels deep',
    { as: 'customer', body: { preferences: { a: { b: { c: { d: { e: 1 } } } } } } },
    { field: 'preferences' },
  ),
  invalid('PUT /auth/user', 'preferences as an array', { as: 'customer', body: { preferences: ['dark'] } }, field('body.preferences')),
  invalid('PUT /auth/user', 'a self-verified address', { as: 'customer', body: { email_verified: true } }, unknown('email_verified')),
  invalid('PUT /auth/user', 'a chosen Stripe customer', { as: 'customer', body: { stripe_customer_id: 'cus_x' } }, unknown('stripe_customer_id')),
  invalid('POST /auth/password/reset', 'a missing email', { as: 'anonymous', body: {} }, missing('email')),
  invalid('POST /auth/password/reset', 'an email that is a number', { as: 'anonymous', body: { email: 42 } }, field('body.email')),
  invalid('POST /auth/password/reset', 'an invalid email', { as: 'anonymous', body: { email: 'not-an-email' } }, field('body.email')),
  invalid('POST /auth/password/reset', 'an unknown field', { as: 'anonymous', body: { email: 'x@example.test', user_id: NO_SUCH_ID } }, unknown('user_id')),
  invalid('POST /auth/password/reset/confirm', 'a missing token', { as: 'anonymous', body: { password: 'long enough password' } }, missing('token')),
  invalid('POST /auth/password/reset/confirm', 'a missing password', { as: 'anonymous', body: { token: 'x'.repeat(43) } }, missing('password')),
  invalid(
    'POST /auth/password/reset/confirm',
    'a too short password',
    { as: 'anonymous', body: { token: 'x'.repeat(43), password: 'short' } },
    field('body.password'),
  ),
  invalid(
    'POST /auth/password/reset/confirm',
    'an empty token',
    { as: 'anonymous', body: { token: '', password: 'long enough password' } },
    field('body.token'),
  ),
  invalid(
    'POST /auth/password/reset/confirm',
    'a token that is a number',
    { as: 'anonymous', body: { token: 42, password: 'long enough password' } },
    field('body.token'),
  ),
  invalid(
    'POST /auth/password/reset/confirm',
    'a user id beside the token',
    { as: 'anonymous', body: { token: 'x'.repeat(43), password: 'long enough password', user_id: NO_SUCH_ID } },
    unknown('user_id'),
  ),
  {
    route: 'POST /auth/password/reset/confirm',
    name: 'a token nobody was sent',
    as: 'anonymous',
    body: { token: 'x'.repeat(43), password: 'long enough password' },
    status: 400,
    code: 'invalid_reset_token',
  },
  invalid('POST /auth/verify-email', 'a missing token', { as: 'anonymous', body: {} }, missing('token')),
  invalid('POST /auth/verify-email', 'a 201-character token', { as: 'anonymous', body: { token: 'x'.repeat(201) } }, field('body.token')),
  invalid('POST /auth/verify-email', 'an unknown field', { as: 'anonymous', body: { token: 'x'.repeat(43), email: 'x@example.test' } }, unknown('email')),
  {
    route: 'POST /auth/verify-email',
    name: 'a token nobody was sent',
    as: 'anonymous',
    body: { token: 'x'.repeat(43) },
    status: 400,
    code: 'invalid_verification_token',
  },
  invalid('POST /auth/verify-email/resend', 'an address to send it to', { as: 'customer', body: { email: 'x@example.test' } }, unknown('email')),
  { route: 'POST /auth/verify-email/resend', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
  { route: 'POST /auth/verify-email/resend', name: 'a malformed token', as: 'garbage-token', status: 401, code: 'invalid_token' },

  // --- venues -------------------------------------------------------------------------------
  invalid('POST /venues', 'a missing kind', { body: { ...goodVenue, kind: undefined } }, missing('kind')),
  invalid('POST /venues', 'a name that is a number', { body: { ...goodVenue, name: 5 } }, field('body.name')),
  invalid('POST /venues', 'an unknown kind', { body: { ...goodVenue, kind: 'castle' } }, field('body.kind')),
  invalid('POST /venues', 'a lower-case currency', { body: { ...goodVenue, currency: 'usd' } }, field('body.currency')),
  invalid('POST /venues', 'an unknown time zone', { body: { ...goodVenue, timezone: 'Mars/Olympus_Mons' } }, { field: 'timezone', value: 'Mars/Olympus_Mons' }),
  invalid(
    'POST /venues',
    'an offset instead of a time zone',
    { body: { ...goodVenue, timezone: '+02:00 Somewhere' } },
    expect.objectContaining({ field: 'timezone' }),
  ),
  invalid('POST /venues', 'an empty time zone', { body: { ...goodVenue, timezone: '' } }, field('body.timezone')),
  invalid('POST /venues', 'a hold TTL as a string', { body: { ...goodVenue, hold_ttl_minutes: '15' } }, field('body.hold_ttl_minutes')),
  invalid('POST /venues', 'a hold TTL of zero', { body: { ...goodVenue, hold_ttl_minutes: 0 } }, field('body.hold_ttl_minutes')),
  invalid('POST /venues', 'weekday 8', { body: { ...goodVenue, hours: [{ weekday: 8, open: '16:00', close: '02:00' }] } }, field('body.hours.0.weekday')),
  invalid('POST /venues', 'opening at 25:00', { body: { ...goodVenue, hours: [{ weekday: 1, open: '25:00', close: '02:00' }] } }, field('body.hours.0.open')),
  invalid('POST /venues', 'a slug with spaces', { body: { ...goodVenue, slug: 'Night Owl' } }, field('body.slug')),
  invalid('POST /venues', 'a client-chosen id', { body: { ...goodVenue, id: NO_SUCH_ID } }, unknown('id')),
  invalid('GET /venues', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /venues', 'page_size=0', { query: 'page_size=0' }, field('querystring.page_size')),
  invalid('GET /venues', 'page=0', { query: 'page=0' }, field('querystring.page')),
  invalid('GET /venues', 'page=abc', { query: 'page=abc' }, field('querystring.page')),
  invalid('GET /venues', 'an unknown kind', { query: 'kind=castle' }, field('querystring.kind')),
  invalid('GET /venues', 'an unknown ordering', { query: 'ordering=-price' }, field('querystring.ordering')),
  invalid('GET /venues', 'an unknown parameter', { query: 'colour=blue' }, unknown('colour')),
  invalid('GET /venues/mine', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /venues/mine', 'an unknown parameter', { query: 'role=owner' }, unknown('role')),
  invalid('GET /venues', 'a 201-character search', { query: `search=${'a'.repeat(201)}` }, field('querystring.search')),
  { route: 'GET /venues/:id', name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
  invalid('PATCH /venues/:id', 'an empty patch', { body: {} }),
  invalid('PATCH /venues/:id', 'an empty name', { body: { name: '' } }, field('body.name')),
  invalid('PATCH /venues/:id', 'an unknown time zone', { body: { timezone: 'Not/AZone' } }, { field: 'timezone' }),
  invalid('PATCH /venues/:id', 'a slug change', { body: { slug: 'other-slug' } }, unknown('slug')),
  invalid('PATCH /venues/:id', 'a currency change', { body: { currency: 'EUR' } }, unknown('currency')),
  invalid('PATCH /venues/:id', 'a hold TTL as a string', { body: { hold_ttl_minutes: '30' } }, field('body.hold_ttl_minutes')),
  { route: 'PATCH /venues/:id', name: 'an unknown id', id: NO_SUCH_ID, body: { name: 'x' }, status: 404, code: 'not_found' },
  invalid('PATCH /venues/:id', 'a deposit of 0%', { body: { deposit_percent: 0 } }, field('body.deposit_percent')),
  invalid('PATCH /venues/:id', 'a deposit of 101%', { body: { deposit_percent: 101 } }, field('body.deposit_percent')),
  invalid('PATCH /venues/:id', 'a negative deposit', { body: { deposit_percent: -10 } }, field('body.deposit_percent')),
  invalid('PATCH /venues/:id', 'a deposit in floats', { body: { deposit_percent: 33.3 } }, field('body.deposit_percent')),
  invalid('PATCH /venues/:id', 'a deposit as a string', { body: { deposit_percent: '50' } }, field('body.deposit_percent')),
  invalid('PATCH /venues/:id', 'a policy by name', { body: { cancellation_policy: 'flexible' } }, field('body.cancellation_policy')),
  invalid(
    'PATCH /venues/:id',
    'a policy without no_show_percent',
    { body: { cancellation_policy: policy({ no_show_percent: undefined }) } },
    missing('no_show_percent'),
  ),
  invalid('PATCH /venues/:id', 'a policy without tiers', { body: { cancellation_policy: policy({ tiers: undefined }) } }, missing('tiers')),
  invalid('PATCH /venues/:id', 'a policy with no tiers', { body: { cancellation_policy: policy({ tiers: [] }) } }, field('body.cancellation_policy.tiers')),
  invalid(
    'PATCH /venues/:id',
    'a policy with 11 tiers',
    { body: { cancellation_policy: policy({ tiers: Array.from({ length: 11 }, (_, i) => ({ hours_before: 100 - i, refund_percent: 50 })) }) } },
    field('body.cancellation_policy.tiers'),
  ),
  invalid(
    'PATCH /venues/:id',
    'a 101% refund',
    { body: { cancellation_policy: policy({}, { refund_percent: 101 }) } },
    field('body.cancellation_policy.tiers.0.refund_percent'),
  ),
  invalid(
    'PATCH /venues/:id',
    'a negative refund',
    { body: { cancellation_policy: policy({}, { refund_percent: -1 }) } },
    field('body.cancellation_policy.tiers.0.refund_percent'),
  ),
  invalid(
    'PATCH /venues/:id',
    'a refund in floats',
    { body: { cancellation_policy: policy({}, { refund_percent: 50.5 }) } },
    field('body.cancellation_policy.tiers.0.refund_percent'),
  ),
  invalid(
    'PATCH /venues/:id',
    'a negative hours_before',
    { body: { cancellation_policy: policy({}, { hours_before: -1 }) } },
    field('body.cancellation_policy.tiers.0.hours_before'),
  ),
  invalid(
    'PATCH /venues/:id',
    'hours_before over a year',
    { body: { cancellation_policy: policy({}, { hours_before: 8761 }) } },
    field('body.cancellation_policy.tiers.0.hours_before'),
  ),
  invalid(
    'PATCH /venues/:id',
    'hours_before as a string',
    { body: { cancellation_policy: policy({}, { hours_before: '48' }) } },
    field('body.cancellation_policy.tiers.0.hours_before'),
  ),
  invalid('PATCH /venues/:id', 'a tier with a fixed fee', { body: { cancellation_policy: policy({}, { fee: 500 }) } }, unknown('fee')),
  invalid(
    'PATCH /venues/:id',
    'a no-show refund of 101%',
    { body: { cancellation_policy: policy({ no_show_percent: 101 }) } },
    field('body.cancellation_policy.no_show_percent'),
  ),
  invalid('PATCH /venues/:id', 'an unknown field in the policy', { body: { cancellation_policy: policy({ grace_minutes: 15 }) } }, unknown('grace_minutes')),
  invalid(
    'PATCH /venues/:id',
    'two tiers with the same deadline',
    {
      body: {
        cancellation_policy: policy({
          tiers: [
            { hours_before: 48, refund_percent: 100 },
            { hours_before: 48, refund_percent: 50 },
          ],
        }),
      },
    },
    { field: 'cancellation_policy' },
  ),
  invalid(
    'PATCH /venues/:id',
    'a later cancellation refunding more',
    {
      body: {
        cancellation_policy: policy({
          tiers: [
            { hours_before: 48, refund_percent: 50 },
            { hours_before: 0, refund_percent: 100 },
          ],
        }),
      },
    },
    { field: 'cancellation_policy' },
  ),
  invalid('PUT /venues/:id/hours', 'missing hours', { body: {} }, missing('hours')),
  invalid('PUT /venues/:id/hours', 'hours that are not a list', { body: { hours: 'always' } }, field('body.hours')),
  invalid(
    'PUT /venues/:id/hours',
    'a weekday as a string',
    { body: { hours: [{ weekday: '1', open: '16:00', close: '02:00' }] } },
    field('body.hours.0.weekday'),
  ),
  invalid('PUT /venues/:id/hours', 'weekday 0', { body: { hours: [{ weekday: 0, open: '16:00', close: '02:00' }] } }, field('body.hours.0.weekday')),
  invalid('PUT /venues/:id/hours', 'a 12-hour clock', { body: { hours: [{ weekday: 1, open: '4pm', close: '02:00' }] } }, field('body.hours.0.open')),
  invalid('PUT /venues/:id/hours', 'closing at 24:00', { body: { hours: [{ weekday: 1, open: '16:00', close: '24:00' }] } }, field('body.hours.0.close')),
  invalid(
    'PUT /venues/:id/hours',
    'an unknown field in a range',
    { body: { hours: [{ weekday: 1, open: '16:00', close: '02:00', note: 'x' }] } },
    unknown('note'),
  ),
  invalid(
    'PUT /venues/:id/hours',
    '71 ranges',
    { body: { hours: Array.from({ length: 71 }, () => ({ weekday: 1, open: '16:00', close: '17:00' })) } },
    field('body.hours'),
  ),

  // --- closures -----------------------------------------------------------------------------
  invalid('POST /venues/:id/closures', 'a missing date', { body: { reason: 'x' } }, missing('date')),
  invalid('POST /venues/:id/closures', 'February 30th', { body: { date: '2027-02-30' } }, field('body.date')),
  invalid('POST /venues/:id/closures', 'month 13', { body: { date: '2027-13-01' } }, field('body.date')),
  invalid('POST /venues/:id/closures', 'a date that is a number', { body: { date: 20270301 } }, field('body.date')),
  invalid('POST /venues/:id/closures', 'a date-time instead of a date', { body: { date: '2027-03-01T00:00:00Z' } }, field('body.date')),
  invalid('POST /venues/:id/closures', 'a reason that is a number', { body: { date: '2027-03-01', reason: 5 } }, field('body.reason')),
  invalid('POST /venues/:id/closures', 'an unknown field', { body: { date: '2027-03-01', all_day: true } }, unknown('all_day')),
  { route: 'POST /venues/:id/closures', name: 'an unknown venue', id: NO_SUCH_ID, body: { date: '2027-03-01' }, status: 404, code: 'not_found' },
  invalid('GET /venues/:id/closures', 'from=2027-02-30', { query: 'from=2027-02-30' }, field('querystring.from')),
  invalid('GET /venues/:id/closures', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /venues/:id/closures', 'an end before the start', { query: 'from=2027-03-01&to=2027-02-01' }),
  invalid('GET /venues/:id/closures', 'an unknown parameter', { query: 'month=3' }, unknown('month')),

  // --- members ------------------------------------------------------------------------------
  invalid('POST /venues/:id/members', 'a missing role', { body: { email: 'x@example.test' } }, missing('role')),
  invalid('POST /venues/:id/members', 'an invalid email', { body: { email: 'nope', role: 'staff' } }, field('body.email')),
  invalid('POST /venues/:id/members', 'an unknown role', { body: { email: 'x@example.test', role: 'god' } }, field('body.role')),
  invalid('POST /venues/:id/members', 'a user id instead of an email', { body: { user_id: NO_SUCH_ID, role: 'staff' } }),
  { route: 'POST /venues/:id/members', name: 'an email nobody has', body: { email: 'nobody@example.test', role: 'staff' }, status: 404, code: 'not_found' },
  invalid('GET /venues/:id/members', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /venues/:id/members', 'an unknown parameter', { query: 'role=owner' }, unknown('role')),
  invalid('DELETE /venues/:id/members/:user_id', 'a malformed user id', { userId: 'not-a-uuid' }, field('params.user_id')),
  invalid('DELETE /venues/:id/members/:user_id', 'a user id one digit too long', { userId: `${NO_SUCH_ID}0` }, field('params.user_id')),
  { route: 'DELETE /venues/:id/members/:user_id', name: 'someone who is not a member', status: 404, code: 'not_found' },
  { route: 'DELETE /venues/:id/members/:user_id', name: 'an unknown venue', id: NO_SUCH_ID, status: 404, code: 'not_found' },
  { route: 'DELETE /venues/:id/members/:user_id', name: 'no token', as: 'anonymous', userId: () => foreignStaff.id, status: 401, code: 'unauthenticated' },
  { route: 'DELETE /venues/:id/members/:user_id', name: 'a garbage token', as: 'garbage-token', status: 401, code: 'invalid_token' },
  {
    route: 'DELETE /venues/:id/members/:user_id',
    name: 'a customer',
    as: 'customer',
    id: () => hotel.id,
    userId: () => foreignStaff.id,
    status: 403,
    code: 'forbidden',
  },
  { route: 'DELETE /venues/:id/members/:user_id', name: "another venue's owner", as: 'foreign-staff', status: 403, code: 'forbidden' },
  {
    route: 'DELETE /venues/:id/members/:user_id',
    name: "the hotel's last owner",
    id: () => hotel.id,
    userId: () => foreignStaff.id,
    status: 409,
    code: 'last_owner',
  },

  // --- rooms --------------------------------------------------------------------------------
  invalid('POST /venues/:id/rooms', 'capacity "8" as a string', { body: { ...goodRoom, capacity: '8' } }, field('body.capacity')),
  invalid('POST /venues/:id/rooms', 'a fractional capacity', { body: { ...goodRoom, capacity: 2.5 } }, field('body.capacity')),
  invalid('POST /venues/:id/rooms', 'capacity 0', { body: { ...goodRoom, capacity: 0 } }, field('body.capacity')),
  invalid('POST /venues/:id/rooms', 'a missing name', { body: { ...goodRoom, name: undefined } }, missing('name')),
  invalid('POST /venues/:id/rooms', 'a missing hourly rate', { body: { ...goodRoom, hourly_rate: undefined } }, missing('hourly_rate')),
  invalid(
    'POST /venues/:id/rooms',
    'a rate in floats',
    { body: { ...goodRoom, hourly_rate: { amount: 40.5, currency: 'USD' } } },
    field('body.hourly_rate.amount'),
  ),
  invalid(
    'POST /venues/:id/rooms',
    'a rate as a string',
    { body: { ...goodRoom, hourly_rate: { amount: '4000', currency: 'USD' } } },
    field('body.hourly_rate.amount'),
  ),
  invalid(
    'POST /venues/:id/rooms',
    'a negative rate',
    { body: { ...goodRoom, hourly_rate: { amount: -1, currency: 'USD' } } },
    field('body.hourly_rate.amount'),
  ),
  invalid('POST /venues/:id/rooms', 'a rate as a bare number', { body: { ...goodRoom, hourly_rate: 4000 } }, field('body.hourly_rate')),
  invalid(
    'POST /venues/:id/rooms',
    "a currency other than the venue's",
    { body: { ...goodRoom, hourly_rate: { amount: 4000, currency: 'EUR' } } },
    { field: 'hourly_rate.currency' },
  ),
  invalid('POST /venues/:id/rooms', '1-minute slots', { body: { ...goodRoom, slot_minutes: 1 } }, field('body.slot_minutes')),
  invalid('POST /venues/:id/rooms', 'amenities as a string', { body: { ...goodRoom, amenities: 'wifi' } }, field('body.amenities')),
  invalid('POST /venues/:id/rooms', 'a venue_id in the body', { body: { ...goodRoom, venue_id: NO_SUCH_ID } }, unknown('venue_id')),
  { route: 'POST /venues/:id/rooms', name: 'an unknown venue', id: NO_SUCH_ID, body: goodRoom, status: 404, code: 'not_found' },
  invalid('GET /venues/:id/rooms', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /venues/:id/rooms', 'min_capacity=abc', { query: 'min_capacity=abc' }, field('querystring.min_capacity')),
  invalid('GET /venues/:id/rooms', 'min_capacity=0', { query: 'min_capacity=0' }, field('querystring.min_capacity')),
  invalid('GET /venues/:id/rooms', 'an unknown parameter', { query: 'colour=blue' }, unknown('colour')),
  { route: 'GET /rooms/:id', name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
  invalid('PATCH /rooms/:id', 'an empty patch', { body: {} }),
  invalid('PATCH /rooms/:id', 'capacity "8" as a string', { body: { capacity: '8' } }, field('body.capacity')),
  invalid('PATCH /rooms/:id', 'a negative buffer', { body: { buffer_minutes: -5 } }, field('body.buffer_minutes')),
  invalid('PATCH /rooms/:id', 'a move to another venue', { body: { venue_id: NO_SUCH_ID } }, unknown('venue_id')),
  invalid(
    'PATCH /rooms/:id',
    "a currency other than the venue's",
    { body: { hourly_rate: { amount: 100, currency: 'EUR' } } },
    { field: 'hourly_rate.currency' },
  ),
  { route: 'PATCH /rooms/:id', name: 'an unknown id', id: NO_SUCH_ID, body: { name: 'x' }, status: 404, code: 'not_found' },
  { route: 'DELETE /rooms/:id', name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },

  // --- availability -------------------------------------------------------------------------
  invalid('GET /venues/:id/availability', 'a missing date', { query: 'party_size=2' }, missing('date')),
  invalid('GET /venues/:id/availability', 'February 30th', { query: 'date=2027-02-30' }, field('querystring.date')),
  invalid('GET /venues/:id/availability', 'a word instead of a date', { query: 'date=tomorrow' }, field('querystring.date')),
  invalid('GET /venues/:id/availability', 'party_size=0', { query: 'date=2027-01-08&party_size=0' }, field('querystring.party_size')),
  invalid('GET /venues/:id/availability', 'party_size=abc', { query: 'date=2027-01-08&party_size=abc' }, field('querystring.party_size')),
  invalid('GET /venues/:id/availability', 'party_size=4.5', { query: 'date=2027-01-08&party_size=4.5' }, field('querystring.party_size')),
  invalid('GET /venues/:id/availability', 'an unknown parameter', { query: 'date=2027-01-08&room=1' }, unknown('room')),
  { route: 'GET /venues/:id/availability', name: 'an unknown venue', id: NO_SUCH_ID, query: 'date=2027-01-08', status: 404, code: 'not_found' },

  // --- reservations -------------------------------------------------------------------------
  invalid('POST /reservations', 'party_size "4" as a string', { as: 'customer', body: booking({ party_size: '4' }) }, field('body.party_size')),
  invalid('POST /reservations', 'party_size 0', { as: 'customer', body: booking({ party_size: 0 }) }, field('body.party_size')),
  invalid('POST /reservations', 'missing items', { as: 'customer', body: () => ({ venue_id: venue.id }) }, missing('items')),
  invalid('POST /reservations', 'no items', { as: 'customer', body: booking({ items: [] }) }, field('body.items')),
  invalid(
    'POST /reservations',
    '11 items',
    { as: 'customer', body: () => ({ venue_id: venue.id, items: Array.from({ length: 11 }, goodSlot) }) },
    field('body.items'),
  ),
  invalid('POST /reservations', 'a missing venue', { as: 'customer', body: () => ({ items: [goodSlot()] }) }, missing('venue_id')),
  invalid('POST /reservations', 'a malformed venue id', { as: 'customer', body: booking({ venue_id: 'venue-1' }) }, field('body.venue_id')),
  invalid('POST /reservations', 'a self-confirmed status', { as: 'customer', body: booking({ status: 'confirmed' }) }, unknown('status')),
  invalid('POST /reservations', 'a chosen owner', { as: 'customer', body: booking({ user_id: NO_SUCH_ID }) }, unknown('user_id')),
  invalid('POST /reservations', 'a chosen price', { as: 'customer', body: booking({ total: { amount: 1, currency: 'USD' } }) }, unknown('total')),
  invalid('POST /reservations', 'an unsupported item kind', { as: 'customer', body: booking({}, { kind: 'stay' }) }, field('body.items.0.kind')),
  invalid('POST /reservations', 'an item without a room', { as: 'customer', body: booking({}, { room_id: undefined }) }, missing('room_id')),
  invalid('POST /reservations', 'a price on an item', { as: 'customer', body: booking({}, { price: 1 }) }, unknown('price')),
  invalid('POST /reservations', 'February 30th', { as: 'customer', body: booking({}, { start: '2027-02-30T19:00:00-07:00' }) }, field('body.items.0.start')),
  invalid(
    'POST /reservations',
    'an instant without an offset',
    { as: 'customer', body: booking({}, { start: '2027-01-09T19:00:00' }) },
    field('body.items.0.start'),
  ),
  invalid('POST /reservations', 'a date instead of an instant', { as: 'customer', body: booking({}, { end: '2027-01-09' }) }, field('body.items.0.end')),
  invalid(
    'POST /reservations',
    'an end before the start',
    { as: 'customer', body: booking({}, { start: at('2027-01-09T21:00'), end: at('2027-01-09T19:00') }) },
    { item: 0, reason: 'end_before_start' },
  ),
  invalid(
    'POST /reservations',
    'an end equal to the start',
    { as: 'customer', body: booking({}, { start: at('2027-01-09T21:00'), end: at('2027-01-09T21:00') }) },
    { item: 0, reason: 'end_before_start' },
  ),
  invalid('POST /reservations', '2001-character notes', { as: 'customer', body: booking({ notes: 'x'.repeat(2001) }) }, field('body.notes')),
  invalid('POST /reservations', 'a guest without a name', { as: 'customer', body: booking({ guest: { name: '' } }) }, field('body.guest')),
  { route: 'POST /reservations', name: 'an unknown venue', as: 'customer', body: booking({ venue_id: NO_SUCH_ID }), status: 404, code: 'not_found' },
  {
    route: 'POST /reservations',
    name: 'an unknown room',
    as: 'customer',
    body: booking({}, { room_id: NO_SUCH_ID }),
    status: 404,
    code: 'not_found',
    detail: { item: 0 },
  },
  invalid('GET /reservations', 'a 10-year date range', { query: 'from=2027-01-01&to=2037-01-01' }, { field: 'to' }),
  invalid('GET /reservations', 'an end before the start', { query: 'from=2027-03-01&to=2027-02-01' }, { field: 'to' }),
  invalid('GET /reservations', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /reservations', 'February 30th', { query: 'from=2027-02-30' }, field('querystring.from')),
  invalid('GET /reservations', 'an unknown status', { query: 'status=pending,lost' }, field('querystring.status')),
  invalid('GET /reservations', 'a malformed venue id', { query: 'venue=karaoke' }, field('querystring.venue')),
  invalid('GET /reservations', 'a malformed room id', { query: 'room=7' }, field('querystring.room')),
  invalid('GET /reservations', 'an unknown ordering', { query: 'ordering=total' }, field('querystring.ordering')),
  invalid('GET /reservations', 'an unknown parameter', { query: 'user_id=me' }, unknown('user_id')),
  ...(['upcoming', 'history'] as const).flatMap((view) => [
    invalid(`GET /reservations/${view}`, 'page_size=10000', { as: 'customer', query: 'page_size=10000' }, field('querystring.page_size')),
    invalid(`GET /reservations/${view}`, 'page=0', { as: 'customer', query: 'page=0' }, field('querystring.page')),
    invalid(`GET /reservations/${view}`, 'a venue filter it does not have', { as: 'customer', query: `venue=${NO_SUCH_ID}` }, unknown('venue')),
  ]),
  { route: 'GET /reservations/:id', name: 'an unknown id', id: NO_SUCH_ID, status: 404, code: 'not_found' },
  ...ACTIONS.flatMap((action): Case[] => [
    invalid(`POST /reservations/:id/${action}`, 'a reason that is a number', { body: { reason: 5 } }, field('body.reason')),
    invalid(`POST /reservations/:id/${action}`, 'a 501-character reason', { body: { reason: 'x'.repeat(501) } }, field('body.reason')),
    invalid(`POST /reservations/:id/${action}`, 'a chosen status', { body: { status: 'completed' } }, unknown('status')),
    { route: `POST /reservations/:id/${action}`, name: 'an unknown id', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
  ]),
  invalid('POST /reservations/:id/reschedule', 'a missing start', { as: 'customer', body: { end: '2027-01-10T04:00:00Z' } }, missing('start')),
  invalid(
    'POST /reservations/:id/reschedule',
    'an end before the start',
    { as: 'customer', body: { start: at('2027-01-10T21:00'), end: at('2027-01-10T19:00') } },
    { reason: 'end_before_start' },
  ),
  invalid(
    'POST /reservations/:id/reschedule',
    'February 30th',
    { as: 'customer', body: { start: '2027-02-30T19:00:00Z', end: '2027-02-30T21:00:00Z' } },
    field('body.start'),
  ),
  invalid(
    'POST /reservations/:id/reschedule',
    'an instant without an offset',
    { as: 'customer', body: { start: '2027-01-10T19:00:00', end: '2027-01-10T21:00:00' } },
    field('body.start'),
  ),
  invalid(
    'POST /reservations/:id/reschedule',
    'a malformed room id',
    { as: 'customer', body: { room_id: 'blue', start: at('2027-01-10T19:00'), end: at('2027-01-10T21:00') } },
    field('body.room_id'),
  ),
  invalid(
    'POST /reservations/:id/reschedule',
    'an item of another reservation',
    { as: 'customer', body: { item_id: NO_SUCH_ID, start: at('2027-01-10T19:00'), end: at('2027-01-10T21:00') } },
    { field: 'item_id' },
  ),
  invalid(
    'POST /reservations/:id/reschedule',
    'a chosen status',
    { as: 'customer', body: { status: 'confirmed', start: at('2027-01-10T19:00'), end: at('2027-01-10T21:00') } },
    unknown('status'),
  ),
  {
    route: 'POST /reservations/:id/reschedule',
    name: 'an unknown id',
    as: 'customer',
    id: NO_SUCH_ID,
    body: { start: at('2027-01-10T19:00'), end: at('2027-01-10T21:00') },
    status: 404,
    code: 'not_found',
  },

  // --- cancellation with money (CancelBody) -------------------------------------------------
  invalid('POST /reservations/:id/cancel', 'a negative refund amount', { body: { reason: 'x', refund_amount: -1 } }, field('body.refund_amount')),
  invalid('POST /reservations/:id/cancel', 'a refund amount over 5,000,000', { body: { reason: 'x', refund_amount: 5_000_001 } }, field('body.refund_amount')),
  invalid('POST /reservations/:id/cancel', 'a refund amount in floats', { body: { reason: 'x', refund_amount: 10.5 } }, field('body.refund_amount')),
  invalid('POST /reservations/:id/cancel', 'a refund amount as a string', { body: { reason: 'x', refund_amount: '100' } }, field('body.refund_amount')),
  invalid(
    'POST /reservations/:id/cancel',
    'a refund amount as Money instead of minor units',
    { body: { reason: 'x', refund_amount: { amount: 100, currency: 'USD' } } },
    field('body.refund_amount'),
  ),
  invalid('POST /reservations/:id/cancel', 'a null refund amount', { body: { reason: 'x', refund_amount: null } }, field('body.refund_amount')),
  invalid('POST /reservations/:id/cancel', 'a refund amount without a reason', { body: { refund_amount: 100 } }, { field: 'reason' }),
  invalid('POST /reservations/:id/cancel', 'a refund amount with an empty reason', { body: { reason: '', refund_amount: 100 } }, { field: 'reason' }),
  invalid('POST /reservations/:id/cancel', 'a refund amount with a null reason', { body: { reason: null, refund_amount: 0 } }, { field: 'reason' }),
  invalid('POST /reservations/:id/cancel', "the refund route's amount field", { body: { reason: 'x', amount: 100 } }, unknown('amount')),
  invalid('POST /reservations/:id/cancel', 'a refund percentage', { body: { reason: 'x', refund_percent: 100 } }, unknown('refund_percent')),
  {
    route: 'POST /reservations/:id/cancel',
    name: 'a customer choosing the refund amount',
    as: 'customer',
    body: { reason: 'please', refund_amount: 100 },
    status: 403,
    code: 'forbidden',
  },
  {
    route: 'POST /reservations/:id/cancel',
    name: 'a customer choosing the refund amount of a paid reservation',
    as: 'customer',
    id: () => paid.id,
    body: { reason: 'please', refund_amount: 100 },
    status: 403,
    code: 'forbidden',
  },
  // The refund is part of the cancellation: refusing it must leave the reservation as it was.
  {
    route: 'POST /reservations/:id/cancel',
    name: 'a refund amount over what was paid',
    id: () => paid.id,
    body: () => ({ reason: 'venue closed', refund_amount: paid.total + 1 }),
    status: 409,
    code: 'refund_exceeds_paid',
  },

  // --- payments -----------------------------------------------------------------------------
  invalid('POST /reservations/:id/checkout', 'auto_confirm as a string', { as: 'customer', body: { auto_confirm: 'true' } }, field('body.auto_confirm')),
  invalid('POST /reservations/:id/checkout', 'use_credits as a string', { as: 'customer', body: { use_credits: 'false' } }, field('body.use_credits')),
  invalid('POST /reservations/:id/checkout', 'use_credits as a number', { as: 'customer', body: { use_credits: 0 } }, field('body.use_credits')),
  invalid('POST /reservations/:id/checkout', 'a chosen amount', { as: 'customer', body: { amount: { amount: 1, currency: 'USD' } } }, unknown('amount')),
  invalid('POST /reservations/:id/checkout', 'a chosen credit amount', { as: 'customer', body: { credits: 500 } }, unknown('credits')),
  invalid('POST /reservations/:id/checkout', 'a self-declared status', { as: 'customer', body: { status: 'succeeded' } }, unknown('status')),
  invalid('POST /reservations/:id/checkout', 'a chosen gateway', { as: 'customer', body: { gateway: 'credits' } }, unknown('gateway')),
  invalid(
    'POST /reservations/:id/checkout',
    'a 256-character Idempotency-Key',
    { as: 'customer', body: {}, headers: { 'idempotency-key': 'k'.repeat(256) } },
    field('headers.idempotency-key'),
  ),
  {
    route: 'POST /reservations/:id/checkout',
    name: 'auto_confirm on a server that does not allow it',
    as: 'customer',
    body: { auto_confirm: true },
    status: 403,
    code: 'auto_confirm_disabled',
  },
  { route: 'POST /reservations/:id/checkout', name: 'no token', as: 'anonymous', body: {}, status: 401, code: 'unauthenticated' },
  { route: 'POST /reservations/:id/checkout', name: 'an unknown id', as: 'customer', id: NO_SUCH_ID, body: {}, status: 404, code: 'not_found' },
  invalid('POST /reservations/:id/refund', 'no body at all', {}, field('body')),
  invalid('POST /reservations/:id/refund', 'a missing reason', { body: { amount: 100 } }, missing('reason')),
  invalid('POST /reservations/:id/refund', 'an empty body', { body: {} }, missing('reason')),
  invalid('POST /reservations/:id/refund', 'an empty reason', { body: { amount: 100, reason: '' } }, field('body.reason')),
  invalid('POST /reservations/:id/refund', 'a null reason', { body: { amount: 100, reason: null } }, field('body.reason')),
  invalid('POST /reservations/:id/refund', 'a reason that is a number', { body: { amount: 100, reason: 5 } }, field('body.reason')),
  invalid('POST /reservations/:id/refund', 'a 501-character reason', { body: { amount: 100, reason: 'x'.repeat(501) } }, field('body.reason')),
  invalid('POST /reservations/:id/refund', 'amount 0', { body: { amount: 0, reason: 'goodwill' } }, field('body.amount')),
  invalid('POST /reservations/:id/refund', 'a negative amount', { body: { amount: -100, reason: 'goodwill' } }, field('body.amount')),
  invalid('POST /reservations/:id/refund', 'an amount over 5,000,000', { body: { amount: 5_000_001, reason: 'goodwill' } }, field('body.amount')),
  invalid('POST /reservations/:id/refund', 'an amount in floats', { body: { amount: 10.5, reason: 'goodwill' } }, field('body.amount')),
  invalid('POST /reservations/:id/refund', 'an amount as a string', { body: { amount: '100', reason: 'goodwill' } }, field('body.amount')),
  invalid(
    'POST /reservations/:id/refund',
    'an amount as Money instead of minor units',
    { body: { amount: { amount: 100, currency: 'USD' }, reason: 'goodwill' } },
    field('body.amount'),
  ),
  invalid('POST /reservations/:id/refund', 'a null amount', { body: { amount: null, reason: 'goodwill' } }, field('body.amount')),
  invalid('POST /reservations/:id/refund', 'a chosen currency', { body: { amount: 100, currency: 'EUR', reason: 'goodwill' } }, unknown('currency')),
  invalid(
    'POST /reservations/:id/refund',
    "the cancel route's refund_amount field",
    { body: { refund_amount: 100, reason: 'goodwill' } },
    unknown('refund_amount'),
  ),
  invalid('POST /reservations/:id/refund', 'a refund to credits', { body: { reason: 'goodwill', to_credits: true } }, unknown('to_credits')),
  invalid(
    'POST /reservations/:id/refund',
    'a 256-character Idempotency-Key',
    { body: { reason: 'goodwill' }, headers: { 'idempotency-key': 'k'.repeat(256) } },
    field('headers.idempotency-key'),
  ),
  { route: 'POST /reservations/:id/refund', name: 'a reservation nothing was paid for', body: { reason: 'goodwill' }, status: 409, code: 'nothing_to_refund' },
  {
    route: 'POST /reservations/:id/refund',
    name: 'one cent more than was paid',
    id: () => paid.id,
    body: () => ({ amount: paid.total + 1, reason: 'goodwill' }),
    status: 409,
    code: 'refund_exceeds_paid',
  },
  {
    route: 'POST /reservations/:id/refund',
    name: 'the largest amount, more than was paid',
    id: () => paid.id,
    body: { amount: 5_000_000, reason: 'goodwill' },
    status: 409,
    code: 'refund_exceeds_paid',
  },
  {
    route: 'POST /reservations/:id/refund',
    name: 'a customer refunding a paid reservation',
    as: 'customer',
    id: () => paid.id,
    body: { amount: 100, reason: 'I want my money' },
    status: 403,
    code: 'forbidden',
  },
  {
    route: 'POST /reservations/:id/refund',
    name: 'a customer refunding themselves',
    as: 'customer',
    body: { amount: 100, reason: 'I want my money' },
    status: 403,
    code: 'forbidden',
  },
  { route: 'POST /reservations/:id/refund', name: 'no token', as: 'anonymous', body: { reason: 'goodwill' }, status: 401, code: 'unauthenticated' },
  { route: 'POST /reservations/:id/refund', name: 'an unknown id', id: NO_SUCH_ID, body: { reason: 'goodwill' }, status: 404, code: 'not_found' },
  invalid('GET /payments/history', 'an unknown status', { query: 'status=paid' }, field('querystring.status')),
  invalid('GET /payments/history', 'a reservation status', { query: 'status=confirmed' }, field('querystring.status')),
  invalid('GET /payments/history', 'an unknown ordering', { query: 'ordering=amount' }, field('querystring.ordering')),
  invalid('GET /payments/history', 'ordering=--created_at', { query: 'ordering=--created_at' }, field('querystring.ordering')),
  invalid('GET /payments/history', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /payments/history', 'page_size=0', { query: 'page_size=0' }, field('querystring.page_size')),
  invalid('GET /payments/history', 'page_size=-1', { query: 'page_size=-1' }, field('querystring.page_size')),
  invalid('GET /payments/history', 'page_size=abc', { query: 'page_size=abc' }, field('querystring.page_size')),
  invalid('GET /payments/history', 'page=0', { query: 'page=0' }, field('querystring.page')),
  invalid('GET /payments/history', 'a malformed venue id', { query: 'venue=karaoke' }, field('querystring.venue')),
  invalid('GET /payments/history', 'an unknown parameter', { query: `user_id=${NO_SUCH_ID}` }, unknown('user_id')),
  { route: 'GET /payments/history', name: 'an unknown venue', query: `venue=${NO_SUCH_ID}`, status: 404, code: 'not_found' },
  {
    route: 'GET /payments/history',
    name: "a customer reading a venue's payments",
    as: 'customer',
    query: () => `venue=${venue.id}`,
    status: 403,
    code: 'forbidden',
  },
  { route: 'GET /payments/history', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
  ...webhookCases(),

  // --- credits ------------------------------------------------------------------------------
  invalid('GET /credits/balance', 'a malformed user id', { query: 'user_id=me' }, field('querystring.user_id')),
  invalid('GET /credits/balance', 'a numeric user id', { query: 'user_id=12345' }, field('querystring.user_id')),
  invalid('GET /credits/balance', 'an unknown parameter', { query: 'currency=USD' }, unknown('currency')),
  { route: 'GET /credits/balance', name: 'an unknown user', query: `user_id=${NO_SUCH_ID}`, status: 404, code: 'not_found' },
  {
    route: 'GET /credits/balance',
    name: "a customer reading someone else's",
    as: 'customer',
    query: () => `user_id=${admin.id}`,
    status: 404,
    code: 'not_found',
  },
  { route: 'GET /credits/balance', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
  invalid('GET /credits/history', 'a malformed user id', { query: 'user_id=me' }, field('querystring.user_id')),
  invalid('GET /credits/history', 'an unknown kind', { query: 'kind=gift' }, field('querystring.kind')),
  invalid('GET /credits/history', 'page_size=10000', { query: 'page_size=10000' }, field('querystring.page_size')),
  invalid('GET /credits/history', 'page_size=0', { query: 'page_size=0' }, field('querystring.page_size')),
  invalid('GET /credits/history', 'page=0', { query: 'page=0' }, field('querystring.page')),
  invalid('GET /credits/history', 'a status filter it does not have', { query: 'status=active' }, unknown('status')),
  invalid('GET /credits/history', 'an ordering it does not have', { query: 'ordering=-created_at' }, unknown('ordering')),
  invalid('GET /credits/history', 'a search it does not have', { query: 'search=x' }, unknown('search')),
  { route: 'GET /credits/history', name: 'an unknown user', query: `user_id=${NO_SUCH_ID}`, status: 404, code: 'not_found' },
  {
    route: 'GET /credits/history',
    name: "a customer reading someone else's",
    as: 'customer',
    query: () => `user_id=${admin.id}`,
    status: 404,
    code: 'not_found',
  },
  { route: 'GET /credits/history', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
  invalid('POST /credits/grants', 'a missing user', { body: grant({ user_id: undefined }) }, missing('user_id')),
  invalid('POST /credits/grants', 'a malformed user id', { body: grant({ user_id: 'customer-1' }) }, field('body.user_id')),
  invalid('POST /credits/grants', 'a missing kind', { body: grant({ kind: undefined }) }, missing('kind')),
  invalid('POST /credits/grants', 'an unknown kind', { body: grant({ kind: 'gift' }) }, field('body.kind')),
  invalid('POST /credits/grants', 'kind "refund" (only refunds grant it)', { body: grant({ kind: 'refund' }) }, field('body.kind')),
  invalid('POST /credits/grants', 'an upper-case kind', { body: grant({ kind: 'PROMOTION' }) }, field('body.kind')),
  invalid('POST /credits/grants', 'a missing amount', { body: grant({ amount: undefined }) }, missing('amount')),
  invalid('POST /credits/grants', 'amount 0', { body: grant({}, { amount: 0 }) }, field('body.amount.amount')),
  invalid('POST /credits/grants', 'a negative amount', { body: grant({}, { amount: -500 }) }, field('body.amount.amount')),
  invalid('POST /credits/grants', 'an amount over 5,000,000', { body: grant({}, { amount: 5_000_001 }) }, field('body.amount.amount')),
  invalid('POST /credits/grants', 'an amount in floats', { body: grant({}, { amount: 10.5 }) }, field('body.amount.amount')),
  invalid('POST /credits/grants', 'an amount as a string', { body: grant({}, { amount: '1000' }) }, field('body.amount.amount')),
  invalid('POST /credits/grants', 'an amount as a bare number', { body: grant({ amount: 1000 }) }, field('body.amount')),
  invalid('POST /credits/grants', 'a lower-case currency', { body: grant({}, { currency: 'usd' }) }, field('body.amount.currency')),
  invalid('POST /credits/grants', 'a two-letter currency', { body: grant({}, { currency: 'US' }) }, field('body.amount.currency')),
  invalid('POST /credits/grants', 'a four-letter currency', { body: grant({}, { currency: 'USDX' }) }, field('body.amount.currency')),
  invalid('POST /credits/grants', 'a currency symbol', { body: grant({}, { currency: '$' }) }, field('body.amount.currency')),
  invalid('POST /credits/grants', 'a missing currency', { body: grant({}, { currency: undefined }) }, missing('currency')),
  invalid('POST /credits/grants', 'an unknown field in the amount', { body: grant({}, { used: 0 }) }, unknown('used')),
  invalid('POST /credits/grants', 'a date instead of an instant', { body: grant({ expires_at: '2027-06-01' }) }, field('body.expires_at')),
  invalid('POST /credits/grants', 'an instant without an offset', { body: grant({ expires_at: '2027-06-01T00:00:00' }) }, field('body.expires_at')),
  invalid('POST /credits/grants', 'February 30th', { body: grant({ expires_at: '2027-02-30T00:00:00Z' }) }, field('body.expires_at')),
  invalid('POST /credits/grants', 'a word instead of an instant', { body: grant({ expires_at: 'next month' }) }, field('body.expires_at')),
  invalid('POST /credits/grants', 'a Unix timestamp', { body: grant({ expires_at: 1_811_808_000 }) }, field('body.expires_at')),
  invalid('POST /credits/grants', 'an expiry in the past', { body: grant({ expires_at: '2026-12-31T00:00:00Z' }) }, field('body.expires_at')),
  invalid('POST /credits/grants', 'a 501-character note', { body: grant({ note: 'x'.repeat(501) }) }, field('body.note')),
  invalid('POST /credits/grants', 'a note that is a number', { body: grant({ note: 5 }) }, field('body.note')),
  invalid('POST /credits/grants', 'a chosen amount used', { body: grant({ used: { amount: 0, currency: 'USD' } }) }, unknown('used')),
  invalid('POST /credits/grants', 'a chosen grantor', { body: grant({ created_by: NO_SUCH_ID }) }, unknown('created_by')),
  invalid('POST /credits/grants', 'a client-chosen id', { body: grant({ id: NO_SUCH_ID }) }, unknown('id')),
  invalid(
    'POST /credits/grants',
    'a 256-character Idempotency-Key',
    { body: grant(), headers: { 'idempotency-key': 'k'.repeat(256) } },
    field('headers.idempotency-key'),
  ),
  { route: 'POST /credits/grants', name: 'an unknown user', body: grant({ user_id: NO_SUCH_ID }), status: 404, code: 'not_found' },
  { route: 'POST /credits/grants', name: 'a customer granting themselves credit', as: 'customer', body: grant(), status: 403, code: 'forbidden' },
  { route: 'POST /credits/grants', name: 'no token', as: 'anonymous', body: grant(), status: 401, code: 'unauthenticated' },

  ...hotelCases(),
  ...contentCases(),
  ...waitlistCases(),
  ...outboundWebhookCases(),
  ...notificationCases(),
  ...calendarFeedCases(),
  ...realtimeCases(),
  ...marketplaceCases(),
  ...messagingCases(),
  ...videoCases(),
]

/** A good cancellation policy with one part replaced (undefined removes it); `tier` changes the first tier. */
function policy(extra: Record<string, unknown> = {}, tier: Record<string, unknown> = {}) {
  return {
    tiers: [
      { hours_before: 48, refund_percent: 100, ...tier },
      { hours_before: 0, refund_percent: 50 },
    ],
    no_show_percent: 0,
    ...extra,
  }
}

/** A good grant to the fixture customer with one part replaced (undefined removes it). */
function grant(extra: Record<string, unknown> = {}, amount: Record<string, unknown> = {}) {
  return () => ({ user_id: customer.id, kind: 'promotion', amount: { amount: 1000, currency: 'USD', ...amount }, ...extra })
}

/** Content streams: posts, their likes, saves and comments. The fixture post is public; the admin may write it. */
function streamCases(): Case[] {
  const create = 'POST /streams'
  const edit = 'PUT /streams/:id'
  const comment = 'POST /streams/:id/comments'
  const post = (extra: Fields) => () => ({ practitioner_id: practitionerId, title: 'Morning flow', body: 'Breathe.', ...extra })
  const status = (route: Route, name: string, code: string, statusCode: number, input: Omit<Case, 'route' | 'name' | 'status' | 'code'> = {}): Case => ({
    route,
    name,
    ...input,
    status: statusCode,
    code,
  })
  const toggles = ['PUT /streams/:id/like', 'DELETE /streams/:id/like', 'PUT /streams/:id/save', 'DELETE /streams/:id/save'] as const
  return [
    invalid(create, 'a missing title', { body: post({ title: undefined }) }, missing('title')),
    invalid(create, 'an empty title', { body: post({ title: '' }) }, field('body.title')),
    invalid(create, 'a blank title', { body: post({ title: '   ' }) }, field('body.title')),
    invalid(create, 'a 201-character title', { body: post({ title: 'x'.repeat(201) }) }, field('body.title')),
    invalid(create, 'a 10001-character body', { body: post({ body: 'x'.repeat(10001) }) }, field('body.body')),
    invalid(create, 'an unknown visibility', { body: post({ visibility: 'friends' }) }, field('body.visibility')),
    invalid(create, 'a preset like count', { body: post({ like_count: 1000 }) }, unknown('like_count')),
    invalid(create, 'a chosen author', { body: post({ author_id: NO_SUCH_ID }) }, unknown('author_id')),
    invalid(create, 'a malformed media id', { body: post({ media_ids: ['photo.png'] }) }, field('body.media_ids.0')),
    invalid(create, 'a media id twice', { body: () => post({ media_ids: [mediaId, mediaId] })() }, field('body.media_ids')),
    invalid(create, '11 uploads', { body: post({ media_ids: Array.from({ length: 11 }, () => randomUUID()) }) }, field('body.media_ids')),
    invalid(create, 'an upload that does not exist', { body: post({ media_ids: [NO_SUCH_ID] }) }, { field: 'media_ids', media_ids: [NO_SUCH_ID] }),
    invalid(create, 'a missing practitioner', { body: { title: 'x' } }, missing('practitioner_id')),
    status(create, 'an upload already on another post', 'media_in_use', 409, { body: () => post({ media_ids: [mediaId] })() }),
    status(create, 'an unknown practitioner', 'not_found', 404, { body: post({ practitioner_id: NO_SUCH_ID }) }),
    status(create, 'an unverified practitioner', 'not_verified', 403, { body: () => post({ practitioner_id: pendingPractitionerId })() }),
    status(create, 'a customer', 'forbidden', 403, { as: 'customer', body: post({}) }),
    status(create, 'no token', 'unauthenticated', 401, { as: 'anonymous', body: post({}) }),
    invalid('GET /streams', 'page_size=1000', { query: 'page_size=1000' }, field('querystring.page_size')),
    invalid('GET /streams', 'saved=maybe', { query: 'saved=maybe' }, field('querystring.saved')),
    invalid('GET /streams', 'a malformed practitioner id', { query: 'practitioner_id=7' }, field('querystring.practitioner_id')),
    invalid('GET /streams', 'an unknown parameter', { query: 'visibility=customers' }, unknown('visibility')),
    status('GET /streams', 'saved posts without signing in', 'unauthenticated', 401, { as: 'anonymous', query: 'saved=true' }),
    status('GET /streams', 'an unknown practitioner', 'not_found', 404, { query: `practitioner_id=${NO_SUCH_ID}` }),
    status('GET /streams/:id', 'an unknown post', 'not_found', 404, { id: NO_SUCH_ID }),
    status('GET /streams/:id', 'the id of a practitioner', 'not_found', 404, { id: () => practitionerId }),
    invalid(edit, 'an empty patch', { body: {} }),
    invalid(edit, 'an empty title', { body: { title: '' } }, field('body.title')),
    invalid(edit, 'a set like count', { body: { like_count: 0 } }, unknown('like_count')),
    invalid(edit, 'a move to another practitioner', { body: { practitioner_id: NO_SUCH_ID } }, unknown('practitioner_id')),
    invalid(edit, 'an upload that does not exist', { body: { media_ids: [NO_SUCH_ID] } }, { field: 'media_ids' }),
    status(edit, 'a customer', 'forbidden', 403, { as: 'customer', body: { title: 'Mine' } }),
    status(edit, 'an unknown post', 'not_found', 404, { id: NO_SUCH_ID, body: { title: 'x' } }),
    status('DELETE /streams/:id', 'a customer', 'forbidden', 403, { as: 'customer' }),
    status('DELETE /streams/:id', 'an unknown post', 'not_found', 404, { id: NO_SUCH_ID }),
    status('DELETE /streams/:id', 'no token', 'unauthenticated', 401, { as: 'anonymous' }),
    ...toggles.flatMap((route) => [
      status(route, 'an unknown post', 'not_found', 404, { id: NO_SUCH_ID }),
      status(route, 'no token', 'unauthenticated', 401, { as: 'anonymous' }),
    ]),
    invalid('PUT /streams/:id/like', 'a field', { body: { count: 2 } }, unknown('count')),
    invalid('PUT /streams/:id/save', 'a field', { body: { folder: 'later' } }, unknown('folder')),
    invalid('GET /streams/:id/comments', 'page=0', { query: 'page=0' }, field('querystring.page')),
    invalid('GET /streams/:id/comments', 'an ordering', { query: 'ordering=-created_at' }, unknown('ordering')),
    status('GET /streams/:id/comments', 'an unknown post', 'not_found', 404, { id: NO_SUCH_ID }),
    invalid(comment, 'a missing body', { body: {} }, missing('body')),
    invalid(comment, 'an empty body', { body: { body: '' } }, field('body.body')),
    invalid(comment, 'a blank body', { body: { body: ' \n ' } }, field('body.body')),
    invalid(comment, 'a 2001-character body', { body: { body: 'x'.repeat(2001) } }, field('body.body')),
    invalid(comment, 'a chosen author', { body: { body: 'hi', user_id: NO_SUCH_ID } }, unknown('user_id')),
    status(comment, 'an unknown post', 'not_found', 404, { id: NO_SUCH_ID, body: { body: 'hi' } }),
    status(comment, 'no token', 'unauthenticated', 401, { as: 'anonymous', body: { body: 'hi' } }),
    invalid('DELETE /streams/:id/comments/:comment_id', 'a malformed comment id', { commentId: 'first' }, field('params.comment_id')),
    status('DELETE /streams/:id/comments/:comment_id', 'an unknown comment', 'not_found', 404, { commentId: NO_SUCH_ID }),
    status('DELETE /streams/:id/comments/:comment_id', 'someone else’s comment on someone else’s post', 'forbidden', 403, { as: 'foreign-staff' }),
    status('DELETE /streams/:id/comments/:comment_id', 'no token', 'unauthenticated', 401, { as: 'anonymous' }),
  ]
}

/** Uploads: one file part and a purpose; the type is read from the bytes. The fixture upload is on the fixture post. */
function mediaCases(): Case[] {
  const route = 'POST /media'
  const form = (parts: Parameters<typeof multipart>[0]) => ({ raw: multipart(parts) })
  const text = Buffer.from('root:x:0:0:root:/root:/bin/bash\n')
  const refused = (name: string, parts: Parameters<typeof multipart>[0], statusCode: number, code: string, detail?: unknown, as: Caller = 'admin'): Case => ({
    route,
    name,
    as,
    ...form(parts),
    status: statusCode,
    code,
    detail,
  })
  return [
    refused('text declared as a PNG', fileParts('post', text, 'photo.png', 'image/png'), 415, 'unsupported_media_type', { field: 'file', detected: null }),
    refused('../../etc/passwd', fileParts('post', text, '../../etc/passwd', 'image/png'), 415, 'unsupported_media_type'),
    refused('a PDF as an avatar', fileParts('avatar', '%PDF-1.4\n%%EOF\n', 'me.jpg'), 415, 'unsupported_media_type', { detected: 'application/pdf' }),
    refused('a file over the size limit', fileParts('post', Buffer.alloc(10 * 1024 * 1024 + 1), 'big.png', 'image/png'), 413, 'file_too_large'),
    refused('no purpose', [{ name: 'file', filename: 'a.png', data: text }], 400, 'validation_failed', missing('purpose')),
    refused('an unknown purpose', fileParts('banner', text), 400, 'validation_failed', field('body.purpose')),
    refused('no file', [{ name: 'purpose', data: 'post' }], 400, 'validation_failed', missing('file')),
    refused('a chosen owner', [...fileParts('post', text), { name: 'owner_id', data: NO_SUCH_ID }], 400, 'validation_failed', unknown('owner_id')),
    refused('two files', [...fileParts('post', text), { name: 'more', filename: 'b.png', data: text }], 400, 'validation_failed'),
    refused('the purpose twice', [{ name: 'purpose', data: 'post' }, ...fileParts('avatar', text)], 400, 'validation_failed'),
    refused('no token', fileParts('post', text), 401, 'unauthenticated', undefined, 'anonymous'),
    { route, name: 'a multipart type without a boundary', raw: { payload: 'x', contentType: 'multipart/form-data' }, status: 400, code: 'malformed_request' },
    { route: 'GET /media/:id', name: 'an unknown upload', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'GET /media/:id', name: 'the id of a post', id: () => postId, status: 404, code: 'not_found' },
    { route: 'DELETE /media/:id', name: 'an upload a post uses', status: 409, code: 'media_in_use' },
    { route: 'DELETE /media/:id', name: 'someone else’s upload', as: 'customer', status: 404, code: 'not_found' },
    { route: 'DELETE /media/:id', name: 'an unknown upload', id: NO_SUCH_ID, status: 404, code: 'not_found' },
    { route: 'DELETE /media/:id', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
  ]
}

/**
 * Stripe's webhook: anonymous, signed over the raw bytes. The event names an intent nobody
 * has, so one that got past the signature would still write webhook_events and payment_log.
 */
function webhookCases(): Case[] {
  const route = 'POST /payments/webhook'
  const event = {
    id: 'evt_bad_input',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_bad_input', object: 'payment_intent', amount_received: 4000, currency: 'usd', metadata: {} } },
  }
  const payload = JSON.stringify(event)
  const secret = () => ctx.config.stripe.webhookSecret
  const signed =
    (bytes: string, opts: { secret?: string; ago?: number } = {}) =>
    () => ({
      'stripe-signature': signWebhook(bytes, opts.secret ?? secret(), new Date(ctx.clock().getTime() - (opts.ago ?? 0) * 1000)),
    })
  const json = (bytes: string) => ({ payload: bytes, contentType: 'application/json' })
  const refused = (name: string, headers: Case['headers'], raw = json(payload)): Case => ({
    route,
    name,
    as: 'anonymous',
    raw,
    headers,
    status: 400,
    code: 'invalid_signature',
  })
  return [
    refused('no Stripe-Signature header', undefined),
    refused('an empty Stripe-Signature header', { 'stripe-signature': '' }),
    refused('a garbage signature', { 'stripe-signature': 'garbage' }),
    refused('a made-up v1 signature', () => ({ 'stripe-signature': `t=${Math.floor(ctx.clock().getTime() / 1000)},v1=${'0'.repeat(64)}` })),
    refused('a signature by another secret', signed(payload, { secret: 'whsec_someone_elses_secret_0000' })),
    refused('a signature 301 s old (tolerance 300 s)', signed(payload, { ago: 301 })),
    refused('a signature over other bytes', signed(payload.replace('4000', '4001'))),
    invalid(
      route,
      'a 2001-character Stripe-Signature header',
      { as: 'anonymous', raw: json(payload), headers: { 'stripe-signature': `t=1,v1=${'a'.repeat(1994)}` } },
      field('headers.stripe-signature'),
    ),
    (() => {
      const poisoned = '{"id":"evt_proto","type":"charge.refunded","data":{"object":{"__proto__":{"admin":true}}}}'
      return {
        route,
        name: 'a signed body with a __proto__ key',
        as: 'anonymous',
        raw: json(poisoned),
        headers: signed(poisoned),
        status: 400,
        code: 'invalid_json',
      }
    })(),
    {
      route,
      name: 'a signed body that is not JSON',
      as: 'anonymous',
      raw: json('{"id": "evt_'),
      headers: signed('{"id": "evt_'),
      status: 400,
      code: 'invalid_json',
    },
    {
      route,
      name: 'a signed body of form fields',
      as: 'anonymous',
      raw: { payload: 'id=evt_1&type=charge.refunded', contentType: 'application/x-www-form-urlencoded' },
      headers: signed('id=evt_1&type=charge.refunded'),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      route,
      name: 'a signed event sent as text/plain',
      as: 'anonymous',
      raw: { payload, contentType: 'text/plain' },
      headers: signed(payload),
      status: 415,
      code: 'unsupported_media_type',
    },
    invalid(
      route,
      'a signed event without data',
      { as: 'anonymous', raw: json('{"id":"evt_1","type":"charge.refunded"}'), headers: signed('{"id":"evt_1","type":"charge.refunded"}') },
      missing('data'),
    ),
    invalid(
      route,
      'a signed event with a numeric id',
      {
        as: 'anonymous',
        raw: json('{"id":1,"type":"charge.refunded","data":{"object":{}}}'),
        headers: signed('{"id":1,"type":"charge.refunded","data":{"object":{}}}'),
      },
      field('body.id'),
    ),
    invalid(
      route,
      'a signed event whose object is a string',
      {
        as: 'anonymous',
        raw: json('{"id":"evt_1","type":"charge.refunded","data":{"object":"ch_1"}}'),
        headers: signed('{"id":"evt_1","type":"charge.refunded","data":{"object":"ch_1"}}'),
      },
      field('body.data.object'),
    ),
  ]
}

/**
 * Messaging: conversations, messages, read markers and the chat socket. The customer is the
 * participant (the admin is not one: conversations are private to their two sides).
 */
function messagingCases(): Case[] {
  const open = 'POST /conversations'
  const send = 'POST /conversations/:id/messages'
  const history = 'GET /conversations/:id/messages'
  const read = 'POST /conversations/:id/read'
  const socket = 'GET /ws/chat/:conversation_id'
  const hidden = (route: Route, name: string, input: Omit<Case, 'route' | 'name' | 'status' | 'code'>): Case => ({
    route,
    name,
    ...input,
    status: 404,
    code: 'not_found',
  })
  const tokenOf = (who: () => Actor) => () => `token=${who().access}`
  return [
    invalid(open, 'neither venue_id nor practitioner_id', { as: 'customer', body: { text: 'Hi' } }),
    invalid(open, 'both venue_id and practitioner_id', { as: 'customer', body: () => ({ venue_id: venue.id, practitioner_id: practitionerId }) }),
    invalid(open, 'a malformed venue_id', { as: 'customer', body: { venue_id: 'karaoke' } }, field('body.venue_id')),
    invalid(open, 'a sender_id (not assignable)', { as: 'customer', body: () => ({ venue_id: hotel.id, sender_id: admin.id }) }, unknown('sender_id')),
    invalid(open, 'a 4,001-character first message', { as: 'customer', body: () => ({ venue_id: hotel.id, text: 'x'.repeat(4001) }) }, field('body.text')),
    invalid(open, 'an empty first message', { as: 'customer', body: () => ({ venue_id: hotel.id, text: ' ' }) }, { field: 'text' }),
    invalid(
      open,
      "someone else's upload attached",
      { as: 'customer', body: () => ({ venue_id: hotel.id, media_ids: [adminMediaId] }) },
      { field: 'media_ids' },
    ),
    invalid(open, 'staff writing to their own venue without naming a customer', { as: 'foreign-staff', body: () => ({ venue_id: hotel.id }) }),
    hidden(open, 'an unknown venue', { as: 'customer', body: { venue_id: NO_SUCH_ID } }),
    hidden(open, 'a practitioner not verified yet', { as: 'customer', body: () => ({ practitioner_id: pendingPractitionerId }) }),
    hidden(open, 'staff naming a customer who never booked with them', { as: 'foreign-staff', body: () => ({ venue_id: hotel.id, customer_id: admin.id }) }),
    {
      route: open,
      name: 'staff of another venue naming a customer',
      as: 'foreign-staff',
      body: () => ({ venue_id: venue.id, customer_id: customer.id }),
      status: 403,
      code: 'forbidden',
    },
    { route: open, name: 'no token', as: 'anonymous', body: () => ({ venue_id: hotel.id }), status: 401, code: 'unauthenticated' },

    invalid('GET /conversations', 'page 0', { as: 'customer', query: 'page=0' }, field('querystring.page')),
    invalid('GET /conversations', 'page_size 101', { as: 'customer', query: 'page_size=101' }, field('querystring.page_size')),
    invalid('GET /conversations', 'an unknown filter', { as: 'customer', query: 'venue=1' }, unknown('venue')),
    { route: 'GET /conversations', name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },

    hidden('GET /conversations/:id', 'one that does not exist', { as: 'customer', id: NO_SUCH_ID }),
    hidden('GET /conversations/:id', 'by an admin, who is no participant', {}),
    hidden('GET /conversations/:id', 'by staff of another venue', { as: 'foreign-staff' }),

    invalid(history, 'a malformed before', { as: 'customer', query: 'before=yesterday' }, field('querystring.before')),
    invalid(history, 'before, a message of another conversation', { as: 'customer', query: () => `before=${otherMessageId}` }),
    invalid(history, 'page_size 0', { as: 'customer', query: 'page_size=0' }, field('querystring.page_size')),
    invalid(history, 'page (the history pages by cursor)', { as: 'customer', query: 'page=2' }, unknown('page')),
    hidden(history, 'by an admin, who is no participant', {}),

    invalid(send, 'no text and no attachment', { as: 'customer', body: {} }),
    invalid(send, 'a 4,001-character text', { as: 'customer', body: { text: 'x'.repeat(4001) } }, field('body.text')),
    invalid(send, 'a number as text', { as: 'customer', body: { text: 42 } }, field('body.text')),
    invalid(send, 'a malformed media id', { as: 'customer', body: { media_ids: ['photo.png'] } }, field('body.media_ids.0')),
    invalid(send, 'eleven attachments', { as: 'customer', body: { media_ids: Array.from({ length: 11 }, () => randomUUID()) } }, field('body.media_ids')),
    invalid(send, 'one attachment twice', { as: 'customer', body: () => ({ media_ids: [adminMediaId, adminMediaId] }) }, field('body.media_ids')),
    invalid(send, "someone else's upload", { as: 'customer', body: () => ({ media_ids: [adminMediaId] }) }, { field: 'media_ids' }),
    invalid(send, 'an upload that does not exist', { as: 'customer', body: { media_ids: [NO_SUCH_ID] } }, { field: 'media_ids', refused: [NO_SUCH_ID] }),
    invalid(send, 'a sender_side (not assignable)', { as: 'customer', body: { text: 'Hi', sender_side: 'venue' } }, unknown('sender_side')),
    hidden(send, 'by an admin, who is no participant', { body: { text: 'Hello' } }),
    hidden(send, 'by staff of another venue', { as: 'foreign-staff', body: { text: 'Hello' } }),

    invalid(read, 'a malformed message_id', { as: 'customer', body: { message_id: 'latest' } }, field('body.message_id')),
    invalid(read, 'a message of another conversation', { as: 'customer', body: () => ({ message_id: otherMessageId }) }, { field: 'message_id' }),
    invalid(read, 'an unknown field', { as: 'customer', body: () => ({ message_id: messageId, unread: 0 }) }, unknown('unread')),
    hidden(read, 'by an admin, who is no participant', { body: {} }),

    { route: socket, name: 'no token', as: 'anonymous', status: 401, code: 'unauthenticated' },
    { route: socket, name: 'a token in the Authorization header only (it goes in the query)', as: 'customer', status: 401, code: 'unauthenticated' },
    { route: socket, name: 'token=garbage', as: 'anonymous', query: 'token=garbage', status: 401, code: 'invalid_token' },
    { route: socket, name: 'a refresh token', as: 'anonymous', query: () => `token=${customerRefresh}`, status: 401, code: 'invalid_token' },
    { route: socket, name: "an admin's expired token", as: 'anonymous', query: () => `token=${expiredAdminAccess}`, status: 401, code: 'invalid_token' },
    invalid(socket, 'a malformed conversation id', { as: 'anonymous', id: 'lobby', query: tokenOf(() => customer) }, field('params.conversation_id')),
    invalid(socket, 'an unknown query parameter', { as: 'anonymous', query: () => `token=${customer.access}&venue_id=${venue.id}` }, unknown('venue_id')),
    hidden(socket, "an admin's token (no participant)", { as: 'anonymous', query: tokenOf(() => admin) }),
    hidden(socket, 'staff of another venue', { as: 'anonymous', query: tokenOf(() => foreignStaff) }),
    hidden(socket, 'a conversation that does not exist', { as: 'anonymous', id: NO_SUCH_ID, query: tokenOf(() => customer) }),
    {
      route: socket,
      name: 'a plain GET (no Upgrade header) by a participant',
      as: 'anonymous',
      query: tokenOf(() => customer),
      status: 426,
      code: 'upgrade_required',
    },
  ]
}

// A 10 MB JSON document, ten times the default body limit.
const HUGE = JSON.stringify({ notes: 'x'.repeat(10 * 1024 * 1024) })

/** Routes that take a multipart form: a JSON body of any shape, or any other type, is refused unread. */
const MULTIPART_ROUTES: Route[] = ['POST /media']
const notMultipart = (route: Route): Case[] =>
  [
    ['invalid JSON', '{"name": ', 'application/json'],
    ['an empty JSON body', '', 'application/json'],
    ['a 10 MB JSON body', HUGE, 'application/json'],
    ['an XML body', '<venue/>', 'application/xml'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a URL-encoded form', 'purpose=post&file=x', 'application/x-www-form-urlencoded'],
  ].map(([name, payload, contentType]) => ({
    route,
    name: name!,
    raw: { payload: payload!, contentType: contentType! },
    status: 415,
    code: 'unsupported_media_type',
  }))

/** What every route with a body or an :id must refuse, whatever the route. */
const GENERIC: Case[] = ROUTES.flatMap((route): Case[] => [
  ...(MULTIPART_ROUTES.includes(route) ? notMultipart(route) : []),
  ...(takesBody(route) && !MULTIPART_ROUTES.includes(route)
    ? [
        { route, name: 'invalid JSON', raw: { payload: '{"name": ', contentType: 'application/json' }, status: 400, code: 'invalid_json' },
        { route, name: 'an empty JSON body', raw: { payload: '', contentType: 'application/json' }, status: 400, code: 'invalid_json' },
        { route, name: 'a 10 MB body', raw: { payload: HUGE, contentType: 'application/json' }, status: 413, code: 'body_too_large' },
        { route, name: 'an XML body', raw: { payload: '<venue/>', contentType: 'application/xml' }, status: 415, code: 'unsupported_media_type' },
        invalid(route, 'a JSON array instead of an object', { raw: { payload: '[1,2]', contentType: 'application/json' } }, field('body')),
        invalid(route, 'a JSON string instead of an object', { raw: { payload: '"hello"', contentType: 'application/json' } }, field('body')),
      ]
    : []),
  ...(takesId(route)
    ? ['not-a-uuid', '12345', 'zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz', `${NO_SUCH_ID}0`].map((id) =>
        invalid(route, `a malformed id "${id}"`, { id, body: takesBody(route) ? {} : undefined }, field('params.id')),
      )
    : []),
])

// ---------------------------------------------------------------------------------------------

/** Every table in the app's schema; a test below checks this against the database itself. */
const TABLES = [
  'app_meta',
  'users',
  'refresh_tokens',
  'login_failures',
  'user_tokens',
  'venues',
  'venue_closures',
  'memberships',
  'rooms',
  'reservations',
  'reservation_items',
  'reservation_transitions',
  'outbox_events',
  'broker_outbox',
  'idempotency_keys',
  'payments',
  'refunds',
  'payment_log',
  'webhook_events',
  'credit_grants',
  'credit_entries',
  'room_types',
  'rate_plans',
  'inventory_nights',
  'pricing_rules',
  'venue_info',
  'menu_items',
  'waitlist_entries',
  'notifications',
  'webhook_subscriptions',
  'webhook_deliveries',
  'practitioners',
  'practitioner_locations',
  'schedule_exceptions',
  'services',
  'service_occurrences',
  'calendar_claims',
  'seat_participants',
  'attendance',
  'reviews',
  'packages',
  'package_items',
  'entitlements',
  'credit_purchases',
  'payout_accounts',
  'earnings',
  'payouts',
  'subscription_plans',
  'practitioner_subscriptions',
  'calendar_feeds',
  'calendar_invites',
  'media',
  'posts',
  'post_media',
  'post_likes',
  'post_saves',
  'post_comments',
  'conversations',
  'messages',
  'message_media',
  'conversation_reads',
  'chat_presence',
  'video_events',
  'video_presence',
  'video_recordings',
  'video_room_openings',
]

/**
 * Tables a refusal could change in place without adding or removing a row (the night
 * counters, a room type's units, a reservation's dates): their whole content is compared.
 */
const COMPARED = [
  // A profile, a password or a verification, and the links that change them.
  'users',
  'user_tokens',
  'room_types',
  'rate_plans',
  'inventory_nights',
  'pricing_rules',
  'reservations',
  'reservation_items',
  'venue_info',
  'menu_items',
  // A party's status, a webhook's URL, secret and switch, a delivery's status, a message's read_at.
  'waitlist_entries',
  'webhook_subscriptions',
  'webhook_deliveries',
  'notifications',
  // A profile's fields and status, its locations, a service's fields, an occurrence's seats.
  'practitioners',
  'practitioner_locations',
  'schedule_exceptions',
  'services',
  'service_occurrences',
  'venues',
  'attendance',
  'reviews',
  'packages',
  'package_items',
  'entitlements',
  'credit_purchases',
  // An account's switch and hold, an earning's status and payout, a payout's status.
  'payout_accounts',
  'earnings',
  'payouts',
  'subscription_plans',
  'practitioner_subscriptions',
  // A feed's revocation.
  'calendar_feeds',
  // A post's fields and counters, and which uploads it shows.
  'posts',
  'post_media',
  // A conversation's last message, a participant's read marker and email claim.
  'conversations',
  'conversation_reads',
  // A recording's status and file location.
  'video_recordings',
]

/**
 * Row counts of every table a request could write to, and a digest of the COMPARED ones, in one
 * round trip. The query is a PL/pgSQL function made once per database (its plan is kept per
 * connection): two snapshots per case over some 2,400 cases were most of this file's time
 * when each was parsed and planned afresh.
 */
async function rowCounts(): Promise<Record<string, number | string>> {
  snapshotFunction ??= ctx.database.raw.exec(
    `create function bad_input_row_counts() returns text[] language plpgsql as $$ begin return array[${[
      ...TABLES.map((t) => `(select count(*)::int from ${t})::text`),
      ...COMPARED.map((t) => `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from ${t} x)`),
    ].join(', ')}]; end $$`,
  )
  await snapshotFunction
  const { rows } = await ctx.database.raw.query<{ values: string[] }>('select bad_input_row_counts() as values')
  const values = rows[0]!.values
  return Object.fromEntries([...TABLES.map((t, i) => [t, Number(values[i])]), ...COMPARED.map((t, i) => [`${t}_content`, values[TABLES.length + i]!])])
}
let snapshotFunction: Promise<unknown> | undefined

/** The hotel's routes under /venues/:id default to the hotel rather than the karaoke venue. */
const HOTEL_ROUTE = /^\w+ \/venues\/:id\/(room-types|inventory|arrivals|departures|reports|pricing-rules)/

function fixtureId(route: Route): string {
  if (HOTEL_ROUTE.test(route)) return hotel.id
  if (route.includes('/venues/:id')) return venue.id
  if (route.includes('/rooms/:id')) return room.id
  if (route.includes('/room-types/:id')) return roomType.id
  if (route.includes('/pricing-rules/:id')) return ruleId
  if (route.includes('/menu-items/:id')) return menuItemId
  if (route.includes('/waitlist/status/:token')) return entry.token
  if (route.includes('/waitlist/:id')) return entry.id
  if (route.includes('/webhooks/:id')) return hookId
  if (route.includes('/webhook-deliveries/:id')) return deliveryId
  if (route.includes('/notifications/:id')) return notificationId
  if (route.includes('/practitioners/:id')) return practitionerId
  if (route.includes('/services/:id')) return workshopId
  if (route.includes('/occurrences/:id')) return occurrenceId
  if (route.includes('/packages/:id')) return packageId
  if (route.includes('/bundles/:id')) return bundleId
  if (route.includes('/credits/purchases/:id')) return NO_SUCH_ID
  if (route.includes('/media/:id')) return mediaId
  if (route.includes('/streams/:id')) return postId
  if (route.includes('/conversations/:id') || route.includes('/ws/chat/')) return conversationId
  return reservationId
}

async function send(c: Case) {
  const [method, path] = c.route.split(' ') as [string, string]
  const query = typeof c.query === 'function' ? c.query() : c.query
  const id = typeof c.id === 'function' ? c.id() : c.id
  // The one path parameter: an :id, or the status link's :token.
  const userId = (typeof c.userId === 'function' ? c.userId() : c.userId) ?? NO_SUCH_ID
  const comment = (typeof c.commentId === 'function' ? c.commentId() : c.commentId) ?? commentId
  const url = `/api/v1${path
    .replace(/:id\b|:token\b|:conversation_id\b/, id ?? fixtureId(c.route))
    .replace(':user_id', userId)
    .replace(':comment_id', comment)}${query ? `?${query}` : ''}`
  const caller = c.as ?? 'admin'
  const headers: Record<string, string> = { ...(typeof c.headers === 'function' ? c.headers() : c.headers) }
  if (caller === 'admin') headers.authorization = `Bearer ${admin.access}`
  if (caller === 'customer') headers.authorization = `Bearer ${customer.access}`
  if (caller === 'foreign-staff') headers.authorization = `Bearer ${foreignStaff.access}`
  if (caller === 'garbage-token') headers.authorization = 'Bearer not.a.jwt'
  const body = typeof c.body === 'function' ? (c.body as () => unknown)() : c.body
  if (c.raw) headers['content-type'] = c.raw.contentType
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(c.raw ? { payload: c.raw.payload } : body === undefined ? {} : { payload: body as object }),
  })
  let json: unknown
  try {
    json = JSON.parse(res.body)
  } catch {
    json = res.body
  }
  return { status: res.statusCode, body: json as Record<string, unknown> }
}

/**
 * The snapshot the previous case ended with, when it passed: nothing runs between two cases,
 * so it is this case's "before" (a write landing in between would fail this case, not pass).
 */
let settled: Record<string, number | string> | undefined

async function expectRefusedWithoutWrites(c: Case) {
  const before = settled ?? (await rowCounts())
  settled = undefined
  const res = await send(c)
  expect(res.status, JSON.stringify(res.body)).toBe(c.status)
  expect(res.body).toEqual(expect.objectContaining({ error: expect.any(String), code: c.code }))
  expect(res.body).toHaveProperty('detail')
  expect(Object.keys(res.body).every((k) => ['error', 'code', 'detail', 'request_id'].includes(k))).toBe(true)
  expect((res.body.error as string).length).toBeGreaterThan(0)
  if (c.detail !== undefined) expect(res.body.detail).toMatchObject(c.detail as object)
  const after = await rowCounts()
  expect(after).toEqual(before)
  settled = after
}

describe('bad input on every route is refused with a 4xx error and writes nothing', () => {
  it.each(SPECIFIC.map((c) => [c.route, c.name, c] as const))('%s: %s', async (_route, _name, c) => {
    await expectRefusedWithoutWrites(c)
  })

  it.each(GENERIC.map((c) => [c.route, c.name, c] as const))('%s: %s', async (_route, _name, c) => {
    await expectRefusedWithoutWrites(c)
  })
})

describe('the table itself', () => {
  it('covers every route of the app (from its OpenAPI document) with route-specific cases', async () => {
    const spec = (await client(ctx).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
    const registered = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`),
    )
    expect(registered.filter((r) => !NO_INPUT.includes(r)).sort()).toEqual([...ROUTES].sort())
    const covered = new Set(SPECIFIC.map((c) => c.route))
    expect(ROUTES.filter((r) => !covered.has(r))).toEqual([])
  })

  it('counts rows in every table of the database, new ones included', async () => {
    const { rows } = await ctx.database.raw.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = current_schema()`)
    expect([...TABLES].sort()).toEqual(rows.map((r) => r.tablename).sort())
  })

  it("tells a write from none: a row added changes its table's count, a row changed in place its digest", async () => {
    const before = await rowCounts()
    expect(await rowCounts()).toEqual(before)
    await ctx.database.raw.query(`update users set name = name || ' (renamed)' where id = $1`, [customer.id])
    const renamed = await rowCounts()
    expect(renamed.users).toBe(before.users)
    expect(renamed.users_content).not.toBe(before.users_content)
    expect((await client(ctx, admin.access).post('/venues', { ...goodVenue, name: 'Snapshot venue' })).status).toBe(201)
    expect((await rowCounts()).venues).toBe((before.venues as number) + 1)
  })

  it('is not refusing everything: good payment, credit and webhook inputs are accepted', async () => {
    const c = client(ctx, admin.access)
    expect((await c.get('/payments/history?status=succeeded&ordering=-created_at&page_size=100')).status).toBe(200)
    expect((await c.get(`/payments/history?venue=${venue.id}&ordering=created_at`)).status).toBe(200)
    expect((await c.get(`/credits/balance?user_id=${customer.id}`)).status).toBe(200)
    expect((await c.get(`/credits/history?user_id=${customer.id}&kind=promotion&page_size=100`)).status).toBe(200)
    expect((await client(ctx, customer.access).get('/credits/balance')).status).toBe(200)
    const granted = await c.post('/credits/grants', {
      user_id: customer.id,
      kind: 'purchase',
      amount: { amount: 1000, currency: 'USD' },
      expires_at: '2027-06-01T00:00:00-06:00',
      note: 'ok',
    })
    expect(granted.status, JSON.stringify(granted.body)).toBe(201)
    // The signature the refusals above get wrong, done right: the same event is accepted.
    const payload = JSON.stringify({ id: 'evt_bad_input_ok', type: 'customer.created', data: { object: { id: 'cus_1' } } })
    const hook = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhook',
      payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signWebhook(payload, ctx.config.stripe.webhookSecret, ctx.clock()) },
    })
    expect(hook.statusCode, hook.body).toBe(200)
    // A venue's money settings: the policy and deposit the refusals above get wrong.
    const other = await c.post('/venues', { ...goodVenue, name: 'Policy venue' })
    expect(other.status).toBe(201)
    const patched = await c.patch(`/venues/${other.body.id}`, { cancellation_policy: policy({}, { refund_percent: 90 }), deposit_percent: 100 })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    expect((await c.patch(`/venues/${other.body.id}`, { cancellation_policy: null, deposit_percent: null })).status).toBe(200)
  })

  it('accepts a staff cancellation of a paid reservation with refund_amount 0 (the schema allows 0: no refund)', async () => {
    const { id, intentId } = await holdAndCheckout(ctx, customer, venue, room, '2027-01-13T19:00', '2027-01-13T21:00')
    await fakeOf(ctx).pay(intentId)
    await fakeOf(ctx).drain()
    const res = await client(ctx, admin.access).post(`/reservations/${id}/cancel`, { reason: 'guest broke the rules', refund_amount: 0 })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'cancelled', payment: { status: 'succeeded', refunded: { amount: 0 } } })
  })

  it('is not refusing everything: the fixtures and good inputs are accepted', async () => {
    const c = client(ctx, admin.access)
    expect((await c.post(`/venues/${venue.id}/rooms`, goodRoom)).status).toBe(201)
    expect((await c.post('/venues', { ...goodVenue, name: 'Accepted venue' })).status).toBe(201)
    expect((await c.get('/reservations?from=2027-01-01&to=2027-12-31&page_size=100')).status).toBe(200)
    expect((await c.get(`/venues/${venue.id}/availability?date=2027-01-08&party_size=4`)).status).toBe(200)
    // Query strings are text and are coerced; only bodies are exact.
    expect((await c.get('/venues?page_size=100&page=1')).status).toBe(200)
  })

  it('accepts a state action without a body: the reason is optional', async () => {
    const made = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, at('2027-01-11T19:00'), at('2027-01-11T21:00'))],
    })
    expect(made.status).toBe(201)
    const res = await client(ctx, customer.access).post(`/reservations/${made.body.id}/cancel`)
    expect(res.body).toMatchObject({ status: 'cancelled' })
    expect(res.status).toBe(200)
  })

  it('is not refusing everything: good hotel inputs are accepted', async () => {
    const c = client(ctx, admin.access)
    const anonymous = client(ctx)
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    ok(await anonymous.post('/quotes', stayBooking()()))
    // The edges the refusals above step over: arriving today, 90 nights, guests = max_occupancy × quantity, a named plan.
    ok(
      await anonymous.post(
        '/quotes',
        stayBooking(() => ({ arrival: '2027-01-04', departure: '2027-04-04', quantity: 2, guests: 4, rate_plan_id: strictPlan.id }))(),
      ),
    )
    ok(await anonymous.post('/quotes', stayBooking({ arrival: '2027-01-20', departure: '2027-01-23' })()))
    const found = await anonymous.get(`/stays/search?venue=${hotel.id}&arrival=2027-01-14&departure=2027-01-16&guests=2&rooms=1`)
    ok(found)
    expect(found.body.results.map((r: { room_type_id: string }) => r.room_type_id)).toContain(roomType.id)
    ok(await anonymous.get(`/venues/${hotel.id}/room-types?page_size=100&search=Double`))
    ok(await anonymous.get(`/room-types/${roomType.id}`))
    ok(await anonymous.get(`/room-types/${roomType.id}/rate-plans`))
    ok(await c.get(`/venues/${hotel.id}/pricing-rules?page_size=100`))
    ok(await c.get(`/venues/${hotel.id}/inventory?from=2027-01-01&to=2028-01-01`))
    ok(await c.get(`/venues/${hotel.id}/reports/occupancy?from=2027-01-01&to=2028-01-01`))
    ok(await c.get(`/venues/${hotel.id}/arrivals?date=2027-01-10&page_size=100`))
    ok(await c.get(`/venues/${hotel.id}/departures?date=2027-01-12`))
    ok(await c.post(`/venues/${hotel.id}/room-types`, goodRoomType), 201)
    ok(await c.post(`/room-types/${roomType.id}/rate-plans`, { ...goodRatePlan, cancellation_policy: policy(), description: null }), 201)
    ok(await c.patch(`/room-types/${roomType.id}`, { amenities: ['wifi'], total_units: 3 }))
    ok(await c.patch(`/room-types/${roomType.id}/inventory`, { from: '2027-03-01', to: '2027-03-31', min_stay: 2, closed: false }))
    ok(await c.post(`/venues/${hotel.id}/inventory/preload`, { from: '2027-01-01', to: '2028-12-31' }))
    const made = await c.post(`/venues/${hotel.id}/pricing-rules`, {
      kind: 'weekday',
      name: 'Weekend',
      weekdays: [5, 6],
      amount: { amount: 12000, currency: 'EUR' },
    })
    ok(made, 201)
    ok(await c.delete(`/pricing-rules/${made.body.id}`), 204)
    ok(await client(ctx, customer.access).post('/reservations', stayBooking()()), 201)
  })

  it('is not refusing everything: good content inputs are accepted', async () => {
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    const anonymous = client(ctx)
    const staff = client(ctx, (await factories(ctx).newStaff(venue, 'staff')).access)
    // Anyone reads the info and the menu, with every filter the refusals above get wrong.
    const read = await anonymous.get(`/venues/${venue.id}/info`)
    ok(read)
    expect(read.body).toMatchObject({ venue_id: venue.id, updated_at: expect.any(String) })
    ok(await anonymous.get(`/venues/${hotel.id}/info`))
    const menu = await anonymous.get(`/venues/${venue.id}/menu`)
    ok(menu)
    expect(menu.body.results.map((i: { id: string }) => i.id)).toContain(menuItemId)
    ok(await anonymous.get(`/venues/${venue.id}/menu?available=true&category=Snacks&search=nach&page=1&page_size=100`))
    ok(await anonymous.get(`/venues/${venue.id}/menu?available=false&page_size=1`))
    // The staff write them: the edges are a null field, 20 socials, the longest texts.
    const put = await staff.put(`/venues/${venue.id}/info`, goodInfo)
    ok(put)
    expect(put.body).toMatchObject({ ...goodInfo, venue_id: venue.id })
    ok(
      await staff.put(`/venues/${venue.id}/info`, {
        hours_text: 'x'.repeat(2000),
        phone: null,
        address: 'x'.repeat(500),
        socials: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`net_${i}-${'a'.repeat(20)}`, `https://example.com/${'x'.repeat(480)}`])),
        policies: 'x'.repeat(10000),
      }),
    )
    ok(await staff.put(`/venues/${venue.id}/info`, {}))
    const made = await staff.post(`/venues/${venue.id}/menu`, goodMenuItem)
    ok(made, 201)
    expect(made.body).toMatchObject({ ...goodMenuItem, venue_id: venue.id })
    ok(
      await staff.post(`/venues/${venue.id}/menu`, {
        name: 'x'.repeat(200),
        price: usd(5_000_000),
        category: 'x'.repeat(80),
        description: null,
        position: 10000,
      }),
      201,
    )
    ok(await staff.post(`/venues/${venue.id}/menu`, { name: 'Water', price: usd(0), category: 'Drinks', position: 0, available: false }), 201)
    const patched = await staff.patch(`/menu-items/${made.body.id}`, { price: usd(0), available: false, description: null, position: 0 })
    ok(patched)
    expect(patched.body).toMatchObject({ id: made.body.id, price: usd(0), available: false, description: null, position: 0, name: goodMenuItem.name })
    ok(await staff.patch(`/menu-items/${made.body.id}`, { name: 'Marinara', category: 'Pizza' }))
    ok(await staff.delete(`/menu-items/${made.body.id}`), 204)
    expect((await staff.delete(`/menu-items/${made.body.id}`)).status).toBe(404)
    // An admin writes any venue's content; the hotel prices in its own currency.
    ok(await client(ctx, admin.access).post(`/venues/${hotel.id}/menu`, { ...goodMenuItem, price: { amount: 800, currency: 'EUR' } }), 201)
  })

  it('is not refusing everything: good waitlist inputs are accepted', async () => {
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    const anonymous = client(ctx)
    const c = client(ctx, admin.access)
    // Anyone joins; the edges the refusals above step over: 7 and 15 digits, 1 and 1000 people.
    const joined = await anonymous.post(`/venues/${venue.id}/waitlist`, goodJoin)
    ok(joined, 201)
    expect(joined.body).toMatchObject({ status: 'waiting', user_id: null, phone: '+13035550142', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) })
    ok(await anonymous.post(`/venues/${venue.id}/waitlist`, join({ phone: '555 0100', party_size: 1, notes: null })), 201)
    ok(await anonymous.post(`/venues/${venue.id}/waitlist`, join({ phone: '+123456789012345', party_size: 1000, notes: 'x'.repeat(1000) })), 201)
    const mine = await client(ctx, customer.access).post(`/venues/${venue.id}/waitlist`, join({ quoted_wait_minutes: null }))
    ok(mine, 201)
    expect(mine.body.user_id).toBe(customer.id)
    const quoted = await c.post(`/venues/${venue.id}/waitlist`, join({ quoted_wait_minutes: 1440 }))
    ok(quoted, 201)
    expect(quoted.body.quoted_wait_minutes).toBe(1440)
    // The status link, by the token the join answered.
    const status = await anonymous.get(joined.body.status_url.replace('/api/v1', ''))
    ok(status)
    expect(status.body).toMatchObject({ venue_id: venue.id, name: 'Cleo', party_size: 3, status: 'waiting' })
    const listed = await c.get(`/venues/${venue.id}/waitlist?status=waiting&ordering=-created_at&page_size=100&search=Cleo`)
    ok(listed)
    expect(listed.body.results.map((e: { id: string }) => e.id)).toContain(joined.body.id)
    ok(await c.get(`/venues/${venue.id}/waitlist`))
    // The staff's moves, a bare POST each.
    ok(await c.post(`/waitlist/${joined.body.id}/notify`))
    const removed = await c.post(`/waitlist/${mine.body.id}/remove`, { reason: 'no_show' })
    ok(removed)
    expect(removed.body.status).toBe('no_show')
    ok(await c.post(`/waitlist/${quoted.body.id}/seat`))
    // Seated into a room while the venue is open, for a length on the room's 30-minute grid.
    ctx.clock.set(local(ZONE, '2027-01-04T17:10'))
    try {
      const staff = client(ctx, await ctx.deps.tokens.access(admin.who, ctx.clock()))
      const seated = await staff.post(`/waitlist/${joined.body.id}/seat`, { room_id: room.id, minutes: 60 })
      ok(seated)
      expect(seated.body).toMatchObject({ status: 'seated', room_id: room.id, reservation_id: expect.any(String) })
    } finally {
      ctx.clock.set('2027-01-04T12:00:00Z')
    }
  })

  it('is not refusing everything: good webhook inputs are accepted', async () => {
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    const c = client(ctx, admin.access)
    const made = await c.post(`/venues/${venue.id}/webhooks`, goodHook)
    ok(made, 201)
    expect(made.body).toMatchObject({ ...goodHook, venue_id: venue.id, enabled: true, secret: expect.stringMatching(/^whsec_/) })
    // Every type (none listed), a public IPv6 literal, the longest description.
    ok(await c.post(`/venues/${venue.id}/webhooks`, { url: 'https://[2606:2800:220:1:248:1893:25c8:1946]/hook', description: 'x'.repeat(500) }), 201)
    ok(await c.get(`/venues/${venue.id}/webhooks?enabled=true&page_size=100`))
    const read = await c.get(`/webhooks/${made.body.id}`)
    ok(read)
    expect(read.body).not.toHaveProperty('secret')
    ok(await c.patch(`/webhooks/${made.body.id}`, { url: 'http://93.184.215.15/other', event_types: [], description: null }))
    ok(await c.patch(`/webhooks/${made.body.id}`, { enabled: false }))
    const rotated = await c.post(`/webhooks/${made.body.id}/rotate-secret`)
    ok(rotated)
    expect(rotated.body.secret).not.toBe(made.body.secret)
    const log = await c.get(`/webhooks/${hookId}/deliveries?status=pending&event_type=reservation.created&page_size=100`)
    ok(log)
    expect(log.body.results.map((d: { id: string }) => d.id)).toEqual([deliveryId])
    // A failed delivery, unlike the pending one above, goes back in the queue.
    const [failed] = await ctx.deps.db
      .insert(webhookDeliveries)
      .values({
        subscriptionId: made.body.id,
        eventId: 2,
        eventType: 'reservation.created',
        body: { id: 'evt_2' },
        status: 'failed',
        attempts: 8,
        nextAttemptAt: ctx.clock(),
        createdAt: ctx.clock(),
      })
      .returning()
    const retried = await c.post(`/webhook-deliveries/${failed!.id}/retry`)
    ok(retried)
    expect(retried.body).toMatchObject({ id: failed!.id, status: 'pending' })
    ok(await c.delete(`/webhooks/${made.body.id}`), 204)
    expect((await c.get(`/webhooks/${made.body.id}`)).status).toBe(404)
  })

  it('is not refusing everything: good account inputs are accepted', async () => {
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    const someone = await factories(ctx).newCustomer('Someone')
    const mine = client(ctx, someone.access)
    const anonymous = client(ctx)
    // The edges the refusals above step over: the longest texts, 4 KiB of preferences, a null avatar.
    const preferences = { theme: 'dark', pad: 'x'.repeat(4096 - JSON.stringify({ theme: 'dark', pad: '' }).length) }
    const profile = { bio: 'b'.repeat(2000), location: 'l'.repeat(200), timezone: 'Asia/Kolkata', avatar_url: null, preferences }
    const put = await mine.put('/auth/user', profile)
    ok(put)
    expect(put.body).toMatchObject({ ...profile, email_verified: false })
    ok(await mine.put('/auth/user', { avatar_url: 'https://images.example.com/me.png', timezone: null }))
    // A link of each kind, from the emails as queued, spent once.
    ok(await mine.post('/auth/verify-email/resend'), 202)
    ok(await mine.post('/auth/verify-email/resend', {}), 202)
    ok(await anonymous.post('/auth/verify-email', { token: await tokenFromEmail(ctx, someone.email, 'email_verification') }))
    expect((await mine.get('/auth/user')).body.email_verified).toBe(true)
    ok(await anonymous.post('/auth/password/reset', { email: someone.email }), 202)
    ok(await anonymous.post('/auth/password/reset', { email: 'nobody@example.test' }), 202)
    const token = await tokenFromEmail(ctx, someone.email, 'password_reset')
    ok(await anonymous.post('/auth/password/reset/confirm', { token, password: 'x'.repeat(200) }))
    ok(await anonymous.post('/auth/login', { email: someone.email, password: 'x'.repeat(200) }))
  })

  it('is not refusing everything: good notification and live-feed inputs are accepted', async () => {
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    const mine = client(ctx, customer.access)
    const inbox = await mine.get('/notifications?unread=true&ordering=created_at&page_size=100&search=confirmed')
    ok(inbox)
    expect(inbox.body.results.map((n: { id: string }) => n.id)).toContain(notificationId)
    const logged = await client(ctx, admin.access).get(
      `/venues/${venue.id}/notifications?status=sent&channel=in_app&template=reservation_confirmed&page_size=100`,
    )
    ok(logged)
    expect(logged.body.results.map((n: { id: string }) => n.id)).toContain(notificationId)
    // A message of its own, so the fixture stays unread; read twice keeps the first time.
    const [message] = await ctx.deps.db
      .insert(notifications)
      .values({
        dedupeKey: `bad-input:read:${randomUUID()}`,
        userId: customer.id,
        channel: 'in_app',
        recipient: customer.id,
        template: 'payment_failed',
        body: 'Try again',
        status: 'sent',
        nextAttemptAt: ctx.clock(),
        createdAt: ctx.clock(),
      })
      .returning()
    const read = await mine.post(`/notifications/${message!.id}/read`)
    ok(read)
    expect(read.body).toMatchObject({ id: message!.id, read_at: expect.any(String) })
    expect((await mine.post(`/notifications/${message!.id}/read`, {})).body.read_at).toBe(read.body.read_at)
    // The feeds the handshake refusals above turn away: the venue's own staff, and anyone's own inbox.
    const base = await listening(ctx)
    const staff = await factories(ctx).newStaff(venue, 'staff')
    for (const url of [
      `${base}/ws/reservations?venue_id=${venue.id}&token=${staff.access}`,
      `${base}/ws/inventory?venue_id=${venue.id}&token=${admin.access}`,
      `${base}/ws/notifications?token=${customer.access}`,
    ]) {
      const socket = await openSocket(url)
      socket.close()
    }
  })

  it('is not refusing everything: good streams and media inputs are accepted', async () => {
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status)
    const c = client(ctx, admin.access)
    const mine = client(ctx, customer.access)
    // The edges the refusals above step over: the longest title and body, ten uploads, a message PDF.
    const uploads = await Promise.all(
      Array.from({ length: 10 }, async () => (await upload(ctx, admin.access, fileParts('post', await png(), 'x.png'))).body.id as string),
    )
    const made = await c.post('/streams', {
      practitioner_id: practitionerId,
      title: 'x'.repeat(200),
      body: 'b'.repeat(10000),
      visibility: 'customers',
      media_ids: uploads,
    })
    ok(made, 201)
    expect(made.body.media_ids).toEqual(uploads)
    ok(await c.get(`/streams/${made.body.id}`))
    ok(await client(ctx).get(`/streams?practitioner_id=${practitionerId}&page=1&page_size=100`))
    ok(await mine.get('/streams?saved=false'))
    ok(await c.put(`/streams/${made.body.id}`, { title: 'Shorter', body: '', visibility: 'public', media_ids: [] }))
    ok(await mine.put(`/streams/${made.body.id}/like`))
    ok(await mine.put(`/streams/${made.body.id}/save`, {}))
    const saved = await mine.get('/streams?saved=true&page_size=100')
    expect(saved.body.results.map((p: { id: string }) => p.id)).toEqual([made.body.id])
    ok(await mine.delete(`/streams/${made.body.id}/like`))
    ok(await mine.delete(`/streams/${made.body.id}/save`))
    const said = await mine.post(`/streams/${made.body.id}/comments`, { body: 'c'.repeat(2000) })
    ok(said, 201)
    ok(await client(ctx).get(`/streams/${made.body.id}/comments?page_size=100`))
    ok(await c.delete(`/streams/${made.body.id}/comments/${said.body.id}`), 204)
    ok(await c.delete(`/streams/${made.body.id}`), 204)
    // Its uploads are free again, and their uploader removes them.
    ok(await c.delete(`/media/${uploads[0]}`), 204)
    const attachment = await upload(ctx, customer.access, fileParts('message', '%PDF-1.4\n%%EOF\n', 'cv.pdf', 'application/pdf'))
    ok(attachment, 201)
    const read = await ctx.app.inject({ url: `/api/v1/media/${attachment.body.id}`, headers: { authorization: `Bearer ${customer.access}` } })
    expect(read.statusCode).toBe(200)
    ok(await mine.delete(`/media/${attachment.body.id}`), 204)
  })

  // The next three are about what the stays code does with input the schemas let through.

  it('an inventory edit over more nights than its answer shows (367 to 731) is done and answered, or refused with nothing written', async () => {
    // A room type of its own with no nights loaded: the edit would load all 375 of them.
    const family = await stayFactories(ctx).newRoomType(hotel, { name: 'Family' })
    const before = await rowCounts()
    const res = await client(ctx, admin.access).patch(`/room-types/${family.id}/inventory`, { from: '2027-01-01', to: '2028-01-10', min_stay: 2 })
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500)
    if (res.status >= 400) expect(await rowCounts()).toEqual(before)
    else expect(res.body.room_types[0].nights).toHaveLength(375)
  })

  it('a stay item priced over 5,000,000 minor units is booked and readable, or refused with nothing written', async () => {
    // Rupiah prices run to millions of minor units a night: four nights at 1,500,000.
    const s = stayFactories(ctx)
    const jakarta = await s.newHotel({ timezone: 'Asia/Jakarta', currency: 'IDR' })
    const deluxe = await s.newRoomType(jakarta, { baseRate: 1_500_000, maxOccupancy: 2 })
    await s.loadNights(deluxe, '2027-01-01', '2027-01-31')
    const guest = client(ctx, customer.access)
    const before = await rowCounts()
    const res = await guest.post('/reservations', {
      venue_id: jakarta.id,
      items: [{ kind: 'stay', room_type_id: deluxe.id, arrival: '2027-01-14', departure: '2027-01-18', quantity: 1, guests: 2 }],
    })
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500)
    if (res.status >= 400) {
      expect(await rowCounts()).toEqual(before)
      return
    }
    expect(res.body.total).toEqual({ amount: 6_000_000, currency: 'IDR' })
    expect((await guest.get(`/reservations/${res.body.id}`)).status).toBe(200)
    expect((await guest.get('/reservations/upcoming')).status).toBe(200)
  })

  it('refuses a stay ending in the year 9999 without walking its three million nights first', async () => {
    const started = Date.now()
    const res = await client(ctx).post('/quotes', stayBooking({ departure: '9999-12-31' })())
    expect(res.status).toBe(400)
    // Counting the nights is arithmetic; the refusal should not take seconds of CPU.
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
