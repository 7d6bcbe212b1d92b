import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { literalList } from '../../db/sql-list.js'
import { users } from '../auth/schema.js'
import { venues } from '../venues/schema.js'

export const notificationChannels = ['sms', 'email', 'in_app'] as const
export type NotificationChannel = (typeof notificationChannels)[number]
export const notificationStatuses = ['pending', 'sent', 'failed'] as const
export type NotificationStatus = (typeof notificationStatuses)[number]

/**
 * One message to one recipient on one channel, rendered when it is queued (in the venue's
 * time zone and currency) and sent after commit by the sender loop, with retries.
 * `dedupe_key` is unique: a reminder or an event's message is queued at most once however
 * often the relay or the reminder job runs. In-app rows are also the user's inbox.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    venueId: uuid('venue_id').references(() => venues.id, { onDelete: 'cascade' }),
    // The reservation or waitlist entry the message is about, for the staff's view.
    subjectId: uuid('subject_id'),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    // An email's iCalendar invite (REQUEST or CANCEL), sent as its text/calendar part.
    calendar: text('calendar'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: notificationStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    // The provider's id for the message (Twilio SID, SMTP message id).
    providerId: text('provider_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('notifications_inbox_idx')
      .on(t.userId, t.createdAt)
      .where(sql`${t.channel} = 'in_app'`),
    check('notifications_channel_check', sql`${t.channel} in (${literalList(notificationChannels)})`),
    check('notifications_status_check', sql`${t.status} in (${literalList(notificationStatuses)})`),
    check('notifications_attempts_check', sql`${t.attempts} >= 0`),
  ],
)
