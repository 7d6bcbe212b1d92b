import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { AppError, type ErrorCode, errorStatus, fromDatabaseError } from './errors.js'

interface Body {
  error: string
  code: string
  detail: unknown
  request_id?: string
}

/** The methods the API answers; any other is 501 (RFC 9110: not supported for any resource). */
export const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/**
 * One place where anything thrown becomes the SPEC's error shape `{error, code, detail}`.
 * No error repeats the request (its path, its headers, its values) back: a message is a
 * fixed sentence, so nothing a caller sent can be reflected into a page or a log viewer.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    if (req.method !== 'OPTIONS' && !(API_METHODS as readonly string[]).includes(req.method)) {
      return sendError(req, reply, new AppError('method_not_implemented', 'The API does not use this HTTP method'))
    }
    return sendError(req, reply, new AppError('not_found', 'No route matches this method and path'))
  })
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => sendError(req, reply, error))
}

function sendError(req: FastifyRequest, reply: FastifyReply, error: FastifyError | AppError | Error) {
  const known = toAppError(error)
  if (known) {
    // An outage fails every request the same way: one short line each, without the failed
    // query and its parameters (guests' data) that the driver's error would carry.
    if (known.code === 'database_unavailable') req.log.warn({ reason: rootMessage(error) }, known.code)
    else if (known.status >= 500) req.log.error({ err: error }, known.code)
    return reply.code(known.status).send({ error: known.message, code: known.code, detail: known.detail ?? null } satisfies Body)
  }
  req.log.error({ err: error }, 'unhandled error')
  const body: Body = { error: 'Something went wrong on our side', code: 'internal_error', detail: null, request_id: req.id }
  return reply.code(500).send(body)
}

/** The message of the innermost cause: the driver's own words, not a wrapper's. */
function rootMessage(error: unknown): string {
  let inner = error
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause
  return inner instanceof Error ? inner.message : String(inner)
}

/**
 * Errors Fastify meets before routing (`frameworkErrors`): a path that is not valid
 * percent-encoding, a path parameter over the router's length limit, a failing constraint.
 * Fastify's own answers would quote the path. These replies skip every hook, so the headers
 * the hooks would add (request id, no-store, nosniff) are set here.
 */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', req.id).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff')
  void sendError(req, reply, error)
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request (`clientErrorHandler`):
 * headers or request line over the size limit, a method it does not know, bytes that are
 * not HTTP, a request that took too long to arrive. There is no request or reply object, so
 * the answer is written to the socket by hand, in the same shape, and the connection closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A connection reset or already closed: nobody is listening for an answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [code, message] = clientErrorOf(error.code)
  this.log.debug({ err: error }, 'client error')
  if (socket.writable) {
    const status = errorStatus[code]
    const body = JSON.stringify({ error: message, code, detail: null } satisfies Body)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}

function clientErrorOf(parserCode: string | undefined): [ErrorCode, string] {
  switch (parserCode) {
    case 'HPE_HEADER_OVERFLOW':
      return ['headers_too_large', 'The request line or headers are too large']
    case 'HPE_INVALID_METHOD':
      return ['method_not_implemented', 'The API does not use this HTTP method']
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return ['request_timeout', 'The request took too long to arrive']
    default:
      return ['malformed_request', 'The request is not valid HTTP']
  }
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
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('uri_too_long', 'A part of the path is too long')
    case 'FST_ERR_BAD_URL':
      return new AppError('malformed_url', 'The path is not valid percent-encoding')
  }
  if (fe.statusCode === 429) return new AppError('rate_limited', 'Too many requests, slow down', null)
  if (error instanceof SyntaxError && fe.statusCode === 400) return new AppError('invalid_json', 'The body is not valid JSON')
  const db = fromDatabaseError(error)
  if (db) return db
  // Any other refusal from Fastify or a plugin: its message may quote what was sent.
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return fe.statusCode === 404 ? new AppError('not_found', 'Not found') : new AppError('validation_failed', 'The request is invalid')
  }
  return undefined
}
