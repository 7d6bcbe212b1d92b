import type { Deps } from '../../deps.js'
import type { ReservationService } from '../reservations/service.js'
import type { VenueService } from '../venues/service.js'

/** A venue's walk-in queue (SPEC §8). */
export class WaitlistService {
  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
    private readonly reservations: ReservationService,
  ) {}

  /** The `archive-waitlist` job: archives entries older than the TTL. Answers how many. */
  async archiveExpired(): Promise<number> {
    void this.deps
    void this.venues
    void this.reservations
    throw new Error('not implemented yet')
  }
}
