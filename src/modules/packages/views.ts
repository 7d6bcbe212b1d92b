import { money } from '../../http/schemas.js'
import type { Entitlement } from './entitlements.js'
import type { Offer } from './queries.js'

export const packageOut = ({ pkg, items, listPrice, price, saving }: Offer) => ({
  id: pkg.id,
  practitioner_id: pkg.practitionerId,
  kind: pkg.kind,
  name: pkg.name,
  items: items.map((i) => ({
    service_id: i.serviceId,
    title: i.title,
    type: i.type,
    sessions: i.sessions,
    unit_price: money(i.unitAmount, pkg.currency),
    on_sale: i.listed,
  })),
  discount_percent: pkg.discountPercent,
  list_price: money(listPrice, pkg.currency),
  price: money(price, pkg.currency),
  saving: money(saving, pkg.currency),
  valid_for_days: pkg.validForDays,
  is_active: pkg.isActive,
  created_at: pkg.createdAt.toISOString(),
})

export const entitlementOut = (e: Entitlement, { now }: { now: Date }) => ({
  id: e.id,
  package_id: e.packageId,
  service_id: e.serviceId,
  purchase_id: e.purchaseId,
  sessions_total: e.total,
  sessions_used: e.used,
  sessions_left: e.total - e.used,
  expires_at: e.expiresAt.toISOString(),
  status: e.lapsedAt !== null || e.expiresAt <= now ? ('expired' as const) : e.used >= e.total ? ('used_up' as const) : ('active' as const),
  created_at: e.createdAt.toISOString(),
})
