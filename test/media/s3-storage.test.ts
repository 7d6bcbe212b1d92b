import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3Storage } from '../../src/modules/media/s3-storage.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { s3StandIn, type S3StandIn } from '../helpers/s3-standin.js'
import { scene } from '../helpers/scene.js'
import { fileParts, filesUnder, jpegWithExif, upload } from '../helpers/uploads.js'

const BUCKET = 'reservoir-test'
let ctx: TestContext
let alice: Actor
let s3: S3StandIn
let dataDir: string
const s3Config = () => ({
  bucket: BUCKET,
  endpoint: s3.endpoint,
  region: 'auto',
  accessKeyId: 'AKIDTEST',
  secretAccessKey: 'test-secret',
  forcePathStyle: true,
})

beforeAll(async () => {
  s3 = await s3StandIn(BUCKET)
  dataDir = await mkdtemp(join(tmpdir(), 'reservoir-s3-'))
  ;({ ctx, alice } = await scene({ customers: { alice: 'Alice' }, config: { dataDir, media: { maxBytes: 1024 * 1024, s3: s3Config() } } }))
})
afterAll(async () => {
  await ctx.close()
  await s3.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('S3-compatible storage', () => {
  it('stores an upload in the bucket through the AWS SDK (signed requests), serves it back and deletes it', async () => {
    const res = await upload(ctx, alice.access, fileParts('post', await jpegWithExif()))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const id = res.body.id as string
    const put = s3.requests.find((r) => r.method === 'PUT' && r.key === id)
    expect(put, JSON.stringify(s3.requests.map((r) => [r.method, r.key]))).toBeDefined()
    expect(put!.bucket).toBe(BUCKET)
    expect(String(put!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/auto\/s3\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/,
    )
    expect(put!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/)
    expect(put!.headers['user-agent']).toMatch(/aws-sdk-js/)
    expect(s3.objects.get(id)).toMatchObject({ contentType: 'image/jpeg' })
    expect(s3.objects.get(id)!.body.length).toBe(res.body.byte_size)
    // Nothing went to the local disk.
    expect(await filesUnder(dataDir)).toEqual([])

    const got = await ctx.app.inject({ method: 'GET', url: `/api/v1/media/${id}`, headers: { authorization: `Bearer ${alice.access}` } })
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/jpeg')
    expect(got.rawPayload.equals(s3.objects.get(id)!.body)).toBe(true)
    expect(s3.requests.some((r) => r.method === 'GET' && r.key === id)).toBe(true)

    expect((await client(ctx, alice.access).delete(`/media/${id}`)).status).toBe(204)
    expect(s3.objects.has(id)).toBe(false)
    expect(s3.requests.some((r) => r.method === 'DELETE' && r.key === id)).toBe(true)
  })

  it('the adapter answers HeadObject and a missing key as S3 reports them', async () => {
    const storage = new S3Storage(s3Config())
    const key = '0b5d6c1e-1f7a-4c55-9d7e-3f0a2b1c4d5e'
    expect(await storage.has(key)).toBe(false)
    expect(await storage.get(key)).toBeUndefined()
    await storage.put(key, Buffer.from('bytes'), 'application/pdf')
    expect(await storage.has(key)).toBe(true)
    expect(s3.requests.filter((r) => r.key === key).map((r) => r.method)).toEqual(['HEAD', 'GET', 'PUT', 'HEAD'])
    await storage.delete(key)
    expect(await storage.has(key)).toBe(false)
    storage.close()
  })
})
