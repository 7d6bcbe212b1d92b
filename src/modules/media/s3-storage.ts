import type { Readable } from 'node:stream'
import type * as AwsS3 from '@aws-sdk/client-s3'
import type { S3Config } from '../../config.js'
import type { MediaStorage } from './storage.js'

type Sdk = typeof AwsS3

/**
 * Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) through the official SDK.
 * The SDK module is imported on first use, so a process that never touches media never pays
 * for it in memory.
 */
export class S3Storage implements MediaStorage {
  private client: Promise<{ sdk: Sdk; s3: AwsS3.S3Client }> | undefined

  constructor(private readonly config: S3Config) {}

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const { endpoint, region, accessKeyId, secretAccessKey, forcePathStyle } = this.config
      const s3 = new sdk.S3Client({
        region,
        endpoint,
        forcePathStyle,
        credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
        // R2 and most stand-ins do not speak the newer flexible checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      })
      return { sdk, s3 }
    })
    return this.client
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const { sdk, s3 } = await this.connect()
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length }))
  }

  async get(key: string): Promise<Readable | undefined> {
    const { sdk, s3 } = await this.connect()
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key }))
      return out.Body as Readable | undefined
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
        return undefined
      }
      throw error
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk, s3 } = await this.connect()
    await s3.send(new sdk.DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }))
  }

  /** Whether an object is stored under the key (HeadObject). */
  async has(key: string): Promise<boolean> {
    const { sdk, s3 } = await this.connect()
    try {
      await s3.send(new sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key }))
      return true
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false
      throw error
    }
  }

  close(): void {
    void this.client?.then(({ s3 }) => s3.destroy())
  }
}
