import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { local, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { practice, verifyRoomToken, ZONE } from './practice.js'

const NOW = '2027-03-01T08:00:00Z'

let ctx: TestContext
let f: Factories
let admin: Actor, carla: Actor, dan: Actor
let p: Awaited<ReturnType<typeof practice>>
let occurrence: { id: string }
let seat: { id: string }
let session: { id: string }

const join = async (who: Actor, id: string) => (await p.as(who)).get(`/reservations/${id}/video`)

beforeAll(async () => {
  ;({ ctx, f, admin, carla, dan } = await scene({ at: NOW, admin: true, customers: { carla: 'Carla', dan: 'Dan' } }))
  p = await practice(ctx, f, admin)
  const workshop = await p.newService({ title: 'Online flow', max_participants: 4 })
  // Lisbon is on UTC in early March: 10:00 local is 10:00Z.
  occurrence = (await p.schedule(workshop.id, [['2027-03-10T10:00', '2027-03-10T11:00']]))[0]!
  seat = await p.booked(carla, { kind: 'seat', occurrence_id: occurrence.id, quantity: 1 })
  const oneToOne = await p.newService({ type: 'session', title: 'Private', max_participants: 1 })
  session = await p.booked(carla, { kind: 'session', service_id: oneToOne.id, start: local(ZONE, '2027-03-11T15:00') })
})
beforeEach(() => ctx.clock.set(NOW))
afterAll(() => ctx.close())

describe('joining a workshop’s room', () => {
  it('opens 15 minutes before the start: earlier is 403 too_early (session_not_open), with when it opens', async () => {
    ctx.clock.set('2027-03-10T09:44:59Z')
    const early = await join(carla, seat.id)
    expect(early.status).toBe(403)
    expect(early.body).toMatchObject({ code: 'session_not_open', detail: { opens_at: '2027-03-10T09:45:00.000Z' } })
  })

  it('gives the customer a token to publish camera and microphone only, in the occurrence’s room, that lasts until the end', async () => {
    ctx.clock.set('2027-03-10T09:45:00Z')
    const res = await join(carla, seat.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      url: ctx.config.livekit!.url,
      room: `occurrence-${occurrence.id}`,
      identity: carla.id,
      role: 'participant',
      starts_at: '2027-03-10T10:00:00.000Z',
      ends_at: '2027-03-10T11:00:00.000Z',
      occurrence_id: occurrence.id,
      expires_at: '2027-03-10T11:00:00.000Z',
    })
    const claims = await verifyRoomToken(ctx, res.body.token)
    expect(claims.sub).toBe(carla.id)
    expect(claims.iss).toBe(ctx.config.livekit!.apiKey)
    expect(claims.name).toBe('Carla')
    expect(JSON.parse(claims.metadata as string)).toEqual({ reservation_id: seat.id, role: 'participant' })
    expect(claims.video).toEqual({
      room: `occurrence-${occurrence.id}`,
      roomJoin: true,
      canSubscribe: true,
      canPublish: true,
      canPublishData: false,
      canUpdateOwnMetadata: false,
      canPublishSources: ['camera', 'microphone'],
    })
    // LiveKit checks expiry on its own clock: what is bounded is the lifetime, 75 minutes to the end.
    expect(claims.exp! - claims.nbf!).toBe(75 * 60)
  })

  it('gives the practitioner’s staff room admin under their own identity and display name', async () => {
    ctx.clock.set('2027-03-10T10:30:00Z')
    const res = await join(p.teacher, seat.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ identity: `staff-${p.teacher.id}`, role: 'host', room: `occurrence-${occurrence.id}` })
    const claims = await verifyRoomToken(ctx, res.body.token)
    expect(claims.sub).toBe(`staff-${p.teacher.id}`)
    expect(claims.name).toBe('Ana Yoga')
    expect(claims.video).toMatchObject({ room: `occurrence-${occurrence.id}`, roomJoin: true, roomAdmin: true, canPublish: true, canPublishData: true })
    expect(claims.video!.canPublishSources).toBeUndefined()
    expect(claims.exp! - claims.nbf!).toBe(30 * 60)
  })

  it('a token asked for in the last seconds lives only those seconds; at the end the room is gone (410)', async () => {
    ctx.clock.set('2027-03-10T10:59:30.200Z')
    const late = await join(carla, seat.id)
    expect(late.status).toBe(200)
    const claims = await verifyRoomToken(ctx, late.body.token)
    expect(claims.exp! - claims.nbf!).toBe(30)
    ctx.clock.set('2027-03-10T11:00:00Z')
    const over = await join(carla, seat.id)
    expect(over.status).toBe(410)
    expect(over.body).toMatchObject({ code: 'session_over', detail: { ended_at: '2027-03-10T11:00:00.000Z' } })
  })

  it('another customer, and an admin who is not the practitioner’s staff, learn nothing of it (404)', async () => {
    ctx.clock.set('2027-03-10T10:00:00Z')
    expect((await join(dan, seat.id)).status).toBe(404)
    expect((await join(admin, seat.id)).status).toBe(404)
    expect((await join(dan, '00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('who has no place in a room', () => {
  it('a hold not yet confirmed, and a cancelled booking, are refused (409 not_confirmed)', async () => {
    const workshop = await p.newService({ title: 'Held', max_participants: 4 })
    const [o] = await p.schedule(workshop.id, [['2027-03-12T10:00', '2027-03-12T11:00']])
    const held = await (
      await p.as(dan)
    ).post('/reservations', { venue_id: p.practitioner.venue_id, items: [{ kind: 'seat', occurrence_id: o!.id, quantity: 1 }] })
    expect(held.status).toBe(201)
    ctx.clock.set('2027-03-01T08:05:00Z')
    expect((await join(dan, held.body.id)).body).toMatchObject({ code: 'not_confirmed', detail: { status: 'pending' } })
    const cancelled = await p.booked(dan, { kind: 'seat', occurrence_id: o!.id, quantity: 1 })
    expect((await (await p.as(dan)).post(`/reservations/${cancelled.id}/cancel`, {})).status).toBe(200)
    ctx.clock.set('2027-03-12T10:10:00Z')
    const refused = await join(dan, cancelled.id)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'not_confirmed', detail: { status: 'cancelled' } })
    expect((await join(p.teacher, cancelled.id)).body.code).toBe('not_confirmed')
  })

  it('a booking of a service that is not virtual has no room (409 not_virtual)', async () => {
    const inPerson = await p.newService({ title: 'In the park', max_participants: 4, is_virtual: false, location: 'Parque' })
    const [o] = await p.schedule(inPerson.id, [['2027-03-13T10:00', '2027-03-13T11:00']])
    const booking = await p.booked(dan, { kind: 'seat', occurrence_id: o!.id, quantity: 1 })
    ctx.clock.set('2027-03-13T10:00:00Z')
    expect((await join(dan, booking.id)).body).toMatchObject({ code: 'not_virtual' })
  })
})

describe('a 1:1 session', () => {
  it('has a room of its own booking, open to its customer and the practitioner for the session’s span', async () => {
    ctx.clock.set('2027-03-11T14:50:00Z')
    const res = await join(carla, session.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ room: `reservation-${session.id}`, occurrence_id: null, ends_at: '2027-03-11T16:00:00.000Z' })
    const claims = await verifyRoomToken(ctx, res.body.token)
    expect(claims.video!.room).toBe(`reservation-${session.id}`)
    expect(claims.exp! - claims.nbf!).toBe(70 * 60)
    expect((await join(p.teacher, session.id)).body).toMatchObject({ room: `reservation-${session.id}`, role: 'host' })
    expect((await join(dan, session.id)).status).toBe(404)
  })
})
