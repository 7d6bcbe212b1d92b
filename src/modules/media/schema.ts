import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'
import { literalList } from '../../db/sql-list.js'

/** What an upload is for; it decides who may read it (see `media/access.ts`). */
export const mediaPurposes = ['avatar', 'post', 'message'] as const
export type MediaPurpose = (typeof mediaPurposes)[number]

/**
 * One uploaded file. The bytes live in the storage adapter under `storage_key`; the row says
 * who uploaded it, what it is (from its own bytes, never its name) and what it is for. The
 * object that uses it (a post, a message, a profile) refers to it by id, and reads are
 * authorised like that object.
 */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: mediaPurposes }).notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    storageKey: text('storage_key').notNull(),
    width: integer('width'),
    height: integer('height'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('media_owner_idx').on(t.ownerId, t.createdAt),
    check('media_purpose_check', sql`${t.purpose} in (${literalList(mediaPurposes)})`),
    check('media_byte_size_check', sql`${t.byteSize} > 0`),
  ],
)
