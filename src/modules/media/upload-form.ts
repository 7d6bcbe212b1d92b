import type { FastifyRequest } from 'fastify'
// The multipart plugin's request methods (isMultipart, parts), for the type checker only.
import type {} from '@fastify/multipart'
import { AppError, invalidInput } from '../../http/errors.js'

/**
 * Reads an upload's multipart form (one file part and short text fields) into `req.body`, so
 * the route's schema validates it like any body: text fields as strings, the file as its bytes.
 * The file is held in memory up to the size limit (images are re-encoded from memory anyway);
 * a larger one is cut off by the parser and refused, before anything is stored.
 */
export async function readUploadForm(req: FastifyRequest, maxBytes: number): Promise<void> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data', null)
  const form: Record<string, unknown> = {}
  try {
    const parts = req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 1000, parts: 5, headerPairs: 20 } })
    for await (const part of parts) {
      if (part.fieldname in form) throw invalidInput('A form field is given twice', { field: `body.${part.fieldname}` })
      form[part.fieldname] = part.type === 'file' ? await part.toBuffer() : part.value
    }
  } catch (error) {
    throw formError(error, maxBytes)
  }
  req.body = form
}

/** The parser's refusals, in the API's words (its own messages may quote the request). */
function formError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('file_too_large', 'The file is larger than uploads may be', { max_bytes: maxBytes })
    case 'FST_FILES_LIMIT':
      return invalidInput('Send one file per upload', { field: 'body.file' })
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalidInput('The form has fields it does not take', null)
  }
  // Busboy's own errors: a missing boundary, a truncated or malformed part.
  return new AppError('malformed_request', 'The multipart form cannot be read', null)
}
