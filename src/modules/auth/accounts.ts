import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { AppError, notFound } from '../../http/errors.js'
import { EmailTokens } from './email-tokens.js'
import { accountKeyOf, RetryLater, type LoginLimits } from './login-limits.js'
import { hashPassword } from './passwords.js'
import { users } from './schema.js'
import { endSessions } from './sessions.js'

const invalidResetToken = () => new AppError('invalid_reset_token', 'The reset link is invalid, expired or already used; ask for a new one')
const invalidVerificationToken = () => new AppError('invalid_verification_token', 'The verification link is invalid, expired or already used')

/** Set once: the first proof of the address is the one kept. */
const verifiedAt = (now: Date) => sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`

/** Self-service on an account by email: password reset and email verification (SPEC §3, §11). */
export class AccountService {
  readonly links: EmailTokens

  constructor(
    private readonly deps: Deps,
    private readonly limits: LoginLimits,
  ) {
    this.links = new EmailTokens(deps)
  }

  /**
   * Sends a reset link if an account has this address. The caller learns nothing either way: the
   * same answer, and the same work (a token made and hashed, one statement that finds no one).
   */
  async requestPasswordReset(email: string): Promise<void> {
    await this.links.send(this.deps.db, 'password_reset', sql`lower(u.email) = ${accountKeyOf(email)}`, this.deps.clock())
  }

  /**
   * Sets a new password with a reset token. Spending the token, the password, ending every
   * session (refresh family) and forgetting the failed sign-ins are one transaction; the link
   * also proves the address. Other unused reset links of the account are dropped.
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const now = this.deps.clock()
    // argon2 only for a token that could work: a guessed one costs a lookup.
    if (!(await this.links.isLive('password_reset', token, now))) throw invalidResetToken()
    const passwordHash = await hashPassword(password)
    await this.deps.db.transaction(async (tx) => {
      const owner = await this.links.spend(tx, 'password_reset', token, now)
      if (!owner) throw invalidResetToken()
      const [user] = await tx
        .update(users)
        .set({ passwordHash, emailVerifiedAt: verifiedAt(now), updatedAt: now })
        .where(eq(users.id, owner.userId))
        .returning({ id: users.id, email: users.email })
      if (!user) throw invalidResetToken()
      await endSessions(tx, user.id, now)
      await this.links.dropOutstanding(tx, user.id, 'password_reset')
      await this.limits.forgetAccount(user.email, tx)
    })
  }

  /** Verifies the address a verification link was sent to, once. */
  async verifyEmail(token: string): Promise<void> {
    const now = this.deps.clock()
    await this.deps.db.transaction(async (tx) => {
      const owner = await this.links.spend(tx, 'email_verification', token, now)
      if (!owner) throw invalidVerificationToken()
      // The address must still be the account's: a link proves the address it was sent to.
      const [user] = await tx
        .update(users)
        .set({ emailVerifiedAt: verifiedAt(now), updatedAt: now })
        .where(and(eq(users.id, owner.userId), eq(sql`lower(${users.email})`, owner.email.toLowerCase())))
        .returning({ id: users.id })
      if (!user) throw invalidVerificationToken()
      await this.links.dropOutstanding(tx, user.id, 'email_verification')
    })
  }

  /** Sends the signed-in user a new verification link: 409 if verified already, 429 past the hourly allowance. */
  async resendVerification(userId: string): Promise<void> {
    const now = this.deps.clock()
    if (await this.links.send(this.deps.db, 'email_verification', sql`u.id = ${userId}::uuid and u.email_verified_at is null`, now)) return
    const [user] = await this.deps.db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId))
    if (!user) throw notFound('User')
    if (user.verifiedAt) throw new AppError('already_verified', 'This email address is verified already')
    throw new RetryLater(
      'Verification links were sent to this address several times this hour',
      await this.links.secondsUntilNext(userId, 'email_verification', now),
    )
  }

  /** Sends a new account its first verification link, in the transaction that creates it. */
  async sendVerification(tx: Tx, userId: string, now: Date): Promise<void> {
    await this.links.send(tx, 'email_verification', sql`u.id = ${userId}::uuid`, now)
  }
}
