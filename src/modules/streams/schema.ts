import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/schema.js'
import { literalList } from '../../db/sql-list.js'
import { media } from '../media/schema.js'
import { practitioners } from '../practitioners/schema.js'
import { venues } from '../venues/schema.js'

/** Who reads a post: everyone, or the practitioner's customers (people with a booking) and staff. */
export const postVisibilities = ['public', 'customers'] as const
export type PostVisibility = (typeof postVisibilities)[number]

/**
 * A practitioner's post in their content stream. The counters are moved only together with the
 * row they count, in one transaction (see `toggles.ts`), and may never go below zero.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    // The practitioner's venue, copied (it never changes): whose customers and staff read `customers` posts.
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    // The staff member who wrote it; edits and deletion belong to any of the practitioner's staff.
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    visibility: text('visibility', { enum: postVisibilities }).notNull(),
    likeCount: integer('like_count').notNull().default(0),
    saveCount: integer('save_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('posts_practitioner_idx').on(t.practitionerId, t.createdAt),
    index('posts_venue_idx').on(t.venueId),
    index('posts_created_idx').on(t.createdAt, t.id),
    check('posts_visibility_check', sql`${t.visibility} in (${literalList(postVisibilities)})`),
    check('posts_title_check', sql`char_length(${t.title}) between 1 and 200`),
    check('posts_body_check', sql`char_length(${t.body}) <= 10000`),
    check('posts_like_count_check', sql`${t.likeCount} >= 0`),
    check('posts_save_count_check', sql`${t.saveCount} >= 0`),
    check('posts_comment_count_check', sql`${t.commentCount} >= 0`),
  ],
)

/** A post's uploads, in order. An upload belongs to one post at most, and is kept while it does. */
export const postMedia = pgTable(
  'post_media',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    mediaId: uuid('media_id')
      .notNull()
      .references(() => media.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.mediaId] }),
    uniqueIndex('post_media_media_key').on(t.mediaId),
    check('post_media_position_check', sql`${t.position} >= 0`),
  ],
)

/** One like per user and post: the key is what makes a like an idempotent toggle. */
export const postLikes = pgTable(
  'post_likes',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
)

/** One save per user and post; a user's saves, newest first, are their "saved" feed. */
export const postSaves = pgTable(
  'post_saves',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_saves_user_idx').on(t.userId, t.createdAt)],
)

export const postComments = pgTable(
  'post_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('post_comments_post_idx').on(t.postId, t.createdAt), check('post_comments_body_check', sql`char_length(${t.body}) between 1 and 2000`)],
)
