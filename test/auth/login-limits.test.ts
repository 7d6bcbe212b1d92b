import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildTestApp, onPostgres, type TestContext } from '../helpers/context.js'
import { PASSWORD, unique } from '../helpers/factories.js'

/*
 * Sign-in guessing is limited per account and per address, in the database; honest use
 * (successful logins, refreshes, a few registrations) is not. Every app here runs the
 * default limits of a fresh configuration unless a test says otherwise.
 */

const NOW = '2027-01-04T12:00:00Z'
const defaults = loadConfig({ NODE_ENV: 'test' })
const WINDOW_SECONDS = defaults.loginFailures.windowMinutes * 60

interface Answer {
  status: number
  body: { code?: string; detail?: { retry_after_seconds?: number }; access?: string; refresh?: string } & Record<string, unknown>
  retryAfter: string | undefined
}

/** POSTs as a client at `address` (the app does not trust proxies, so this is the caller's IP). */
async function post(ctx: TestContext, url: string, body: object, address = '198.51.100.1'): Promise<Answer> {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body, remoteAddress: address })
  return { status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'] }
}

async function register(ctx: TestContext, address?: string) {
  const email = `${unique('limits')}@example.test`
  const res = await post(ctx, '/auth/register', { email, password: PASSWORD, name: 'Lim Its' }, address)
  expect(res.status).toBe(201)
  return { email, refresh: res.body.refresh as string }
}

const login = (ctx: TestContext, email: string, password: string, address?: string) => post(ctx, '/auth/login', { email, password }, address)

async function failuresOf(ctx: TestContext, scope: 'account' | 'address', key: string): Promise<number | undefined> {
  const { rows } = await ctx.database.raw.query<{ failures: number }>('select failures from login_failures where scope = $1 and key = $2', [scope, key])
  return rows[0]?.failures
}

/** An app with the default limits everywhere (buildTestApp lifts the request limits by default). */
async function appWith(overrides: Parameters<typeof buildTestApp>[0] = {}) {
  const ctx = await buildTestApp({ rateLimit: defaults.rateLimit, loginFailures: defaults.loginFailures, ...overrides })
  ctx.clock.set(NOW)
  return ctx
}

describe('failed logins per account', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await appWith()
  })
  beforeEach(() => ctx.clock.set(NOW))
  afterAll(() => ctx.close())

  it('locks the account after a burst of wrong passwords, says when to retry, and lets the right password in after the window', async () => {
    const { email } = await register(ctx)
    const allowance = defaults.loginFailures.perAccount
    for (let i = 0; i < allowance; i++) {
      // Each guess from an address of its own: the account's count alone must lock it.
      expect((await login(ctx, email, `wrong password ${i}`, `203.0.113.${i + 1}`)).status).toBe(401)
    }
    const locked = await login(ctx, email, 'wrong password again', '203.0.113.200')
    expect(locked.status).toBe(429)
    expect(locked.body.code).toBe('rate_limited')
    expect(locked.body.detail?.retry_after_seconds).toBe(WINDOW_SECONDS)
    expect(locked.retryAfter).toBe(String(WINDOW_SECONDS))
    // While locked even the right password is refused, without being checked.
    ctx.clock.advance(5 * 60_000)
    const right = await login(ctx, email, PASSWORD, '203.0.113.201')
    expect(right.status).toBe(429)
    expect(right.body.detail?.retry_after_seconds).toBe(WINDOW_SECONDS - 5 * 60)
    expect(right.retryAfter).toBe(String(WINDOW_SECONDS - 5 * 60))
    // The window started at the first failure; once it is over the right password works.
    ctx.clock.advance(10 * 60_000)
    const later = await login(ctx, email, PASSWORD, '203.0.113.201')
    expect(later.status).toBe(200)
    expect(later.body.access).toEqual(expect.any(String))
  })

  it('locks an unknown email exactly like a registered one, so the lock-out reveals nothing', async () => {
    const known = (await register(ctx)).email
    const unknown = `${unique('nobody')}@example.test`
    const answers = async (email: string) => {
      const out: Answer[] = []
      for (let i = 0; i <= defaults.loginFailures.perAccount; i++) out.push(await login(ctx, email, 'not the password', '192.0.2.77'))
      return out.map((a) => [a.status, a.body.code, a.body.detail])
    }
    const a = await answers(known)
    ctx.clock.set(NOW)
    const b = await answers(unknown)
    expect(a).toEqual(b)
    expect(a.at(-1)).toEqual([429, 'rate_limited', { retry_after_seconds: WINDOW_SECONDS }])
  })

  it('lets no more guesses through than the allowance when they arrive all at once', async () => {
    const { email } = await register(ctx)
    const burst = 30
    const answers = await Promise.all(Array.from({ length: burst }, (_, i) => login(ctx, email, `guess number ${i}`, `198.18.0.${i + 1}`)))
    const statuses = answers.map((a) => a.status)
    // Counted before the hash is checked: exactly the allowance reached the password check.
    expect(statuses.filter((s) => s === 401)).toHaveLength(defaults.loginFailures.perAccount)
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst - defaults.loginFailures.perAccount)
    expect(await failuresOf(ctx, 'account', email)).toBe(burst)
  })
})

