import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { envelopeOf, eventId } from './envelope.js'
import type { RelaySink } from './relay.js'

export interface NatsOptions {
  url: string
  /** The stream every event goes to (RESERVOIR unless configured). */
  stream: string
  /** Subjects are `<prefix>.<event type>`, e.g. `reservoir.reservation.created`. */
  subjectPrefix: string
}

// JetStream drops a second message with the same id inside this window: a batch the relay
// publishes again after a crash before its commit is not stored twice.
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000

/**
 * The optional broker sink: publishes each event to JetStream and waits for the stream's
 * acknowledgement before the relay commits. A broker that is down fails the batch, which
 * the relay retries with backoff; the message id (`evt_<id>`) makes the retry harmless.
 */
export function natsSink({ url, stream, subjectPrefix }: NatsOptions): RelaySink & { close(): Promise<void> } {
  const subject = (type: string) => `${subjectPrefix}.${type}`
  let connecting: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined
  const client = () =>
    (connecting ??= (async () => {
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
    name: 'nats',
    deliver: async (_tx, events) => {
      const { js } = await client()
      // In order, one acknowledgement at a time: a stream keeps an aggregate's events in the order sent.
      for (const e of events) {
        await js.publish(subject(e.type), JSON.stringify(envelopeOf(e)), { msgID: eventId(e.id) })
      }
    },
    close: async () => {
      const pending = connecting
      connecting = undefined
      const open = await pending?.catch(() => undefined)
      // A broker that is down cannot drain; closing must still succeed so shutdown goes on.
      await open?.nc.drain().catch(() => open.nc.close())
    },
  }
}
