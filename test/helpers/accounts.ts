import { and, desc, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import type { AccountTemplate } from '../../src/modules/notifications/templates.js'
import type { TestContext } from './context.js'
import { PASSWORD, client, unique } from './factories.js'

/** The account emails queued for `email`, newest first (by the test clock: move it between two), as the table holds them. */
export async function accountEmails(ctx: TestContext, email: string, template: AccountTemplate) {
  return ctx.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipient, email), eq(notifications.template, template)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
}

/**
 * The token of the newest link of `template` queued for `email`, read from the email's text as
 * its reader would: the link's `token` query parameter. Checks the link's page on the way.
 */
export async function tokenFromEmail(ctx: TestContext, email: string, template: AccountTemplate): Promise<string> {
  const [message] = await accountEmails(ctx, email, template)
  expect(message, `no ${template} email for ${email}`).toBeDefined()
  const page = template === 'password_reset' ? '/reset' : '/verify-email'
  const link = new RegExp(`${ctx.config.publicUrl.replace(/[.:/]/g, '\\$&')}${page}\\?token=([A-Za-z0-9_-]+)`).exec(message!.body)
  expect(link, message!.body).not.toBeNull()
  return link![1]!
}

/** Registers through the API; answers the session and the address. */
export async function signUp(ctx: TestContext, name = 'Ada Lovelace') {
  const email = `${unique('account')}@example.test`
  const res = await client(ctx).post('/auth/register', { email, password: PASSWORD, name })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { email, access: res.body.access as string, refresh: res.body.refresh as string, id: res.body.user.id as string }
}

/** Every table of the database whose rows, as text, contain `needle`. */
export async function tablesContaining(ctx: TestContext, needle: string): Promise<string[]> {
  const { rows: tables } = await ctx.database.raw.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = current_schema()`)
  const found: string[] = []
  for (const { name } of tables) {
    const { rows } = await ctx.database.raw.query<{ n: number }>(`select count(*)::int as n from "${name}" t where t::text like $1`, [`%${needle}%`])
    if (rows[0]!.n > 0) found.push(name)
  }
  return found
}
