import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { refreshTokens, users } from '../../src/modules/auth/schema.js'
import { TokenSigner } from '../../src/modules/auth/tokens.js'
import type { TestContext } from '../helpers/context.js'
import { PASSWORD, client, unique } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

// Every test starts at the same instant; the expiry tests move the clock from there.
const NOW = '2027-01-04T12:00:00Z'
let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene({ at: NOW })))
beforeEach(() => ctx.clock.set(NOW))
afterAll(() => ctx.close())

const anon = () => client(ctx)
const as = (token: string) => client(ctx, token)
const newEmail = () => `${unique('user')}@example.test`

const register = (body: Record<string, unknown>) => anon().post('/auth/register', body)
const login = (email: string, password = PASSWORD) => anon().post('/auth/login', { email, password })
const refresh = (token: string) => anon().post('/auth/token/refresh', { refresh: token })

/** Registers a fresh user through the API and answers its session. */
async function signUp(email = newEmail()) {
  const res = await register({ email, password: PASSWORD, name: 'Ada Lovelace' })
  expect(res.status).toBe(201)
  return res.body as { access: string; refresh: string; user: { id: string; email: string; name: string; role: string } }
}

const usersWithEmail = async (email: string) =>
  ctx.deps.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))

const familyOf = async (userId: string) => ctx.deps.db.select().from(refreshTokens).where(eq(refreshTokens.userId, userId))

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
/** Replaces the character at `index` with a different base64url character. */
const flipAt = (text: string, index: number) => text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1)

describe('register', () => {
  it('creates a customer and answers 201 with access, refresh and the user', async () => {
    const email = newEmail()
    const res = await register({ email, password: PASSWORD, name: 'Ada Lovelace', phone: '+1 303 555 0100' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      access: expect.any(String),
      refresh: expect.any(String),
      user: { id: expect.any(String), email, name: 'Ada Lovelace', role: 'customer' },
    })
    expect(res.body.access).not.toBe(res.body.refresh)
    expect(res.body.user).not.toHaveProperty('password_hash')
    expect(res.body.user).not.toHaveProperty('password')
    const [row] = await usersWithEmail(email)
    expect(row).toMatchObject({ id: res.body.user.id, role: 'customer', phone: '+1 303 555 0100' })
    // The session works straight away.
    const me = await as(res.body.access).get('/auth/user')
    expect(me.status).toBe(200)
    expect(me.body.id).toBe(res.body.user.id)
  })

  it('stores the password as argon2id with m=19456, t=2, p=1', async () => {
    const email = newEmail()
    await signUp(email)
    const { rows } = await ctx.database.raw.query<{ password_hash: string }>('select password_hash from users where lower(email) = $1', [email])
    expect(rows).toHaveLength(1)
    expect(rows[0]!.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true)
    expect(rows[0]!.password_hash).not.toContain(PASSWORD)
  })

  it('refuses a body that tries to set role: admin, and creates nobody', async () => {
    const email = newEmail()
    const res = await register({ email, password: PASSWORD, name: 'Mallory', role: 'admin' })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ property: 'role' })]))
    expect(await usersWithEmail(email)).toHaveLength(0)
  })

  it('refuses a duplicate email whatever its case with 409 email_taken', async () => {
    const local = unique('Grace')
    await signUp(`${local}@Example.test`)
    const res = await register({ email: `${local.toUpperCase()}@EXAMPLE.TEST`, password: 'another password', name: 'Impostor' })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('email_taken')
    const rows = await usersWithEmail(`${local}@example.test`)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.name).toBe('Ada Lovelace')
  })

  it('refuses a password shorter than 10 characters', async () => {
    const email = newEmail()
    const res = await register({ email, password: 'short', name: 'Shorty' })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    expect(await usersWithEmail(email)).toHaveLength(0)
  })
})

describe('login', () => {
  it('answers a session for the right password, whatever the email case', async () => {
    const email = newEmail()
    const { user } = await signUp(email)
    const res = await login(email.toUpperCase())
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user: { id: user.id, email, role: 'customer' } })
    expect((await as(res.body.access).get('/auth/user')).body.id).toBe(user.id)
  })

  it('answers 401 invalid_credentials for a wrong password and for an unknown email, alike', async () => {
    const email = newEmail()
    await signUp(email)
    const wrong = await login(email, 'not the password at all')
    const unknown = await login(newEmail())
    expect(wrong.status).toBe(401)
    expect(wrong.body.code).toBe('invalid_credentials')
    expect(unknown.status).toBe(401)
    expect(unknown.body.code).toBe('invalid_credentials')
    // Nothing tells an attacker which of the two it was.
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.body).not.toHaveProperty('access')
  })

  it('signs in a user created by the factories (admin role comes from the database)', async () => {
    const admin = await f.newAdmin()
    const res = await login(admin.email)
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ id: admin.id, role: 'admin' })
  })
})

