import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, venue: Venue, customer: Actor

beforeAll(
  async () => ({ ctx, f, venue, customer } = await scene({ at: '2027-01-04T12:00:00Z', venue: { timezone: ZONE }, customers: { customer: 'Test User' } })),
)
afterAll(() => ctx.close())

const book = (items: unknown[], extra: Record<string, unknown> = {}) =>
  client(ctx, customer.access).post('/reservations', { venue_id: venue.id, items, ...extra })

describe('booking slots', () => {
  it('creates a pending hold with a total, a quote and an expiry', async () => {
    const room = await f.newRoom(venue, { hourlyRate: 4000 })
    const res = await book([slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:30'))], { party_size: 4 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      venue_id: venue.id,
      user_id: customer.id,
      status: 'pending',
      party_size: 4,
      total: { amount: 10000, currency: 'USD' },
      hold_expires_at: new Date(ctx.clock().getTime() + 15 * 60_000).toISOString(),
    })
    expect(res.body.items).toEqual([
      expect.objectContaining({ kind: 'slot', room_id: room.id, start: '2027-01-09T02:00:00.000Z', end: '2027-01-09T04:30:00.000Z' }),
    ])
    expect(res.body.quote.lines[0]).toMatchObject({ unit: 'hour', quantity: 2.5, unit_amount: 4000, amount: 10000 })
  })

  it('accepts back-to-back bookings [19:00, 21:00) and [21:00, 23:00)', async () => {
    const room = await f.newRoom(venue)
    const a = await book([slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))])
    const b = await book([slot(room, local(ZONE, '2027-01-08T21:00'), local(ZONE, '2027-01-08T23:00'))])
    expect([a.status, b.status]).toEqual([201, 201])
  })

  it('refuses an overlapping booking with 409 slot_taken naming the item', async () => {
    const room = await f.newRoom(venue)
    const other = await f.newRoom(venue)
    await book([slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))])
    const res = await book([
      slot(other, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T20:00')),
      slot(room, local(ZONE, '2027-01-08T20:00'), local(ZONE, '2027-01-08T22:00')),
    ])
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ code: 'slot_taken', detail: { item: 1, room_id: room.id } })
    // All or nothing: the first item's room stays free.
    const again = await book([slot(other, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T20:00'))])
    expect(again.status).toBe(201)
  })

  it('enforces the buffer after each booking, in both directions', async () => {
    const room = await f.newRoom(venue, { bufferMinutes: 30 })
    expect((await book([slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))])).status).toBe(201)
    const tooSoon = await book([slot(room, local(ZONE, '2027-01-08T21:00'), local(ZONE, '2027-01-08T22:00'))])
    expect(tooSoon.body.code).toBe('slot_taken')
    // Ending right when the next one starts leaves no room for this booking's own buffer.
    const before = await book([slot(room, local(ZONE, '2027-01-08T17:00'), local(ZONE, '2027-01-08T19:00'))])
    expect(before.body.code).toBe('slot_taken')
    expect((await book([slot(room, local(ZONE, '2027-01-08T17:00'), local(ZONE, '2027-01-08T18:30'))])).status).toBe(201)
    expect((await book([slot(room, local(ZONE, '2027-01-08T21:30'), local(ZONE, '2027-01-08T23:00'))])).status).toBe(201)
  })

  it('accepts a booking crossing midnight inside opening hours and refuses one past closing', async () => {
    const room = await f.newRoom(venue)
    const inside = await book([slot(room, local(ZONE, '2027-01-08T23:00'), local(ZONE, '2027-01-09T02:00'))])
    expect(inside.status).toBe(201)
    const outside = await book([slot(room, local(ZONE, '2027-01-09T23:00'), local(ZONE, '2027-01-10T02:30'))])
    expect(outside.status).toBe(400)
    expect(outside.body).toMatchObject({ code: 'validation_failed', detail: { item: 0, reason: 'outside_opening_hours' } })
    const early = await book([slot(room, local(ZONE, '2027-01-09T15:00'), local(ZONE, '2027-01-09T17:00'))])
    expect(early.body.detail.reason).toBe('outside_opening_hours')
  })

  it('refuses bookings on a closure day', async () => {
    const room = await f.newRoom(venue)
    const admin = await f.newAdmin()
    expect((await client(ctx, admin.access).post(`/venues/${venue.id}/closures`, { date: '2027-01-12', reason: 'private event' })).status).toBe(201)
    const res = await book([slot(room, local(ZONE, '2027-01-12T19:00'), local(ZONE, '2027-01-12T21:00'))])
    expect(res.body.detail.reason).toBe('outside_opening_hours')
    // The night before still runs past midnight into the closed date.
    expect((await book([slot(room, local(ZONE, '2027-01-11T23:00'), local(ZONE, '2027-01-12T01:00'))])).status).toBe(201)
  })

  it.each([
    ['off the slot grid', '2027-01-08T19:10', '2027-01-08T20:10', 'off_grid'],
    ['shorter than the minimum', '2027-01-08T19:00', '2027-01-08T19:30', 'length'],
    ['longer than the maximum', '2027-01-08T17:00', '2027-01-08T21:30', 'length'],
    ['ending before it starts', '2027-01-08T21:00', '2027-01-08T19:00', 'end_before_start'],
    ['in the past', '2027-01-03T19:00', '2027-01-03T21:00', 'in_the_past'],
  ])('refuses a booking %s', async (_name, start, end, reason) => {
    const room = await f.newRoom(venue)
    const res = await book([slot(room, local(ZONE, start), local(ZONE, end))])
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'validation_failed', detail: { reason } })
  })

  it('refuses a party larger than the room', async () => {
    const room = await f.newRoom(venue, { capacity: 4 })
    const res = await book([slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))], { party_size: 5 })
    expect(res.body).toMatchObject({ code: 'validation_failed', detail: { reason: 'capacity' } })
  })

  it('answers 404 for a room of another venue', async () => {
    const elsewhere = await f.newRoom(await f.newVenue())
    const res = await book([slot(elsewhere, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))])
    expect(res.status).toBe(404)
    expect(res.body.detail).toMatchObject({ item: 0 })
  })
})
