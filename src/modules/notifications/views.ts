import type { notifications } from './schema.js'

export type Notification = typeof notifications.$inferSelect

const iso = (d: Date | null) => d?.toISOString() ?? null

/** A message as its recipient reads it: in the inbox, and pushed to their sockets. */
export const inboxItem = (n: Notification) => ({
  id: n.id,
  template: n.template,
  subject: n.subject,
  body: n.body,
  data: n.data,
  venue_id: n.venueId,
  subject_id: n.subjectId,
  created_at: n.createdAt.toISOString(),
  read_at: iso(n.readAt),
})

/** A message as the venue's staff see it in the log: where it went and how sending went. */
export const logItem = (n: Notification) => ({
  id: n.id,
  channel: n.channel,
  recipient: n.recipient,
  template: n.template,
  subject: n.subject,
  body: n.body,
  status: n.status,
  attempts: n.attempts,
  last_error: n.lastError,
  provider_id: n.providerId,
  user_id: n.userId,
  subject_id: n.subjectId,
  created_at: n.createdAt.toISOString(),
  next_attempt_at: n.status === 'pending' ? n.nextAttemptAt.toISOString() : null,
  sent_at: iso(n.sentAt),
  read_at: iso(n.readAt),
})
