import { sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import type { RelayedEvent } from './envelope.js'
import type { Publisher } from './nats.js'
import type { DomainEventType } from './outbox.js'
import type { RelaySink } from './relay.js'

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

interface Row {
  id: string | number
  type: DomainEventType
  version: number
  aggregate_id: string
  venue_id: string | null
  payload: Record<string, unknown>
  created_at: Date | string
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
      const events = await claim(tx, this.batch)
      if (events.length === 0) return 0
      await this.publisher.publish(events)
      await tx.execute(sql`delete from broker_outbox where event_id = any(${pgArray(events.map((e) => String(e.id)))}::bigint[])`)
      return events.length
    })
  }

  async drain(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.runOnce()
      total += n
      if (n < this.batch) return total
    }
  }

  close(): Promise<void> {
    return this.publisher.close()
  }
}

async function claim(tx: Tx, limit: number): Promise<RelayedEvent[]> {
  const rows = await rowsOf<Row>(tx, sql`
    with claimed as materialized (
      select event_id from broker_outbox order by event_id limit ${limit} for update skip locked
    )
    select o.id, o.type, o.version, o.aggregate_id, o.venue_id, o.payload, o.created_at
    from outbox_events o join claimed c on c.event_id = o.id
    where not exists (
      select 1 from broker_outbox b
      where b.aggregate_id = o.aggregate_id and b.event_id < o.id and b.event_id not in (select event_id from claimed))
    order by o.id`)
  return rows.map((r) => ({ id: Number(r.id), type: r.type, version: r.version, aggregateId: r.aggregate_id, venueId: r.venue_id, payload: r.payload, createdAt: new Date(r.created_at) }))
}
