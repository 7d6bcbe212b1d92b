import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/client.js'
import { fixedQuery, placeholderRow } from '../../db/fixed-query.js'
import type { EventOf, EventPayloads, PaymentPayload } from '../events/domain-events.js'
import { emit } from '../events/outbox.js'
import { lockedReservation } from '../reservations/reads.js'
import type { Reservation } from '../reservations/service.js'
import { paymentLog, payments, type refunds, type LogKind } from './schema.js'

export type Payment = typeof payments.$inferSelect
export type Refund = typeof refunds.$inferSelect

/** What the customer paid in all: the captured card amount and the credits applied. */
export const paidTotal = (p: Payment) => p.capturedAmount + p.creditAmount

/** What may still be refunded. */
export const refundable = (p: Payment) => p.capturedAmount - p.refundedAmount + (p.creditAmount - p.creditRefundedAmount)

/** States in which money has arrived. */
export const SETTLED = ['succeeded', 'partially_refunded', 'refunded'] as const
export const isSettled = (p: Payment) => (SETTLED as readonly string[]).includes(p.status)

export async function lockPaymentOf(tx: Tx, reservationId: string): Promise<Payment | undefined> {
  const [p] = await lockingOf(tx, { reservationId })
  return p
}

// Every checkout's, cancellation's and refund's: built once (fixedQuery).
const lockingOf = fixedQuery(
  (ex) =>
    ex
      .select()
      .from(payments)
      .where(eq(payments.reservationId, sql.placeholder('reservationId')))
      .for('update'),
  'reservoir_lock_payment_of',
)

/**
 * Locks the reservation, then its payment: the order every use case takes (checkout,
 * cancel and refund lock the reservation first), so none can deadlock another. The
 * reservation is named by its id or by a subquery that finds it (`lockReservation`).
 */
export async function lockWithReservation(tx: Tx, reservation: string | SQL): Promise<{ p: Payment; r: Reservation } | undefined> {
  const [found] = await lockingJoin(tx, reservation)
  return found
}

function lockingJoin(tx: Executor, reservation: string | SQL) {
  const locked = lockedReservation(tx, reservation)
  // The payment's row is locked as the join answers it: after the reservation's, which the join must read first.
  return tx
    .with(locked)
    .select({ r: locked._.selectedFields, p: payments })
    .from(locked)
    .innerJoin(payments, eq(payments.reservationId, locked.id))
    .for('update', { of: payments })
}

/** `lockWithReservation` for the payment of an intent: the reservation is found by it as it is locked. */
export async function lockByIntent(tx: Tx, intentId: string): Promise<{ p: Payment; r: Reservation } | undefined> {
  const [found] = await lockingByIntent(tx, { intentId })
  return found
}

// Every verified payment event takes this statement; its text is built once (fixedQuery).
const lockingByIntent = fixedQuery((ex) => {
  const intent = sql`${ex
    .select({ id: payments.reservationId })
    .from(payments)
    .where(eq(payments.intentId, sql.placeholder('intentId')))}`
  return lockingJoin(ex, intent)
}, 'reservoir_lock_by_intent')

export interface LogEntry {
  kind: LogKind
  paymentId?: string | null
  reservationId?: string | null
  code?: string | null
  raw: unknown
}

/**
 * Appends to the payment log: every gateway event and answer, raw, as support will need it.
 * `ex` may be `tx.with(change)`, a change of another row made by the same statement.
 */
export async function logPayment(ex: Pick<Executor, 'insert'>, now: Date, entry: LogEntry): Promise<void> {
  await logInsert(ex, now, entry)
}

/** `logPayment` as a data-modifying CTE named `logged`, for the caller's `tx.with(…)`. */
export function logging(tx: Tx, now: Date, entry: LogEntry) {
  return tx.$with('logged').as(logInsert(tx, now, entry).returning({ id: paymentLog.id }))
}

/**
 * `logging` for a statement built once (`fixedQuery`): its values are the placeholders
 * that `logValues` fills.
 */
export function loggingOne(ex: Executor) {
  return ex.$with('logged').as(logOne(ex).returning({ id: paymentLog.id }))
}

const LOG = placeholderRow('log', ['paymentId', 'reservationId', 'kind', 'code', 'raw', 'createdAt'])

/** `logPayment` for a statement built once: the placeholders of `loggingOne`. */
export const logOne = (ex: Pick<Executor, 'insert'>) => ex.insert(paymentLog).values(LOG.slots)

/** The values of `loggingOne`'s and `logOne`'s placeholders. */
export const logValues = (now: Date, entry: LogEntry) => LOG.values(logRow(now, entry))

const logInsert = (ex: Pick<Executor, 'insert'>, now: Date, entry: LogEntry) => ex.insert(paymentLog).values(logRow(now, entry))

/** The log row of an entry. */
const logRow = (now: Date, entry: LogEntry) => ({
  paymentId: entry.paymentId ?? null,
  reservationId: entry.reservationId ?? null,
  kind: entry.kind,
  code: entry.code ?? null,
  raw: entry.raw ?? {},
  createdAt: now,
})

type PaymentEventType = 'payment.succeeded' | 'payment.failed' | 'payment.refunded'
/** What each payment event adds to the facts every payment event carries. */
type PaymentExtras = { [K in PaymentEventType]: Omit<EventPayloads[K], keyof PaymentPayload> }

/** A payment domain event, in the transaction of the change it reports. */
export async function paymentEvent<K extends PaymentEventType>(tx: Tx, now: Date, type: K, p: Payment, extra: PaymentExtras[K]) {
  await emit(tx, now, [paymentEventOf(type, p, extra)])
}

/** The event `paymentEvent` emits, for a caller that emits it with the change (`emitting`). */
export function paymentEventOf<K extends PaymentEventType>(type: K, p: Payment, extra: PaymentExtras[K]): EventOf<K> {
  const facts = { payment_id: p.id, reservation_id: p.reservationId, amount: p.amount, credit_amount: p.creditAmount, currency: p.currency }
  return { type, aggregateId: p.reservationId, venueId: p.venueId, payload: { ...facts, ...extra } } as EventOf<K>
}

/** What has gone back to the customer so far (card and credits), by reservation; reservations without a payment are left out. */
export async function refundedByReservation(ex: Executor, reservationIds: readonly string[]): Promise<Map<string, number>> {
  if (reservationIds.length === 0) return new Map()
  const rows = await ex
    .select({ reservationId: payments.reservationId, card: payments.refundedAmount, credits: payments.creditRefundedAmount })
    .from(payments)
    .where(inArray(payments.reservationId, [...new Set(reservationIds)]))
  return new Map(rows.map((r) => [r.reservationId, r.card + r.credits]))
}

/** The status a settled payment reads as once `refunded` in all has gone back. */
export function statusAfterRefunds(p: Payment, refundedCard: number, refundedCredits: number): Payment['status'] {
  const back = refundedCard + refundedCredits
  if (back === 0) return 'succeeded'
  return back >= paidTotal(p) ? 'refunded' : 'partially_refunded'
}

/** What a reservation's customer has paid and kept, by means (card, credits), after refunds; undefined if nothing was paid. */
export async function keptPayment(ex: Executor, reservationId: string): Promise<{ card: number; credits: number; currency: string } | undefined> {
  const [p] = await ex.select().from(payments).where(eq(payments.reservationId, reservationId))
  if (!p || !isSettled(p)) return undefined
  return { card: p.capturedAmount - p.refundedAmount, credits: p.creditAmount - p.creditRefundedAmount, currency: p.currency }
}
