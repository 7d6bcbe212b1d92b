import { and, count, desc, eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { forbidden, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import { contactsOf } from '../auth/users.js'
import type { AccessClaims } from '../auth/tokens.js'
import { creditBalance, expireCredits, grantCredits, type CreditBalance, type CreditEntry, type CreditGrant } from './ledger.js'
import { creditEntries } from './schema.js'
import type { GrantBody, HistoryQuery } from './schemas.js'

/** Reading and granting credits; spending and restoring belong to the payment's transaction. */
export class CreditService {
  constructor(private readonly deps: Deps) {}

  /** The caller's usable credit per currency; an admin may ask about anyone. */
  async balance(who: AccessClaims, userId?: string): Promise<CreditBalance[]> {
    const subject = await this.subjectOf(who, userId)
    return creditBalance(this.deps.db, subject, this.deps.clock())
  }

  /** The caller's ledger, newest first; an admin may read anyone's with `user_id`. */
  async history(who: AccessClaims, query: HistoryQuery, page: PageParams): Promise<{ rows: CreditEntry[]; count: number }> {
    const subject = await this.subjectOf(who, query.user_id)
    const where = and(eq(creditEntries.userId, subject), query.kind ? eq(creditEntries.kind, query.kind) : undefined)
    const db = this.deps.db
    const [rows, [total]] = await Promise.all([
      db.select().from(creditEntries).where(where).orderBy(desc(creditEntries.createdAt), desc(creditEntries.id)).limit(page.pageSize).offset(offsetOf(page)),
      db.select({ n: count() }).from(creditEntries).where(where),
    ])
    return { rows, count: total!.n }
  }

  /** Admins give a user purchased or promotional credit. */
  async grant(who: AccessClaims, body: GrantBody): Promise<CreditGrant> {
    if (who.role !== 'admin') throw forbidden('Only administrators grant credits')
    const now = this.deps.clock()
    const expiresAt = body.expires_at === undefined ? null : new Date(body.expires_at)
    if (expiresAt && expiresAt <= now) throw invalidInput('The expiry must be in the future', [{ field: 'body.expires_at', message: 'is in the past' }])
    await this.requireUser(body.user_id)
    return grantCredits(this.deps.db, {
      userId: body.user_id,
      kind: body.kind,
      currency: body.amount.currency,
      amount: body.amount.amount,
      expiresAt,
      note: body.note ?? null,
      createdBy: who.userId,
      now,
    })
  }

  /** Runs the credit expiry sweep once; the balance never depends on it, the history does. */
  expireLapsed(): Promise<number> {
    return expireCredits(this.deps.db, this.deps.clock())
  }

  /**
   * Whose credits a request is about: the caller's own unless an admin names someone. Naming
   * another user without being admin is a 404, so the answer says nothing about that user.
   */
  private async subjectOf(who: AccessClaims, userId: string | undefined): Promise<string> {
    if (userId === undefined || userId === who.userId) return who.userId
    if (who.role !== 'admin') throw notFound('User')
    await this.requireUser(userId)
    return userId
  }

  private async requireUser(id: string): Promise<void> {
    if (!(await contactsOf(this.deps.db, [id])).has(id)) throw notFound('User')
  }
}
