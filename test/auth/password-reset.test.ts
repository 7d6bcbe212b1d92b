import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { refreshTokens, userTokens, users } from '../../src/modules/auth/schema.js'
import type { DevChannel } from '../../src/modules/notifications/dev-channel.js'
import { accountEmails, signUp, tablesContaining, tokenFromEmail } from '../helpers/accounts.js'
import { buildTestApp, type TestContext } from '../helpers/context.js'
import { PASSWORD, client } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

/*
 * POST /auth/password/reset and its confirm, through HTTP: the link arrives in the queued
 * email, works once, within the hour, for its own account only, and ends every session.
 */

const NOW = '2027-01-04T12:00:00Z'
const NEW_PASSWORD = 'a brand new passphrase'
let ctx: TestContext

beforeAll(async () => ({ ctx } = await scene({ at: NOW })))
beforeEach(() => ctx.clock.set(NOW))
afterAll(() => ctx.close())

const anon = () => client(ctx)
const requestReset = (email: string) => anon().post('/auth/password/reset', { email })
const confirm = (token: string, password = NEW_PASSWORD) => anon().post('/auth/password/reset/confirm', { token, password })
const login = (email: string, password: string) => anon().post('/auth/login', { email, password })
const passwordHashOf = async (id: string) => (await ctx.deps.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]!.h

/** A registered account that has asked for a reset; answers it and the token from its email. */
async function withResetLink() {
  const account = await signUp(ctx)
  expect((await requestReset(account.email)).status).toBe(202)
  return { ...account, token: await tokenFromEmail(ctx, account.email, 'password_reset') }
}

describe('asking for a reset', () => {
  it('answers an unknown address exactly as a known one: same status, same bytes', async () => {
    const { email } = await signUp(ctx)
    const raw = (address: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { email: address } })
    const known = await raw(email)
    const unknown = await raw('nobody-here@example.test')
    expect(known.statusCode).toBe(202)
    expect(unknown.statusCode).toBe(known.statusCode)
    expect(unknown.body).toBe(known.body)
    expect(unknown.headers['content-type']).toBe(known.headers['content-type'])
    expect(unknown.headers['content-length']).toBe(known.headers['content-length'])
    // Only the real account got a link.
    expect(await accountEmails(ctx, email, 'password_reset')).toHaveLength(1)
    expect(await accountEmails(ctx, 'nobody-here@example.test', 'password_reset')).toEqual([])
  })

  it('queues one email with a single-use link to PUBLIC_URL/reset, and stores only the hash of its token', async () => {
    const { email, id, token } = await withResetLink()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const [message] = await accountEmails(ctx, email, 'password_reset')
    expect(message).toMatchObject({ channel: 'email', status: 'pending', userId: id, venueId: null, subject: 'Reset your Reservoir password' })
    expect(message!.body).toContain(`${ctx.config.publicUrl}/reset?token=${token}`)
    const rows = await ctx.deps.db.select().from(userTokens).where(eq(userTokens.userId, id))
    const reset = rows.filter((r) => r.purpose === 'password_reset')
    expect(reset).toHaveLength(1)
    expect(reset[0]).toMatchObject({
      email,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      usedAt: null,
      expiresAt: new Date(new Date(NOW).getTime() + 3600_000),
    })
    // The raw token is in the queued email alone, and once the email has gone out, nowhere.
    expect(await tablesContaining(ctx, token)).toEqual(['notifications'])
    await ctx.services.notifications.sendDue()
    // The registration's verification email went out in the same round: the reset one is the one with /reset.
    const sent = (ctx.services.notifications.channels.email as DevChannel).outbox.find((m) => m.recipient === email && m.body.includes('/reset?'))
    expect(sent?.body).toContain(`/reset?token=${token}`)
    expect(await tablesContaining(ctx, token)).toEqual([])
    const [after] = await accountEmails(ctx, email, 'password_reset')
    expect(after).toMatchObject({ status: 'sent' })
    expect(after!.body).toContain('/reset?token=[removed]')
    // The link still works: it was the log that forgot it, not the account.
    expect((await confirm(token)).status).toBe(200)
  })

  it('sends an account at most three links an hour, answering the same 202 past that', async () => {
    const { email } = await signUp(ctx)
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await requestReset(email))
    expect(new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).size).toBe(1)
    expect(answers[0]!.status).toBe(202)
    expect(await accountEmails(ctx, email, 'password_reset')).toHaveLength(3)
    ctx.clock.advance(3600_000 + 1000)
    expect((await requestReset(email)).status).toBe(202)
    expect(await accountEmails(ctx, email, 'password_reset')).toHaveLength(4)
  })

  it('finds the account whatever the case of the address', async () => {
    const { email } = await signUp(ctx)
    expect((await requestReset(email.toUpperCase())).status).toBe(202)
    expect(await accountEmails(ctx, email, 'password_reset')).toHaveLength(1)
  })
})

