import type { Media } from './service.js'

export const mediaOut = (m: Media) => ({
  id: m.id,
  purpose: m.purpose,
  content_type: m.contentType,
  byte_size: m.byteSize,
  width: m.width,
  height: m.height,
  url: mediaUrl(m.id),
  created_at: m.createdAt.toISOString(),
})

/** Where an upload is read: a path on this API, relative to its origin. */
export const mediaUrl = (id: string) => `/api/v1/media/${id}`
