import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { client } from '../helpers/factories.js'

describe('health probes', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await buildTestApp({ rateLimit: { anonymous: 3, authenticated: 1000, staff: 1000, register: 1000, refresh: 1000, emailTokens: 1000 } })
  })
  afterAll(() => ctx.close())

  it('are never rate-limited: a load balancer probing from one address keeps getting 200', async () => {
    const anonymous = client(ctx)
    for (let i = 0; i < 10; i++) {
      expect((await anonymous.get('/health')).status).toBe(200)
      expect((await anonymous.get('/ping')).status).toBe(200)
    }
    // The same address is limited on any other route (the limit is 3 here), so the probes were really exempt.
    for (let i = 0; i < 3; i++) expect((await anonymous.get('/venues')).status).toBe(200)
    expect((await anonymous.get('/venues')).status).toBe(429)
    expect((await anonymous.get('/health')).status).toBe(200)
    expect((await anonymous.get('/ping')).headers['x-ratelimit-limit']).toBeUndefined()
  })
})
