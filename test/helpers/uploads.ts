import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import type { TestContext } from './context.js'
import type { Reply } from './factories.js'

export interface FormPart {
  name: string
  /** Present for a file part. */
  filename?: string
  contentType?: string
  data: Buffer | string
}

/** A multipart/form-data body, built by hand so a test controls every byte (names, types, order). */
export function multipart(parts: FormPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----reservoir${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`
    const type = p.contentType ? `\r\nContent-Type: ${p.contentType}` : ''
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** POSTs a form to /media, as `token`'s holder. */
export async function upload(ctx: TestContext, token: string | undefined, parts: FormPart[]): Promise<Reply> {
  const { payload, contentType } = multipart(parts)
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    payload,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

/** The usual upload: a file part named `file` and a purpose. */
export const fileParts = (purpose: string, data: Buffer | string, filename = 'photo.jpg', contentType = 'image/jpeg'): FormPart[] => [
  { name: 'purpose', data: purpose },
  { name: 'file', filename, contentType, data },
]

/** A small JPEG carrying EXIF (a camera's copyright and artist notes) and, optionally, a rotation. */
export function jpegWithExif(opts: { width?: number; height?: number; orientation?: number } = {}): Promise<Buffer> {
  return sharp({ create: { width: opts.width ?? 40, height: opts.height ?? 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'secret-camera-owner', Artist: 'Jane Private' } })
    .withMetadata(opts.orientation ? { orientation: opts.orientation } : {})
    .toBuffer()
}

export const png = (width = 8, height = 8) =>
  sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } })
    .png()
    .toBuffer()

/** The smallest PDF file-type recognises. */
export const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

/** Every file under `dir`, recursively, as paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true })
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
  } catch {
    return []
  }
}
