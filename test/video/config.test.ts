import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

const SECRET = 'x'.repeat(40)

describe('LiveKit configuration', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reservoir-livekit-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('in development without it: a local server, key devkey and a secret generated once under DATA_DIR', async () => {
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir })
    expect(first.livekit).toMatchObject({ url: 'ws://localhost:7880', apiUrl: 'http://localhost:7880', apiKey: 'devkey' })
    expect(first.livekit!.apiSecret).toMatch(/^[0-9a-f]{64}$/)
    expect((await readFile(join(dir, 'livekit-secret'), 'utf8')).trim()).toBe(first.livekit!.apiSecret)
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: dir }).livekit!.apiSecret).toBe(first.livekit!.apiSecret)
  })

  it('as set, with the API at the same host over http(s) unless LIVEKIT_API_URL says otherwise', () => {
    const set = { LIVEKIT_URL: 'wss://video.example', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: SECRET }
    expect(loadConfig({ NODE_ENV: 'test', ...set }).livekit).toEqual({
      url: 'wss://video.example',
      apiUrl: 'https://video.example',
      apiKey: 'APIkey',
      apiSecret: SECRET,
    })
    expect(loadConfig({ NODE_ENV: 'test', ...set, LIVEKIT_API_URL: 'http://10.0.0.5:7880' }).livekit!.apiUrl).toBe('http://10.0.0.5:7880')
  })

  it('refuses a partial setting or a short secret, and is off in production when unset', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', LIVEKIT_API_KEY: 'APIkey' })).toThrow(/LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/)
    expect(() => loadConfig({ NODE_ENV: 'test', LIVEKIT_URL: 'wss://v.example', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: 'short' })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: 'test', LIVEKIT_URL: 'https://v.example' })).toThrow(/LIVEKIT_URL/)
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      PAYMENT_GATEWAY: 'stripe',
      SEED_DEMO: 'false',
      STRIPE_SECRET_KEY: 'sk_live_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
    }
    expect(loadConfig(production).livekit).toBeNull()
  })
})

describe('video without LiveKit configured (production without LIVEKIT_*)', () => {
  let ctx: TestContext, carla: Actor
  beforeAll(async () => ({ ctx, carla } = await scene({ config: { livekit: null }, customers: { carla: 'Carla' } })))
  afterAll(() => ctx.close())

  it('answers 503 video_unavailable, to the webhook too', async () => {
    const join = await client(ctx, carla.access).get('/reservations/00000000-0000-4000-8000-000000000000/video')
    expect(join.status).toBe(503)
    expect(join.body.code).toBe('video_unavailable')
    const hook = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/video/webhook',
      payload: '{"id":"EV_1","event":"room_started"}',
      headers: { 'content-type': 'application/webhook+json', authorization: 'x' },
    })
    expect(hook.statusCode).toBe(503)
  })
})
