import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import type { Config } from '../../config.js'

/** Where uploaded bytes live. Keys are ids the media module generates, never a client's file name. */
export interface MediaStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** The stored bytes as a stream, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Readable | undefined>
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>
}

// Keys are UUIDs: anything else reaching the disk adapter is a bug, not a path to follow.
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Files under `<DATA_DIR>/media`, one per key, written to a temporary name and renamed into place. */
export class LocalDiskStorage implements MediaStorage {
  readonly root: string

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'media')
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('A media storage key must be a generated id')
    // Two levels of fan-out keep directories small; the key alone decides the path.
    const path = join(this.root, key.slice(0, 2), key)
    if (!path.startsWith(this.root + sep)) throw new Error('A media path left the media directory')
    return path
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key)
    await mkdir(join(path, '..'), { recursive: true })
    // Readers never see half a file: the bytes appear under their name all at once.
    const partial = `${path}.partial`
    await writeFile(partial, bytes, { mode: 0o600 })
    await rename(partial, path)
  }

  async get(key: string): Promise<Readable | undefined> {
    const path = this.pathOf(key)
    try {
      await stat(path)
    } catch {
      return undefined
    }
    return createReadStream(path)
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true })
  }
}

/** The storage the configuration names: S3-compatible when a bucket is set, else the local disk. */
export async function createStorage(config: Config): Promise<MediaStorage> {
  if (!config.media.s3) return new LocalDiskStorage(config.dataDir)
  // The AWS SDK is large: only a deployment that stores in S3 loads it.
  const { S3Storage } = await import('./s3-storage.js')
  return new S3Storage(config.media.s3)
}
