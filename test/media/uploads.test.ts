import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene } from '../helpers/scene.js'
import { fileParts, filesUnder, jpegWithExif, multipart, pdf, png, upload } from '../helpers/uploads.js'

const MAX = 64 * 1024
let ctx: TestContext
let alice: Actor
let bob: Actor
let admin: Actor
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'reservoir-media-'))
  ;({ ctx, alice, bob, admin } = await scene({
    admin: true,
    customers: { alice: 'Alice', bob: 'Bob' },
    config: { dataDir, media: { maxBytes: MAX, s3: undefined } },
  }))
})
afterAll(async () => {
  await ctx.close()
  await rm(dataDir, { recursive: true, force: true })
})

const mediaRows = async () => (await rowsOf<{ n: number }>(ctx.deps.db, sql`select count(*)::int as n from media`))[0]!.n
const read = (id: string, token?: string) =>
  ctx.app.inject({ method: 'GET', url: `/api/v1/media/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} })

/** Sends `parts` and expects a refusal with `status` and `code` that stores nothing: no row, no file. */
async function refusedWithNothingStored(parts: Parameters<typeof upload>[2], status: number, code: string, token = alice.access) {
  const [rows, files] = [await mediaRows(), await filesUnder(dataDir)]
  const res = await upload(ctx, token, parts)
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.body).toMatchObject({ code, error: expect.any(String) })
  expect(await mediaRows()).toBe(rows)
  expect(await filesUnder(dataDir)).toEqual(files)
  return res
}

describe('POST /media', () => {
  it('re-encodes a JPEG without its EXIF metadata, and serves it with its own type', async () => {
    const original = await jpegWithExif()
    expect(original.includes('secret-camera-owner')).toBe(true)
    const res = await upload(ctx, alice.access, fileParts('avatar', original))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ purpose: 'avatar', content_type: 'image/jpeg', width: 40, height: 30, url: `/api/v1/media/${res.body.id}` })
    const got = await read(res.body.id)
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/jpeg')
    expect(got.headers['x-content-type-options']).toBe('nosniff')
    expect(got.headers['content-disposition']).toBe(`inline; filename="${res.body.id}.jpg"`)
    const bytes = got.rawPayload
    expect(bytes.length).toBe(res.body.byte_size)
    expect(bytes.includes('secret-camera-owner')).toBe(false)
    expect(bytes.includes('Jane Private')).toBe(false)
    const meta = await sharp(bytes).metadata()
    expect(meta.format).toBe('jpeg')
    expect(meta.exif).toBeUndefined()
  })

  it('turns a rotated photo upright before dropping the orientation tag', async () => {
    const res = await upload(ctx, alice.access, fileParts('post', await jpegWithExif({ width: 40, height: 30, orientation: 6 })))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ width: 30, height: 40 })
    const meta = await sharp((await read(res.body.id, alice.access)).rawPayload).metadata()
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([30, 40, 1])
  })

  it('reads the type from the bytes: text named photo.png and declared image/png is refused, nothing stored', async () => {
    await refusedWithNothingStored(fileParts('post', 'just some text, not an image', 'photo.png', 'image/png'), 415, 'unsupported_media_type')
  })

  it('refuses a PDF as an avatar, takes it as a message attachment (served as a download)', async () => {
    await refusedWithNothingStored(fileParts('avatar', pdf(), 'cv.jpg', 'image/jpeg'), 415, 'unsupported_media_type')
    const res = await upload(ctx, alice.access, fileParts('message', pdf(), 'cv.pdf', 'application/pdf'))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ content_type: 'application/pdf', width: null, height: null })
    const got = await read(res.body.id, alice.access)
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${res.body.id}.pdf"`)
    expect(got.rawPayload.equals(pdf())).toBe(true)
  })

  it('refuses a file over MEDIA_MAX_BYTES with 413, nothing stored', async () => {
    const big = Buffer.concat([await png(), Buffer.alloc(MAX + 1024, 7)])
    const res = await refusedWithNothingStored(fileParts('post', big, 'big.png', 'image/png'), 413, 'file_too_large')
    expect(res.body.detail).toEqual({ max_bytes: MAX })
  })

  it('never uses the file name: ../../etc/passwd is refused by its bytes, and a PNG so named is stored under its id only', async () => {
    await refusedWithNothingStored(fileParts('post', 'root:x:0:0:root:/root:/bin/bash\n', '../../etc/passwd', 'image/png'), 415, 'unsupported_media_type')
    const before = await filesUnder(dataDir)
    const res = await upload(ctx, alice.access, fileParts('post', await png(), '../../evil.png', 'image/png'))
    expect(res.status).toBe(201)
    const added = (await filesUnder(dataDir)).filter((f) => !before.includes(f))
    expect(added).toEqual([join('media', res.body.id.slice(0, 2), res.body.id)])
    expect(existsSync(join(dataDir, '..', '..', 'evil.png'))).toBe(false)
    expect(existsSync(join(dataDir, 'evil.png'))).toBe(false)
  })

  it('refuses forms that are not one file and a known purpose, and bodies that are not forms', async () => {
    const image = await png()
    await refusedWithNothingStored([{ name: 'file', filename: 'a.png', data: image }], 400, 'validation_failed')
    await refusedWithNothingStored(fileParts('banner', image, 'a.png', 'image/png'), 400, 'validation_failed')
    await refusedWithNothingStored([{ name: 'purpose', data: 'post' }], 400, 'validation_failed')
    await refusedWithNothingStored([...fileParts('post', image), { name: 'owner_id', data: bob.id }], 400, 'validation_failed')
    await refusedWithNothingStored([...fileParts('post', image), { name: 'other', filename: 'b.png', data: image }], 400, 'validation_failed')
    await refusedWithNothingStored(
      [
        { name: 'purpose', data: 'post' },
        { name: 'file', data: 'not a file part' },
      ],
      400,
      'validation_failed',
    )
    await refusedWithNothingStored(fileParts('post', image), 401, 'unauthenticated', '')
    const json = await client(ctx, alice.access).post('/media', { purpose: 'post', file: 'aGVsbG8=' })
    expect(json.status).toBe(415)
    expect(json.body.code).toBe('unsupported_media_type')
    const form = multipart(fileParts('post', image))
    const broken = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/media',
      payload: form.payload.subarray(0, form.payload.length - 40),
      headers: { 'content-type': form.contentType, authorization: `Bearer ${alice.access}` },
    })
    expect(broken.statusCode).toBe(400)
  })
})

