import { Type } from 'typebox'
import { Instant, Nullable, Uuid, named } from '../../http/schemas.js'
import { allowedTypes } from './inspect.js'

export const MediaPurposeSchema = Type.Union([Type.Literal('avatar'), Type.Literal('post'), Type.Literal('message')], {
  description: 'what the upload is for; it decides who may read it: avatar (anyone), post (who may read the post), message (the conversation’s participants)',
})

/**
 * The upload form. `file` arrives as the bytes of a file part; its type is read from those
 * bytes (images: JPEG, PNG, WebP; a message attachment may also be a PDF), never from its
 * name or declared type.
 */
export const UploadForm = Type.Object(
  {
    purpose: MediaPurposeSchema,
    // Documented as a binary string; at validation it is the file part's bytes, which the
    // format (a string format) leaves alone.
    file: Type.Unsafe<Buffer>({ format: 'binary', contentMediaType: 'application/octet-stream', description: 'the file, as a file part' }),
  },
  { additionalProperties: false },
)

export const MediaOut = named(
  'Media',
  Type.Object({
    id: Uuid,
    purpose: MediaPurposeSchema,
    content_type: Type.String({ description: 'read from the bytes', examples: [...new Set(Object.values(allowedTypes).flat())] }),
    byte_size: Type.Integer({ description: 'as stored: images are re-encoded without their metadata' }),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    url: Type.String({ description: 'where the bytes are read, for whoever may read what the upload belongs to' }),
    created_at: Instant,
  }),
)

/** The bytes as stored, by their type. */
const Binary = { schema: Type.String({ format: 'binary' }) }
export const MediaBytes = {
  description: 'The file’s bytes, with its stored content type',
  content: Object.fromEntries([...new Set(Object.values(allowedTypes).flat())].map((type) => [type, Binary])),
}
