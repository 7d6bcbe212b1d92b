import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { fileParts, png, upload } from '../helpers/uploads.js'

// End to end through the media routes: an attachment is uploaded, sent, and read back like the
// conversation it is in (the media module asks messaging who may read a `message` upload).
let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, alice: Actor, bob: Actor
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'reservoir-attachments-'))
  ;({ ctx, f, venue, staff, alice, bob } = await scene({
    at: '2027-01-04T12:00:00Z',
    venue: {},
    staff: 'staff',
    customers: { alice: 'Alice Smith', bob: 'Bob Jones' },
    config: { dataDir },
  }))
})
afterAll(async () => {
  await ctx.close()
  await rm(dataDir, { recursive: true, force: true })
})

const download = (actor: Actor | undefined, id: string) =>
  ctx.app.inject({ method: 'GET', url: `/api/v1/media/${id}`, headers: actor ? { authorization: `Bearer ${actor.access}` } : {} })

describe('a message attachment', () => {
  it('is read by both sides of its conversation, and by nobody else (404)', async () => {
    const uploaded = await upload(ctx, alice.access, fileParts('message', await png(), 'plan.png', 'image/png'))
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    const id = uploaded.body.id as string
    const opened = await client(ctx, alice.access).post('/conversations', { venue_id: venue.id, text: 'Our floor plan', media_ids: [id] })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)

    const mine = await download(alice, id)
    expect(mine.statusCode).toBe(200)
    expect(mine.headers['content-type']).toBe('image/png')
    const colleague = await f.newStaff(venue, 'manager')
    for (const reader of [staff, colleague]) expect((await download(reader, id)).statusCode).toBe(200)
    for (const outsider of [bob, undefined]) expect((await download(outsider, id)).statusCode).toBe(404)
  })

  it('of a message not yet sent is its uploader’s alone', async () => {
    const uploaded = await upload(ctx, bob.access, fileParts('message', await png(), 'draft.png', 'image/png'))
    expect(uploaded.status).toBe(201)
    expect((await download(bob, uploaded.body.id)).statusCode).toBe(200)
    expect((await download(staff, uploaded.body.id)).statusCode).toBe(404)
  })
})
