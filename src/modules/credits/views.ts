import type { CreditEntry, CreditGrant } from './ledger.js'

export const entryOut = (e: CreditEntry) => ({
  id: e.id,
  kind: e.kind,
  amount: { amount: e.amount, currency: e.currency },
  grant_id: e.grantId,
  reservation_id: e.reservationId,
  payment_id: e.paymentId,
  created_at: e.createdAt.toISOString(),
})

export const grantOut = (g: CreditGrant) => ({
  id: g.id,
  user_id: g.userId,
  kind: g.kind,
  amount: { amount: g.amount, currency: g.currency },
  used: { amount: g.usedAmount, currency: g.currency },
  expires_at: g.expiresAt?.toISOString() ?? null,
  note: g.note,
  created_at: g.createdAt.toISOString(),
})
