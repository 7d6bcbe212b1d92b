import multipart from '@fastify/multipart'
import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { AppError } from '../../http/errors.js'
import { IdParams, errorResponses, optionalBearer } from '../../http/schemas.js'
import { MediaBytes, MediaOut, UploadForm } from './schemas.js'
import type { Media, MediaService } from './service.js'
import { mediaOut } from './views.js'
import { readUploadForm } from './upload-form.js'

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }

export async function mediaRoutes(app: App, { media, maxBytes }: { media: MediaService; maxBytes: number }) {
  const tags = ['media']
  // This plugin's routes take multipart forms and nothing else: JSON and every other type are
  // refused before they are read, and the multipart parser is registered here only.
  app.removeAllContentTypeParsers()
  await app.register(multipart)
  app.addContentTypeParser('*', (_req, _payload, done) => done(new AppError('unsupported_media_type', 'Send the file as multipart/form-data', null), undefined))

  app.post(
    '/media',
    {
      schema: {
        tags,
        operationId: 'uploadMedia',
        summary: 'Upload a file (multipart: `file` and `purpose`); its type is read from its bytes and images lose their metadata',
        consumes: ['multipart/form-data'],
        body: { content: { 'multipart/form-data': { schema: UploadForm } } },
        response: { 201: MediaOut, ...errorResponses },
      },
      // The form is read before validation, so the schema checks its fields like a JSON body's.
      preValidation: (req) => readUploadForm(req, maxBytes),
    },
    async (req, reply) => {
      const body = req.body as { purpose: Media['purpose']; file: unknown }
      if (!Buffer.isBuffer(body.file))
        throw new AppError('validation_failed', 'The file must be a file part', [{ field: 'body.file', message: 'must be a file' }])
      return reply.code(201).send(mediaOut(await media.upload(requireUser(req), body.purpose, body.file)))
    },
  )

  app.get(
    '/media/:id',
    {
      schema: {
        tags,
        operationId: 'readMedia',
        summary: 'Read an upload’s bytes (who may read what it belongs to; others get 404)',
        security: optionalBearer,
        params: IdParams,
        response: { 200: MediaBytes, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { media: m, body } = await media.read(req.principal ?? undefined, req.params.id)
      const extension = EXTENSIONS[m.contentType] ?? 'bin'
      // The stored type, never sniffed; a PDF downloads rather than renders, and nothing served
      // here may run script or load anything.
      reply
        .header('content-type', m.contentType)
        .header('content-length', m.byteSize)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `${m.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${m.id}.${extension}"`)
        .header('content-security-policy', "default-src 'none'; sandbox")
      // An avatar is public and its bytes never change under its id; anything else stays no-store.
      if (m.purpose === 'avatar') reply.header('cache-control', 'public, max-age=86400, immutable')
      // A stream is sent as is; the response schema only documents the bytes.
      return reply.send(body as unknown as string)
    },
  )

  app.delete(
    '/media/:id',
    {
      schema: {
        tags,
        operationId: 'deleteMedia',
        summary: 'Delete an upload of mine that nothing uses (409 while a post, message or profile uses it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await media.remove(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )
}
