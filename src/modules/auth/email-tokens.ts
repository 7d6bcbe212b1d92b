import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull, lt, min, sql, type SQL } from 'drizzle-orm'
import type { Config } from '../../config.js'
import type { Executor, Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { queueAccountEmail } from '../notifications/account-mail.js'
import { userTokens, type UserTokenPurpose } from './schema.js'

const HOUR = 3600_000

/** How long a link works: a reset link is a key to the account, a verification link only proves an address. */
export const LINK_HOURS: Record<UserTokenPurpose, number> = { password_reset: 1, email_verification: 48 }

/** Links of one purpose an account is sent per hour at most, whoever asks and from wherever. */
export const LINKS_PER_HOUR = 3

/** The pages (of the site at PUBLIC_URL) the links open; they POST the token to the API. */
const PAGES: Record<UserTokenPurpose, string> = { password_reset: '/reset', email_verification: '/verify-email' }

/** What is stored of a token: its SHA-256, in hex. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** The account a spent token belonged to, and the address its link went to. */
export interface TokenOwner {
  userId: string
  email: string
}

/**
 * Single-use tokens sent by email. A token is 32 random bytes (base64url) and only its hash is
 * stored; it is spent by one conditional update, so two requests presenting it cannot both win.
 */
export class EmailTokens {
  constructor(private readonly deps: Pick<Deps, 'db'> & { config: Pick<Config, 'publicUrl'> }) {}

  /**
   * Sends a link of `purpose` to the account `match` picks (a condition on `users u`), unless it
   * was sent LINKS_PER_HOUR links of that purpose in the last hour. A token is made and hashed and
   * one statement runs whether or not an account matches. Answers whether a link was queued.
   */
  async send(ex: Executor, purpose: UserTokenPurpose, match: SQL, now: Date): Promise<boolean> {
    const token = randomBytes(32).toString('base64url')
    const hours = LINK_HOURS[purpose]
    const expiresAt = new Date(now.getTime() + hours * HOUR)
    const at = now.toISOString()
    const recipients = sql`
      insert into user_tokens (user_id, purpose, email, token_hash, expires_at, created_at)
      select u.id, ${purpose}::text, u.email, ${hashToken(token)}::text, ${expiresAt.toISOString()}::timestamptz, ${at}::timestamptz
      from users u
      where ${match}
        and (select count(*) from user_tokens t
             where t.user_id = u.id and t.purpose = ${purpose}::text and t.created_at > ${new Date(now.getTime() - HOUR).toISOString()}::timestamptz) < ${LINKS_PER_HOUR}
      returning user_id, email as recipient, id::text as key`
    const link = `${this.deps.config.publicUrl}${PAGES[purpose]}?token=${token}`
    return (await queueAccountEmail(ex, recipients, { template: purpose, link, expiresAt, hours }, now)) > 0
  }

  /** Whether `token` could be spent now; a cheap look before work that only a good token deserves. */
  async isLive(purpose: UserTokenPurpose, token: string, now: Date): Promise<boolean> {
    const [row] = await this.deps.db
      .select({ id: userTokens.id })
      .from(userTokens)
      .where(this.spendable(purpose, token, now))
    return row !== undefined
  }

  /**
   * Spends `token`: the one conditional update that lets exactly one caller have it. Answers its
   * owner, or undefined for a token that is unknown, used, expired or of another purpose.
   */
  async spend(tx: Tx, purpose: UserTokenPurpose, token: string, now: Date): Promise<TokenOwner | undefined> {
    const [spent] = await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(this.spendable(purpose, token, now))
      .returning({ userId: userTokens.userId, email: userTokens.email })
    return spent
  }

  /** Deletes the account's other links of `purpose` that were never used: what they would do is done. */
  async dropOutstanding(tx: Tx, userId: string, purpose: UserTokenPurpose): Promise<void> {
    await tx.delete(userTokens).where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)))
  }

  /** In how many seconds (at least 1) the account may be sent another link of `purpose`. */
  async secondsUntilNext(userId: string, purpose: UserTokenPurpose, now: Date): Promise<number> {
    const hourAgo = new Date(now.getTime() - HOUR)
    const [row] = await this.deps.db
      .select({ oldest: min(userTokens.createdAt) })
      .from(userTokens)
      .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), gt(userTokens.createdAt, hourAgo)))
    return row?.oldest ? Math.max(Math.ceil((row.oldest.getTime() + HOUR - now.getTime()) / 1000), 1) : 1
  }

  /** Deletes the tokens that have expired (an hourly job); answers how many. */
  async purgeExpired(now: Date): Promise<number> {
    const gone = await this.deps.db.delete(userTokens).where(lt(userTokens.expiresAt, now)).returning({ id: userTokens.id })
    return gone.length
  }

  private spendable(purpose: UserTokenPurpose, token: string, now: Date) {
    return and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now))
  }
}