describe('GET and PUT /auth/user', () => {
  it('reads the signed-in user', async () => {
    const email = newEmail()
    const { access, user } = await signUp(email)
    const res = await as(access).get('/auth/user')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: user.id, email, name: 'Ada Lovelace', role: 'customer', phone: null })
    expect(res.body).not.toHaveProperty('password_hash')
  })

  it('updates name and phone', async () => {
    const { access, user } = await signUp()
    const res = await as(access).put('/auth/user', { name: 'Ada King', phone: '+44 20 7946 0000' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: user.id, name: 'Ada King', phone: '+44 20 7946 0000', role: 'customer' })
    const [row] = await ctx.deps.db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ name: 'Ada King', phone: '+44 20 7946 0000' })
    expect((await as(access).get('/auth/user')).body.name).toBe('Ada King')
  })

  it.each([
    ['role', { role: 'admin' }],
    ['email', { email: 'someone-else@example.test' }],
    ['password_hash', { password_hash: 'x' }],
  ])('refuses to mass-assign %s and leaves the row untouched', async (_field, body) => {
    const email = newEmail()
    const { access, user } = await signUp(email)
    const res = await as(access).put('/auth/user', { name: 'Changed', ...body })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    const [row] = await ctx.deps.db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ role: 'customer', email, name: 'Ada Lovelace' })
  })

  it('answers 401 without a token', async () => {
    expect((await anon().get('/auth/user')).status).toBe(401)
    expect((await anon().put('/auth/user', { name: 'Nobody' })).status).toBe(401)
  })
})

describe('refresh tokens', () => {
  it('rotates: every refresh answers a new refresh token and a working access token', async () => {
    const first = await signUp()
    const second = await refresh(first.refresh)
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user: { id: first.user.id } })
    expect(second.body.refresh).not.toBe(first.refresh)
    const third = await refresh(second.body.refresh)
    expect(third.status).toBe(200)
    expect(new Set([first.refresh, second.body.refresh, third.body.refresh]).size).toBe(3)
    expect((await as(third.body.access).get('/auth/user')).body.id).toBe(first.user.id)
    // All three belong to the one family started by the sign-up.
    const rows = await familyOf(first.user.id)
    expect(rows).toHaveLength(3)
    expect(new Set(rows.map((r) => r.familyId)).size).toBe(1)
  })

  it('refuses a refresh token that was already used', async () => {
    const first = await signUp()
    expect((await refresh(first.refresh)).status).toBe(200)
    const again = await refresh(first.refresh)
    expect(again.status).toBe(401)
    expect(again.body.code).toBe('invalid_token')
    expect(again.body).not.toHaveProperty('access')
  })

  it('treats reuse as theft: the whole family is revoked, including the newest token', async () => {
    const first = await signUp()
    const second = await refresh(first.refresh)
    const third = await refresh(second.body.refresh)
    expect(third.status).toBe(200)
    // Someone replays the first token: refused, and the family dies with it.
    expect((await refresh(first.refresh)).status).toBe(401)
    const newest = await refresh(third.body.refresh)
    expect(newest.status).toBe(401)
    expect(newest.body.code).toBe('invalid_token')
    const rows = await familyOf(first.user.id)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true)
  })

  it("revokes only the family that was reused, not the same user's other logins", async () => {
    const email = newEmail()
    const phone = await signUp(email)
    const laptop = (await login(email)).body
    const rotated = await refresh(phone.refresh)
    expect((await refresh(phone.refresh)).status).toBe(401)
    expect((await refresh(rotated.body.refresh)).status).toBe(401)
    expect((await refresh(laptop.refresh)).status).toBe(200)
  })

  it('logout revokes the family: neither the presented token nor an older one refreshes again', async () => {
    const first = await signUp()
    const second = await refresh(first.refresh)
    const out = await anon().post('/auth/logout', { refresh: second.body.refresh })
    expect(out.status).toBe(204)
    expect((await refresh(second.body.refresh)).status).toBe(401)
    expect((await refresh(first.refresh)).status).toBe(401)
    const rows = await familyOf(first.user.id)
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true)
  })

  it('expires after 7 days', async () => {
    const { refresh: token } = await signUp()
    ctx.clock.advance(7 * 24 * 3600_000 + 1000)
    const res = await refresh(token)
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_token')
  })

  it('does not accept an access token as a refresh token', async () => {
    const { access } = await signUp()
    const res = await refresh(access)
    expect(res.status).toBe(401)
    expect(res.body).not.toHaveProperty('refresh')
  })

  it('refuses a refresh token signed with another secret', async () => {
    const { user } = await signUp()
    const other = new TokenSigner({ jwtSecret: 'a-completely-different-secret-of-32-chars+', accessTokenMinutes: 60, refreshTokenDays: 7 })
    const forged = await other.refresh(user.id, crypto.randomUUID(), ctx.clock())
    expect((await refresh(forged.token)).status).toBe(401)
  })
})