describe('confirming a reset', () => {
  it('sets the new password, refuses the old one, and ends every session (refresh_tokens.revoked_at)', async () => {
    const { email, id, refresh, token } = await withResetLink()
    const other = await login(email, PASSWORD)
    expect(other.status).toBe(200)
    const earlier = (await ctx.deps.db.select().from(refreshTokens).where(eq(refreshTokens.userId, id))).map((t) => t.id)
    expect(earlier).toHaveLength(2)
    const res = await confirm(token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ message: expect.any(String) })
    expect((await login(email, PASSWORD)).body.code).toBe('invalid_credentials')
    const fresh = await login(email, NEW_PASSWORD)
    expect(fresh.status).toBe(200)
    // Both earlier logins are over, in the API and in SQL.
    for (const old of [refresh, other.body.refresh as string]) {
      const refused = await anon().post('/auth/token/refresh', { refresh: old })
      expect(refused.status).toBe(401)
      expect(refused.body.code).toBe('invalid_token')
    }
    const tokens = await ctx.deps.db.select().from(refreshTokens).where(eq(refreshTokens.userId, id))
    for (const t of tokens.filter((t) => earlier.includes(t.id))) expect(t.revokedAt).toEqual(new Date(NOW))
    // The session the new login opened is the only live one.
    expect(tokens.filter((t) => t.revokedAt === null).map((t) => t.id)).toEqual(tokens.filter((t) => !earlier.includes(t.id)).map((t) => t.id))
    // The link went to the address, which proves it.
    expect((await client(ctx, fresh.body.access).get('/auth/user')).body.email_verified).toBe(true)
  })

  it('works once: a second confirm with the same token is refused and changes nothing', async () => {
    const { id, token } = await withResetLink()
    expect((await confirm(token)).status).toBe(200)
    const hash = await passwordHashOf(id)
    const again = await confirm(token, 'yet another passphrase')
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ code: 'invalid_reset_token', error: expect.any(String), detail: null })
    expect(await passwordHashOf(id)).toBe(hash)
  })

  it('expires after an hour', async () => {
    const { email, id, token } = await withResetLink()
    const hash = await passwordHashOf(id)
    ctx.clock.advance(3600_000)
    const late = await confirm(token)
    expect(late.status).toBe(400)
    expect(late.body.code).toBe('invalid_reset_token')
    expect(await passwordHashOf(id)).toBe(hash)
    expect((await login(email, PASSWORD)).status).toBe(200)
  })

  it('resets only the account the token was sent to', async () => {
    const alice = await withResetLink()
    const bob = await withResetLink()
    const bobsHash = await passwordHashOf(bob.id)
    expect((await confirm(alice.token, 'alice picks this one')).status).toBe(200)
    expect(await passwordHashOf(bob.id)).toBe(bobsHash)
    expect((await login(bob.email, 'alice picks this one')).status).toBe(401)
    expect((await login(alice.email, 'alice picks this one')).status).toBe(200)
    // Bob's own link still works, for Bob.
    expect((await confirm(bob.token, 'bob picks this one')).status).toBe(200)
    expect((await login(bob.email, 'bob picks this one')).status).toBe(200)
    expect((await login(alice.email, 'alice picks this one')).status).toBe(200)
  })

  it('refuses a made-up token, a verification token, and a token that is not base64url', async () => {
    const { email } = await signUp(ctx)
    const verification = await tokenFromEmail(ctx, email, 'email_verification')
    for (const token of ['A'.repeat(43), verification, 'not a token at all!']) {
      const res = await confirm(token)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('invalid_reset_token')
    }
    expect((await login(email, PASSWORD)).status).toBe(200)
  })

  it("refuses a password outside registration's rule and leaves the token unused", async () => {
    const { token } = await withResetLink()
    const short = await confirm(token, 'short')
    expect(short.status).toBe(400)
    expect(short.body.code).toBe('validation_failed')
    expect((await confirm(token)).status).toBe(200)
  })

  it('drops the other reset links of the account once one is used', async () => {
    const { email, token: first } = await withResetLink()
    // A second later, so "the newest email" is this one.
    ctx.clock.advance(1000)
    expect((await requestReset(email)).status).toBe(202)
    const second = await tokenFromEmail(ctx, email, 'password_reset')
    expect(second).not.toBe(first)
    expect((await confirm(second)).status).toBe(200)
    expect((await confirm(first, 'an older link tries')).body.code).toBe('invalid_reset_token')
  })

  it("clears the account's failed sign-ins: a locked account signs in with its new password at once", async () => {
    const { email, token } = await withResetLink()
    for (let i = 0; i < ctx.config.loginFailures.perAccount; i++) expect((await login(email, `wrong guess ${i}`)).status).toBe(401)
    expect((await login(email, PASSWORD)).status).toBe(429)
    expect((await confirm(token)).status).toBe(200)
    expect((await login(email, NEW_PASSWORD)).status).toBe(200)
  })
})

