import { money } from '../../http/schemas.js'
import type { Earning } from './ledger.js'
import type { Payout } from './payouts.js'
import type { Summary, TransactionRow } from './service.js'

export const earningOut = (e: Earning) => ({
  id: e.id,
  kind: e.kind,
  reservation_id: e.reservationId,
  refund_id: e.refundId,
  gross: money(e.gross, e.currency),
  card: money(e.cardAmount, e.currency),
  credits: money(e.creditAmount, e.currency),
  package_value: money(e.packageAmount, e.currency),
  commission_rate_percent: e.rateBp / 100,
  commission: money(e.commission, e.currency),
  net: money(e.net, e.currency),
  month: e.month,
  status: e.status,
  available_at: e.availableAt.toISOString(),
  payout_id: e.payoutId,
  created_at: e.createdAt.toISOString(),
})

export const payoutOut = (p: Payout) => ({
  id: p.id,
  practitioner_id: p.practitionerId,
  amount: money(p.amount, p.currency),
  status: p.status,
  trigger: p.trigger,
  transfer_id: p.transferId,
  earnings: p.earningCount,
  failure: p.status === 'failed' ? { code: p.failureCode, message: p.failureMessage } : null,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
})

export const transactionOut = (t: TransactionRow) => ({
  id: t.id,
  kind: t.kind,
  amount: money(Number(t.amount), t.currency),
  status: t.status,
  reservation_id: t.reservation_id,
  payout_id: t.payout_id,
  created_at: new Date(t.created_at).toISOString(),
})

export const summaryOut = (s: Summary) => ({
  practitioner_id: s.practitioner.id,
  currency: s.currency,
  pending: money(s.byStatus.pending, s.currency),
  available: money(s.byStatus.available, s.currency),
  paid: money(s.byStatus.paid, s.currency),
  month: s.month,
  month_volume: money(s.volume, s.currency),
  tier: s.tier,
  commission_rate_percent: s.rateBp / 100,
  payout_minimum: money(s.minimum, s.currency),
  next_payout: { at: s.nextPayout.at.toISOString(), estimate: money(s.nextPayout.estimate, s.currency) },
  payouts_enabled: s.payoutsEnabled,
  payouts_held: s.held,
})
