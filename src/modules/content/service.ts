import { and, asc, count, eq, ilike, sql } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { ANY_STAFF, requireVenueRole } from '../venues/access.js'
import { assertVenueCurrency, escapeLike, type Venue, type VenueService } from '../venues/service.js'
import { menuItems, venueInfo } from './schema.js'
import { MAX_POSITION, type CreateMenuItemBody, type InfoBody, type MenuQuery, type UpdateMenuItemBody } from './schemas.js'

export type VenueInfo = typeof venueInfo.$inferSelect
export type MenuItem = typeof menuItems.$inferSelect
/** The info as answered: a venue that has written none has an empty one, never updated. */
export type InfoView = Omit<VenueInfo, 'updatedAt'> & { updatedAt: Date | null }

/** A venue's business info and menu: anyone reads them, the venue's staff write them. */
export class ContentService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /** The info, or an empty one for a venue that has written none yet. */
  async info(venueId: string): Promise<InfoView> {
    await this.venues.get(venueId)
    const [row] = await this.deps.db.select().from(venueInfo).where(eq(venueInfo.venueId, venueId))
    return row ?? { venueId, hoursText: null, phone: null, address: null, socials: {}, policies: null, updatedAt: null }
  }

  /** Replaces the info as a whole: a field left out is cleared, like any PUT. */
  async putInfo(who: AccessClaims, venueId: string, body: InfoBody): Promise<VenueInfo> {
    await this.venues.asStaff(who, venueId)
    const values = {
      hoursText: body.hours_text ?? null,
      phone: body.phone ?? null,
      address: body.address ?? null,
      socials: body.socials ?? {},
      policies: body.policies ?? null,
      updatedAt: this.deps.clock(),
    }
    const [row] = await this.deps.db
      .insert(venueInfo)
      .values({ venueId, ...values })
      .onConflictDoUpdate({ target: venueInfo.venueId, set: values })
      .returning()
    return row!
  }

  async createItem(who: AccessClaims, venueId: string, body: CreateMenuItemBody): Promise<{ item: MenuItem; venue: Venue }> {
    const venue = await this.venues.asStaff(who, venueId)
    assertVenueCurrency(venue, body.price, 'price')
    const now = this.deps.clock()
    const [item] = await this.deps.db
      .insert(menuItems)
      .values({
        venueId,
        name: body.name,
        description: body.description ?? null,
        price: body.price.amount,
        category: body.category,
        available: body.available ?? true,
        // Without a position, the item goes last in its category (within the positions a PATCH accepts).
        position:
          body.position ??
          sql`(select least(coalesce(max(${menuItems.position}) + 1, 0), ${MAX_POSITION}) from ${menuItems} where ${menuItems.venueId} = ${venueId} and ${menuItems.category} = ${body.category})`,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    return { item: item!, venue }
  }

  /** The menu by category, then position within it, then name. */
  async menu(venueId: string, q: MenuQuery, page: PageParams) {
    const venue = await this.venues.get(venueId)
    const where = and(
      eq(menuItems.venueId, venueId),
      q.category ? eq(menuItems.category, q.category) : undefined,
      q.available === undefined ? undefined : eq(menuItems.available, q.available),
      q.search ? ilike(menuItems.name, `%${escapeLike(q.search)}%`) : undefined,
    )
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(menuItems)
        .where(where)
        .orderBy(asc(menuItems.category), asc(menuItems.position), asc(menuItems.name), asc(menuItems.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(menuItems).where(where),
    ])
    return { rows, count: total!.n, venue }
  }

  async updateItem(who: AccessClaims, id: string, patch: UpdateMenuItemBody): Promise<{ item: MenuItem; venue: Venue }> {
    const { item: current, venue } = await this.item(id)
    await requireVenueRole(this.deps.db, who, venue.id, ANY_STAFF)
    assertVenueCurrency(venue, patch.price, 'price')
    const [item] = await this.deps.db
      .update(menuItems)
      .set({
        name: patch.name,
        description: patch.description,
        price: patch.price?.amount,
        category: patch.category,
        available: patch.available,
        position: patch.position,
        updatedAt: this.deps.clock(),
      })
      .where(eq(menuItems.id, current.id))
      .returning()
    return { item: item!, venue }
  }

  /** Menu items are not referenced by anything else, so removing one deletes it. */
  async deleteItem(who: AccessClaims, id: string): Promise<void> {
    const { item, venue } = await this.item(id)
    await requireVenueRole(this.deps.db, who, venue.id, ANY_STAFF)
    await this.deps.db.delete(menuItems).where(eq(menuItems.id, item.id))
  }

  private async item(id: string): Promise<{ item: MenuItem; venue: Venue }> {
    const [item] = await this.deps.db.select().from(menuItems).where(eq(menuItems.id, id))
    if (!item) throw notFound('Menu item')
    return { item, venue: await this.venues.get(item.venueId) }
  }
}
