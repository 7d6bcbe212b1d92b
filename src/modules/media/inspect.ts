import type Sharp from 'sharp'
import { AppError, invalidInput } from '../../http/errors.js'
import type { MediaPurpose } from './schema.js'

const IMAGES = ['image/jpeg', 'image/png', 'image/webp'] as const
/** What each purpose accepts, by the type read from the bytes. Images are re-encoded; a PDF is kept as sent. */
export const allowedTypes: Record<MediaPurpose, readonly string[]> = {
  avatar: IMAGES,
  post: IMAGES,
  message: [...IMAGES, 'application/pdf'],
}

export interface Inspected {
  bytes: Buffer
  contentType: string
  width: number | null
  height: number | null
}

// A decompression bomb (a small file of a huge image) is refused before it is decoded.
const MAX_PIXELS = 40_000_000

let sharpModule: Promise<typeof Sharp> | undefined
/** sharp (libvips) is loaded on the first image, not at start-up: most processes never see one. */
function loadSharp() {
  sharpModule ??= import('sharp').then(({ default: sharp }) => {
    // No operation cache and one thread: an upload now and then matters less than the server's memory.
    sharp.cache(false)
    sharp.concurrency(1)
    return sharp
  })
  return sharpModule
}

/**
 * What an upload really is, read from its own bytes (the name and the declared type are the
 * client's claims and are ignored), refused unless the purpose allows it. Images come back
 * re-encoded in their own format, turned upright and without any metadata (EXIF, GPS, ICC
 * comments), so nothing the camera recorded is published and no crafted chunk survives.
 */
export async function inspectUpload(purpose: MediaPurpose, bytes: Buffer): Promise<Inspected> {
  const { fileTypeFromBuffer } = await import('file-type')
  const detected = await fileTypeFromBuffer(bytes)
  const allowed = allowedTypes[purpose]
  if (!detected || !allowed.includes(detected.mime)) {
    throw new AppError('unsupported_media_type', `This upload is not an accepted file type for ${purpose}`, {
      field: 'file',
      detected: detected?.mime ?? null,
      allowed,
    })
  }
  if (!detected.mime.startsWith('image/')) return { bytes, contentType: detected.mime, width: null, height: null }
  const sharp = await loadSharp()
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate()
    const encoded =
      detected.mime === 'image/jpeg'
        ? image.jpeg({ quality: 85 })
        : detected.mime === 'image/png'
          ? image.png({ compressionLevel: 9 })
          : image.webp({ quality: 85 })
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
    return { bytes: data, contentType: detected.mime, width: info.width, height: info.height }
  } catch {
    throw invalidInput('The image cannot be read', { field: 'file' })
  }
}
