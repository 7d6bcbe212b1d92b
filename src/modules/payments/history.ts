import { and, asc, count, desc, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import type { Executor } from '../../db/client.js'
import { offsetOf, parseOrdering, type PageParams } from '../../http/pagination.js'
import { notFound } from '../../http/errors.js'
import type { AccessClaims } from '../auth/tokens.js'
import { reservationById } from '../reservations/reads.js'
import { isVenueStaff } from '../venues/access.js'
import type { VenueService } from '../venues/service.js'
import type { Payment, Refund } from './records.js'
import { paymentLog, payments, refunds } from './schema.js'

export type LogRow = typeof paymentLog.$inferSelect
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

  /**
   * Every gateway event and answer about one reservation's payment, with its raw JSON, oldest
   * first: for the venue's staff and admins (others 404, the customer included: raw gateway
   * objects carry more than a customer needs).
   */
  async log(who: AccessClaims, reservationId: string, page: PageParams): Promise<{ rows: LogRow[]; count: number }> {
    const r = await reservationById(this.deps.db, reservationId)
    if (!r || !(who.role === 'admin' || (await isVenueStaff(this.deps.db, who, r.venueId)))) throw notFound('Reservation')
    // Webhook receipts name only the payment; everything else names the reservation too.
    const where = or(
      eq(paymentLog.reservationId, reservationId),
      inArray(paymentLog.paymentId, this.deps.db.select({ id: payments.id }).from(payments).where(eq(payments.reservationId, reservationId))),
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db.select().from(paymentLog).where(where).orderBy(asc(paymentLog.id)).limit(page.pageSize).offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(paymentLog).where(where),
    ])
    return { rows, count: total!.n }
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
