import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { sqlState } from '../../db/errors.js'
import { AppError, notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { MediaReaders } from './access.js'
import { inspectUpload } from './inspect.js'
import { media, type MediaPurpose } from './schema.js'
import { createStorage, type MediaStorage } from './storage.js'

export type Media = typeof media.$inferSelect

export class MediaService {
  private storage: Promise<MediaStorage> | undefined

  /**
   * `readers` says, per purpose, who besides the uploader may read an upload; each is the
   * check of the module whose object uses it. `storage` defaults to the configured adapter,
   * created on first use.
   */
  constructor(
    private readonly deps: Deps,
    private readonly readers: MediaReaders,
    storage?: MediaStorage,
  ) {
    if (storage) this.storage = Promise.resolve(storage)
  }

  private store(): Promise<MediaStorage> {
    this.storage ??= createStorage(this.deps.config)
    return this.storage
  }

  /**
   * Stores an upload after reading its type from its bytes (and re-encoding an image), under a
   * generated key. The bytes are stored before the row is written, so a row never names
   * missing bytes; if the row cannot be written the bytes are removed again.
   */
  async upload(who: AccessClaims, purpose: MediaPurpose, bytes: Buffer): Promise<Media> {
    const inspected = await inspectUpload(purpose, bytes)
    const id = randomUUID()
    const storage = await this.store()
    await storage.put(id, inspected.bytes, inspected.contentType)
    try {
      const [row] = await this.deps.db
        .insert(media)
        .values({
          id,
          ownerId: who.userId,
          purpose,
          contentType: inspected.contentType,
          byteSize: inspected.bytes.length,
          storageKey: id,
          width: inspected.width,
          height: inspected.height,
          createdAt: this.deps.clock(),
        })
        .returning()
      return row!
    } catch (error) {
      await storage.delete(id)
      throw error
    }
  }

  /**
   * An upload's bytes, for whoever may read the object it belongs to: its uploader, an admin,
   * or whom the purpose's check lets in. Anyone else is told it does not exist.
   */
  async read(who: AccessClaims | undefined, id: string): Promise<{ media: Media; body: Readable }> {
    const [row] = await this.deps.db.select().from(media).where(eq(media.id, id))
    if (!row) throw notFound('Media')
    const allowed = who?.role === 'admin' || row.ownerId === who?.userId || (await this.readers[row.purpose](this.deps.db, id, who?.userId))
    if (!allowed) throw notFound('Media')
    const body = await (await this.store()).get(row.storageKey)
    if (!body) throw notFound('Media')
    return { media: row, body }
  }

  /**
   * The uploader (or an admin) removes an upload nothing uses: a post, a message or a profile
   * that refers to it holds it by a foreign key, and the refusal is 409. The bytes go after
   * the row, so a failed removal of the bytes leaves an unreferenced file, never a broken row.
   */
  async remove(who: AccessClaims, id: string): Promise<void> {
    const [row] = await this.deps.db.select().from(media).where(eq(media.id, id))
    if (!row || (row.ownerId !== who.userId && who.role !== 'admin')) throw notFound('Media')
    try {
      await this.deps.db.delete(media).where(eq(media.id, id))
    } catch (error) {
      if (sqlState(error) === '23503') throw new AppError('media_in_use', 'This upload is in use; remove it from where it is used first', null)
      throw error
    }
    await (await this.store()).delete(row.storageKey)
  }
}
