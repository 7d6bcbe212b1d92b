import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { scene } from '../helpers/scene.js'

/*
 * Who may call a route is decided before its input is looked at: an anonymous caller of a
 * protected route gets 401 whatever it sent, and a bad token 401 invalid_token. The routes and
 * whether each is protected come from the API document, so the padlock it shows is what the
 * API does.
 */

interface Operation {
  security?: Array<Record<string, string[]>>
}

let ctx: TestContext, venue: Venue, customer: Actor
/** A refresh token: it must not pass as an access token. */
let refresh: string
let operations: Array<{ method: string; path: string; access: 'public' | 'optional' | 'signed-in' }>

beforeAll(async () => {
  ;({ ctx, venue, customer } = await scene({ venue: {}, customers: { customer: 'Test User' } }))
  const registered = await client(ctx).post('/auth/register', { email: 'auth-first@example.com', password: 'correct horse battery', name: 'Ana' })
  expect(registered.status).toBe(201)
  refresh = registered.body.refresh
  const doc = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>()
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: !op.security
        ? 'signed-in'
        : op.security.length === 0
          ? 'public'
          : op.security.some((s) => Object.keys(s).length === 0)
            ? 'optional'
            : 'signed-in',
    })),
  )
})
afterAll(() => ctx.close())

/** The path with every parameter replaced by something no route accepts. */
const badPath = (path: string) => path.replace(/\{\w+\}/g, 'not-an-id')
const protectedOps = () => operations.filter((o) => o.access === 'signed-in')

/** The ways of sending bad input: a body of the wrong shape, a body that is not JSON, a bad query. */
const badRequests = (method: string, path: string) =>
  [
    { name: 'a body of the wrong shape', payload: '{"unexpected": [1, 2, 3], "party_size": "many"}', type: 'application/json' },
    { name: 'a body that is not JSON', payload: '{"oops": ', type: 'application/json' },
    { name: 'a body that is not JSON at all', payload: 'hello', type: 'text/plain' },
    { name: 'a bad query and bad params', payload: undefined, type: undefined, url: `${badPath(path)}?page=0&page_size=9999&date=yesterday` },
  ].map((r) => ({ ...r, method, url: r.url ?? badPath(path) }))

describe('protected routes', () => {
  it('are most of the API (the document says which)', () => {
    expect(protectedOps().length).toBeGreaterThan(50)
    expect(protectedOps()).toContainEqual({ method: 'POST', path: '/api/v1/reservations', access: 'signed-in' })
    expect(protectedOps()).toContainEqual({ method: 'POST', path: '/api/v1/venues/{id}/menu', access: 'signed-in' })
  })

  it('answer an anonymous caller 401 unauthenticated, whatever input it sent', async () => {
    const problems: string[] = []
    for (const { method, path } of protectedOps()) {
      for (const r of badRequests(method, path)) {
        const res = await ctx.app.inject({
          method: method as 'GET',
          url: r.url,
          ...(r.payload !== undefined && method !== 'GET' && method !== 'DELETE' ? { payload: r.payload, headers: { 'content-type': r.type } } : {}),
        })
        const body = res.json<{ code?: string; error?: string; detail?: unknown }>()
        if (res.statusCode !== 401 || body.code !== 'unauthenticated' || typeof body.error !== 'string' || !('detail' in body)) {
          problems.push(`${method} ${path} with ${r.name}: ${res.statusCode} ${res.body.slice(0, 120)}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('answer a bad or refresh token 401 invalid_token, whatever input it sent', async () => {
    const problems: string[] = []
    for (const token of ['not-a-token', refresh]) {
      for (const { method, path } of protectedOps()) {
        const res = await ctx.app.inject({
          method: method as 'GET',
          url: badPath(path),
          headers: { authorization: `Bearer ${token}`, ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{"oops": ' }),
        })
        if (res.statusCode !== 401 || res.json<{ code: string }>().code !== 'invalid_token')
          problems.push(`${method} ${path}: ${res.statusCode} ${res.body.slice(0, 120)}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('still validate input once the caller is known', async () => {
    const c = client(ctx, customer.access)
    const made = await c.post('/reservations', { venue_id: 'nope', items: [] })
    expect(made.status).toBe(400)
    expect(made.body.code).toBe('validation_failed')
    expect((await c.get('/reservations?page=0')).status).toBe(400)
  })
})

describe('public routes', () => {
  it('work anonymously, and ignore a token they do not use', async () => {
    const tomorrow = new Date(ctx.clock().getTime() + 24 * 3600_000).toISOString().slice(0, 10)
    for (const token of [undefined, 'not-a-token']) {
      const c = client(ctx, token)
      expect((await c.get('/venues')).status).toBe(200)
      expect((await c.get(`/venues/${venue.id}`)).status).toBe(200)
      expect((await c.get(`/venues/${venue.id}/rooms`)).status).toBe(200)
      expect((await c.get(`/venues/${venue.id}/availability?date=${tomorrow}`)).status).toBe(200)
      expect((await c.get(`/venues/${venue.id}/info`)).status).toBe(200)
      expect((await c.get('/health')).status).toBe(200)
    }
  })

  it('validate input first: there is no caller to check', async () => {
    const res = await client(ctx).get('/venues/not-an-id')
    expect(res.status).toBe(400)
    const login = await client(ctx).post('/auth/login', { email: 'x' })
    expect(login.status).toBe(400)
  })

  it('refuse a bad token where a token identifies the caller (joining a waitlist)', async () => {
    const join = { name: 'Ana Lopez', phone: '+13035550100', party_size: 2 }
    expect((await client(ctx).post(`/venues/${venue.id}/waitlist`, join)).status).toBe(201)
    expect((await client(ctx, customer.access).post(`/venues/${venue.id}/waitlist`, join)).status).toBe(201)
    const bad = await client(ctx, 'not-a-token').post(`/venues/${venue.id}/waitlist`, { name: '' })
    expect([bad.status, bad.body.code]).toEqual([401, 'invalid_token'])
  })
})
