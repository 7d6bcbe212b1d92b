import type { Deps } from '../../deps.js'
import { planReservation, type ItemClaim } from '../reservations/plan.js'
import type { VenueService } from '../venues/service.js'

/** Prices a would-be reservation exactly as booking it would, without claiming anything. */
export class QuoteService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  async quote(input: { venue_id: string; items: ItemClaim[]; party_size?: number }) {
    const venue = await this.venues.get(input.venue_id)
    const plan = await planReservation(this.deps.db, venue, input.items, input.party_size, this.deps.clock(), { lock: false })
    return { ...plan.quote, venue_id: venue.id, cancellation_policy: plan.policy }
  }
}
