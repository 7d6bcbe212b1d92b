import type { JetStreamClient } from '@nats-io/jetstream'
import type { NatsConnection } from '@nats-io/transport-node'
import { envelopeOf, eventId, type RelayedEvent } from './envelope.js'

export interface NatsOptions {
  url: string
  /** The stream every event goes to (RESERVOIR unless configured). */
  stream: string
  /** Subjects are `<prefix>.<event type>`, e.g. `reservoir.reservation.created`. */
  subjectPrefix: string
}

/** Publishes events to the broker, in order; throws if the broker did not take them all. */
export interface Publisher {
  publish(events: readonly RelayedEvent[]): Promise<void>
  close(): Promise<void>
}

// JetStream drops a second message with the same id inside this window: a batch published
// again after a crash before its commit is not stored twice.
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000

/**
 * NATS JetStream: loads the client and connects at the first publish (a process without a
 * broker, or that never publishes, does not load it), creates or updates the stream, and waits for
 * the stream's acknowledgement of each message. The message id (`evt_<id>`) makes a retry
 * harmless and lets consumers de-duplicate.
 */
export function natsPublisher({ url, stream, subjectPrefix }: NatsOptions): Publisher {
  const subject = (type: string) => `${subjectPrefix}.${type}`
  let connecting: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined
  const client = () =>
    (connecting ??= (async () => {
      const [{ jetstream, jetstreamManager }, { connect }] = await Promise.all([import('@nats-io/jetstream'), import('@nats-io/transport-node')])
      const nc = await connect({ servers: url, maxReconnectAttempts: -1 })
      const jsm = await jetstreamManager(nc)
      const config = { name: stream, subjects: [subject('>')], duplicate_window: DUPLICATE_WINDOW_NS }
      await jsm.streams.info(stream).then(
        () => jsm.streams.update(stream, config),
        () => jsm.streams.add(config),
      )
      return { nc, js: jetstream(nc) }
    })().catch((error: unknown) => {
      connecting = undefined
      throw error
    }))
  return {
    publish: async (events) => {
      const { js } = await client()
      // One acknowledgement at a time: the stream keeps an aggregate's events in the order sent.
      for (const e of events) await js.publish(subject(e.type), JSON.stringify(envelopeOf(e)), { msgID: eventId(e.id) })
    },
    close: async () => {
      const open = await connecting?.catch(() => undefined)
      connecting = undefined
      // A broker that is down cannot drain; closing must still succeed so shutdown goes on.
      await open?.nc.drain().catch(() => open.nc.close())
    },
  }
}
