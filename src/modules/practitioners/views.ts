import type { Exception, Location, PractitionerView } from './service.js'
import type { Venue } from '../venues/service.js'

export const locationOut = (l: Location) => ({ id: l.id, address: l.address, city: l.city, is_virtual: l.isVirtual, is_primary: l.isPrimary })

export const practitionerOut = (p: PractitionerView) => ({
  id: p.id,
  venue_id: p.venueId,
  user_id: p.userId,
  display_name: p.displayName,
  bio: p.bio,
  specializations: p.specializations,
  certifications: p.certifications,
  locations: p.locations.map(locationOut),
  timezone: p.venue.timezone,
  currency: p.venue.currency,
  verification_status: p.verificationStatus,
  rejection_reason: p.rejectionReason,
  verified_at: p.verifiedAt?.toISOString() ?? null,
  is_featured: p.isFeatured,
  rating: p.ratingCount ? Math.round((p.ratingTotal / p.ratingCount) * 100) / 100 : null,
  review_count: p.ratingCount,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
})

export const scheduleOut = ({ venue, exceptions }: { venue: Venue; exceptions: Exception[] }) => ({
  timezone: venue.timezone,
  hours: venue.openingHours,
  exceptions: exceptions.map((e) => ({ date: e.date, hours: e.hours })),
})
