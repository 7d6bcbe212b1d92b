import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { local, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { deliverVideo, liveKitEvent, practice, signAsLiveKit, signAsLiveKitNow, verifyRoomToken, ZONE } from './practice.js'

const NOW = '2027-03-01T08:00:00Z'

let ctx: TestContext
let f: Factories
let admin: Actor, carla: Actor, dan: Actor
let p: Awaited<ReturnType<typeof practice>>
let occurrence: { id: string }
let seat: { id: string }

const count = async (table: 'video_events' | 'video_presence' | 'attendance') =>
  (await rowsOf<{ n: number }>(ctx.deps.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n
const attendanceOf = (occurrenceId: string) =>
  rowsOf<{ participant_id: string; attended: boolean; marked_by: string }>(
    ctx.deps.db,
    sql`select participant_id, attended, marked_by from attendance where occurrence_id = ${occurrenceId} order by marked_at`,
  )

/** The participant LiveKit reports for a join made with the token this booking's caller was given. */
async function participantOf(who: Actor, reservationId: string) {
  const pass = await (await p.as(who)).get(`/reservations/${reservationId}/video`)
  expect(pass.status, JSON.stringify(pass.body)).toBe(200)
  const claims = await verifyRoomToken(ctx, pass.body.token)
  return {
    room: { sid: 'RM_test', name: pass.body.room as string },
    participant: { sid: 'PA_test', identity: claims.sub, name: claims.name, metadata: claims.metadata },
  }
}

beforeAll(async () => {
  ;({ ctx, f, admin, carla, dan } = await scene({ at: NOW, admin: true, customers: { carla: 'Carla', dan: 'Dan' } }))
  p = await practice(ctx, f, admin)
  const workshop = await p.newService({ title: 'Online flow', max_participants: 4 })
  occurrence = (await p.schedule(workshop.id, [['2027-03-10T10:00', '2027-03-10T11:00']]))[0]!
  seat = await p.booked(carla, { kind: 'seat', occurrence_id: occurrence.id, quantity: 1 })
})
beforeEach(() => ctx.clock.set('2027-03-10T09:55:00Z'))
afterAll(() => ctx.close())

describe('signatures', () => {
  it('a webhook signed with another secret, unsigned, or signed for other bytes is 400 and stores nothing', async () => {
    const joined = liveKitEvent('participant_joined', await participantOf(carla, seat.id))
    const before = await Promise.all([count('video_events'), count('video_presence'), count('attendance')])
    const forged = await deliverVideo(ctx, joined, { secret: 'an-entirely-different-secret-of-32-chars!' })
    expect(forged.status).toBe(400)
    expect(forged.body).toMatchObject({ code: 'invalid_signature' })
    expect((await deliverVideo(ctx, joined, { authorization: null })).body.code).toBe('invalid_signature')
    expect((await deliverVideo(ctx, joined, { authorization: 'not-a-jwt' })).body.code).toBe('invalid_signature')
    const lk = ctx.config.livekit!
    const otherBody = await signAsLiveKit(JSON.stringify({ ...joined, id: 'EV_other' }), lk.apiKey, lk.apiSecret)
    expect((await deliverVideo(ctx, joined, { authorization: otherBody })).body.code).toBe('invalid_signature')
    // Signed by the right secret under another API key: the receiver checks the issuer too.
    const otherKey = await signAsLiveKit(JSON.stringify(joined), 'other-key', lk.apiSecret)
    expect((await deliverVideo(ctx, joined, { authorization: otherKey })).body.code).toBe('invalid_signature')
    expect(await Promise.all([count('video_events'), count('video_presence'), count('attendance')])).toEqual(before)
    expect(await attendanceOf(occurrence.id)).toEqual([])
  })

  it('the hand-made signature the bad-input table uses is one the receiver accepts', async () => {
    const lk = ctx.config.livekit!
    const started = liveKitEvent('room_started', { room: { name: 'occurrence-nobody' } })
    const accepted = await deliverVideo(ctx, started, { authorization: signAsLiveKitNow(JSON.stringify(started), lk.apiKey, lk.apiSecret) })
    expect(accepted.body).toEqual({ received: true, duplicate: false, outcome: 'ignored' })
  })
})

describe('joins and leaves', () => {
  it('a customer’s join marks their seat attended, once however often LiveKit delivers it; the leave is recorded', async () => {
    const who = await participantOf(carla, seat.id)
    const joined = liveKitEvent('participant_joined', who)
    const first = await deliverVideo(ctx, joined)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body).toEqual({ received: true, duplicate: false, outcome: 'joined_attended' })
    const [marked] = await attendanceOf(occurrence.id)
    expect(marked).toMatchObject({ attended: true, marked_by: carla.id })
    const participants = await (await p.as(p.teacher)).get(`/occurrences/${occurrence.id}/participants`)
    expect(participants.body.participants).toEqual([expect.objectContaining({ id: marked!.participant_id, user_id: carla.id, attended: true })])

    const counts = await Promise.all([count('video_events'), count('video_presence'), count('attendance')])
    expect(await deliverVideo(ctx, joined)).toMatchObject({ status: 200, body: { duplicate: true } })
    expect(await Promise.all([count('video_events'), count('video_presence'), count('attendance')])).toEqual(counts)

    expect((await deliverVideo(ctx, liveKitEvent('participant_left', who))).body.outcome).toBe('left')
    const presence = await rowsOf<{ kind: string; user_id: string; reservation_id: string; room: string }>(
      ctx.deps.db,
      sql`select kind, user_id, reservation_id, room from video_presence where reservation_id = ${seat.id} order by id`,
    )
    expect(presence).toEqual([
      { kind: 'joined', user_id: carla.id, reservation_id: seat.id, room: `occurrence-${occurrence.id}` },
      { kind: 'left', user_id: carla.id, reservation_id: seat.id, room: `occurrence-${occurrence.id}` },
    ])
  })

  it('the practitioner’s own mark stands against a later join; staff joining mark nobody', async () => {
    const workshop = await p.newService({ title: 'Marked', max_participants: 4 })
    ctx.clock.set(NOW)
    const [o] = await p.schedule(workshop.id, [['2027-03-14T10:00', '2027-03-14T11:00']])
    const booking = await p.booked(dan, { kind: 'seat', occurrence_id: o!.id, quantity: 1 })
    const [person] = (await (await p.as(p.teacher)).get(`/occurrences/${o!.id}/participants`)).body.participants
    await (await p.as(p.teacher)).put(`/occurrences/${o!.id}/attendance`, { participant_id: person.id, attended: false })
    ctx.clock.set('2027-03-14T10:05:00Z')
    expect((await deliverVideo(ctx, liveKitEvent('participant_joined', await participantOf(p.teacher, booking.id)))).body.outcome).toBe('joined')
    expect((await deliverVideo(ctx, liveKitEvent('participant_joined', await participantOf(dan, booking.id)))).body.outcome).toBe('joined')
    expect(await attendanceOf(o!.id)).toEqual([{ participant_id: person.id, attended: false, marked_by: p.teacher.id }])
  })

  it('a join naming someone else’s booking marks nothing', async () => {
    const joined = liveKitEvent('participant_joined', {
      room: { name: `occurrence-${occurrence.id}` },
      participant: { identity: dan.id, metadata: JSON.stringify({ reservation_id: seat.id }) },
    })
    expect((await deliverVideo(ctx, joined)).body.outcome).toBe('joined')
  })

  it('a customer joining their 1:1 session checks it in, through the transition table', async () => {
    const oneToOne = await p.newService({ type: 'session', title: 'Private', max_participants: 1 })
    ctx.clock.set(NOW)
    const session = await p.booked(dan, { kind: 'session', service_id: oneToOne.id, start: local(ZONE, '2027-03-11T15:00') })
    ctx.clock.set('2027-03-11T14:58:00Z')
    const joined = await deliverVideo(ctx, liveKitEvent('participant_joined', await participantOf(dan, session.id)))
    expect(joined.body.outcome).toBe('joined_checked_in')
    const read = await (await p.as(dan)).get(`/reservations/${session.id}`)
    expect(read.body.status).toBe('checked_in')
    const trail = await rowsOf<{ from_status: string; to_status: string; actor_id: string }>(
      ctx.deps.db,
      sql`select from_status, to_status, actor_id from reservation_transitions where reservation_id = ${session.id} order by id desc limit 1`,
    )
    expect(trail).toEqual([{ from_status: 'confirmed', to_status: 'checked_in', actor_id: dan.id }])
    // Joining again (a reconnect) changes nothing more.
    expect((await deliverVideo(ctx, liveKitEvent('participant_joined', await participantOf(dan, session.id)))).body.outcome).toBe('joined')
  })
})
