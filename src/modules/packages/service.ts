import { and, asc, count, eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { servicesByIds } from '../catalog/queries.js'
import type { CheckoutInput, CheckoutResult, CheckoutService } from '../payments/checkout.js'
import { practitionerById, requirePublisher } from '../practitioners/queries.js'
import type { ReservationService } from '../reservations/service.js'
import { isVenueStaff } from '../venues/access.js'
import { assertVenueCurrency, type VenueService } from '../venues/service.js'
import { entitlementsOf, lapseEntitlements, type Entitlement } from './entitlements.js'
import { listedPackage, offersOf, type Offer } from './queries.js'
import { packageItems, packages, type PackageKind } from './schema.js'
import type { CreateBundleBody, CreatePackageBody } from './schemas.js'

export type NewOffer = ({ kind: 'package' } & CreatePackageBody) | ({ kind: 'bundle' } & CreateBundleBody)

const label = (kind: PackageKind) => (kind === 'package' ? 'Package' : 'Bundle')

/**
 * Packages and bundles: defined by a verified practitioner's staff, listed publicly, bought
 * through the reservations' checkout (a hold with one `package` item), and the entitlements
 * their payment grants.
 */
export class PackageService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
    private readonly reservations: ReservationService,
    private readonly checkout: CheckoutService,
  ) {}

  /** Every service it holds is one of this practitioner's, not archived, and named once. */
  async create(who: AccessClaims, practitionerId: string, input: NewOffer): Promise<Offer> {
    const db = this.deps.db
    const practitioner = await requirePublisher(db, who, practitionerId)
    const ids = input.items.map((i) => i.service_id)
    if (new Set(ids).size !== ids.length)
      throw invalidInput('Each service appears once; give it more sessions instead', { field: 'items', reason: 'duplicate_service' })
    const found = await servicesByIds(db, ids)
    input.items.forEach((item, n) => {
      const s = found.get(item.service_id)
      if (!s || s.practitionerId !== practitioner.id || s.archivedAt !== null) {
        throw invalidInput('Not a service of this practitioner on sale', { field: `items.${n}.service_id` })
      }
    })
    const venue = await this.venues.get(practitioner.venueId)
    if (input.kind === 'bundle') assertVenueCurrency(venue, input.price, 'price')
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(packages)
        .values({
          practitionerId: practitioner.id,
          venueId: practitioner.venueId,
          kind: input.kind,
          name: input.name,
          discountPercent: input.kind === 'package' ? input.discount_percent : null,
          priceAmount: input.kind === 'bundle' ? input.price.amount : null,
          currency: venue.currency,
          validForDays: input.valid_for_days,
          createdAt: this.deps.clock(),
        })
        .returning()
      await tx.insert(packageItems).values(input.items.map((i) => ({ packageId: created!.id, serviceId: i.service_id, sessions: i.sessions })))
      return created!
    })
    return (await offersOf(db, [row]))[0]!
  }

  /** The practitioner's active packages (or bundles), oldest first; public once they are verified. */
  async list(practitionerId: string, kind: PackageKind, page: PageParams, who?: AccessClaims): Promise<{ rows: Offer[]; count: number }> {
    const db = this.deps.db
    const practitioner = await practitionerById(db, practitionerId)
    const visible =
      practitioner && (practitioner.verificationStatus === 'verified' || (who !== undefined && (await isVenueStaff(db, who, practitioner.venueId))))
    if (!visible) throw notFound('Practitioner')
    const where = and(eq(packages.practitionerId, practitionerId), eq(packages.kind, kind), eq(packages.isActive, true))
    const [rows, [total]] = await Promise.all([
      db.select().from(packages).where(where).orderBy(asc(packages.createdAt), asc(packages.id)).limit(page.pageSize).offset(offsetOf(page)),
      db.select({ n: count() }).from(packages).where(where),
    ])
    return { rows: await offersOf(db, rows), count: total!.n }
  }

  /** Buys one: the hold and its checkout, answered as a checkout is. */
  async purchase(who: AccessClaims, kind: PackageKind, id: string, input: CheckoutInput): Promise<{ reservationId: string; checkout: CheckoutResult }> {
    this.checkout.assertAllowed(input)
    const pkg = await listedPackage(this.deps.db, kind, id)
    if (!pkg) throw notFound(label(kind))
    const hold = await this.reservations.purchase(who, pkg.venueId, pkg.id)
    return { reservationId: hold.id, checkout: await this.checkout.checkout(who, hold.id, input) }
  }

  /** The caller's own entitlements. */
  async entitlements(who: AccessClaims, page: PageParams): Promise<{ rows: Entitlement[]; count: number; now: Date }> {
    return { ...(await entitlementsOf(this.deps.db, who.userId, page)), now: this.deps.clock() }
  }

  /** The lapse job's pass; redemption checks the expiry itself, so this only keeps the rows honest. */
  lapseExpired(): Promise<number> {
    return lapseEntitlements(this.deps.db, this.deps.clock())
  }
}
