import { sql, type SQL } from 'drizzle-orm'
import { pgArray, rowsOf, type Db, type Executor, type Tx } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import type { DomainEvent, RelayedEvent } from './domain-events.js'

/**
 * A condition that is always true and spares the commit its NOTIFY when this process's relay is
 * woken after it: for a statement whose text is fixed once, with `relayHere` the relay's `setting`.
 */
export const relayHereSet = sql`set_config('reservoir.relay_here', ${sql.placeholder('relayHere')}::text, true) is not null`

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

/**
 * This process's relay loop, while it runs. A writer that wakes it directly after its commit
 * need not NOTIFY through PostgreSQL, which queues notices under a database-wide lock at
 * commit and so serialises every notifying commit. It says so to the outbox's trigger with
 * `reservoir.relay_here` (migration 0017); the relays of other processes still poll.
 */
export class LocalRelay {
  private kick: (() => void) | undefined

  /** The relay loop attaches its kick while it runs (startLoops); answers how to detach it. */
  attach(kick: () => void): () => void {
    this.kick = kick
    return () => {
      if (this.kick === kick) this.kick = undefined
    }
  }

  /** `reservoir.relay_here` for a writer's transaction: 'on' while a loop here will be woken. */
  get setting(): 'on' | '' {
    return this.kick ? 'on' : ''
  }

  /** After a commit that wrote events under `setting`. */
  wake(): void {
    this.kick?.()
  }

  /**
   * `work` in a transaction whose outbox inserts send no NOTIFY while a loop here runs, and
   * that loop woken after the commit instead: for the hot paths that still take a transaction.
   */
  async transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(db, async (tx, says) => {
      if (says) await tx.execute(sql`select ${says}`)
      return work(tx)
    })
  }

  /**
   * `transaction` for a `work` that puts `says` (a condition that always holds and sets
   * `reservoir.relay_here`) into its first statement, saving the round trip of its own. Were it
   * left out, the commit would NOTIFY as any other writer's does: slower, never wrong.
   */
  transactionSaying<T>(db: Db, work: (tx: Tx, says: SQL) => Promise<T>): Promise<T> {
    return this.run(db, (tx, says) => work(tx, says ?? sql`true`))
  }

  /** `says` is null while no loop here will be woken: the commit then notifies. */
  private async run<T>(db: Db, work: (tx: Tx, says: SQL | null) => Promise<T>): Promise<T> {
    const here = this.setting === 'on'
    const result = await db.transaction((tx) => work(tx, here ? sql`set_config('reservoir.relay_here', 'on', true) is not null` : null))
    if (here) this.wake()
    return result
  }
}

const BATCH = 200

interface Row {
  id: string | number
  type: DomainEvent['type']
  version: number
  aggregate_id: string
  venue_id: string | null
  payload: DomainEvent['payload']
  created_at: Date | string
}

/**
 * An outbox row as a typed event. The row was written by `emit`, the one writer, from a
 * `DomainEvent`: its type and payload belong together, which is all this cast claims.
 */
const relayedOf = (r: Row): RelayedEvent =>
  ({
    id: Number(r.id),
    type: r.type,
    version: r.version,
    aggregateId: r.aggregate_id,
    venueId: r.venue_id,
    payload: r.payload,
    createdAt: new Date(r.created_at),
  }) as RelayedEvent

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
      const events = await claimInOrder(tx, OUTBOX, this.batch)
      if (events.length === 0) return 0
      for (const sink of this.sinks) await sink.deliver(tx, events)
      await tx.execute(sql`update outbox_events set published_at = ${this.deps.clock()} where id = any(${pgArray(events.map((e) => String(e.id)))}::bigint[])`)
      await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`)
      return events.length
    })
  }

  /** Batches until the outbox is empty (or only held-back rows are left). */
  drain(): Promise<number> {
    return drainBatches(() => this.runOnce(), this.batch)
  }
}

/**
 * Where events wait for a relay, as event ids of `outbox_events`: the outbox itself (rows
 * not yet published) or a queue of its own (the broker's). Both are drained by the same rules.
 */
export interface EventQueue {
  /** Every waiting event, as `id` and `aggregate_id`. */
  waiting: SQL
  /** The first `limit` waiting ids, as `id`, locked with `FOR UPDATE SKIP LOCKED`. */
  claim(limit: number): SQL
}

const OUTBOX: EventQueue = {
  waiting: sql`select id, aggregate_id from outbox_events where published_at is null`,
  claim: (limit) => sql`select id from outbox_events where published_at is null order by id limit ${limit} for update skip locked`,
}

/**
 * Claims up to `limit` waiting events in id order, holding back any whose aggregate has an
 * earlier event still waiting outside this claim (in another relay's hands).
 */
export async function claimInOrder(tx: Tx, queue: EventQueue, limit: number): Promise<RelayedEvent[]> {
  const rows = await rowsOf<Row>(
    tx,
    sql`
    with claimed as materialized (${queue.claim(limit)})
    select o.id, o.type, o.version, o.aggregate_id, o.venue_id, o.payload, o.created_at
    from outbox_events o join claimed c on c.id = o.id
    where not exists (
      select 1 from (${queue.waiting}) w
      where w.aggregate_id = o.aggregate_id and w.id < o.id and w.id not in (select id from claimed))
    order by o.id`,
  )
  return rows.map(relayedOf)
}

/** One event by id, relayed or not: a socket sent only the id of a large event reads it here. */
export async function eventById(ex: Executor, id: number): Promise<RelayedEvent | undefined> {
  const [row] = await rowsOf<Row>(ex, sql`select id, type, version, aggregate_id, venue_id, payload, created_at from outbox_events where id = ${id}`)
  return row ? relayedOf(row) : undefined
}

/** Runs batches until one comes back short: the queue is empty, or only held-back rows are left. */
export async function drainBatches(runOnce: () => Promise<number>, batch: number): Promise<number> {
  let total = 0
  for (;;) {
    const n = await runOnce()
    total += n
    if (n < batch) return total
  }
}
