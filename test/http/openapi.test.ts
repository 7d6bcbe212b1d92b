import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedSchemas } from '../../src/http/schemas.js'
import type { TestContext } from '../helpers/context.js'
import { scene } from '../helpers/scene.js'

/*
 * The API document as generated clients and readers get it: every operation named, described
 * and with its schemas; shared shapes named once and referenced; public operations without a
 * padlock; and every route Fastify serves described.
 */

type Schema = Record<string, unknown>
interface Operation {
  operationId?: string
  summary?: string
  tags?: string[]
  security?: Array<Record<string, string[]>>
  parameters?: Array<{ in: string; name: string; schema?: Schema }>
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
}
interface Document {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
  security?: unknown[]
}

let ctx: TestContext, doc: Document
/** Every route Fastify serves, as METHOD /path/:param, collected while the app was built. */
let served: string[]

beforeAll(async () => {
  ;({ ctx } = await scene())
  doc = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json()
  served = routeTable(ctx.app.printRoutes({ commonPrefix: false }))
})
afterAll(() => ctx.close())

/** Operations as `METHOD /path/:param`, the form Fastify's route table uses. */
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, method, path, op })),
  )

/** The public operations the brief and the SPEC name (security: [] or the optional form). */
const PUBLIC = [
  'GET /api/v1/health',
  'GET /api/v1/ping',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/token/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/password/reset/confirm',
  'POST /api/v1/auth/verify-email',
  'GET /api/v1/venues',
  'GET /api/v1/venues/:id',
  'GET /api/v1/venues/:id/availability',
  'GET /api/v1/venues/:id/closures',
  'GET /api/v1/venues/:id/info',
  'GET /api/v1/venues/:id/menu',
  'GET /api/v1/venues/:id/rooms',
  'GET /api/v1/rooms/:id',
  'GET /api/v1/venues/:id/room-types',
  'GET /api/v1/room-types/:id',
  'GET /api/v1/room-types/:id/rate-plans',
  'GET /api/v1/stays/search',
  'POST /api/v1/quotes',
  'POST /api/v1/payments/webhook',
  'POST /api/v1/video/webhook',
  'POST /api/v1/venues/:id/waitlist',
  'GET /api/v1/waitlist/status/:token',
  'GET /api/v1/ws/reservations',
  'GET /api/v1/ws/inventory',
  'GET /api/v1/ws/notifications',
  'GET /api/v1/ws/chat/:conversation_id',
  'GET /api/v1/ws/booking-updates',
  'GET /api/v1/practitioners',
  'GET /api/v1/practitioners/:id',
  'GET /api/v1/practitioners/:id/schedule',
  'GET /api/v1/practitioners/:id/availability',
  'GET /api/v1/practitioners/:id/services',
  'GET /api/v1/services',
  'GET /api/v1/services/categories',
  'GET /api/v1/services/:id',
  'GET /api/v1/services/:id/schedule',
  'GET /api/v1/practitioners/:id/reviews',
  'GET /api/v1/practitioners/:id/packages',
  'GET /api/v1/practitioners/:id/bundles',
  'GET /api/v1/subscription-plans',
  // A calendar app subscribes with no account: the feed's unguessable token is the credential.
  'GET /api/v1/calendar-feeds/:token.ics',
  'GET /api/v1/streams',
  'GET /api/v1/streams/:id',
  'GET /api/v1/streams/:id/comments',
  'GET /api/v1/media/:id',
].sort()

/** The upload's body is a multipart form; the download answers the file's bytes in its own type. */
const MULTIPART = ['POST /api/v1/media']
const BINARY = ['GET /api/v1/media/:id']

describe('every operation', () => {
  it('has a summary, tags and a unique verb-first camelCase operationId', () => {
    const problems: string[] = []
    const ids = new Map<string, string>()
    for (const { key, op } of operations()) {
      if (!op.summary?.trim()) problems.push(`${key}: no summary`)
      if (!op.tags?.length) problems.push(`${key}: no tags`)
      const id = op.operationId
      if (!id) problems.push(`${key}: no operationId`)
      else {
        if (!/^[a-z]+[A-Za-z0-9]*$/.test(id)) problems.push(`${key}: operationId ${id} is not camelCase`)
        if (ids.has(id)) problems.push(`${key}: operationId ${id} is also ${ids.get(id)}`)
        ids.set(id, key)
      }
    }
    expect(problems).toEqual([])
    expect(ids.size).toBe(operations().length)
  })

  it('declares its request and response schemas', () => {
    const problems: string[] = []
    for (const { key, method, path, op } of operations()) {
      const responses = Object.entries(op.responses)
      if (!responses.some(([status]) => /^(2\d\d|101)$/.test(status))) problems.push(`${key}: no success response`)
      for (const [status, response] of responses) {
        // 204 and the WebSocket's 101 have no body; a download's success is its bytes; a calendar
        // feed answers iCalendar, which calendar apps subscribe to; everything else says what it answers.
        const binary = BINARY.includes(key) && status.startsWith('2')
        const type = key === 'GET /api/v1/calendar-feeds/:token.ics' && /^2/.test(status) ? 'text/calendar' : 'application/json'
        const described = binary ? Object.values(response.content ?? {}).some((c) => c.schema?.format === 'binary') : !!response.content?.[type]?.schema
        if (status !== '204' && status !== '101' && !described) problems.push(`${key}: ${status} has no schema`)
      }
      const bodyType = MULTIPART.includes(key) ? 'multipart/form-data' : 'application/json'
      if (['post', 'put', 'patch'].includes(method) && !op.requestBody?.content?.[bodyType]?.schema) problems.push(`${key}: no body schema`)
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === name && p.schema)) problems.push(`${key}: path parameter ${name} undeclared`)
      }
    }
    expect(problems).toEqual([])
  })

  it('shows no padlock on the public operations, and the global bearer on every other', () => {
    expect(doc.security).toEqual([{ bearer: [] }])
    const open = operations()
      .filter(({ op }) => op.security !== undefined && (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0)))
      .map((o) => o.key)
      .sort()
    expect(open).toEqual(PUBLIC)
    // Nothing else overrides the global requirement with another one.
    expect(operations().filter(({ op, key }) => op.security !== undefined && !PUBLIC.includes(key))).toEqual([])
  })
})

