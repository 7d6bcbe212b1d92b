import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { fileParts, png, upload } from '../helpers/uploads.js'
import { bookAndPay, verifiedPractitioner, type Practitioner } from './setup.js'

let ctx: TestContext
let f: Factories
let admin: Actor
let teacher: Actor
let customer: Actor
let stranger: Actor
let practitioner: Practitioner
let dataDir: string

const as = (a?: Actor) => client(ctx, a?.access)
const one = async <T>(query: ReturnType<typeof sql>) => (await rowsOf<T>(ctx.deps.db, query))[0]!

async function newPost(extra: Record<string, unknown> = {}, by: Actor = teacher) {
  const res = await as(by).post('/streams', { practitioner_id: practitioner.id, title: 'Morning flow', body: 'Breathe in.', ...extra })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string; media_ids: string[]; media_urls: string[] }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'reservoir-streams-'))
  ;({ ctx, f, admin, teacher, customer, stranger } = await scene({
    at: '2027-03-01T08:00:00Z',
    admin: true,
    customers: { teacher: 'Ana', customer: 'Carla', stranger: 'Sam' },
    config: { dataDir },
  }))
  const made = await verifiedPractitioner(ctx, teacher, admin)
  practitioner = made.practitioner
  await bookAndPay(ctx, customer, practitioner, made.occurrenceId)
})
afterAll(async () => {
  await ctx.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('publishing', () => {
  it('the practitioner’s staff publish, with their own uploads in order; others may not', async () => {
    const [a, b] = [
      await upload(ctx, teacher.access, fileParts('post', await png(), 'a.png')),
      await upload(ctx, teacher.access, fileParts('post', await png(4, 4), 'b.png')),
    ]
    const post = await newPost({ media_ids: [b.body.id, a.body.id], visibility: 'public' })
    expect(post).toMatchObject({ media_ids: [b.body.id, a.body.id], media_urls: [`/api/v1/media/${b.body.id}`, `/api/v1/media/${a.body.id}`] })
    expect(post).toMatchObject({ like_count: 0, save_count: 0, comment_count: 0, liked_by_me: false, visibility: 'public' })
    // Anyone reads a public post's media.
    expect((await ctx.app.inject({ url: `/api/v1/media/${a.body.id}` })).statusCode).toBe(200)
    // An upload already on a post is not attached to another; nor is someone else's, nor an avatar upload.
    expect((await as(teacher).post('/streams', { practitioner_id: practitioner.id, title: 'x', media_ids: [a.body.id] })).body.code).toBe('media_in_use')
    const strangers = await upload(ctx, stranger.access, fileParts('post', await png(), 'c.png'))
    const avatar = await upload(ctx, teacher.access, fileParts('avatar', await png(), 'd.png'))
    for (const id of [strangers.body.id, avatar.body.id]) {
      const res = await as(teacher).post('/streams', { practitioner_id: practitioner.id, title: 'x', media_ids: [id] })
      expect(res.status).toBe(400)
      expect(res.body.detail).toMatchObject({ field: 'media_ids', media_ids: [id] })
    }
    const forbidden = await as(customer).post('/streams', { practitioner_id: practitioner.id, title: 'Mine now' })
    expect(forbidden.status).toBe(403)
    expect((await as().post('/streams', { practitioner_id: practitioner.id, title: 'x' })).status).toBe(401)
  })

  it('an unverified practitioner cannot publish', async () => {
    const owner = await f.newCustomer('Pending')
    const applied = await as(owner).post('/practitioners/apply', {
      display_name: 'Pending One',
      locations: [{ is_virtual: true }],
      timezone: 'Europe/Lisbon',
      currency: 'EUR',
    })
    const res = await as(owner).post('/streams', { practitioner_id: applied.body.id, title: 'Hello' })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('not_verified')
  })

  it('edits and deletion are the staff’s; a deleted post is gone with its likes', async () => {
    const post = await newPost()
    expect((await as(customer).put(`/streams/${post.id}`, { title: 'Hacked' })).status).toBe(403)
    const edited = await as(teacher).put(`/streams/${post.id}`, { title: 'Evening flow', visibility: 'customers' })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ title: 'Evening flow', body: 'Breathe in.', visibility: 'customers' })
    expect((await as(customer).put(`/streams/${post.id}/like`)).status).toBe(200)
    expect((await as(customer).delete(`/streams/${post.id}`)).status).toBe(403)
    expect((await as(stranger).delete(`/streams/${post.id}`)).status).toBe(404)
    expect((await as(admin).delete(`/streams/${post.id}`)).status).toBe(204)
    expect((await as(teacher).get(`/streams/${post.id}`)).status).toBe(404)
    expect(await one<{ n: number }>(sql`select count(*)::int as n from post_likes where post_id = ${post.id}`)).toEqual({ n: 0 })
  })
})

describe('customers-only posts', () => {
  it('are read by the practitioner’s customers, staff and admins; hidden (404) from others, their media too', async () => {
    const image = await upload(ctx, teacher.access, fileParts('post', await png(), 'p.png'))
    const post = await newPost({ visibility: 'customers', media_ids: [image.body.id] })
    for (const reader of [customer, teacher, admin]) expect((await as(reader).get(`/streams/${post.id}`)).status).toBe(200)
    for (const reader of [stranger, undefined]) {
      expect((await as(reader).get(`/streams/${post.id}`)).status).toBe(404)
      expect((await as(reader).get(`/streams/${post.id}/comments`)).status).toBe(404)
      expect((await as(reader).get(`/media/${image.body.id}`)).status).toBe(404)
    }
    expect((await as(stranger).put(`/streams/${post.id}/like`)).status).toBe(404)
    expect((await as(stranger).post(`/streams/${post.id}/comments`, { body: 'hi' })).status).toBe(404)
    expect((await ctx.app.inject({ url: `/api/v1/media/${image.body.id}`, headers: { authorization: `Bearer ${customer.access}` } })).statusCode).toBe(200)
    const feed = async (reader?: Actor) =>
      ((await as(reader).get(`/streams?practitioner_id=${practitioner.id}&page_size=100`)).body.results as { id: string }[]).map((p) => p.id)
    expect(await feed(customer)).toContain(post.id)
    expect(await feed(stranger)).not.toContain(post.id)
    expect(await feed()).not.toContain(post.id)
  })
})
