import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redactToken } from '../../src/app.js'
import { backgroundLoops } from '../../src/modules/jobs/handlers.js'
import { startLoops, type Loops } from '../../src/modules/jobs/loops.js'
import { notifyUser } from '../../src/modules/realtime/channels.js'
import type { TestContext } from '../helpers/context.js'
import { client, slot, type Actor } from '../helpers/factories.js'
import { listening, openSocket, refusal } from '../helpers/sockets.js'
import { stayFactories } from '../helpers/stays.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories, loops: Loops, base: string

beforeAll(async () => {
  ;({ ctx, f } = await scene())
  base = await listening(ctx)
  // The relay runs as in a server: woken by the commit's NOTIFY, not called by the test.
  loops = await startLoops(ctx.database, backgroundLoops(ctx.services), ctx.app.log)
})
afterAll(async () => {
  await loops.stop()
  await ctx.close()
})

const tomorrow = (zone: string, time: string) => DateTime.now().setZone(zone).plus({ days: 1 }).toISODate() + `T${time}`
const at = (zone: string, wall: string) => DateTime.fromISO(wall, { zone }).toISO({ suppressMilliseconds: true })!
const feed = (name: string, venueId: string, who: Actor | null) => `${base}/ws/${name}?venue_id=${venueId}${who ? `&token=${who.access}` : ''}`

describe('venue feeds', () => {
  // How soon is the bench's to measure (commit → socket p50/p99 in the events phase): a test that
  // failed on a duration failed whenever the machine was busy, which says nothing about the feed.
  it("shows the venue's staff a new reservation as it commits", async () => {
    const venue = await f.newVenue({ timezone: 'UTC', hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })) })
    const room = await f.newRoom(venue)
    const staff = await f.newStaff(venue)
    const customer = await f.newCustomer()
    const socket = await openSocket(feed('reservations', venue.id, staff))
    try {
      const made = await client(ctx, customer.access).post('/reservations', {
        venue_id: venue.id,
        items: [slot(room, at('UTC', tomorrow('UTC', '10:00')), at('UTC', tomorrow('UTC', '11:00')))],
      })
      expect(made.status, JSON.stringify(made.body)).toBe(201)
      const frame = await socket.next((fr) => fr.type === 'event' && fr.event.type === 'reservation.created', 10_000)
      expect(frame.event).toMatchObject({ aggregate_id: made.body.id, venue_id: venue.id, version: 1, data: { id: made.body.id } })
      expect(frame.event.id).toMatch(/^evt_\d+$/)
    } finally {
      socket.close()
    }
  })

  it('refuses customers, staff of other venues, bad and missing tokens before upgrading', async () => {
    const venue = await f.newVenue()
    const other = await f.newVenue()
    const customer = await f.newCustomer()
    const foreign = await f.newStaff(other)
    expect(await refusal(feed('reservations', venue.id, customer))).toBe(403)
    expect(await refusal(feed('inventory', venue.id, customer))).toBe(403)
    expect(await refusal(feed('reservations', venue.id, foreign))).toBe(403)
    expect(await refusal(feed('reservations', venue.id, null))).toBe(401)
    expect(await refusal(`${base}/ws/reservations?venue_id=${venue.id}&token=not-a-token`)).toBe(401)
    expect(await refusal(`${base}/ws/notifications`)).toBe(401)
    expect(await refusal(`${base}/ws/reservations?token=${customer.access}`)).toBe(400)
  })

  it('carries staff edits of the calendar on the inventory feed, and only there', async () => {
    const s = stayFactories(ctx)
    const hotel = await s.newHotel()
    const type = await s.newRoomType(hotel, { totalUnits: 5 })
    const manager = await f.newStaff(hotel, 'manager')
    const inventory = await openSocket(feed('inventory', hotel.id, manager))
    const reservations = await openSocket(feed('reservations', hotel.id, manager))
    try {
      const from = DateTime.now().setZone(hotel.timezone).plus({ days: 10 }).toISODate()!
      const edit = await client(ctx, manager.access).patch(`/room-types/${type.id}/inventory`, { from, to: from, closed: true })
      expect(edit.status, JSON.stringify(edit.body)).toBe(200)
      const frame = await inventory.next((fr) => fr.type === 'event')
      expect(frame.event).toMatchObject({ type: 'inventory.changed', venue_id: hotel.id, data: { room_type_id: type.id, from, to: from } })
      expect(reservations.frames.filter((fr) => fr.type === 'event')).toEqual([])
    } finally {
      inventory.close()
      reservations.close()
    }
  })
})

