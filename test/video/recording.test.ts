import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import type { Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { liveKitStandIn } from './livekit-standin.js'
import { deliverVideo, liveKitEvent, practice } from './practice.js'

const NOW = '2027-03-01T08:00:00Z'
const KEY = 'APItest'
const SECRET = randomBytes(32).toString('hex')

let ctx: TestContext
let f: Factories
let admin: Actor, carla: Actor, dan: Actor
let p: Awaited<ReturnType<typeof practice>>
let standIn: Awaited<ReturnType<typeof liveKitStandIn>>
let occurrence: { id: string }
let seat: { id: string }

const recordings = () =>
  rowsOf<{ egress_id: string; status: string; location: string | null }>(
    ctx.deps.db,
    sql`select egress_id, status, location from video_recordings order by started_at`,
  )

beforeAll(async () => {
  standIn = await liveKitStandIn(KEY, SECRET)
  ;({ ctx, f, admin, carla, dan } = await scene({
    at: NOW,
    admin: true,
    customers: { carla: 'Carla', dan: 'Dan' },
    config: { livekit: { url: 'ws://127.0.0.1:7880', apiUrl: standIn.base, apiKey: KEY, apiSecret: SECRET } },
  }))
  p = await practice(ctx, f, admin)
  const workshop = await p.newService({ title: 'Recorded', max_participants: 4 })
  occurrence = (await p.schedule(workshop.id, [['2027-03-10T10:00', '2027-03-10T11:00']]))[0]!
  seat = await p.booked(carla, { kind: 'seat', occurrence_id: occurrence.id, quantity: 1 })
})
beforeEach(() => ctx.clock.set('2027-03-10T10:05:00Z'))
afterAll(async () => {
  await ctx.close()
  await standIn.close()
})

describe('recording a session', () => {
  it('is the practitioner’s to start, through LiveKit’s egress API, once per room; the file’s location comes with egress_ended', async () => {
    const url = `/reservations/${seat.id}/video/recording`
    expect((await (await p.as(carla)).post(url)).status).toBe(403)
    expect((await (await p.as(dan)).post(url)).status).toBe(404)
    expect(standIn.calls).toEqual([])

    const started = await (await p.as(p.teacher)).post(url)
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    expect(started.body).toMatchObject({ room: `occurrence-${occurrence.id}`, egress_id: 'EG_1', status: 'starting', location: null, started_by: p.teacher.id })
    const [call] = standIn.calls
    expect(call).toMatchObject({ method: 'StartRoomCompositeEgress', body: { roomName: `occurrence-${occurrence.id}` } })
    expect(call!.body.fileOutputs[0].filepath).toMatch(new RegExp(`^reservoir/occurrence-${occurrence.id}-\\{time\\}\\.mp4$`))
    // The SDK's bearer token was signed with our key and secret and carries the record grant.
    expect(call!.claims).toMatchObject({ iss: KEY, video: { roomRecord: true } })

    const again = await (await p.as(p.teacher)).post(url)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('recording_running')
    expect(standIn.calls).toHaveLength(1)

    const stopped = await (await p.as(p.teacher)).delete(url)
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200)
    expect(stopped.body).toMatchObject({ egress_id: 'EG_1', status: 'ending' })
    expect(standIn.calls[1]).toMatchObject({ method: 'StopEgress', body: { egressId: 'EG_1' } })
    expect((await (await p.as(p.teacher)).delete(url)).body.code).toBe('no_recording')

    const location = `https://bucket.example/reservoir/occurrence-${occurrence.id}-2027.mp4`
    const ended = liveKitEvent('egress_ended', {
      egressInfo: { egressId: 'EG_1', roomName: `occurrence-${occurrence.id}`, status: 'EGRESS_COMPLETE', fileResults: [{ filename: 'x.mp4', location }] },
    })
    const signed = await deliverVideo(ctx, ended)
    expect(signed.body).toEqual({ received: true, duplicate: false, outcome: 'recording_complete' })
    expect(await recordings()).toEqual([{ egress_id: 'EG_1', status: 'complete', location }])
    const shown = await (await p.as(p.teacher)).get(url)
    expect(shown.body.recordings).toEqual([expect.objectContaining({ egress_id: 'EG_1', status: 'complete', location, ended_at: expect.any(String) })])
    expect((await (await p.as(carla)).get(url)).status).toBe(403)

    // A forged egress_ended cannot point the recording elsewhere.
    const forged = liveKitEvent('egress_ended', {
      egressInfo: { egressId: 'EG_1', status: 'EGRESS_COMPLETE', fileResults: [{ location: 'https://evil.example/x.mp4' }] },
    })
    expect((await deliverVideo(ctx, forged, { secret: randomBytes(32).toString('hex') })).status).toBe(400)
    expect(await recordings()).toEqual([{ egress_id: 'EG_1', status: 'complete', location }])

    // A finished recording frees the room for the next one.
    expect((await (await p.as(p.teacher)).post(url)).body).toMatchObject({ egress_id: 'EG_2', status: 'starting' })
    await (await p.as(p.teacher)).delete(url)
  })

  it('only while the room is open; LiveKit down is a 502 and nothing is stored', async () => {
    const url = `/reservations/${seat.id}/video/recording`
    ctx.clock.set('2027-03-10T09:40:00Z')
    expect((await (await p.as(p.teacher)).post(url)).body.code).toBe('session_not_open')
    ctx.clock.set('2027-03-10T11:00:00Z')
    expect((await (await p.as(p.teacher)).post(url)).body.code).toBe('session_over')
    ctx.clock.set('2027-03-10T10:30:00Z')
    const before = await recordings()
    standIn.state.fail = true
    try {
      const down = await (await p.as(p.teacher)).post(url)
      expect(down.status).toBe(502)
      expect(down.body.code).toBe('video_service_unavailable')
    } finally {
      standIn.state.fail = false
    }
    expect(await recordings()).toEqual(before)
  })
})
