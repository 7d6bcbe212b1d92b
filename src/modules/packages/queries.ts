import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { servicesByIds } from '../catalog/queries.js'
import { isVerifiedPractitioner } from '../practitioners/queries.js'
import { packageItems, packages, type PackageKind } from './schema.js'

export type Package = typeof packages.$inferSelect

export interface OfferItem {
  serviceId: string
  title: string
  type: string
  sessions: number
  unitAmount: number
  /** Still on sale: a package holding an archived or inactive service is not sold. */
  listed: boolean
}

/** A package or bundle with what it holds and its price today. */
export interface Offer {
  pkg: Package
  items: OfferItem[]
  /** What the sessions cost one by one, at today's prices. */
  listPrice: number
  price: number
  saving: number
}

/**
 * Prices every package from its services' current prices: a package at its discount (rounded
 * to the minor unit), a bundle at its fixed price; the saving is never shown below zero.
 */
export async function offersOf(ex: Executor, rows: readonly Package[]): Promise<Offer[]> {
  if (rows.length === 0) return []
  const items = await ex
    .select()
    .from(packageItems)
    .where(
      inArray(
        packageItems.packageId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(packageItems.serviceId))
  const services = await servicesByIds(
    ex,
    items.map((i) => i.serviceId),
  )
  return rows.map((pkg) => {
    const held = items
      .filter((i) => i.packageId === pkg.id)
      .map((i) => {
        const s = services.get(i.serviceId)!
        return { serviceId: s.id, title: s.title, type: s.type, sessions: i.sessions, unitAmount: s.priceAmount, listed: s.isActive && s.archivedAt === null }
      })
    const listPrice = held.reduce((sum, i) => sum + i.unitAmount * i.sessions, 0)
    const price = pkg.kind === 'package' ? Math.round((listPrice * (100 - pkg.discountPercent!)) / 100) : pkg.priceAmount!
    return { pkg, items: held, listPrice, price, saving: Math.max(0, listPrice - price) }
  })
}

/** A package or bundle of this kind that the public may see (active, of a verified practitioner). */
export async function listedPackage(ex: Executor, kind: PackageKind, id: string): Promise<Package | undefined> {
  const [row] = await ex
    .select()
    .from(packages)
    .where(and(eq(packages.id, id), eq(packages.kind, kind), eq(packages.isActive, true), isVerifiedPractitioner(packages.practitionerId)))
  return row
}

/**
 * The offer a purchase at this venue buys, for the reservation's plan: listed, of this venue,
 * and with every service still on sale (a package cannot sell sessions nobody can book).
 */
export async function offerForSale(ex: Executor, venueId: string, id: string, item: number): Promise<Offer> {
  const [row] = await ex
    .select()
    .from(packages)
    .where(and(eq(packages.id, id), eq(packages.venueId, venueId), eq(packages.isActive, true), isVerifiedPractitioner(packages.practitionerId)))
  if (!row) throw new AppError('not_found', 'Package not found at this venue', { item, package_id: id })
  const [offer] = await offersOf(ex, [row])
  if (offer!.items.some((i) => !i.listed)) throw new AppError('conflict', 'A service of this package is no longer on sale', { item, package_id: id })
  return offer!
}