describe('concurrent confirms of one token', () => {
  it('let exactly one through: one 200, one used token, the password changed once', async () => {
    const { email, id, token } = await withResetLink()
    const passwords = Array.from({ length: 10 }, (_, i) => `concurrent password ${i}`)
    const answers = await Promise.all(passwords.map((p) => confirm(token, p)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(400)])
    expect(answers.filter((a) => a.status === 400).every((a) => a.body.code === 'invalid_reset_token')).toBe(true)
    const used = await ctx.deps.db.select().from(userTokens).where(eq(userTokens.userId, id))
    expect(used.filter((t) => t.purpose === 'password_reset' && t.usedAt !== null)).toHaveLength(1)
    const winner = passwords[answers.findIndex((a) => a.status === 200)]!
    for (const p of passwords) expect((await login(email, p)).status, p).toBe(p === winner ? 200 : 401)
  })
})

describe('the per-address limit', () => {
  let limited: TestContext
  beforeAll(async () => {
    limited = await buildTestApp({ rateLimit: { ...ctx.config.rateLimit, emailTokens: 2 } })
  })
  afterAll(() => limited.close())

  it('answers 429 past RATE_LIMIT_EMAIL_TOKENS requests an hour from one address, on each route', async () => {
    const send = (url: string, payload: object, remoteAddress: string) => limited.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress })
    for (const [url, payload] of [
      ['/auth/password/reset', { email: 'someone@example.test' }],
      ['/auth/password/reset/confirm', { token: 'x'.repeat(43), password: NEW_PASSWORD }],
      ['/auth/verify-email', { token: 'x'.repeat(43) }],
    ] as const) {
      for (let i = 0; i < 2; i++) expect((await send(url, payload, '198.51.100.7')).statusCode).not.toBe(429)
      const over = await send(url, payload, '198.51.100.7')
      expect(over.statusCode, url).toBe(429)
      expect(over.json().code).toBe('rate_limited')
      // Another address has its own allowance.
      expect((await send(url, payload, '198.51.100.8')).statusCode).not.toBe(429)
    }
  })
})
