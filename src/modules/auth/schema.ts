import { sql } from 'drizzle-orm'
import { type AnyPgColumn, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { media } from '../media/schema.js'

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    role: text('role', { enum: ['customer', 'admin'] })
      .notNull()
      .default('customer'),
    // Set when the owner follows a verification link (or a reset link, which proves the same).
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    bio: text('bio'),
    // An external image (https), or an upload of purpose avatar (read through GET /media/{id}); one or neither.
    avatarUrl: text('avatar_url'),
    avatarMediaId: uuid('avatar_media_id').references((): AnyPgColumn => media.id),
    timezone: text('timezone'),
    location: text('location'),
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    // Made at the user's first card checkout and reused; written only by `keepStripeCustomer`.
    stripeCustomerId: text('stripe_customer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Case-insensitive uniqueness lives in the index, so two racing sign-ups cannot both win.
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in ('customer', 'admin')`),
    uniqueIndex('users_stripe_customer_key').on(t.stripeCustomerId),
    // Backstops for the profile's input rules (the API checks them first, with clearer answers).
    check('users_bio_check', sql`char_length(${t.bio}) <= 2000`),
    check('users_location_check', sql`char_length(${t.location}) <= 200`),
    check('users_avatar_url_check', sql`${t.avatarUrl} like 'https://%'`),
    check('users_avatar_one_check', sql`${t.avatarUrl} is null or ${t.avatarMediaId} is null`),
    // Twice the API's 4 KiB: jsonb's text form spaces out what a client sent compactly.
    check('users_preferences_check', sql`jsonb_typeof(${t.preferences}) = 'object' and octet_length(${t.preferences}::text) <= 8192`),
  ],
)

export const userTokenPurposes = ['password_reset', 'email_verification'] as const
export type UserTokenPurpose = (typeof userTokenPurposes)[number]

/**
 * Single-use tokens sent by email (password reset, email verification). Only the SHA-256 of a
 * token is kept, so a copy of the database cannot be used to take over an account; the check
 * on its shape refuses a raw token written by mistake. `email` is the address the link went to.
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: userTokenPurposes }).notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('user_tokens_hash_key').on(t.tokenHash),
    // How many links an account was sent lately (the per-account cap), and its outstanding ones.
    index('user_tokens_user_idx').on(t.userId, t.purpose, t.createdAt),
    // The hourly purge finds expired tokens without reading the whole table.
    index('user_tokens_expires_idx').on(t.expiresAt),
    check('user_tokens_purpose_check', sql`${t.purpose} in (${literalList(userTokenPurposes)})`),
    check('user_tokens_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('user_tokens_lifetime_check', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
)

/** One row per issued refresh token; a family is one login and every rotation after it. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId)],
)

/**
 * Failed sign-ins, counted per account (the lower-cased email, whether or not an account has
 * it, so a lock-out says nothing about which addresses are registered) and per client address,
 * in a window that starts at the first failure. Kept in the database, which every instance
 * shares: an attacker spreading guesses over several servers still gets one allowance.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    scope: text('scope', { enum: ['account', 'address'] }).notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    check('login_failures_scope_check', sql`${t.scope} in ('account', 'address')`),
    check('login_failures_failures_check', sql`${t.failures} >= 0`),
    // The hourly purge finds lapsed windows without reading the whole table.
    index('login_failures_window_idx').on(t.windowStartedAt),
  ],
)
