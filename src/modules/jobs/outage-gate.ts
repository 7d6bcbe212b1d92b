import type { FastifyBaseLogger } from 'fastify'
import { backoffDelay } from '../../db/backoff.js'
import { isUnavailable } from '../../db/errors.js'

const FIRST_WAIT_MS = 1_000
const LONGEST_WAIT_MS = 30_000

/** Refused without asking the database, while the gate waits out an outage; `cause` is the failure that closed it. */
export class DatabaseAway extends Error {}

/**
 * Stands in front of pg-boss's queries. pg-boss polls from loops of its own (one per queue,
 * the cron clock, maintenance) and retries each on a fixed interval, so with the database
 * away it would open a connection and log an error every second or so for as long as that
 * lasts. After a connection failure the gate refuses at once, without touching the pool,
 * for a wait that doubles up to 30 s; the first query after the wait is the probe. It logs
 * one warning when the database goes and one line when it is back.
 */
export class OutageGate {
  private failures = 0
  private until = 0
  private lastFailure: unknown

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The database was unreachable at the last attempt. */
  get away(): boolean {
    return this.failures > 0
  }

  async run<T>(query: () => Promise<T>): Promise<T> {
    if (this.now() < this.until) throw new DatabaseAway('The database is unavailable; the job queue is waiting before it retries', { cause: this.lastFailure })
    try {
      const result = await query()
      if (this.failures > 0) this.log.info({ failures: this.failures }, 'job queue: database reachable again')
      this.failures = 0
      this.until = 0
      return result
    } catch (error) {
      // Several queries may fail for one outage; only the first after a wait extends it.
      if (isUnavailable(error) && this.now() >= this.until) {
        if (this.failures === 0) this.log.warn({ err: error }, 'job queue: database unavailable, backing off')
        this.failures += 1
        this.lastFailure = error
        this.until = this.now() + backoffDelay(this.failures, FIRST_WAIT_MS, LONGEST_WAIT_MS)
      }
      throw error
    }
  }
}
