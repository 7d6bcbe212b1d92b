import { nightCount } from '../pricing/stay-price.js'
import type { FullReservation, ReservationItem } from './service.js'

function itemOut(i: ReservationItem, currency: string) {
  const common = { id: i.id, start: i.startsAt.toISOString(), end: i.endsAt.toISOString(), price: { amount: i.priceAmount, currency } }
  if (i.kind === 'slot') return { ...common, kind: 'slot' as const, room_id: i.roomId! }
  if (i.kind === 'seat')
    return { ...common, kind: 'seat' as const, service_id: i.serviceId!, occurrence_id: i.occurrenceId, quantity: i.quantity, entitlement_id: i.entitlementId }
  if (i.kind === 'session') return { ...common, kind: 'session' as const, service_id: i.serviceId!, entitlement_id: i.entitlementId }
  if (i.kind === 'package') return { ...common, kind: 'package' as const, package_id: i.packageId! }
  return {
    ...common,
    kind: 'stay' as const,
    room_type_id: i.roomTypeId!,
    rate_plan_id: i.ratePlanId,
    arrival: i.arrival!,
    departure: i.departure!,
    nights: nightCount(i.arrival!, i.departure!),
    quantity: i.quantity,
    guests: i.guests!,
  }
}

/** A reservation with its items, as every module shows it (the front desk's lists too). */
export const reservationOut = (r: FullReservation) => ({
  id: r.id,
  venue_id: r.venueId,
  user_id: r.userId,
  status: r.status,
  items: r.items.map((i) => itemOut(i, r.currency)),
  party_size: r.partySize,
  notes: r.notes,
  guest: r.guest ?? null,
  total: { amount: r.totalAmount, currency: r.currency },
  quote: r.quote,
  hold_expires_at: r.holdExpiresAt?.toISOString() ?? null,
  start: r.startsAt.toISOString(),
  end: r.endsAt.toISOString(),
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})
