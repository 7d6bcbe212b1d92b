import { sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.js'
import { localDate } from '../availability/opening-hours.js'
import type { CancellationPolicy } from '../pricing/cancellation-policy.js'
import { pricingRules } from '../pricing/schema.js'
import { ratePlans, roomTypes } from '../stays/schema.js'
import { memberships, venues } from '../venues/schema.js'

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
  const [hotel] = await tx
    .insert(venues)
    .values({
      name: 'Harbour View Hotel',
      slug: 'harbour-view',
      kind: 'hotel',
      timezone: ZONE,
      currency: 'EUR',
      address: 'Cais do Sodré, Lisbon',
      cancellationPolicy: FLEXIBLE,
    })
    .onConflictDoNothing()
    .returning()
  if (!hotel) return
  await tx.insert(memberships).values({ venueId: hotel.id, userId: ownerId, role: 'owner' })
  const types = await tx
    .insert(roomTypes)
    .values(ROOM_TYPES.map((t) => ({ ...t, venueId: hotel.id })))
    .returning()
  // "Flexible" first: the plan a stay gets when it names none.
  await tx.insert(ratePlans).values(
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
  await tx.insert(pricingRules).values([
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
  await tx.execute(sql`insert into inventory_nights (room_type_id, night, units)
    select t.id, g::date, t.total_units from room_types t
    cross join generate_series(${today}::date, ${today}::date + 364, interval '1 day') g
    where t.venue_id = ${hotel.id}`)
}
