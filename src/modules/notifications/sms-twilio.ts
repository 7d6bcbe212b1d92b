import type Twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient.js'
import { ChannelError, type Channel, type OutboundMessage } from './channels.js'

export interface TwilioSmsOptions {
  accountSid: string
  authToken: string
  /** A Twilio number or messaging service sender. */
  from: string
  /** e.g. `http://127.0.0.1:4010` for a local stand-in of Twilio's API; unset means api.twilio.com. */
  apiBase?: string
  timeoutMs?: number
}

// Statuses that say nothing about the message itself: a timeout, throttling, our credentials
// (which an operator can fix while the message waits).
const RETRYABLE_4XX = new Set([401, 408, 409, 429])

type Sdk = typeof Twilio

/**
 * The SDK's own HTTP client (axios, auth, form encoding, error parsing), with every request
 * sent to `base` instead of *.twilio.com: the SDK has no base-URL setting, and a custom
 * `httpClient` is its documented way to change how requests go out.
 */
const rebasedRequestClient = (twilio: Sdk, base: URL, opts: ConstructorParameters<Sdk['RequestClient']>[0]) =>
  new (class RebasedRequestClient extends twilio.RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      const target = new URL(opts.uri)
      const rebased = new URL(`${base.pathname.replace(/\/$/, '')}${target.pathname}${target.search}`, base)
      return super.request<T>({ ...opts, uri: rebased.href })
    }
  })(opts)

/**
 * SMS through Twilio's Messages API with the official SDK. The SDK (with axios and the rest
 * under it) is loaded at the first message, not at start-up: most processes never send one,
 * and server memory is a tracked target. The settings were checked with the config.
 */
export class TwilioSms implements Channel {
  readonly name = 'twilio'
  private client: Promise<Twilio.Twilio> | undefined
  private readonly from: string

  constructor(private readonly options: TwilioSmsOptions) {
    this.from = options.from
  }

  private connect(): Promise<Twilio.Twilio> {
    this.client ??= import('twilio').then(({ default: twilio }) => {
      const { accountSid, authToken, apiBase, timeoutMs } = this.options
      const timeout = timeoutMs ?? 15_000
      return twilio(accountSid, authToken, {
        timeout,
        // The sender loop owns retries (with backoff, across processes); the SDK sends once.
        autoRetry: false,
        ...(apiBase ? { httpClient: rebasedRequestClient(twilio, new URL(apiBase), { timeout, autoRetry: false }) } : {}),
      })
    })
    return this.client
  }

  async send(message: OutboundMessage): Promise<{ providerId: string }> {
    const client = await this.connect()
    try {
      const sent = await client.messages.create({ to: message.recipient, from: this.from, body: message.body })
      return { providerId: sent.sid }
    } catch (error) {
      throw classify(error)
    }
  }
}

/**
 * Twilio answers a bad request (an invalid or unsubscribed number, 21211 / 21610) with a 4xx
 * that will not change on a retry; 5xx, throttling and network errors may.
 */
function classify(error: unknown): Error {
  const status = (error as { status?: unknown }).status
  const code = (error as { code?: unknown }).code
  const text = error instanceof Error ? error.message : String(error)
  if (typeof status === 'number') {
    const permanent = status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)
    return new ChannelError(`Twilio ${status}${typeof code === 'number' ? ` (error ${code})` : ''}: ${text}`, permanent)
  }
  return new ChannelError(`Twilio unreachable: ${text}`, false)
}
