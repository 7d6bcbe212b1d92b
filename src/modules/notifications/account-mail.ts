import { sql, type SQL } from 'drizzle-orm'
import { rowsOf, type Executor } from '../../db/client.js'
import { literalList } from '../../db/sql-list.js'
import { notifications } from './schema.js'
import { accountTemplates, renderAccountEmail, type AccountTemplate } from './templates.js'

/** An account email: which one, the link it carries and how long the link works. */
export interface AccountEmail {
  template: AccountTemplate
  link: string
  expiresAt: Date
  hours: number
}

/**
 * Queues `email` to each row `recipients` answers, in the one statement that runs that query.
 * `recipients` belongs to the auth module and answers `user_id, recipient, key` (an `insert …
 * returning` may be it): who gets a link is decided and the link queued in one round trip, which
 * does the same work whether or not any account matched. `key` makes the row's dedupe key.
 * Answers how many messages were queued.
 */
export async function queueAccountEmail(ex: Executor, recipients: SQL, email: AccountEmail, now: Date): Promise<number> {
  const { subject, body } = renderAccountEmail(email.template, email.link, email.hours)
  const data = JSON.stringify({ expires_at: email.expiresAt.toISOString() })
  const at = now.toISOString()
  const rows = await rowsOf<{ id: string }>(
    ex,
    sql`with r as (${recipients})
        insert into notifications (dedupe_key, user_id, channel, recipient, template, subject, body, data, status, next_attempt_at, created_at)
        select ${email.template}::text || ':' || r.key || ':email', r.user_id, 'email', r.recipient, ${email.template}::text, ${subject}::text,
               ${body}::text, ${data}::jsonb, 'pending', ${at}::timestamptz, ${at}::timestamptz
        from r
        on conflict (dedupe_key) do nothing
        returning id`,
  )
  return rows.length
}

/**
 * The body a message keeps once it has gone out (or failed for good): an account email's link is
 * cut out, so the log holds no working token, only that a link was sent. Retries keep the link.
 */
export const bodyAfterSending = (): SQL =>
  sql`case when ${notifications.template} in (${literalList(accountTemplates)})
      then regexp_replace(${notifications.body}, 'token=[A-Za-z0-9_-]+', 'token=[removed]', 'g') else ${notifications.body} end`
