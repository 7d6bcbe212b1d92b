import type { Venue } from '../venues/service.js'
import type { InfoView, MenuItem } from './service.js'

/** A menu item, priced in its venue's currency. */
export const menuItemOut = (i: MenuItem, venue: Venue) => ({
  id: i.id,
  venue_id: i.venueId,
  name: i.name,
  description: i.description,
  price: { amount: i.price, currency: venue.currency },
  category: i.category,
  available: i.available,
  position: i.position,
  created_at: i.createdAt.toISOString(),
  updated_at: i.updatedAt.toISOString(),
})

export const infoOut = (i: InfoView) => ({
  venue_id: i.venueId,
  hours_text: i.hoursText,
  phone: i.phone,
  address: i.address,
  socials: i.socials,
  policies: i.policies,
  updated_at: i.updatedAt?.toISOString() ?? null,
})
