import { DEFAULT_POLICY } from '../pricing/cancellation-policy.js'
import type { Closure, Venue, VenueService } from './service.js'

type Member = Awaited<ReturnType<VenueService['addMember']>>

/** A venue as the API shows it: unset hold TTL and policy read as the defaults that apply. */
export const venueOut = (v: Venue, defaultHoldTtl: number) => ({
  id: v.id,
  name: v.name,
  slug: v.slug,
  kind: v.kind,
  timezone: v.timezone,
  currency: v.currency,
  address: v.address,
  hours: v.openingHours,
  hold_ttl_minutes: v.holdTtlMinutes ?? defaultHoldTtl,
  cancellation_policy: v.cancellationPolicy ?? DEFAULT_POLICY,
  deposit_percent: v.depositPercent,
  created_at: v.createdAt.toISOString(),
  updated_at: v.updatedAt.toISOString(),
})

export const closureOut = (c: Closure) => ({ id: c.id, venue_id: c.venueId, date: c.date, reason: c.reason })

export const memberOut = (m: Member) => ({
  venue_id: m.venueId,
  user_id: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  created_at: m.createdAt.toISOString(),
})
