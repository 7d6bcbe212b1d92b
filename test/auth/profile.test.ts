import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'

/*
 * The profile on GET|PUT /auth/user: bio, avatar, time zone, location and preferences round
 * trip; bad values and privileged fields are refused with 400 and change nothing in the row.
 */

const NOW = '2027-01-04T12:00:00Z'
let ctx: TestContext, alice: Actor

beforeAll(async () => ({ ctx, alice } = await scene({ at: NOW, customers: { alice: 'Alice' } })))
afterAll(() => ctx.close())

const put = (body: unknown) => client(ctx, alice.access).put('/auth/user', body)
/** PUTs JSON text as is: some bodies are too deep for the test's own JSON.stringify. */
async function putText(text: string) {
  const res = await ctx.app.inject({
    method: 'PUT',
    url: '/api/v1/auth/user',
    payload: text,
    headers: { authorization: `Bearer ${alice.access}`, 'content-type': 'application/json' },
  })
  return { status: res.statusCode, body: res.json() }
}
const get = () => client(ctx, alice.access).get('/auth/user')

/** The user's row exactly as stored, every column, as text. */
async function row(): Promise<string> {
  const { rows } = await ctx.database.raw.query<{ r: string }>('select row_to_json(u)::text as r from users u where id = $1', [alice.id])
  return rows[0]!.r
}

const PROFILE = {
  name: 'Alice Liddell',
  phone: '+44 20 7946 0000',
  bio: 'Sings on Fridays.\nLikes small rooms.',
  avatar_url: 'https://images.example.com/alice.png',
  timezone: 'Europe/Lisbon',
  location: 'Lisbon, Portugal',
  preferences: { theme: 'dark', notify: { email: true, sms: false }, favourite_rooms: ['blue', 'red'] },
}

describe('the profile', () => {
  it('starts empty', async () => {
    const res = await get()
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ bio: null, avatar_url: null, timezone: null, location: null, preferences: {}, email_verified: false })
    expect(res.body).not.toHaveProperty('stripe_customer_id')
  })

  it('round-trips through PUT and GET, and is what the row holds', async () => {
    const res = await put(PROFILE)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ ...PROFILE, id: alice.id, email: alice.email, role: 'customer' })
    expect((await get()).body).toEqual(res.body)
    const stored = JSON.parse(await row())
    expect(stored).toMatchObject({
      name: PROFILE.name,
      bio: PROFILE.bio,
      avatar_url: PROFILE.avatar_url,
      timezone: PROFILE.timezone,
      location: PROFILE.location,
      preferences: PROFILE.preferences,
    })
  })

  it('changes only the fields sent; null clears one, preferences are replaced whole', async () => {
    await put(PROFILE)
    const res = await put({ bio: null, preferences: { theme: 'light' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ...PROFILE, bio: null, preferences: { theme: 'light' } })
  })

  it('takes the edges: 2000-character bio, 200-character location, preferences of 4 KiB four levels deep', async () => {
    const filler = 'x'.repeat(4096 - JSON.stringify({ a: { b: { c: { d: '' } } }, pad: '' }).length)
    const preferences = { a: { b: { c: { d: '' } } }, pad: filler }
    expect(Buffer.byteLength(JSON.stringify(preferences))).toBe(4096)
    const res = await put({ bio: 'b'.repeat(2000), location: 'l'.repeat(200), preferences, timezone: 'UTC' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.preferences).toEqual(preferences)
  })
})

describe('refused, with nothing changed', () => {
  const refusals: [string, unknown, unknown][] = [
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, { field: 'timezone' }],
    ['an empty time zone', { timezone: '' }, [expect.objectContaining({ field: 'body.timezone' })]],
    ['an http avatar', { avatar_url: 'http://images.example.com/alice.png' }, [expect.objectContaining({ field: 'body.avatar_url' })]],
    ['a javascript: avatar', { avatar_url: 'javascript:alert(1)' }, [expect.objectContaining({ field: 'body.avatar_url' })]],
    ['an avatar that is not a URL', { avatar_url: 'https://not a url/' }, [expect.objectContaining({ field: 'body.avatar_url' })]],
    ['a 2001-character bio', { bio: 'b'.repeat(2001) }, [expect.objectContaining({ field: 'body.bio' })]],
    ['a 201-character location', { location: 'l'.repeat(201) }, [expect.objectContaining({ field: 'body.location' })]],
    ['preferences over 4 KiB', { preferences: { pad: 'x'.repeat(4096) } }, { field: 'preferences', max_bytes: 4096 }],
    ['preferences five levels deep', { preferences: { a: { b: { c: { d: { e: 1 } } } } } }, { field: 'preferences', max_depth: 4 }],
    ['preferences nested ten thousand arrays deep', `{"preferences":{"a":${'['.repeat(10000)}${']'.repeat(10000)}}}`, { field: 'preferences' }],
    ['preferences as an array', { preferences: ['dark'] }, [expect.objectContaining({ field: 'body.preferences' })]],
    ['preferences as null', { preferences: null }, [expect.objectContaining({ field: 'body.preferences' })]],
    ['a preference key with a space', { preferences: { 'dark mode': true } }, [expect.objectContaining({ field: 'body.preferences' })]],
    [
      '51 preferences',
      { preferences: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) },
      [expect.objectContaining({ field: 'body.preferences' })],
    ],
    ['a role', { role: 'admin' }, [expect.objectContaining({ property: 'role' })]],
    ['email_verified', { email_verified: true }, [expect.objectContaining({ property: 'email_verified' })]],
    ['email_verified_at', { email_verified_at: NOW }, [expect.objectContaining({ property: 'email_verified_at' })]],
    ['a Stripe customer id', { stripe_customer_id: 'cus_stolen' }, [expect.objectContaining({ property: 'stripe_customer_id' })]],
    ['an email', { email: 'other@example.test' }, [expect.objectContaining({ property: 'email' })]],
    ['a password hash', { password_hash: 'x' }, [expect.objectContaining({ property: 'password_hash' })]],
    ['a good field beside a forbidden one', { bio: 'fine', role: 'admin' }, [expect.objectContaining({ property: 'role' })]],
    ['a good field beside a bad time zone', { bio: 'fine', timezone: 'Nowhere/Special' }, { field: 'timezone' }],
  ]

  it.each(refusals)('%s', async (_name, body, detail) => {
    await put(PROFILE)
    const before = await row()
    const res = typeof body === 'string' ? await putText(body) : await put(body)
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.code).toBe('validation_failed')
    // Schema refusals list every failed keyword; the one named is among them.
    expect(res.body.detail).toEqual(Array.isArray(detail) ? expect.arrayContaining(detail) : expect.objectContaining(detail))
    expect(await row()).toBe(before)
  })
})
