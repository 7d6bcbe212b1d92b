import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { verifiedPractitioner, type Practitioner } from './setup.js'

let ctx: TestContext
let f: Factories
let teacher: Actor
let practitioner: Practitioner

const as = (a?: Actor) => client(ctx, a?.access)

/** The post's counters and the rows they count, read in SQL. */
const counts = async (postId: string) =>
  (
    await rowsOf<{ like_count: number; likes: number; save_count: number; saves: number }>(
      ctx.deps.db,
      sql`select p.like_count, (select count(*)::int from post_likes l where l.post_id = p.id) as likes,
                 p.save_count, (select count(*)::int from post_saves s where s.post_id = p.id) as saves
            from posts p where p.id = ${postId}`,
    )
  )[0]!

async function newPost() {
  const res = await as(teacher).post('/streams', { practitioner_id: practitioner.id, title: 'Toggle me' })
  expect(res.status).toBe(201)
  return res.body.id as string
}

beforeAll(async () => {
  let admin: Actor
  ;({ ctx, f, admin, teacher } = await scene({ at: '2027-03-01T08:00:00Z', admin: true, customers: { teacher: 'Ana' } }))
  ;({ practitioner } = await verifiedPractitioner(ctx, teacher, admin))
})
afterAll(() => ctx.close())

describe.each(['like', 'save'] as const)('%s toggles', (kind) => {
  const countOf = (c: Awaited<ReturnType<typeof counts>>) => (kind === 'like' ? [c.like_count, c.likes] : [c.save_count, c.saves])

  it('are idempotent: twice on is one, twice off is none', async () => {
    const post = await newPost()
    const fan = await f.newCustomer('Fan')
    const first = await as(fan).put(`/streams/${post}/${kind}`)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject(kind === 'like' ? { like_count: 1, liked_by_me: true } : { save_count: 1, saved_by_me: true })
    expect((await as(fan).put(`/streams/${post}/${kind}`, {})).body).toMatchObject(kind === 'like' ? { like_count: 1 } : { save_count: 1 })
    expect(countOf(await counts(post))).toEqual([1, 1])
    expect((await as(fan).delete(`/streams/${post}/${kind}`)).body).toMatchObject(kind === 'like' ? { like_count: 0, liked_by_me: false } : { save_count: 0 })
    expect((await as(fan).delete(`/streams/${post}/${kind}`)).body).toMatchObject(kind === 'like' ? { like_count: 0 } : { save_count: 0 })
    expect(countOf(await counts(post))).toEqual([0, 0])
  })

  it('50 concurrent toggles by 10 users leave the count equal to the rows', async () => {
    const post = await newPost()
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => f.newCustomer(`User ${i}`)))
    // Each user toggles five times, on and off in a scrambled order, all at once.
    const toggles = Array.from({ length: 50 }, (_, i) => ({ user: users[i % 10]!, on: (i * 7) % 3 !== 0 }))
    const answers = await Promise.all(toggles.map((t) => (t.on ? as(t.user).put(`/streams/${post}/${kind}`) : as(t.user).delete(`/streams/${post}/${kind}`))))
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200))
    const [count, rows] = countOf(await counts(post))
    expect(count).toBe(rows)
    expect(rows).toBeGreaterThanOrEqual(0)
    expect(rows).toBeLessThanOrEqual(10)
    // All ten on, twice each and at once: exactly ten; then all off, twice each: none.
    await Promise.all([...users, ...users].map((u) => as(u).put(`/streams/${post}/${kind}`)))
    expect(countOf(await counts(post))).toEqual([10, 10])
    await Promise.all([...users, ...users].map((u) => as(u).delete(`/streams/${post}/${kind}`)))
    expect(countOf(await counts(post))).toEqual([0, 0])
  })
})

describe('the counts', () => {
  it('cannot go below zero (a CHECK in the schema)', async () => {
    const post = await newPost()
    await expect(ctx.deps.db.execute(sql`update posts set like_count = like_count - 1 where id = ${post}`)).rejects.toThrow()
    await expect(ctx.deps.db.execute(sql`update posts set save_count = -1 where id = ${post}`)).rejects.toThrow()
  })
})
