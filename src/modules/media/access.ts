import type { Executor } from '../../db/client.js'
import type { MediaPurpose } from './schema.js'

/**
 * Whether a caller (undefined: anonymous) may read an upload. Media is read like the object
 * that uses it, and only the module owning that object knows who may see it, so each
 * purpose's owner supplies its check (messaging for `message`, streams for `post`) and the
 * media module asks it; the media module never reads their tables.
 */
export type MediaReadCheck = (ex: Executor, mediaId: string, userId: string | undefined) => Promise<boolean>

export type MediaReaders = Record<MediaPurpose, MediaReadCheck>
