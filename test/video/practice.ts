import { createHash, createHmac, randomBytes } from 'node:crypto'
import { AccessToken, TokenVerifier } from 'livekit-server-sdk'
import { expect } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, tokenAt, type Actor } from '../helpers/factories.js'
import type { Factories } from '../helpers/scene.js'

export const ZONE = 'Europe/Lisbon'

/** A verified practitioner (their account is `teacher`) selling virtual and in-person services. */
export async function practice(ctx: TestContext, f: Factories, admin: Actor) {
  const teacher = await f.newCustomer('Ana')
  // Tokens are minted at the clock's time on every call: tests move the clock by days.
  const as = async (actor: Actor) => client(ctx, await tokenAt(ctx, actor))
  const applied = await (
    await as(teacher)
  ).post('/practitioners/apply', {
    display_name: 'Ana Yoga',
    locations: [{ city: 'Lisbon', is_virtual: true }],
    timezone: ZONE,
    currency: 'EUR',
  })
  expect(applied.status, JSON.stringify(applied.body)).toBe(201)
  const practitioner = applied.body as { id: string; venue_id: string }
  await (await as(admin)).post(`/practitioners/${practitioner.id}/verify`)
  await (await as(teacher)).post(`/practitioners/${practitioner.id}/schedule`, { hours: everyDay('07:00', '22:00') })

  async function newService(extra: Record<string, unknown>) {
    const res = await (
      await as(teacher)
    ).post('/services', {
      practitioner_id: practitioner.id,
      type: 'workshop',
      title: 'Flow',
      category: 'Yoga',
      price: { amount: 2000, currency: 'EUR' },
      duration_minutes: 60,
      is_virtual: true,
      ...extra,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body as { id: string }
  }

  async function schedule(serviceId: string, spans: [string, string][]) {
    const res = await (
      await as(teacher)
    ).post(`/services/${serviceId}/schedule`, { occurrences: spans.map(([start, end]) => ({ start: local(ZONE, start), end: local(ZONE, end) })) })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.occurrences as { id: string; start: string; end: string }[]
  }

  /** A booking by `who`, confirmed by the practitioner (pay at the door). */
  async function booked(who: Actor, item: Record<string, unknown>) {
    const made = await (await as(who)).post('/reservations', { venue_id: practitioner.venue_id, items: [item] })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const confirmed = await (await as(teacher)).post(`/reservations/${made.body.id}/confirm`, {})
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
    return made.body as { id: string; items: { start: string; end: string }[] }
  }

  return { teacher, practitioner, as, newService, schedule, booked }
}

/** Decodes and verifies a room token with LiveKit's own verifier and our secret. */
export const verifyRoomToken = (ctx: TestContext, token: string) => new TokenVerifier(ctx.config.livekit!.apiKey, ctx.config.livekit!.apiSecret).verify(token)

/** Signs a webhook body the way LiveKit does: a JWT of the API key whose `sha256` claim is the body's digest. */
export async function signAsLiveKit(body: string, key: string, secret: string): Promise<string> {
  const token = new AccessToken(key, secret)
  token.sha256 = createHash('sha256').update(body).digest('base64')
  return token.toJwt()
}

/** A LiveKit webhook event as LiveKit posts it (protobuf JSON), with a fresh event id. */
export function liveKitEvent(event: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { event, id: `EV_${randomBytes(6).toString('hex')}`, createdAt: String(Math.floor(Date.now() / 1000)), ...fields }
}

/** POSTs a webhook as LiveKit would: exact bytes, `application/webhook+json`, signed unless told otherwise. */
export async function deliverVideo(ctx: TestContext, event: Record<string, unknown>, opts: { secret?: string; authorization?: string | null } = {}) {
  const body = JSON.stringify(event)
  const lk = ctx.config.livekit!
  const authorization = opts.authorization === undefined ? await signAsLiveKit(body, lk.apiKey, opts.secret ?? lk.apiSecret) : opts.authorization
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/video/webhook',
    payload: body,
    headers: { 'content-type': 'application/webhook+json', ...(authorization === null ? {} : { authorization }) },
  })
  return { status: res.statusCode, body: JSON.parse(res.body) }
}

/**
 * The same signature as `signAsLiveKit`, made synchronously by hand (HS256 over the claims
 * LiveKit's server sets), for tables of cases whose headers are computed when sent.
 */
export function signAsLiveKitNow(body: string, key: string, secret: string): string {
  const now = Math.floor(Date.now() / 1000)
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const claims = { sha256: createHash('sha256').update(body).digest('base64'), iss: key, nbf: now, exp: now + 300 }
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}
