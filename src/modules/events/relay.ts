import { sql } from 'drizzle-orm'
import { pgArray, rowsOf, type Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import type { RelayedEvent } from './envelope.js'
import type { DomainEventType } from './outbox.js'

/**
 * A destination of relayed events. `deliver` runs inside the relay's transaction, before
 * the events are marked relayed: writes it makes (webhook deliveries, notifications, a
 * NOTIFY) commit with that mark or not at all, and an error sends the batch round again.
 */
export interface RelaySink {
  name: string
  deliver(tx: Tx, events: readonly RelayedEvent[]): Promise<void>
}

/** The NOTIFY channel that wakes senders (webhooks, notifications) after a relay commit. */
export const WORK_CHANNEL = 'reservoir_work'
/** The NOTIFY channel the outbox trigger raises when events commit. */
export const OUTBOX_CHANNEL = 'reservoir_outbox'

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
 * Delivers the outbox at-least-once, in order per aggregate (a reservation's events are
 * never overtaken by a later one of the same reservation), from any number of processes.
 * "In order" means id order, which is commit order for writers that lock the aggregate
 * first, as every change to a reservation does; two staff edits of disjoint nights of one
 * room type lock different rows and may commit, and leave, the other way round.
 *
 * Rows are claimed by `published_at is null` with `FOR UPDATE SKIP LOCKED`, never by a
 * high-water mark: an event whose transaction took a low id and committed late is simply
 * still unpublished on the next run. Two relays never hold the same row, and a claimed row
 * is held back while an earlier event of its aggregate is still pending in someone else's
 * hands, so per-aggregate order survives parallel relays.
 */
export class OutboxRelay {
  constructor(
    private readonly deps: Deps,
    private readonly sinks: readonly RelaySink[],
    private readonly batch = BATCH,
  ) {}

  /** One batch: claim, hand to every sink, mark relayed, commit. Answers how many went out. */
  async runOnce(): Promise<number> {
    return this.deps.db.transaction(async (tx) => {
      const events = await claim(tx, this.batch)
      if (events.length === 0) return 0
      for (const sink of this.sinks) await sink.deliver(tx, events)
      await tx.execute(sql`update outbox_events set published_at = ${this.deps.clock()} where id = any(${pgArray(events.map((e) => String(e.id)))}::bigint[])`)
      await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`)
      return events.length
    })
  }

  /** Batches until the outbox is empty (or only held-back rows are left). */
  async drain(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.runOnce()
      total += n
      if (n < this.batch) return total
    }
  }
}

async function claim(tx: Tx, limit: number): Promise<RelayedEvent[]> {
  const rows = await rowsOf<Row>(tx, sql`
    with claimed as materialized (
      select id from outbox_events where published_at is null order by id limit ${limit} for update skip locked
    )
    select o.id, o.type, o.version, o.aggregate_id, o.venue_id, o.payload, o.created_at
    from outbox_events o join claimed c on c.id = o.id
    where not exists (
      select 1 from outbox_events e
      where e.aggregate_id = o.aggregate_id and e.published_at is null and e.id < o.id
        and e.id not in (select id from claimed))
    order by o.id`)
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    version: r.version,
    aggregateId: r.aggregate_id,
    venueId: r.venue_id,
    payload: r.payload,
    createdAt: new Date(r.created_at),
  }))
}
