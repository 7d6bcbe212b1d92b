import type { PricedRoom } from './service.js'

export const roomOut = (r: PricedRoom) => ({
  id: r.id,
  venue_id: r.venueId,
  name: r.name,
  capacity: r.capacity,
  hourly_rate: { amount: r.hourlyRate, currency: r.currency },
  slot_minutes: r.slotMinutes,
  min_minutes: r.minMinutes,
  max_minutes: r.maxMinutes,
  buffer_minutes: r.bufferMinutes,
  amenities: r.amenities,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})