describe('failed logins per address', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await appWith({ loginFailures: { perAccount: 100, perAddress: 5, windowMinutes: 15 } })
  })
  afterAll(() => ctx.close())

  it('locks an address that guesses across many accounts, and only that address', async () => {
    const victim = await register(ctx, '198.51.100.50')
    for (let i = 0; i < 5; i++) {
      expect((await login(ctx, `${unique('spray')}@example.test`, 'Summer2027!!', '192.0.2.10')).status).toBe(401)
    }
    const locked = await login(ctx, victim.email, 'Summer2027!!', '192.0.2.10')
    expect(locked.status).toBe(429)
    expect(locked.body.detail?.retry_after_seconds).toBe(15 * 60)
    expect(locked.retryAfter).toBe(String(15 * 60))
    // The right password from that address waits too; from the victim's own address it works.
    expect((await login(ctx, victim.email, PASSWORD, '192.0.2.10')).status).toBe(429)
    expect((await login(ctx, victim.email, PASSWORD, '198.51.100.50')).status).toBe(200)
    expect(await failuresOf(ctx, 'address', '192.0.2.10')).toBeGreaterThan(5)
  })
})

describe('honest use', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await appWith()
  })
  beforeEach(() => ctx.clock.set(NOW))
  afterAll(() => ctx.close())

  it('does not count successful logins: more of them than any allowance all succeed, and a typo among them costs one', async () => {
    const { email } = await register(ctx)
    const address = '198.51.100.7'
    const many = Math.max(defaults.loginFailures.perAccount, 30) + 10
    for (let i = 0; i < many; i++) expect((await login(ctx, email, PASSWORD, address)).status).toBe(200)
    expect(await failuresOf(ctx, 'account', email)).toBe(0)
    expect(await failuresOf(ctx, 'address', address)).toBe(0)
    expect((await login(ctx, email, 'a typo in it', address)).status).toBe(401)
    expect((await login(ctx, email, PASSWORD, address)).status).toBe(200)
    expect(await failuresOf(ctx, 'account', email)).toBe(1)
  })

  it('lets a session refresh many times in an hour', async () => {
    let { refresh } = await register(ctx, '198.51.100.8')
    for (let i = 0; i < 50; i++) {
      const res = await post(ctx, '/auth/token/refresh', { refresh }, '198.51.100.8')
      expect(res.status).toBe(200)
      refresh = res.body.refresh as string
    }
  })

  it('gives registration and refresh limits of their own, per address', async () => {
    const small = await appWith({ rateLimit: { ...defaults.rateLimit, register: 2, refresh: 2 } })
    try {
      const { refresh } = await register(small, '198.51.100.9')
      await register(small, '198.51.100.9')
      const third = await post(small, '/auth/register', { email: `${unique('third')}@example.test`, password: PASSWORD, name: 'Third' }, '198.51.100.9')
      expect(third.status).toBe(429)
      expect(third.body.code).toBe('rate_limited')
      expect(third.body.detail?.retry_after_seconds).toBeGreaterThan(0)
      expect(Number(third.retryAfter)).toBeGreaterThan(0)
      // Another address registers; the full register bucket does not touch login or refresh.
      await register(small, '198.51.100.10')
      const first = await post(small, '/auth/token/refresh', { refresh }, '198.51.100.9')
      expect(first.status).toBe(200)
      expect((await post(small, '/auth/token/refresh', { refresh: first.body.refresh }, '198.51.100.9')).status).toBe(200)
      expect((await post(small, '/auth/token/refresh', { refresh: 'x' }, '198.51.100.9')).status).toBe(429)
    } finally {
      await small.close()
    }
  })
})

