import type { Tx } from '../../db/client.js'
import { addDays, localDate } from '../availability/opening-hours.js'
import type { CancellationPolicy } from '../pricing/cancellation-policy.js'
import { insertRules } from '../pricing/queries.js'
import { loadNights } from '../stays/calendar.js'
import { insertRatePlans, insertRoomTypes } from '../stays/queries.js'
import { insertMember, insertVenueOnce } from '../venues/queries.js'

const ZONE = 'Europe/Lisbon'

const ROOM_TYPES = [
  { name: 'Single', totalUnits: 12, maxOccupancy: 1, baseRate: 8900, amenities: ['wifi', 'desk'] },
  { name: 'Double', totalUnits: 20, maxOccupancy: 2, baseRate: 12900, amenities: ['wifi', 'queen bed'] },
  { name: 'Twin', totalUnits: 10, maxOccupancy: 2, baseRate: 12900, amenities: ['wifi', 'two beds'] },
  { name: 'Junior Suite', totalUnits: 6, maxOccupancy: 3, baseRate: 21900, amenities: ['wifi', 'river view', 'sofa bed'] },
  { name: 'Family Room', totalUnits: 4, maxOccupancy: 4, baseRate: 24900, amenities: ['wifi', 'bunk beds', 'kitchenette'] },
]

const FLEXIBLE: CancellationPolicy = { tiers: [{ hours_before: 48, refund_percent: 100 }], no_show_percent: 0 }
const NON_REFUNDABLE: CancellationPolicy = { tiers: [{ hours_before: 0, refund_percent: 0 }], no_show_percent: 0 }

/**
 * A Lisbon hotel: five room types, each sold flexible (free cancellation until two days
 * before) or non-refundable (12 % less), a summer high season (+35 %) and dearer Friday
 * and Saturday nights (+15 %), with the next 365 nights on sale.
 */
export async function seedHotel(tx: Tx, ownerId: string, now: Date): Promise<void> {
  const hotel = await insertVenueOnce(tx, {
    name: 'Harbour View Hotel',
    slug: 'harbour-view',
    kind: 'hotel',
    timezone: ZONE,
    currency: 'EUR',
    address: 'Cais do Sodré, Lisbon',
    cancellationPolicy: FLEXIBLE,
  })
  if (!hotel) return
  await insertMember(tx, hotel.id, ownerId, 'owner')
  const types = await insertRoomTypes(
    tx,
    ROOM_TYPES.map((t) => ({ ...t, venueId: hotel.id })),
  )
  // "Flexible" first: the plan a stay gets when it names none.
  await insertRatePlans(
    tx,
    types.flatMap((t) => [
      {
        roomTypeId: t.id,
        name: 'Flexible',
        description: 'Free cancellation until two days before arrival',
        cancellationPolicy: FLEXIBLE,
        position: 0,
        createdAt: now,
      },
      {
        roomTypeId: t.id,
        name: 'Non-refundable',
        description: 'Pay less, no refund',
        cancellationPolicy: NON_REFUNDABLE,
        adjustmentPercent: -12,
        position: 1,
        createdAt: now,
      },
    ]),
  )
  const today = localDate(now.getTime(), ZONE)
  const year = Number(today.slice(0, 4))
  await insertRules(tx, [
    ...[year, year + 1].map((y) => ({
      venueId: hotel.id,
      kind: 'season' as const,
      name: `High season ${y}`,
      startsOn: `${y}-06-15`,
      endsOn: `${y}-09-15`,
      percent: 35,
      createdAt: now,
    })),
    { venueId: hotel.id, kind: 'weekday' as const, name: 'Weekend', weekdays: [5, 6], percent: 15, createdAt: now },
  ])
  await loadNights(tx, { venueId: hotel.id }, today, addDays(today, 364))
}
