import { asc, count, eq } from 'drizzle-orm'
import type { Deps } from '../../deps.js'
import { AppError, invalidInput, notFound } from '../../http/errors.js'
import { offsetOf, type PageParams } from '../../http/pagination.js'
import type { AccessClaims } from '../auth/tokens.js'
import { isRoomTypeOf, roomTypeOfPlan } from '../stays/queries.js'
import { MANAGERS, requireVenueRole } from '../venues/access.js'
import { assertVenueCurrency, type Venue, type VenueService } from '../venues/service.js'
import { pricingRules } from './schema.js'
import type { PricingRuleBody } from './schemas.js'

export type PricingRule = typeof pricingRules.$inferSelect

/** A venue's nightly pricing rules; `stay-price.ts` says how they combine. */
export class PricingRuleService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  async create(who: AccessClaims, venueId: string, body: PricingRuleBody): Promise<{ rule: PricingRule; venue: Venue }> {
    const venue = await this.venues.asStaff(who, venueId, MANAGERS)
    await this.check(venue, body)
    const [rule] = await this.deps.db
      .insert(pricingRules)
      .values({
        venueId,
        kind: body.kind,
        name: body.name,
        roomTypeId: body.room_type_id ?? null,
        ratePlanId: body.rate_plan_id ?? null,
        startsOn: body.starts_on ?? null,
        endsOn: body.ends_on ?? null,
        weekdays: body.weekdays ? [...body.weekdays].sort((a, b) => a - b) : null,
        amount: body.amount?.amount ?? null,
        percent: body.percent ?? null,
        priority: body.priority ?? 0,
        createdAt: this.deps.clock(),
      })
      .returning()
    this.deps.changes.touch(venueId)
    return { rule: rule!, venue }
  }

  /** Staff only: the rules are the venue's pricing strategy; guests see prices through quotes and search. */
  async list(who: AccessClaims, venueId: string, page: PageParams) {
    const venue = await this.venues.asStaff(who, venueId)
    const where = eq(pricingRules.venueId, venueId)
    const [rows, [total]] = await Promise.all([
      this.deps.db
        .select()
        .from(pricingRules)
        .where(where)
        .orderBy(asc(pricingRules.kind), asc(pricingRules.createdAt), asc(pricingRules.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      this.deps.db.select({ n: count() }).from(pricingRules).where(where),
    ])
    return { rows, count: total!.n, venue }
  }

  async remove(who: AccessClaims, id: string): Promise<void> {
    const [rule] = await this.deps.db.select().from(pricingRules).where(eq(pricingRules.id, id))
    if (!rule) throw notFound('Pricing rule')
    await requireVenueRole(this.deps.db, who, rule.venueId, MANAGERS)
    await this.deps.db.delete(pricingRules).where(eq(pricingRules.id, id))
    this.deps.changes.touch(rule.venueId)
  }

  /** The shape each kind needs, in words a caller can act on; the table's checks stand behind it. */
  private async check(venue: Venue, body: PricingRuleBody): Promise<void> {
    const has = (v: unknown) => v !== undefined && v !== null
    if (has(body.amount) === has(body.percent)) throw invalidInput('Give either amount or percent', { field: 'amount' })
    assertVenueCurrency(venue, body.amount, 'amount')
    if ((body.kind === 'season' || body.kind === 'override') && !(body.starts_on && body.ends_on)) {
      throw invalidInput(`A ${body.kind} needs starts_on and ends_on`, { field: 'starts_on' })
    }
    if (body.starts_on && body.ends_on && body.ends_on < body.starts_on) throw invalidInput('ends_on must not be before starts_on', { field: 'ends_on' })
    if (body.kind === 'weekday' && !body.weekdays) throw invalidInput('A weekday rule needs weekdays', { field: 'weekdays' })
    if (body.kind === 'override' && !(body.rate_plan_id && body.amount)) {
      throw invalidInput("An override sets a rate plan's price: give rate_plan_id and amount", { field: 'rate_plan_id' })
    }
    if (body.room_type_id) {
      if (!(await isRoomTypeOf(this.deps.db, venue.id, body.room_type_id)))
        throw new AppError('not_found', 'Room type not found at this venue', { field: 'room_type_id' })
    }
    if (body.rate_plan_id) {
      const planType = await roomTypeOfPlan(this.deps.db, venue.id, body.rate_plan_id)
      if (!planType) throw new AppError('not_found', 'Rate plan not found at this venue', { field: 'rate_plan_id' })
      if (body.room_type_id && planType !== body.room_type_id) throw invalidInput('The rate plan belongs to another room type', { field: 'rate_plan_id' })
    }
  }
}
