import type { FastifyError, FastifyInstance } from 'fastify'
import { AppError, fromDatabaseError } from './errors.js'

interface Body {
  error: string
  code: string
  detail: unknown
  request_id?: string
}

/** One place where anything thrown becomes the SPEC's error shape. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: `No route ${req.method} ${req.url.split('?')[0]}`, code: 'not_found', detail: null })
  })

  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    const known = toAppError(error)
    if (known) {
      if (known.status >= 500) req.log.error({ err: error }, known.code)
      return reply.code(known.status).send({ error: known.message, code: known.code, detail: known.detail ?? null } satisfies Body)
    }
    req.log.error({ err: error }, 'unhandled error')
    const body: Body = { error: 'Something went wrong on our side', code: 'internal_error', detail: null, request_id: req.id }
    return reply.code(500).send(body)
  })
}

function toAppError(error: FastifyError | AppError | Error): AppError | undefined {
  if (error instanceof AppError) return error
  const fe = error as FastifyError
  if (fe.validation) {
    const detail = fe.validation.map((v) => ({
      field: `${fe.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
      message: v.message ?? 'is invalid',
      ...(v.params && 'additionalProperty' in v.params ? { property: v.params.additionalProperty } : {}),
    }))
    return new AppError('validation_failed', 'The request is invalid', detail)
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large', 'The request body is too large')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send JSON with Content-Type: application/json')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json', 'The body is not valid JSON')
  }
  if (fe.statusCode === 429) return new AppError('rate_limited', 'Too many requests, slow down', null)
  if (error instanceof SyntaxError && fe.statusCode === 400) return new AppError('invalid_json', 'The body is not valid JSON')
  const db = fromDatabaseError(error)
  if (db) return db
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode === 404 ? 'not_found' : 'validation_failed', fe.message)
  }
  return undefined
}
