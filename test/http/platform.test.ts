import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client, factories } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

/*
 * What every route gets from the platform rather than from its module: the OpenAPI document,
 * the docs page, security headers, request ids, CORS, rate limits, 404s and opaque 500s.
 */

let ctx: TestContext

beforeAll(async () => ({ ctx } = await scene({ at: '2027-01-04T12:00:00Z' })))
afterAll(() => ctx.close())

/** Every operation the API offers, as the SPEC and the route files name them. */
const OPERATIONS = [
  'GET /api/v1/health',
  'GET /api/v1/ping',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/token/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/password/reset/confirm',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/verify-email/resend',
  'GET /api/v1/auth/user',
  'PUT /api/v1/auth/user',
  'POST /api/v1/venues',
  'GET /api/v1/venues',
  'GET /api/v1/venues/mine',
  'GET /api/v1/venues/:id',
  'PATCH /api/v1/venues/:id',
  'PUT /api/v1/venues/:id/hours',
  'POST /api/v1/venues/:id/closures',
  'GET /api/v1/venues/:id/closures',
  'POST /api/v1/venues/:id/members',
  'GET /api/v1/venues/:id/members',
  'DELETE /api/v1/venues/:id/members/:user_id',
  'POST /api/v1/venues/:id/rooms',
  'GET /api/v1/venues/:id/rooms',
  'GET /api/v1/rooms/:id',
  'PATCH /api/v1/rooms/:id',
  'DELETE /api/v1/rooms/:id',
  'GET /api/v1/venues/:id/availability',
  'POST /api/v1/reservations',
  'GET /api/v1/reservations',
  'GET /api/v1/reservations/upcoming',
  'GET /api/v1/reservations/history',
  'GET /api/v1/reservations/:id',
  'POST /api/v1/reservations/:id/confirm',
  'POST /api/v1/reservations/:id/check-in',
  'POST /api/v1/reservations/:id/complete',
  'POST /api/v1/reservations/:id/no-show',
  'POST /api/v1/reservations/:id/cancel',
  'POST /api/v1/reservations/:id/reschedule',
  'POST /api/v1/reservations/:id/checkout',
  'POST /api/v1/reservations/:id/refund',
  'GET /api/v1/payments/history',
  'POST /api/v1/payments/webhook',
  'GET /api/v1/credits/balance',
  'GET /api/v1/credits/history',
  'POST /api/v1/credits/grants',
  'POST /api/v1/venues/:id/room-types',
  'GET /api/v1/venues/:id/room-types',
  'GET /api/v1/room-types/:id',
  'PATCH /api/v1/room-types/:id',
  'POST /api/v1/room-types/:id/rate-plans',
  'GET /api/v1/room-types/:id/rate-plans',
  'POST /api/v1/venues/:id/inventory/preload',
  'PATCH /api/v1/room-types/:id/inventory',
  'GET /api/v1/venues/:id/inventory',
  'GET /api/v1/stays/search',
  'GET /api/v1/venues/:id/arrivals',
  'GET /api/v1/venues/:id/departures',
  'GET /api/v1/venues/:id/reports/occupancy',
  'POST /api/v1/venues/:id/pricing-rules',
  'GET /api/v1/venues/:id/pricing-rules',
  'DELETE /api/v1/pricing-rules/:id',
  'POST /api/v1/quotes',
  'GET /api/v1/venues/:id/info',
  'PUT /api/v1/venues/:id/info',
  'POST /api/v1/venues/:id/menu',
  'GET /api/v1/venues/:id/menu',
  'PATCH /api/v1/menu-items/:id',
  'DELETE /api/v1/menu-items/:id',
  'POST /api/v1/venues/:id/waitlist',
  'GET /api/v1/venues/:id/waitlist',
  'GET /api/v1/waitlist/status/:token',
  'POST /api/v1/waitlist/:id/notify',
  'POST /api/v1/waitlist/:id/remove',
  'POST /api/v1/waitlist/:id/seat',
  'POST /api/v1/venues/:id/webhooks',
  'GET /api/v1/venues/:id/webhooks',
  'GET /api/v1/webhooks/:id',
  'PATCH /api/v1/webhooks/:id',
  'DELETE /api/v1/webhooks/:id',
  'POST /api/v1/webhooks/:id/rotate-secret',
  'GET /api/v1/webhooks/:id/deliveries',
  'POST /api/v1/webhook-deliveries/:id/retry',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/:id/read',
  'GET /api/v1/venues/:id/notifications',
  'POST /api/v1/calendar-feeds',
  'GET /api/v1/calendar-feeds',
  'DELETE /api/v1/calendar-feeds/:id',
  'GET /api/v1/calendar-feeds/:token.ics',
  // The WebSocket feeds (WEBSOCKETS below).
  'GET /api/v1/ws/reservations',
  'GET /api/v1/ws/inventory',
  'GET /api/v1/ws/notifications',
  'GET /api/v1/ws/chat/:conversation_id',
  'GET /api/v1/ws/booking-updates',
  'POST /api/v1/practitioners/apply',
  'GET /api/v1/practitioners',
  'GET /api/v1/practitioners/:id',
  'PUT /api/v1/practitioners/:id',
  'POST /api/v1/practitioners/:id/verify',
  'POST /api/v1/practitioners/:id/reject',
  'PUT /api/v1/practitioners/:id/featured',
  'POST /api/v1/practitioners/:id/schedule',
  'GET /api/v1/practitioners/:id/schedule',
  'GET /api/v1/practitioners/:id/availability',
  'GET /api/v1/practitioners/:id/services',
  'POST /api/v1/services',
  'GET /api/v1/services',
  'GET /api/v1/services/categories',
  'GET /api/v1/services/:id',
  'PUT /api/v1/services/:id',
  'DELETE /api/v1/services/:id',
  'POST /api/v1/services/:id/schedule',
  'GET /api/v1/services/:id/schedule',
  'GET /api/v1/occurrences/:id/participants',
  'PUT /api/v1/occurrences/:id/attendance',
  'POST /api/v1/reviews',
  'POST /api/v1/reviews/:id/reply',
  'POST /api/v1/reviews/:id/hide',
  'GET /api/v1/practitioners/:id/reviews',
  'POST /api/v1/practitioners/:id/packages',
  'GET /api/v1/practitioners/:id/packages',
  'POST /api/v1/practitioners/:id/bundles',
  'GET /api/v1/practitioners/:id/bundles',
  'POST /api/v1/packages/:id/purchase',
  'POST /api/v1/bundles/:id/purchase',
  'GET /api/v1/entitlements',
  'POST /api/v1/credits/purchase',
  'GET /api/v1/credits/purchases/:id',
  'POST /api/v1/practitioner/connect',
  'GET /api/v1/practitioner/earnings',
  'GET /api/v1/practitioner/earnings/summary',
  'GET /api/v1/practitioner/payouts',
  'POST /api/v1/practitioner/payouts/request',
  'GET /api/v1/practitioner/transactions',
  'PUT /api/v1/practitioners/:id/payouts-hold',
  'GET /api/v1/reservations/:id/payment-log',
  'GET /api/v1/reservations/:id/history',
  'GET /api/v1/venues/:id/analytics',
  'GET /api/v1/practitioner/analytics',
  'POST /api/v1/subscription-plans',
  'GET /api/v1/subscription-plans',
  'POST /api/v1/practitioner/subscription',
  'GET /api/v1/practitioner/subscription',
  'DELETE /api/v1/practitioner/subscription',
  'POST /api/v1/media',
  'GET /api/v1/media/:id',
  'DELETE /api/v1/media/:id',
  'POST /api/v1/streams',
  'GET /api/v1/streams',
  'GET /api/v1/streams/:id',
  'PUT /api/v1/streams/:id',
  'DELETE /api/v1/streams/:id',
  'PUT /api/v1/streams/:id/like',
  'DELETE /api/v1/streams/:id/like',
  'PUT /api/v1/streams/:id/save',
  'DELETE /api/v1/streams/:id/save',
  'GET /api/v1/streams/:id/comments',
  'POST /api/v1/streams/:id/comments',
  'DELETE /api/v1/streams/:id/comments/:comment_id',
  'POST /api/v1/conversations',
  'GET /api/v1/conversations',
  'GET /api/v1/conversations/:id',
  'GET /api/v1/conversations/:id/messages',
  'POST /api/v1/conversations/:id/messages',
  'POST /api/v1/conversations/:id/read',
  'GET /api/v1/reservations/:id/video',
  'POST /api/v1/reservations/:id/video/recording',
  'DELETE /api/v1/reservations/:id/video/recording',
  'GET /api/v1/reservations/:id/video/recording',
  'POST /api/v1/video/webhook',
].sort()

