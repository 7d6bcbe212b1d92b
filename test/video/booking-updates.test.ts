import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backgroundLoops } from '../../src/modules/jobs/handlers.js'
import { startLoops, type Loops } from '../../src/modules/jobs/loops.js'
import { signalOpenRooms } from '../../src/modules/video/openings.js'
import type { TestContext } from '../helpers/context.js'
import { tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'
import { listening, openSocket, refusal, type Frame, type TestSocket } from '../helpers/sockets.js'
import { practice } from './practice.js'

const NOW = '2027-03-01T08:00:00Z'

let ctx: TestContext, f: Factories, loops: Loops, base: string
let admin: Actor, carla: Actor, dan: Actor
let p: Awaited<ReturnType<typeof practice>>
let occurrences: { id: string }[]

const feed = async (who: Actor) => openSocket(`${base}/ws/booking-updates?token=${await tokenAt(ctx, who)}`)
const eventOf = (socket: TestSocket, type: string, reservationId: string) =>
  socket.next((fr: Frame) => fr.type === 'event' && fr.event.type === type && bookingIn(fr) === reservationId)
const bookingIn = (fr: Frame): string => fr.event.data.reservation_id ?? fr.event.aggregate_id
const bookingsSeen = (socket: TestSocket) => new Set(socket.frames.filter((fr) => fr.type === 'event').map(bookingIn))

beforeAll(async () => {
  ;({ ctx, f, admin, carla, dan } = await scene({ at: NOW, admin: true, customers: { carla: 'Carla', dan: 'Dan' } }))
  base = await listening(ctx)
  // The relay runs as in a server: woken by the commit's NOTIFY, not called by the test.
  loops = await startLoops(ctx.database, backgroundLoops(ctx.services), ctx.app.log)
  p = await practice(ctx, f, admin)
  const workshop = await p.newService({ title: 'Live', max_participants: 6, price: { amount: 3000, currency: 'EUR' } })
  occurrences = await p.schedule(workshop.id, [
    ['2027-03-20T10:00', '2027-03-20T11:00'],
    ['2027-03-21T10:00', '2027-03-21T11:00'],
  ])
})
afterAll(async () => {
  await loops.stop()
  await ctx.close()
})

describe('a customer’s own bookings, live', () => {
  it('needs a valid token', async () => {
    expect(await refusal(`${base}/ws/booking-updates`)).toBe(401)
    expect(await refusal(`${base}/ws/booking-updates?token=nope`)).toBe(401)
  })

  it('tells each customer of their own booking’s confirmation, reschedule, cancellation and refund, and nobody else', async () => {
    const [mine, theirs] = [await feed(carla), await feed(dan)]
    try {
      const held = await (
        await p.as(carla)
      ).post('/reservations', { venue_id: p.practitioner.venue_id, items: [{ kind: 'seat', occurrence_id: occurrences[0]!.id, quantity: 1 }] })
      const checkout = await (await p.as(carla)).post(`/reservations/${held.body.id}/checkout`, {})
      expect(checkout.status, JSON.stringify(checkout.body)).toBe(200)
      await fakeOf(ctx).pay(checkout.body.payment_intent_id)
      const confirmed = await eventOf(mine, 'reservation.confirmed', held.body.id)
      expect(confirmed.event).toMatchObject({
        aggregate_id: held.body.id,
        venue_id: p.practitioner.venue_id,
        data: { from: 'awaiting_payment', to: 'confirmed' },
      })
      await eventOf(mine, 'payment.succeeded', held.body.id)

      const danBooking = await p.booked(dan, { kind: 'seat', occurrence_id: occurrences[0]!.id, quantity: 1 })
      await eventOf(theirs, 'reservation.confirmed', danBooking.id)

      const moved = await (await p.as(carla)).post(`/reservations/${held.body.id}/reschedule`, { occurrence_id: occurrences[1]!.id })
      expect(moved.status, JSON.stringify(moved.body)).toBe(200)
      await eventOf(mine, 'reservation.rescheduled', held.body.id)
      expect((await (await p.as(carla)).post(`/reservations/${held.body.id}/cancel`, {})).status).toBe(200)
      await eventOf(mine, 'reservation.cancelled', held.body.id)
      const refunded = await eventOf(mine, 'payment.refunded', held.body.id)
      expect(refunded.event.data).toMatchObject({ reservation_id: held.body.id, currency: 'EUR' })

      // Dan's socket is told of a later event of his own, so anything of Carla's would have reached it by now.
      expect((await (await p.as(dan)).post(`/reservations/${danBooking.id}/cancel`, {})).status).toBe(200)
      await eventOf(theirs, 'reservation.cancelled', danBooking.id)
      expect(bookingsSeen(theirs)).toEqual(new Set([danBooking.id]))
      expect(bookingsSeen(mine)).toEqual(new Set([held.body.id]))
    } finally {
      mine.close()
      theirs.close()
    }
  })

  it('tells of an expired hold', async () => {
    const socket = await feed(dan)
    try {
      const held = await (
        await p.as(dan)
      ).post('/reservations', { venue_id: p.practitioner.venue_id, items: [{ kind: 'seat', occurrence_id: occurrences[1]!.id, quantity: 1 }] })
      ctx.clock.advance(16 * 60_000)
      expect(await ctx.services.reservations.expireLapsedHolds()).toBeGreaterThanOrEqual(1)
      await eventOf(socket, 'reservation.expired', held.body.id)
    } finally {
      ctx.clock.set(NOW)
      socket.close()
    }
  })

  it('says once per booking when its video room opens, 15 minutes before the start', async () => {
    const booking = await p.booked(carla, { kind: 'seat', occurrence_id: occurrences[1]!.id, quantity: 1 })
    const socket = await feed(carla)
    try {
      ctx.clock.set('2027-03-21T09:44:00Z')
      expect(await signalOpenRooms(ctx.deps)).toBe(0)
      ctx.clock.set('2027-03-21T09:45:00Z')
      expect(await signalOpenRooms(ctx.deps)).toBe(1)
      const opened = await eventOf(socket, 'video.room_opened', booking.id)
      expect(opened.event.data).toEqual({
        reservation_id: booking.id,
        room: `occurrence-${occurrences[1]!.id}`,
        starts_at: '2027-03-21T10:00:00.000Z',
        ends_at: '2027-03-21T11:00:00.000Z',
      })
      ctx.clock.set('2027-03-21T09:50:00Z')
      expect(await signalOpenRooms(ctx.deps)).toBe(0)
    } finally {
      ctx.clock.set(NOW)
      socket.close()
    }
  })

  it('a 1:1 session’s room too, to its own customer only', async () => {
    const oneToOne = await p.newService({ type: 'session', title: 'Private', max_participants: 1 })
    const session = await p.booked(dan, { kind: 'session', service_id: oneToOne.id, start: '2027-03-22T12:00:00Z' })
    const [his, hers] = [await feed(dan), await feed(carla)]
    try {
      ctx.clock.set('2027-03-22T11:50:00Z')
      expect(await signalOpenRooms(ctx.deps)).toBe(1)
      const opened = await eventOf(his, 'video.room_opened', session.id)
      expect(opened.event.data).toMatchObject({ room: `reservation-${session.id}`, starts_at: '2027-03-22T12:00:00.000Z' })
      // Carla is told of a later event of her own; Dan's room never reached her.
      ctx.clock.set(NOW)
      const mine = await p.booked(carla, { kind: 'seat', occurrence_id: occurrences[1]!.id, quantity: 1 })
      await eventOf(hers, 'reservation.confirmed', mine.id)
      expect(bookingsSeen(hers)).toEqual(new Set([mine.id]))
    } finally {
      ctx.clock.set(NOW)
      his.close()
      hers.close()
    }
  })
})