describe('GET and DELETE /media/{id}', () => {
  it('reads a message attachment only as its uploader or an admin until messaging says who else (others 404)', async () => {
    const res = await upload(ctx, alice.access, fileParts('message', await png(), 'a.png', 'image/png'))
    expect((await read(res.body.id, alice.access)).statusCode).toBe(200)
    expect((await read(res.body.id, admin.access)).statusCode).toBe(200)
    expect((await read(res.body.id, bob.access)).statusCode).toBe(404)
    expect((await read(res.body.id)).statusCode).toBe(404)
  })

  it('reads an unattached post upload only as its uploader', async () => {
    const res = await upload(ctx, alice.access, fileParts('post', await png(), 'a.png', 'image/png'))
    expect((await read(res.body.id, alice.access)).statusCode).toBe(200)
    expect((await read(res.body.id, bob.access)).statusCode).toBe(404)
  })

  it('deletes an upload for its uploader only, bytes included', async () => {
    const res = await upload(ctx, alice.access, fileParts('post', await png(), 'a.png', 'image/png'))
    const path = join(dataDir, 'media', res.body.id.slice(0, 2), res.body.id)
    expect(existsSync(path)).toBe(true)
    expect((await client(ctx, bob.access).delete(`/media/${res.body.id}`)).status).toBe(404)
    expect((await client(ctx, alice.access).delete(`/media/${res.body.id}`)).status).toBe(204)
    expect(existsSync(path)).toBe(false)
    expect((await read(res.body.id, alice.access)).statusCode).toBe(404)
    expect((await client(ctx, alice.access).delete(`/media/${res.body.id}`)).status).toBe(404)
  })
})

describe('avatars', () => {
  it('an uploaded avatar is the profile’s, public to read, and kept while it is used', async () => {
    const mine = await upload(ctx, alice.access, fileParts('avatar', await jpegWithExif()))
    const me = client(ctx, alice.access)
    const put = await me.put('/auth/user', { avatar_media_id: mine.body.id })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({ avatar_media_id: mine.body.id, avatar_url: `/api/v1/media/${mine.body.id}` })
    const got = await read(mine.body.id)
    expect(got.statusCode).toBe(200)
    expect(got.headers['cache-control']).toMatch(/public/)
    const del = await me.delete(`/media/${mine.body.id}`)
    expect(del.status).toBe(409)
    expect(del.body.code).toBe('media_in_use')
    // An external URL replaces it; then the upload can go.
    const external = await me.put('/auth/user', { avatar_url: 'https://images.example.com/me.png' })
    expect(external.body).toMatchObject({ avatar_url: 'https://images.example.com/me.png', avatar_media_id: null })
    expect((await me.delete(`/media/${mine.body.id}`)).status).toBe(204)
  })

  it('refuses someone else’s upload, an upload for another purpose, and both kinds at once', async () => {
    const bobs = await upload(ctx, bob.access, fileParts('avatar', await png(), 'a.png', 'image/png'))
    const forPost = await upload(ctx, alice.access, fileParts('post', await png(), 'a.png', 'image/png'))
    const me = client(ctx, alice.access)
    for (const body of [
      { avatar_media_id: bobs.body.id },
      { avatar_media_id: forPost.body.id },
      { avatar_media_id: '00000000-0000-4000-8000-000000000000' },
      { avatar_media_id: bobs.body.id, avatar_url: 'https://images.example.com/me.png' },
    ]) {
      const res = await me.put('/auth/user', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.detail).toMatchObject({ field: 'avatar_media_id' })
    }
  })
})
