import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { userTokens, users } from '../../src/modules/auth/schema.js'
import { accountEmails, signUp, tokenFromEmail } from '../helpers/accounts.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

/*
 * Registration emails a verification link (48 h, single use); POST /auth/verify-email spends
 * it; the signed-in user may ask for another until the address is verified.
 */

const NOW = '2027-01-04T12:00:00Z'
let ctx: TestContext, operatorMade: Actor

beforeAll(async () => ({ ctx, alice: operatorMade } = await scene({ at: NOW, customers: { alice: 'Alice' } })))
beforeEach(() => ctx.clock.set(NOW))
afterAll(() => ctx.close())

/** An access token for the account at the test clock's time (the clock moves by days here). */
const tokenFor = (id: string) => ctx.deps.tokens.access({ userId: id, role: 'customer' }, ctx.clock())
const verify = (token: string) => client(ctx).post('/auth/verify-email', { token })
const resend = async (id: string) => client(ctx, await tokenFor(id)).post('/auth/verify-email/resend')
const me = async (id: string) => (await client(ctx, await tokenFor(id)).get('/auth/user')).body
const verifiedAtOf = async (id: string) => (await ctx.deps.db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, id)))[0]!.at

describe('registration', () => {
  it('answers email_verified: false and queues an email whose link carries a 48-hour token, stored hashed', async () => {
    const { email, id } = await signUp(ctx)
    expect(await me(id)).toMatchObject({ id, email_verified: false })
    const [message] = await accountEmails(ctx, email, 'email_verification')
    expect(message).toMatchObject({ channel: 'email', recipient: email, userId: id, status: 'pending', subject: 'Confirm your email address for Reservoir' })
    expect(message!.data).toEqual({ expires_at: new Date(new Date(NOW).getTime() + 48 * 3600_000).toISOString() })
    const token = await tokenFromEmail(ctx, email, 'email_verification')
    const [row] = await ctx.deps.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.userId, id), eq(userTokens.purpose, 'email_verification')))
    expect(row).toMatchObject({ email, tokenHash: createHash('sha256').update(token).digest('hex'), usedAt: null })
    expect(row!.expiresAt).toEqual(new Date(new Date(NOW).getTime() + 48 * 3600_000))
  })

  it('sends nothing to accounts an operator makes', async () => {
    expect(await accountEmails(ctx, operatorMade.email, 'email_verification')).toEqual([])
  })
})

describe('verifying', () => {
  it('works once, with the token from the email', async () => {
    const { email, id } = await signUp(ctx)
    const token = await tokenFromEmail(ctx, email, 'email_verification')
    ctx.clock.advance(47 * 3600_000)
    const res = await verify(token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ message: expect.any(String) })
    expect(await me(id)).toMatchObject({ email_verified: true })
    expect(await verifiedAtOf(id)).toEqual(ctx.clock())
    const again = await verify(token)
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ code: 'invalid_verification_token', detail: null })
    expect(await verifiedAtOf(id)).toEqual(ctx.clock())
  })

  it('refuses a link older than 48 hours', async () => {
    const { email, id } = await signUp(ctx)
    const token = await tokenFromEmail(ctx, email, 'email_verification')
    ctx.clock.advance(48 * 3600_000)
    expect((await verify(token)).body.code).toBe('invalid_verification_token')
    expect(await me(id)).toMatchObject({ email_verified: false })
  })

  it('refuses a made-up token and a password reset token', async () => {
    const { email, id } = await signUp(ctx)
    expect((await client(ctx).post('/auth/password/reset', { email })).status).toBe(202)
    const reset = await tokenFromEmail(ctx, email, 'password_reset')
    for (const token of [reset, 'B'.repeat(43)]) {
      const res = await verify(token)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('invalid_verification_token')
    }
    expect(await me(id)).toMatchObject({ email_verified: false })
  })
})

describe('resending', () => {
  it('sends a new link; using it drops the older one', async () => {
    const { email, id } = await signUp(ctx)
    const first = await tokenFromEmail(ctx, email, 'email_verification')
    ctx.clock.advance(1000)
    const res = await resend(id)
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    expect(res.body).toEqual({ message: expect.any(String) })
    expect(await accountEmails(ctx, email, 'email_verification')).toHaveLength(2)
    const second = await tokenFromEmail(ctx, email, 'email_verification')
    expect(second).not.toBe(first)
    expect((await verify(second)).status).toBe(200)
    expect((await verify(first)).body.code).toBe('invalid_verification_token')
  })

  it('is refused with 409 already_verified once the address is verified', async () => {
    const { email, id } = await signUp(ctx)
    expect((await verify(await tokenFromEmail(ctx, email, 'email_verification'))).status).toBe(200)
    const res = await resend(id)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('already_verified')
    expect(await accountEmails(ctx, email, 'email_verification')).toHaveLength(1)
  })

  it('sends three links an hour at most (registration counts), then says when to come back', async () => {
    const { email, id } = await signUp(ctx)
    ctx.clock.advance(10 * 60_000)
    expect((await resend(id)).status).toBe(202)
    expect((await resend(id)).status).toBe(202)
    const refused = await resend(id)
    expect(refused.status).toBe(429)
    expect(refused.body.code).toBe('rate_limited')
    // The registration's link was the first of the hour: 50 minutes until it leaves the window.
    expect(refused.body.detail).toEqual({ retry_after_seconds: 50 * 60 })
    expect(refused.headers['retry-after']).toBe(String(50 * 60))
    expect(await accountEmails(ctx, email, 'email_verification')).toHaveLength(3)
    ctx.clock.advance(50 * 60_000)
    expect((await resend(id)).status).toBe(202)
  })

  it('needs a signed-in caller', async () => {
    const res = await client(ctx).post('/auth/verify-email/resend')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('unauthenticated')
  })
})
