import type { Deps } from '../../deps.js'
import type { RelaySink } from '../events/relay.js'

/** Messages to customers and staff (SPEC §9): queued in a transaction, sent after commit. */
export class NotificationService {
  /** Turns relayed domain events into queued messages, in the relay's transaction. */
  readonly sink: RelaySink = { name: 'notifications', deliver: async () => {} }

  constructor(private readonly deps: Deps) {}

  /** The sender loop: sends what is due, retries with backoff. Answers how many it tried. */
  async sendDue(): Promise<number> {
    void this.deps
    return 0
  }

  /** The `send-reminders` job (every 5 minutes). Answers how many reminders it queued. */
  async sendReminders(): Promise<number> {
    return 0
  }
}
