import { sql } from 'drizzle-orm'
import { pgArray } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import type { Publisher } from './nats.js'
import { claimInOrder, drainBatches, type EventQueue, type RelaySink } from './relay.js'

/** The relay's sink when a broker is configured: queues the batch for the broker loop. */
export const brokerQueueSink: RelaySink = {
  name: 'broker-queue',
  deliver: async (tx, events) => {
    await tx.execute(sql`
      insert into broker_outbox (event_id, aggregate_id)
      select * from unnest(${pgArray(events.map((e) => String(e.id)))}::bigint[], ${pgArray(events.map((e) => e.aggregateId))}::uuid[])
      on conflict do nothing`)
  },
}

const BATCH = 200

const BROKER_QUEUE: EventQueue = {
  waiting: sql`select event_id as id, aggregate_id from broker_outbox`,
  claim: (limit) => sql`select event_id as id from broker_outbox order by event_id limit ${limit} for update skip locked`,
}

/**
 * Drains `broker_outbox` to the broker with the outbox relay's rules: rows claimed with
 * `FOR UPDATE SKIP LOCKED`, held back while an earlier event of their aggregate is queued in
 * someone else's hands, published, then deleted in the same transaction. A crash after the
 * publish and before the commit publishes again; JetStream drops the copy by message id.
 */
export class BrokerRelay {
  constructor(
    private readonly deps: Deps,
    private readonly publisher: Publisher,
    private readonly batch = BATCH,
  ) {}

  async runOnce(): Promise<number> {
    return this.deps.db.transaction(async (tx) => {
      const events = await claimInOrder(tx, BROKER_QUEUE, this.batch)
      if (events.length === 0) return 0
      await this.publisher.publish(events)
      await tx.execute(sql`delete from broker_outbox where event_id = any(${pgArray(events.map((e) => String(e.id)))}::bigint[])`)
      return events.length
    })
  }

  drain(): Promise<number> {
    return drainBatches(() => this.runOnce(), this.batch)
  }

  close(): Promise<void> {
    return this.publisher.close()
  }
}
