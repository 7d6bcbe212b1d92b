import type { Executor, Tx } from '../../db/client.js'
import { offerForSale, type Offer } from '../packages/queries.js'
import type { QuoteLine } from '../pricing/quote.js'
import type { Venue } from '../venues/service.js'
import { reservationItems } from './schema.js'

/** A purchase of a package or bundle (made by `POST /packages/{id}/purchase`, not by `POST /reservations`). */
export interface PackageClaim {
  kind: 'package'
  package_id: string
}

export interface PlannedPackage {
  index: number
  offer: Offer
  start: Date
  end: Date
  line: QuoteLine
}

const DAY_MS = 86_400_000

/**
 * Prices a purchase: it claims no inventory, and its span is the validity the entitlements
 * will have, from now (they run from the payment, which is at most a hold's length later).
 */
export async function planPackages(ex: Executor, venue: Venue, claims: readonly (PackageClaim & { item: number })[], now: Date): Promise<PlannedPackage[]> {
  const planned: PlannedPackage[] = []
  for (const c of claims) {
    const offer = await offerForSale(ex, venue.id, c.package_id, c.item)
    planned.push({
      index: c.item,
      offer,
      start: now,
      end: new Date(now.getTime() + offer.pkg.validForDays * DAY_MS),
      line: {
        item_index: c.item,
        kind: 'package',
        description: offer.pkg.name,
        unit: 'package',
        quantity: 1,
        unit_amount: offer.price,
        amount: offer.price,
        rule: offer.pkg.kind === 'package' ? `discount:${offer.pkg.discountPercent}%` : 'bundle_price',
      },
    })
  }
  return planned
}

export async function insertPackages(tx: Tx, reservationId: string, planned: readonly PlannedPackage[], active: boolean) {
  if (planned.length === 0) return []
  return tx
    .insert(reservationItems)
    .values(
      planned.map((p) => ({
        reservationId,
        position: p.index,
        kind: 'package' as const,
        packageId: p.offer.pkg.id,
        startsAt: p.start,
        endsAt: p.end,
        blockedUntil: p.end,
        priceAmount: p.line.amount,
        active,
      })),
    )
    .returning()
}