describe('the operator and the purge', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await appWith()
  })
  beforeEach(() => ctx.clock.set(NOW))
  afterAll(() => ctx.close())

  it('set-password revokes every refresh token, clears the lock and takes the new password', async () => {
    const { email, refresh } = await register(ctx)
    const second = await login(ctx, email, PASSWORD)
    for (let i = 0; i <= defaults.loginFailures.perAccount; i++) await login(ctx, email, 'wrong password', `192.0.2.${100 + i}`)
    expect((await login(ctx, email, PASSWORD, '192.0.2.150')).status).toBe(429)

    await ctx.services.auth.setPassword(email.toUpperCase(), 'a brand new password')

    for (const token of [refresh, second.body.refresh]) {
      expect((await post(ctx, '/auth/token/refresh', { refresh: token })).body.code).toBe('invalid_token')
    }
    const { rows } = await ctx.database.raw.query<{ live: number }>(
      'select count(*)::int as live from refresh_tokens t join users u on u.id = t.user_id where lower(u.email) = $1 and t.revoked_at is null',
      [email],
    )
    expect(rows[0]!.live).toBe(0)
    expect(await failuresOf(ctx, 'account', email)).toBeUndefined()
    expect((await login(ctx, email, PASSWORD, '192.0.2.151')).status).toBe(401)
    expect((await login(ctx, email, 'a brand new password', '192.0.2.151')).status).toBe(200)
  })

  it('set-password refuses a short password and an unknown email, changing nothing', async () => {
    const { email } = await register(ctx)
    await expect(ctx.services.auth.setPassword(email, 'short')).rejects.toMatchObject({ code: 'validation_failed' })
    await expect(ctx.services.auth.setPassword(`${unique('ghost')}@example.test`, 'long enough password')).rejects.toMatchObject({ code: 'not_found' })
    expect((await login(ctx, email, PASSWORD, '192.0.2.160')).status).toBe(200)
  })

  it('purges only windows that have ended', async () => {
    await login(ctx, `${unique('old')}@example.test`, 'wrong password', '192.0.2.200')
    ctx.clock.advance(10 * 60_000)
    const fresh = `${unique('fresh')}@example.test`
    await login(ctx, fresh, 'wrong password', '192.0.2.201')
    ctx.clock.advance(6 * 60_000)
    const before = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from login_failures')
    const purged = await ctx.services.auth.limits.purgeLapsed(ctx.clock())
    expect(purged).toBeGreaterThan(0)
    const { rows } = await ctx.database.raw.query<{ window_started_at: Date }>('select window_started_at from login_failures')
    expect(rows.length).toBe(before.rows[0]!.n - purged)
    for (const row of rows) expect(new Date(row.window_started_at).getTime()).toBeGreaterThan(ctx.clock().getTime() - WINDOW_SECONDS * 1000)
    expect(await failuresOf(ctx, 'account', fresh)).toBe(1)
  })
})

describe.runIf(onPostgres())('many instances', () => {
  it('share one count: guesses spread over two servers on one database get one allowance', async () => {
    const a = await appWith()
    try {
      // A second app (another "instance") on the same database.
      const { buildApp, buildServices } = await import('../../src/app.js')
      const deps = { ...a.deps }
      const b = await buildApp(deps, buildServices(deps))
      try {
        const { email } = await register(a)
        const allowance = defaults.loginFailures.perAccount
        const answers = await Promise.all(
          Array.from({ length: allowance * 2 }, (_, i) =>
            (i % 2 ? b : a.app)
              .inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: `guess ${i}` }, remoteAddress: `198.18.1.${i + 1}` })
              .then((r) => r.statusCode),
          ),
        )
        expect(answers.filter((s) => s === 401)).toHaveLength(allowance)
        expect(answers.filter((s) => s === 429)).toHaveLength(allowance)
      } finally {
        await b.close()
      }
    } finally {
      await a.close()
    }
  })
})