describe('shared shapes', () => {
  it('are named components: Money, Error, the resources and their pages', () => {
    const names = Object.keys(doc.components.schemas)
    for (const name of ['Money', 'MoneyInput', 'Error', 'Reservation', 'ReservationItem', 'ReservationPage', 'Venue', 'VenuePage', 'Room', 'Payment', 'User']) {
      expect(names).toContain(name)
    }
    // Everything the app registered is in the document, under its own name.
    expect(names).toEqual(expect.arrayContaining(sharedSchemas().map((s) => s.$id)))
    expect(names.filter((n) => /^def-\d+$/.test(n))).toEqual([])
  })

  it('are referenced, never copied inline into an operation', () => {
    const components = Object.entries(doc.components.schemas).map(([name, schema]) => ({ name, text: canonical(schema) }))
    const problems: string[] = []
    for (const { key, op } of operations()) {
      walk(op, (node, where) => {
        const text = canonical(node)
        for (const c of components) if (text === c.text) problems.push(`${key} ${where}: an inline copy of ${c.name}`)
      })
    }
    expect(problems).toEqual([])
    // The error shape in particular is one reference, on every operation.
    for (const { key, op } of operations())
      expect(op.responses['4XX']?.content?.['application/json']?.schema, key).toEqual({ $ref: '#/components/schemas/Error' })
  })

  it('resolves every reference', () => {
    const missing: string[] = []
    walk(doc, (node) => {
      const ref = node.$ref
      if (typeof ref === 'string' && !doc.components.schemas[ref.replace('#/components/schemas/', '')]) missing.push(ref)
    })
    expect(missing).toEqual([])
  })
})

describe('the routes Fastify serves', () => {
  it('are all in the document, the WebSocket feeds included', () => {
    const api = served.filter((r) => r.split(' ')[1]!.startsWith('/api/v1/') && r !== 'GET /api/v1/openapi.json').sort()
    expect(api).toContain('GET /api/v1/ws/reservations')
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(api)
  })

  it('cannot be confused: no request matches two operations', () => {
    // What Redocly's no-ambiguous-paths is for (redocly.yaml says why it is off): two routes of
    // the same method whose every segment is equal, or a parameter that could take the other's
    // value. A UUID parameter cannot take a literal segment such as `status`.
    const problems: string[] = []
    const ops = operations()
    const takes = (param: Schema | undefined, literal: string) => param?.format !== 'uuid' || /^[0-9a-f-]{36}$/i.test(literal)
    for (const [i, a] of ops.entries()) {
      for (const b of ops.slice(i + 1)) {
        if (a.method !== b.method) continue
        const sa = a.path.split('/')
        const sb = b.path.split('/')
        if (sa.length !== sb.length) continue
        const segmentsMeet = sa.every((x, k) => {
          const y = sb[k]!
          const px = /^\{(\w+)\}$/.exec(x)?.[1]
          const py = /^\{(\w+)\}$/.exec(y)?.[1]
          if (px && py) return true
          if (px) return takes(a.op.parameters?.find((p) => p.in === 'path' && p.name === px)?.schema, y)
          if (py) return takes(b.op.parameters?.find((p) => p.in === 'path' && p.name === py)?.schema, x)
          return x === y
        })
        if (segmentsMeet) problems.push(`${a.key} and ${b.key}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('the docs pages', () => {
  it('serve ReDoc from this server, with no inline script', async () => {
    const page = await ctx.app.inject({ url: '/redoc' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('<redoc spec-url="/api/v1/openapi.json">')
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.map((s) => s[2]!.trim())).toEqual([''])
    const src = /src="([^"]+)"/.exec(scripts[0]![1]!)![1]!
    expect(src).toMatch(/^\/[^/]/)
    const bundle = await ctx.app.inject({ url: src })
    expect(bundle.statusCode).toBe(200)
    expect(bundle.headers['content-type']).toMatch(/javascript/)
    expect(bundle.body).toContain('Redoc')
  })
})

/** Parses `printRoutes({ commonPrefix: false })` into `METHOD /path` lines (HEAD and OPTIONS left out). */
function routeTable(printed: string): string[] {
  const out: string[] = []
  const stack: string[] = []
  for (const line of printed.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]*)\))?$/.exec(line)
    if (!m) continue
    stack.length = m[1]!.length / 4
    stack.push(m[2]!)
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${stack.join('')}`)
    }
  }
  return out
}

/** Calls `visit` on every object below `node` (not `node` itself), with where it is. */
function walk(node: unknown, visit: (node: Schema, where: string) => void, where = ''): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, visit, `${where}/${i}`))
  else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      if (child && typeof child === 'object' && !Array.isArray(child)) visit(child as Schema, `${where}/${key}`)
      walk(child, visit, `${where}/${key}`)
    }
  }
}

/** A schema as text with its keys sorted, so that two copies compare equal whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