describe('access tokens', () => {
  it('refuses a refresh token presented as a Bearer access token', async () => {
    const { refresh: token } = await signUp()
    const res = await as(token).get('/auth/user')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_token')
  })

  it('lives 60 minutes', async () => {
    const { access } = await signUp()
    ctx.clock.advance(59 * 60_000)
    expect((await as(access).get('/auth/user')).status).toBe(200)
    ctx.clock.advance(60_000 + 1000)
    const res = await as(access).get('/auth/user')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_token')
  })

  it('refuses a token with a tampered signature', async () => {
    const { access } = await signUp()
    const [header, payload, signature] = access.split('.') as [string, string, string]
    // A character in the middle: the last one carries padding bits and may decode the same.
    const tampered = `${header}.${payload}.${flipAt(signature, 10)}`
    expect(tampered).not.toBe(access)
    expect((await as(access).get('/auth/user')).status).toBe(200)
    expect((await as(tampered).get('/auth/user')).status).toBe(401)
  })

  it('refuses a token whose payload was changed (customer rewritten to admin)', async () => {
    const { access } = await signUp()
    const [header, payload, signature] = access.split('.') as [string, string, string]
    const claims = decode(payload)
    expect(claims.role).toBe('customer')
    const forged = `${header}.${b64url({ ...claims, role: 'admin' })}.${signature}`
    const res = await as(forged).get('/auth/user')
    expect(res.status).toBe(401)
    // Nor does it open an admin-only route.
    const venue = await as(forged).post('/venues', { name: 'Forged', kind: 'venue', timezone: 'America/Denver', currency: 'USD' })
    expect(venue.status).toBe(401)
    // A flipped character anywhere in the payload is refused too.
    expect((await as(`${header}.${flipAt(payload, 5)}.${signature}`).get('/auth/user')).status).toBe(401)
  })

  it('refuses an unsigned token (alg: none) claiming admin', async () => {
    const { user } = await signUp()
    const iat = Math.floor(ctx.clock().getTime() / 1000)
    const header = b64url({ alg: 'none', typ: 'JWT' })
    const payload = b64url({ sub: user.id, typ: 'access', role: 'admin', iss: 'reservoir', iat, exp: iat + 3600 })
    const token = `${header}.${payload}.`
    const res = await as(token).get('/auth/user')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_token')
    const venues = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from venues')
    const venue = await as(token).post('/venues', { name: 'Unsigned', kind: 'venue', timezone: 'America/Denver', currency: 'USD' })
    expect(venue.status).toBe(401)
    expect((await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from venues')).rows[0]!.n).toBe(venues.rows[0]!.n)
  })

  it('refuses a token signed with another secret', async () => {
    const { user } = await signUp()
    const other = new TokenSigner({ jwtSecret: 'a-completely-different-secret-of-32-chars+', accessTokenMinutes: 60, refreshTokenDays: 7 })
    const forged = await other.access({ userId: user.id, role: 'admin' }, ctx.clock())
    const res = await as(forged).get('/auth/user')
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('invalid_token')
  })

  it('refuses a malformed Authorization header', async () => {
    const { access } = await signUp()
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/user', headers: { authorization: `Token ${access}` } })
    expect(res.statusCode).toBe(401)
    expect((await as('not-a-jwt').get('/auth/user')).status).toBe(401)
  })
})