// The one answer that is not JSON: an iCalendar feed that calendar apps subscribe to.
const CALENDARS = ['GET /api/v1/calendar-feeds/:token.ics']
/** The one upload takes a multipart form, and the one download answers the file's own bytes: neither is JSON. */
const UPLOADS = ['POST /api/v1/media']
const DOWNLOADS = ['GET /api/v1/media/:id']
/** The WebSocket feeds: GETs whose handshake is answered 101 (or refused with the usual errors). */
const WEBSOCKETS = [
  'GET /api/v1/ws/reservations',
  'GET /api/v1/ws/inventory',
  'GET /api/v1/ws/notifications',
  'GET /api/v1/ws/chat/:conversation_id',
  'GET /api/v1/ws/booking-updates',
]

/** The routes Fastify itself has registered, read from its route tree (HEAD and OPTIONS left out). */
function registeredRoutes(): string[] {
  const out: string[] = []
  const stack: string[] = []
  for (const line of ctx.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]*)\))?$/.exec(line)
    if (!m) continue
    stack.length = m[1]!.length / 4
    stack.push(m[2]!)
    const path = stack.join('')
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${path}`)
    }
  }
  return out
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> }
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>
}

async function openapi() {
  const res = await client(ctx).get('/openapi.json')
  expect(res.status).toBe(200)
  return res.body as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } }
}

/** A schema, or the named one it refers to (`#/components/schemas/Name`). */
const dereference = (spec: Awaited<ReturnType<typeof openapi>>, schema: Record<string, unknown> | undefined) =>
  typeof schema?.$ref === 'string' ? spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema

