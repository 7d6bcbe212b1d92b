import type { NotificationChannel } from './schema.js'

/** What a channel adapter is handed: one rendered message to one recipient. */
export interface OutboundMessage {
  id: string
  channel: NotificationChannel
  /** A phone number (E.164) for SMS, an address for email. */
  recipient: string
  subject: string | null
  body: string
  /** An iCalendar invite to send with an email (its METHOD line says REQUEST or CANCEL). */
  calendar?: string | null
}

/** An adapter that leaves the process (SMS, email). Throws on failure, `ChannelError` when it can tell. */
export interface Channel {
  readonly name: string
  send(message: OutboundMessage): Promise<{ providerId: string }>
}

/**
 * A failure the provider has explained. `permanent` ones (an invalid number, a rejected
 * address, no provider configured) fail the message at once: retrying would get the same no.
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message)
  }
}

/** Any other throw (a timeout, a reset connection) is worth another attempt. */
export const isPermanent = (error: unknown) => error instanceof ChannelError && error.permanent

/** The adapters that leave the process, by channel; in-app messages are the rows themselves. */
export type OutboundChannels = Record<Exclude<NotificationChannel, 'in_app'>, Channel>
