import { randomUUID } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Executor } from '../../db/client.js'
import { sqlState } from '../../db/errors.js'
import { AppError, invalidInput, notFound } from '../../http/errors.js'
import { ownMedia } from '../media/queries.js'
import { AccountService } from './accounts.js'
import { LoginLimits } from './login-limits.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { profileColumns, type ProfilePatch } from './profile.js'
import { refreshTokens, users } from './schema.js'
import { passwordProblem } from './schemas.js'
import { endSessions } from './sessions.js'
import type { Role } from './tokens.js'

export type User = typeof users.$inferSelect

export interface Session {
  access: string
  refresh: string
  user: User
}

export interface NewUser {
  email: string
  password: string
  name: string
  phone?: string | null
}

const byEmail = (email: string) => eq(sql`lower(${users.email})`, email.toLowerCase())

export class AuthService {
  readonly limits: LoginLimits
  readonly accounts: AccountService

  constructor(private readonly deps: Deps) {
    this.limits = new LoginLimits(deps)
    this.accounts = new AccountService(deps, this.limits)
  }

  /**
   * Creates a customer (platform roles are never taken from the request) and queues the link
   * that verifies its address, in one transaction: no account without its link.
   */
  async register(input: NewUser): Promise<Session> {
    const passwordHash = await hashPassword(input.password)
    const user = await this.deps.db.transaction(async (tx) => {
      const created = await this.insertUser(tx, input, passwordHash, 'customer')
      await this.accounts.sendVerification(tx, created.id, this.deps.clock())
      return created
    })
    return this.startSession(user)
  }

  /** Creates an account as an operator does (create-admin, the demo): no verification email. */
  async createUser(input: NewUser, role: Role, ex: Executor = this.deps.db): Promise<User> {
    return this.insertUser(ex, input, await hashPassword(input.password), role)
  }

  private async insertUser(ex: Executor, input: NewUser, passwordHash: string, role: Role): Promise<User> {
    try {
      const [user] = await ex
        .insert(users)
        .values({ email: input.email.trim(), passwordHash, name: input.name, phone: input.phone ?? null, role })
        .returning()
      return user!
    } catch (error) {
      if (sqlState(error) === '23505') throw new AppError('email_taken', 'An account with this email already exists')
      throw error
    }
  }

  async findByEmail(email: string, ex: Executor = this.deps.db): Promise<User | undefined> {
    const [user] = await ex.select().from(users).where(byEmail(email)).limit(1)
    return user
  }

  /**
   * Signs in from `address`. The attempt counts against the account and the address first
   * (a lock-out answers 429 without checking the password); a right password takes it back.
   */
  async login(email: string, password: string, address: string): Promise<Session> {
    const attempt = await this.limits.begin(email, address, this.deps.clock())
    const user = await this.findByEmail(email)
    const ok = await verifyPassword(user?.passwordHash, password)
    if (!user || !ok) throw new AppError('invalid_credentials', 'Wrong email or password')
    await this.limits.succeeded(attempt)
    return this.startSession(user)
  }

  /**
   * Sets a user's password (the operator's `reservoir set-password`), under the rules of
   * registration. Every refresh token of the user is revoked, so other sessions end when their
   * access token lapses, and the account's failed sign-ins are forgotten.
   */
  async setPassword(email: string, password: string): Promise<{ user: User; sessionsEnded: number }> {
    const problem = passwordProblem(password)
    if (problem) throw invalidInput(problem)
    const passwordHash = await hashPassword(password)
    const now = this.deps.clock()
    return this.deps.db.transaction(async (tx) => {
      const [user] = await tx.update(users).set({ passwordHash, updatedAt: now }).where(byEmail(email)).returning()
      if (!user) throw notFound('User')
      const sessionsEnded = await endSessions(tx, user.id, now)
      await this.limits.forgetAccount(email, tx)
      return { user, sessionsEnded }
    })
  }

  /**
   * Rotates a refresh token. The conditional update lets exactly one caller use a token;
   * anyone presenting it again is treated as a thief and the whole family is revoked,
   * including the newest token handed out from it.
   */
  async refresh(token: string): Promise<Session> {
    const now = this.deps.clock()
    const claims = await this.deps.tokens.verifyRefresh(token, now)
    if (!claims) throw invalidRefresh()
    const used = await this.deps.db
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(refreshTokens.id, claims.tokenId),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          sql`${refreshTokens.expiresAt} > ${now.toISOString()}`,
        ),
      )
      .returning()
    const row = used[0]
    if (!row) {
      await this.revokeFamily(claims.familyId)
      throw invalidRefresh()
    }
    const [user] = await this.deps.db.select().from(users).where(eq(users.id, row.userId))
    if (!user) throw invalidRefresh()
    return this.issue(user, row.familyId)
  }

  /** Ends the login the refresh token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async logout(token: string): Promise<void> {
    const claims = await this.deps.tokens.verifyRefresh(token, this.deps.clock())
    if (claims) await this.revokeFamily(claims.familyId)
  }

  async getUser(userId: string): Promise<User> {
    const [user] = await this.deps.db.select().from(users).where(eq(users.id, userId))
    if (!user) throw notFound('User')
    return user
  }

  /** Changes the user's own profile; nothing privileged (role, verification, billing) is in a patch. */
  async updateUser(userId: string, patch: ProfilePatch): Promise<User> {
    const columns = profileColumns(patch)
    if (patch.avatar_media_id != null && (await ownMedia(this.deps.db, userId, [patch.avatar_media_id], 'avatar')).length === 0) {
      throw invalidInput('The avatar must be an upload of yours with purpose avatar', { field: 'avatar_media_id' })
    }
    const [user] = await this.deps.db
      .update(users)
      .set({ ...columns, updatedAt: this.deps.clock() })
      .where(eq(users.id, userId))
      .returning()
    if (!user) throw notFound('User')
    return user
  }

  private startSession(user: User): Promise<Session> {
    return this.issue(user, randomUUID())
  }

  private async issue(user: User, familyId: string): Promise<Session> {
    const now = this.deps.clock()
    const refresh = await this.deps.tokens.refresh(user.id, familyId, now)
    await this.deps.db.insert(refreshTokens).values({ id: refresh.tokenId, familyId, userId: user.id, expiresAt: refresh.expiresAt })
    const access = await this.deps.tokens.access({ userId: user.id, role: user.role }, now)
    return { access, refresh: refresh.token, user }
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.deps.db
      .update(refreshTokens)
      .set({ revokedAt: this.deps.clock() })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
  }
}

const invalidRefresh = () => new AppError('invalid_token', 'The refresh token is invalid, expired or already used')
