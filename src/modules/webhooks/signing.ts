import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'

/** Receivers can tell our requests apart, and we can be asked to stop, by name. */
export const USER_AGENT = 'Reservoir-Webhooks/1'

/** A fresh signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`

/**
 * The headers of one attempt, per Standard Webhooks: `webhook-id` is the event's id, the
 * same on every retry so receivers de-duplicate; `webhook-timestamp` is this attempt's time,
 * so a receiver can refuse replays; `webhook-signature` is `v1,` + base64 of HMAC-SHA256 over
 * `{id}.{timestamp}.{body}` keyed with the base64-decoded secret.
 */
export function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  }
}
