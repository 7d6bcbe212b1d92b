import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { bookAndPay, verifiedPractitioner, type Practitioner } from './setup.js'

let ctx: TestContext
let f: Factories
let admin: Actor
let teacher: Actor
let customer: Actor
let stranger: Actor
let practitioner: Practitioner
let other: Practitioner
let otherTeacher: Actor

const as = (a?: Actor) => client(ctx, a?.access)

async function newPost(title: string, extra: Record<string, unknown> = {}, by = teacher, of = practitioner) {
  const res = await as(by).post('/streams', { practitioner_id: of.id, title, ...extra })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}

beforeAll(async () => {
  ;({ ctx, f, admin, teacher, customer, stranger, otherTeacher } = await scene({
    at: '2027-03-01T08:00:00Z',
    admin: true,
    customers: { teacher: 'Ana', customer: 'Carla', stranger: 'Sam', otherTeacher: 'Olga' },
  }))
  const made = await verifiedPractitioner(ctx, teacher, admin)
  practitioner = made.practitioner
  other = (await verifiedPractitioner(ctx, otherTeacher, admin, 'Olga Pilates')).practitioner
  await bookAndPay(ctx, customer, practitioner, made.occurrenceId)
})
afterAll(() => ctx.close())

describe('comments', () => {
  it('anyone signed in who reads the post comments; the practitioner hears of it in their inbox', async () => {
    const post = await newPost('Talk to me')
    const res = await as(stranger).post(`/streams/${post}/comments`, { body: 'Lovely session!' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ post_id: post, user_id: stranger.id, body: 'Lovely session!' })
    expect((await as().post(`/streams/${post}/comments`, { body: 'anon' })).status).toBe(401)
    expect((await as(stranger).get(`/streams/${post}`)).body.comment_count).toBe(1)
    const inbox = await as(teacher).get('/notifications?page_size=100')
    expect(inbox.body.results).toEqual(
      expect.arrayContaining([expect.objectContaining({ template: 'comment_received', subject: 'A new comment on “Talk to me”' })]),
    )
    const rows = await rowsOf<{ channel: string }>(
      ctx.deps.db,
      sql`select channel from notifications where template = 'comment_received' and subject_id = ${post}`,
    )
    expect(rows.map((r) => r.channel)).toEqual(['in_app'])
    // The practitioner's own replies are not news to them. (A minute later: comments are listed
    // by time, and two at one instant would come in id order.)
    ctx.clock.advance(60_000)
    await as(teacher).post(`/streams/${post}/comments`, { body: 'Thank you!' })
    expect((await rowsOf(ctx.deps.db, sql`select 1 from notifications where template = 'comment_received' and subject_id = ${post}`)).length).toBe(1)
    const list = await as().get(`/streams/${post}/comments`)
    expect(list.body.results.map((c: { body: string }) => c.body)).toEqual(['Lovely session!', 'Thank you!'])
  })

  it('its author removes their own comment; the practitioner moderates any; nobody else removes one', async () => {
    const post = await newPost('Moderated')
    const c1 = (await as(customer).post(`/streams/${post}/comments`, { body: 'First' })).body
    const c2 = (await as(stranger).post(`/streams/${post}/comments`, { body: 'Spam spam' })).body
    const c3 = (await as(customer).post(`/streams/${post}/comments`, { body: 'Third' })).body
    expect((await as(stranger).delete(`/streams/${post}/comments/${c1.id}`)).status).toBe(403)
    expect((await as(otherTeacher).delete(`/streams/${post}/comments/${c1.id}`)).status).toBe(403)
    expect((await as(teacher).delete(`/streams/${post}/comments/${c2.id}`)).status).toBe(204)
    expect((await as(customer).delete(`/streams/${post}/comments/${c1.id}`)).status).toBe(204)
    expect((await as(customer).delete(`/streams/${post}/comments/${c1.id}`)).status).toBe(404)
    // A comment is only found under its own post.
    const elsewhere = await newPost('Elsewhere')
    expect((await as(admin).delete(`/streams/${elsewhere}/comments/${c3.id}`)).status).toBe(404)
    const left = await as(customer).get(`/streams/${post}/comments`)
    expect(left.body).toMatchObject({ count: 1, results: [{ id: c3.id }] })
    expect((await as(customer).get(`/streams/${post}`)).body.comment_count).toBe(1)
  })
})

describe('the feed', () => {
  it('is newest first and paged; filtered by practitioner; saved=true is mine', async () => {
    const mine: string[] = []
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(60_000)
      mine.push(await newPost(`Olga ${i}`, {}, otherTeacher, other))
    }
    const first = await as(stranger).get(`/streams?practitioner_id=${other.id}&page_size=2`)
    expect(first.status).toBe(200)
    expect(first.body.count).toBe(5)
    expect(first.body.results.map((p: { id: string }) => p.id)).toEqual([mine[4], mine[3]])
    expect(first.body.next).toBe(`/api/v1/streams?practitioner_id=${other.id}&page_size=2&page=2`)
    const last = await as(stranger).get(`/streams?practitioner_id=${other.id}&page_size=2&page=3`)
    expect(last.body.results.map((p: { id: string }) => p.id)).toEqual([mine[0]])
    expect(last.body.next).toBeNull()
    // The whole feed mixes practitioners, still newest first.
    const all = (await as().get('/streams?page_size=100')).body.results as { id: string; created_at: string; practitioner_id: string }[]
    expect(all.slice(0, 5).map((p) => p.id)).toEqual([...mine].reverse())
    expect(new Set(all.map((p) => p.practitioner_id))).toEqual(new Set([practitioner.id, other.id]))
    expect(all.map((p) => p.created_at)).toEqual([...all.map((p) => p.created_at)].sort().reverse())

    await as(stranger).put(`/streams/${mine[1]}/save`)
    await as(stranger).put(`/streams/${mine[3]}/save`)
    await as(customer).put(`/streams/${mine[2]}/save`)
    const saved = await as(stranger).get('/streams?saved=true')
    expect(saved.body).toMatchObject({ count: 2 })
    expect(saved.body.results.map((p: { id: string; saved_by_me: boolean }) => [p.id, p.saved_by_me])).toEqual([
      [mine[3], true],
      [mine[1], true],
    ])
    const anonymous = await as().get('/streams?saved=true')
    expect(anonymous.status).toBe(401)
    expect((await as(stranger).get('/streams?practitioner_id=00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('hides a customers-only post from the feed of who did not book, and shows it to who did', async () => {
    const secret = await newPost('For my customers', { visibility: 'customers' })
    const ids = async (a?: Actor) => ((await as(a).get('/streams?page_size=100')).body.results as { id: string }[]).map((p) => p.id)
    expect(await ids(customer)).toContain(secret)
    expect(await ids(teacher)).toContain(secret)
    expect(await ids(admin)).toContain(secret)
    expect(await ids(stranger)).not.toContain(secret)
    expect(await ids(otherTeacher)).not.toContain(secret)
    expect(await ids()).not.toContain(secret)
    const late = await f.newCustomer('Late')
    expect(await ids(late)).not.toContain(secret)
  })
})