const operationsOf = (spec: Awaited<ReturnType<typeof openapi>>) =>
  Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, method, op })),
  )

const jsonSchema = (part: { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined) => part?.content?.['application/json']?.schema

describe('OpenAPI', () => {
  it('is OpenAPI 3.1', async () => {
    const spec = await openapi()
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/)
  })

  it('lists exactly the routes Fastify has registered under /api/v1, and they are the ones the API offers', async () => {
    const known = registeredRoutes()
      .filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'))
      // The document does not describe itself.
      .filter((r) => r !== 'GET /api/v1/openapi.json')
      .sort()
    expect(known).toEqual(OPERATIONS)
    expect(
      operationsOf(await openapi())
        .map((o) => o.key)
        .sort(),
    ).toEqual(known)
  })

  it('gives every operation a 2xx response (101 for a WebSocket handshake) and a 4xx response in the error shape', async () => {
    const problems: string[] = []
    const spec = await openapi()
    for (const { key, op } of operationsOf(spec)) {
      // A WebSocket handshake succeeds with 101 Switching Protocols and nothing else: no body, no 2xx.
      if (WEBSOCKETS.includes(key)) {
        if (!op.responses['101']) problems.push(`${key}: no 101 response`)
        const other = Object.keys(op.responses).filter((s) => /^2(\d\d|XX)$/.test(s))
        if (other.length > 0) problems.push(`${key}: a handshake with a ${other.join(', ')} response`)
      } else {
        const success = Object.keys(op.responses).filter((s) => /^2(\d\d|XX)$/.test(s))
        if (success.length === 0) problems.push(`${key}: no 2xx response`)
        for (const s of success) {
          // 204 has no content by definition; a download describes its bytes by type; a calendar feed
          // answers iCalendar; every other success has a JSON schema.
          if (DOWNLOADS.includes(key)) {
            const types = Object.keys(op.responses[s]?.content ?? {})
            if (types.length === 0 || types.some((t) => op.responses[s]!.content![t]!.schema?.format !== 'binary'))
              problems.push(`${key}: ${s} has no binary schema`)
          } else if (CALENDARS.includes(key)) {
            if (!op.responses[s]?.content?.['text/calendar']?.schema) problems.push(`${key}: ${s} is not text/calendar`)
          } else if (s !== '204' && !jsonSchema(op.responses[s])) problems.push(`${key}: ${s} has no schema`)
        }
      }
      const errorKey = Object.keys(op.responses).find((s) => /^4(\d\d|XX)$/.test(s))
      const schema = errorKey ? dereference(spec, jsonSchema(op.responses[errorKey])) : undefined
      if (!schema) problems.push(`${key}: no 4xx error schema`)
      else if (!['error', 'code', 'detail'].every((f) => (schema.required as string[] | undefined)?.includes(f))) {
        problems.push(`${key}: 4xx schema is not {error, code, detail}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('gives every POST, PUT and PATCH a JSON request body schema', async () => {
    const problems: string[] = []
    for (const { key, method, op } of operationsOf(await openapi())) {
      if (!['post', 'put', 'patch'].includes(method)) continue
      const schema = UPLOADS.includes(key) ? op.requestBody?.content?.['multipart/form-data']?.schema : jsonSchema(op.requestBody)
      // A body of several shapes (a slot or a stay move) is a union of object schemas.
      const objects = (schema?.anyOf ?? [schema]) as ({ type?: string } | undefined)[]
      if (!schema || !objects.every((s) => s?.type === 'object')) problems.push(`${key}: no request body schema`)
    }
    expect(problems).toEqual([])
  })
})

describe('docs page', () => {
  it('answers /docs with an HTML page (following a redirect if there is one)', async () => {
    let url = '/docs'
    let res = await ctx.app.inject({ method: 'GET', url })
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 5; hops++) {
      url = new URL(String(res.headers.location), `http://localhost${url}`).pathname
      res = await ctx.app.inject({ method: 'GET', url })
    }
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toMatch(/<html/i)
    expect(res.body).toMatch(/swagger/i)
  })
})

describe('headers on every response', () => {
  const check = (headers: Record<string, unknown>) => {
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/)
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/)
    expect(headers['referrer-policy']).toBeTruthy()
    expect(headers['cross-origin-opener-policy']).toBeTruthy()
    expect(headers['x-powered-by']).toBeUndefined()
  }

  it('sets security headers on successes and errors alike', async () => {
    const customer = await factories(ctx).newCustomer()
    check((await client(ctx, customer.access).get('/auth/user')).headers)
    check((await client(ctx).get('/venues')).headers)
    check((await client(ctx).get('/nope')).headers)
    check((await client(ctx).post('/venues', { name: 'x' })).headers)
  })

  it("sets x-request-id: a fresh id per request, or the caller's own when it is sane", async () => {
    const a = await client(ctx).get('/venues')
    const b = await client(ctx).get('/nope')
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id'])
    const traced = await client(ctx).get('/venues', { 'x-request-id': 'trace-abc-123' })
    expect(traced.headers['x-request-id']).toBe('trace-abc-123')
    const tooLong = await client(ctx).get('/venues', { 'x-request-id': 'x'.repeat(200) })
    expect(tooLong.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/v1/nope'],
    ['POST', '/api/v1/venues/x/nothing'],
    ['DELETE', '/api/v1/venues'],
    ['GET', '/api/v2/venues'],
  ])('%s %s → 404 in the error shape', async (method, url) => {
    const res = await ctx.app.inject({ method: method as 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: expect.any(String), code: 'not_found', detail: null })
  })
})

describe('CORS', () => {
  let cors: TestContext
  beforeAll(async () => {
    cors = await buildTestApp({ corsOrigins: ['https://allowed.example'] })
  })
  afterAll(() => cors.close())

  const preflight = (app: TestContext, origin: string) =>
    app.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/reservations',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization,idempotency-key' },
    })

  it('answers a preflight from an allowed origin', async () => {
    const res = await preflight(cors, 'https://allowed.example')
    expect(res.statusCode).toBeLessThan(300)
    expect(res.headers['access-control-allow-origin']).toBe('https://allowed.example')
    expect(String(res.headers['access-control-allow-methods'])).toMatch(/POST/)
  })

  it('does not allow another origin, by preflight or by a simple request', async () => {
    const res = await preflight(cors, 'https://evil.example')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    const simple = await cors.app.inject({ method: 'GET', url: '/api/v1/venues', headers: { origin: 'https://evil.example' } })
    expect(simple.statusCode).toBe(200)
    expect(simple.headers['access-control-allow-origin']).toBeUndefined()
    const allowed = await cors.app.inject({ method: 'GET', url: '/api/v1/venues', headers: { origin: 'https://allowed.example' } })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://allowed.example')
  })

  it('allows every method the API uses in a preflight from an allowed origin', async () => {
    const methods = [...new Set(operationsOf(await openapi()).map((o) => o.method.toUpperCase()))]
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']))
    for (const method of methods) {
      const res = await cors.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/reservations',
        headers: { origin: 'https://allowed.example', 'access-control-request-method': method },
      })
      expect(res.statusCode).toBeLessThan(300)
      const allowed = String(res.headers['access-control-allow-methods'])
        .split(',')
        .map((m) => m.trim())
      expect(allowed, method).toContain(method)
    }
  })

  it('allows no cross-origin caller when no origins are configured', async () => {
    const res = await preflight(ctx, 'https://allowed.example')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('rate limits', () => {
  let limited: TestContext
  beforeAll(async () => {
    limited = await buildTestApp({ rateLimit: { anonymous: 3, authenticated: 1000, staff: 1000, register: 1000, refresh: 1000, emailTokens: 1000 } })
  })
  afterAll(() => limited.close())

  it('refuses the 4th anonymous request in the hour with 429 rate_limited, and not a signed-in caller', async () => {
    const anonymous = client(limited)
    for (let i = 0; i < 3; i++) expect((await anonymous.get('/venues')).status).toBe(200)
    const refused = await anonymous.get('/venues')
    expect(refused.status).toBe(429)
    expect(refused.body).toEqual({ error: expect.any(String), code: 'rate_limited', detail: expect.anything() })
    expect(refused.body.detail.retry_after_seconds).toBeGreaterThan(0)
    // A signed-in caller has a bucket (and a limit) of their own.
    const user = await factories(limited).newCustomer()
    expect((await client(limited, user.access).get('/venues')).status).toBe(200)
  })
})

describe('500s', () => {
  let broken: TestContext
  beforeAll(async () => {
    broken = await buildTestApp()
  })
  afterAll(() => broken.close())

  // Text that would give away the stack, the SQL or the driver.
  const INTERNALS = /venue_closures|relation|does not exist|select |stack|node_modules|\.ts:\d|pglite|pool|at [A-Za-z.]+ \(/i

  it('answers an unexpected database error with an opaque 500 carrying the request id', async () => {
    const v = await factories(broken).newVenue()
    await broken.database.raw.query('drop table venue_closures')
    const res = await broken.app.inject({ method: 'GET', url: `/api/v1/venues/${v.id}/closures` })
    expect(res.statusCode).toBe(500)
    const body = res.json()
    expect(body).toEqual({ error: expect.any(String), code: 'internal_error', detail: null, request_id: expect.any(String) })
    expect(body.request_id).toBe(res.headers['x-request-id'])
    expect(res.body).not.toMatch(INTERNALS)
  })

  it('answers with 5xx and no internals when the database is gone', async () => {
    await broken.database.close()
    // Already closed: the context's own cleanup must only drop the database.
    broken.database.close = async () => {}
    const res = await broken.app.inject({ method: 'GET', url: '/api/v1/venues' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ error: expect.any(String), code: 'database_unavailable', detail: null })
    expect(res.body).not.toMatch(INTERNALS)
    const health = await broken.app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(health.statusCode).toBe(503)
    expect(health.json()).toMatchObject({ code: 'database_unavailable', detail: null })
    expect(health.body).not.toMatch(INTERNALS)
  })
})

describe('optional bodies in the OpenAPI document', () => {
  it("marks the reservation actions' body as optional and keeps the marker out of the document", async () => {
    const doc = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json()
    for (const action of ['confirm', 'check-in', 'complete', 'no-show', 'cancel']) {
      const op = doc.paths[`/api/v1/reservations/{id}/${action}`].post
      expect(op.requestBody.required).toBe(false)
      expect(op['x-body-optional']).toBeUndefined()
    }
    expect(doc.paths['/api/v1/reservations/{id}/reschedule'].post.requestBody.required).toBe(true)
  })

  it('marks the bare POSTs of the waitlist, webhooks and notifications as taking an optional body', async () => {
    const doc = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json()
    const bare = [
      '/api/v1/waitlist/{id}/notify',
      '/api/v1/waitlist/{id}/remove',
      '/api/v1/waitlist/{id}/seat',
      '/api/v1/webhooks/{id}/rotate-secret',
      '/api/v1/webhook-deliveries/{id}/retry',
      '/api/v1/notifications/{id}/read',
    ]
    for (const path of bare) {
      const op = doc.paths[path].post
      expect(op.requestBody.required, path).toBe(false)
      expect(op['x-body-optional'], path).toBeUndefined()
    }
    // Joining the queue and subscribing a webhook need their fields.
    expect(doc.paths['/api/v1/venues/{id}/waitlist'].post.requestBody.required).toBe(true)
    expect(doc.paths['/api/v1/venues/{id}/webhooks'].post.requestBody.required).toBe(true)
  })
})
