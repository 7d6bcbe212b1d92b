import type { Occurrence, Service } from './service.js'

export const serviceOut = (s: Service) => ({
  id: s.id,
  practitioner_id: s.practitionerId,
  venue_id: s.venueId,
  type: s.type,
  title: s.title,
  description: s.description,
  category: s.category,
  price: { amount: s.priceAmount, currency: s.currency },
  duration_minutes: s.durationMinutes,
  max_participants: s.maxParticipants,
  is_virtual: s.isVirtual,
  location: s.location,
  is_active: s.isActive,
  rating: s.ratingCount ? Math.round((s.ratingTotal / s.ratingCount) * 100) / 100 : null,
  review_count: s.ratingCount,
  archived_at: s.archivedAt?.toISOString() ?? null,
  created_at: s.createdAt.toISOString(),
  updated_at: s.updatedAt.toISOString(),
})

export const occurrenceOut = (o: Occurrence) => ({
  id: o.id,
  service_id: o.serviceId,
  start: o.startsAt.toISOString(),
  end: o.endsAt.toISOString(),
  capacity: o.capacity,
  taken: o.taken,
  available: o.capacity - o.taken,
})
