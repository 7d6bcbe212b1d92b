import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { PASSWORD, client, everyDay, factories, slot, unique } from '../helpers/factories.js'

/** Answers with tokens or personal data must never be kept by a browser, proxy or CDN cache. */
describe('Cache-Control', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  it('is no-store on auth answers (they carry tokens)', async () => {
    const email = `${unique('cache')}@example.test`
    const registered = await client(ctx).post('/auth/register', { email, password: PASSWORD, name: 'Ada' })
    expect(registered.status).toBe(201)
    expect(registered.headers['cache-control']).toBe('no-store')
    const login = await client(ctx).post('/auth/login', { email, password: PASSWORD })
    expect(login.status).toBe(200)
    expect(login.headers['cache-control']).toBe('no-store')
    const refreshed = await client(ctx).post('/auth/token/refresh', { refresh: login.body.refresh })
    expect(refreshed.status).toBe(200)
    expect(refreshed.headers['cache-control']).toBe('no-store')
    const me = await client(ctx, login.body.access).get('/auth/user')
    expect(me.status).toBe(200)
    expect(me.headers['cache-control']).toBe('no-store')
  })

  it('is no-store on a reservation read (a guest’s booking)', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: 'UTC', hours: everyDay('00:00', '00:00') })
    const room = await f.newRoom(venue)
    const customer = await f.newCustomer()
    const start = DateTime.utc().plus({ days: 5 }).startOf('day').plus({ hours: 10 })
    const made = await client(ctx, customer.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, start.toISO(), start.plus({ hours: 1 }).toISO())],
    })
    expect(made.status).toBe(201)
    const read = await client(ctx, customer.access).get(`/reservations/${made.body.id}`)
    expect(read.status).toBe(200)
    expect(read.headers['cache-control']).toBe('no-store')
  })

  it('is no-store on errors: refusals, validation failures and unknown routes', async () => {
    const unauthenticated = await client(ctx).get('/auth/user')
    expect(unauthenticated.status).toBe(401)
    expect(unauthenticated.headers['cache-control']).toBe('no-store')
    const invalid = await client(ctx).post('/auth/login', { email: 'nope' })
    expect(invalid.status).toBe(400)
    expect(invalid.headers['cache-control']).toBe('no-store')
    const missing = await client(ctx).get('/no/such/route')
    expect(missing.status).toBe(404)
    expect(missing.headers['cache-control']).toBe('no-store')
  })

  it('lets a route that holds nothing private opt into caching: the OpenAPI document', async () => {
    const res = await client(ctx).get('/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=300')
  })
})
