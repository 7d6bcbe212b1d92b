import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Executor } from '../../db/client.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import type { VenueService } from '../venues/service.js'
import type { Payment, Refund } from './records.js'
import { payments, refunds } from './schema.js'
import type { PaymentHistoryQuery } from './schemas.js'

/** Read models for payments, scoped like reservations: own, a venue's for its staff, all for admins. */
export class PaymentQueries {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  async history(who: AccessClaims, q: PaymentHistoryQuery, page: PageParams): Promise<{ rows: { payment: Payment; refunds: Refund[] }[]; count: number }> {
    const filters: (SQL | undefined)[] = [await this.venues.listScope(who, q.venue, { venue: payments.venueId, user: payments.userId })]
    if (q.status) filters.push(eq(payments.status, q.status))
    const where = and(...filters)
    const order = parseOrdering<'created_at'>(q.ordering, '-created_at')
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(payments)
        .where(where)
        .orderBy(order.desc ? desc(payments.createdAt) : asc(payments.createdAt), asc(payments.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(payments).where(where),
    ])
    const byPayment = await this.refundsOf(
      this.deps.db,
      rows.map((p) => p.id),
    )
    return { rows: rows.map((payment) => ({ payment, refunds: byPayment.get(payment.id) ?? [] })), count: total!.n }
  }

  /** The payment of one reservation with its refunds; the caller has checked access. */
  async ofReservation(reservationId: string, ex: Executor = this.deps.db): Promise<{ payment: Payment; refunds: Refund[] } | null> {
    const [payment] = await ex.select().from(payments).where(eq(payments.reservationId, reservationId))
    if (!payment) return null
    return { payment, refunds: (await this.refundsOf(ex, [payment.id])).get(payment.id) ?? [] }
  }

  private async refundsOf(ex: Executor, paymentIds: string[]): Promise<Map<string, Refund[]>> {
    const map = new Map<string, Refund[]>()
    if (paymentIds.length === 0) return map
    const rows = await ex.select().from(refunds).where(inArray(refunds.paymentId, paymentIds)).orderBy(asc(refunds.seq))
    for (const r of rows) map.set(r.paymentId, [...(map.get(r.paymentId) ?? []), r])
    return map
  }
}