describe('logging a handshake', () => {
  it('keeps the access token of the query out of the logged URL', () => {
    expect(redactToken('/api/v1/ws/reservations?venue_id=v1&token=eyJ.a.b')).toBe('/api/v1/ws/reservations?venue_id=v1&token=[redacted]')
    expect(redactToken('/api/v1/ws/notifications?token=eyJ.a.b&x=1')).toBe('/api/v1/ws/notifications?token=[redacted]&x=1')
    expect(redactToken('/api/v1/venues?search=token')).toBe('/api/v1/venues?search=token')
  })
})

describe('the notifications feed', () => {
  it("pushes a user's own notifications to their sockets and nobody else's", async () => {
    const alice = await f.newCustomer()
    const bob = await f.newCustomer()
    const mine = await openSocket(`${base}/ws/notifications?token=${alice.access}`)
    const theirs = await openSocket(`${base}/ws/notifications?token=${bob.access}`)
    try {
      await ctx.deps.db.transaction((tx) => notifyUser(tx, alice.id, { id: 'n1', subject: 'Booking confirmed' }))
      const frame = await mine.next((fr) => fr.type === 'notification')
      expect(frame.notification).toEqual({ id: 'n1', subject: 'Booking confirmed' })
      // A notice for Alice sent after hers has arrived: Bob's socket would have had it by now.
      await ctx.deps.db.transaction((tx) => notifyUser(tx, bob.id, { id: 'n2' }))
      await theirs.next((fr) => fr.type === 'notification')
      expect(theirs.frames.filter((fr) => fr.type === 'notification')).toEqual([{ type: 'notification', notification: { id: 'n2' } }])
    } finally {
      mine.close()
      theirs.close()
    }
  })

  it('ignores notices it did not send (any role may NOTIFY) and keeps serving', async () => {
    const erin = await f.newCustomer()
    const socket = await openSocket(`${base}/ws/notifications?token=${erin.access}`)
    try {
      for (const [channel, payload] of [
        ['reservoir_user', 'not json'],
        ['reservoir_user', JSON.stringify({ user_id: erin.id })],
        ['reservoir_events', '{"ref": 999999999}'],
        ['reservoir_events', '[1, 2]'],
      ]) {
        await ctx.database.raw.query('select pg_notify($1, $2)', [channel, payload])
      }
      await ctx.deps.db.transaction((tx) => notifyUser(tx, erin.id, { id: 'real' }))
      await socket.next((fr) => fr.type === 'notification')
      expect(socket.frames.filter((fr) => fr.type === 'notification')).toEqual([{ type: 'notification', notification: { id: 'real' } }])
    } finally {
      socket.close()
    }
  })

  it('sends nothing for a transaction that rolled back', async () => {
    const carol = await f.newCustomer()
    const socket = await openSocket(`${base}/ws/notifications?token=${carol.access}`)
    try {
      await ctx.deps.db
        .transaction(async (tx) => {
          await notifyUser(tx, carol.id, { id: 'lost' })
          throw new Error('rolled back')
        })
        .catch(() => {})
      await ctx.deps.db.transaction((tx) => notifyUser(tx, carol.id, { id: 'kept' }))
      await socket.next((fr) => fr.type === 'notification')
      expect(socket.frames.filter((fr) => fr.type === 'notification').map((fr) => fr.notification.id)).toEqual(['kept'])
    } finally {
      socket.close()
    }
  })
})
