import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { ChannelError, type Channel, type OutboundMessage } from './channels.js'

/**
 * The development stand-in for an unconfigured provider: the message is logged and counts
 * as sent (provider id `dev:…`), so the whole flow runs on a laptop without accounts.
 */
export class DevChannel implements Channel {
  readonly name: string
  /** What this process "sent", newest last; a developer's console and tests can read it. */
  readonly outbox: OutboundMessage[] = []

  constructor(
    readonly channel: 'sms' | 'email',
    private readonly log: Logger,
  ) {
    this.name = `dev-${channel}`
  }

  async send(message: OutboundMessage): Promise<{ providerId: string }> {
    // Bounded, so a long-running development server does not grow without end.
    if (this.outbox.length >= 1000) this.outbox.shift()
    this.outbox.push(message)
    this.log.info(
      { channel: this.channel, to: message.recipient, subject: message.subject, body: message.body, notification_id: message.id },
      'notification (development channel, not sent)',
    )
    return { providerId: `dev:${randomUUID()}` }
  }
}

/** Production without the provider's settings: every message fails at once, saying what to set. */
export class UnconfiguredChannel implements Channel {
  readonly name: string

  constructor(
    readonly channel: 'sms' | 'email',
    private readonly settings: string,
  ) {
    this.name = `unconfigured-${channel}`
  }

  async send(): Promise<{ providerId: string }> {
    throw new ChannelError(`${this.channel === 'sms' ? 'SMS' : 'Email'} is not configured: set ${this.settings}`, true)
  }
}
