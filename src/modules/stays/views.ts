import { DEFAULT_POLICY } from '../pricing/cancellation-policy.js'
import type { Venue } from '../venues/service.js'
import type { RatePlan, VenueRoomType } from './room-types.js'

export const roomTypeOut = (t: VenueRoomType) => ({
  id: t.id,
  venue_id: t.venueId,
  name: t.name,
  total_units: t.totalUnits,
  max_occupancy: t.maxOccupancy,
  base_rate: { amount: t.baseRate, currency: t.venue.currency },
  amenities: t.amenities,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
})

/** A rate plan with the policy that applies to it: its own, or else its venue's. */
export const ratePlanOut = (p: RatePlan, venue: Venue) => ({
  id: p.id,
  room_type_id: p.roomTypeId,
  name: p.name,
  description: p.description,
  cancellation_policy: p.cancellationPolicy ?? venue.cancellationPolicy ?? DEFAULT_POLICY,
  own_policy: p.cancellationPolicy !== null,
  adjustment_percent: p.adjustmentPercent,
  created_at: p.createdAt.toISOString(),
})
