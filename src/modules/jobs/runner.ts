import PgBoss from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../../db/client.js'
import type { JobHandler } from './handlers.js'
import { OutageGate } from './outage-gate.js'

export interface Jobs {
  /** Queues one run now, outside the schedule (operators, tests). */
  runNow(name: string): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts pg-boss on our own connection (pool or PGlite): parameterless SQL goes through
 * `exec`, which takes several statements at once, the rest through `query`. Every job is
 * scheduled by cron and runs wherever a worker is up; pg-boss makes each tick run once.
 * Through a database restart pg-boss keeps its loops and retries; the gate spaces the retries.
 */
export async function startJobs(database: Database, handlers: readonly JobHandler[], log: FastifyBaseLogger): Promise<Jobs> {
  const gate = new OutageGate(log)
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values?: unknown[]) =>
        gate.run(() => (values && values.length > 0 ? database.raw.query(text, values) : database.raw.exec(text))),
    },
    schema: 'pgboss',
  })
  // While the database is away every loop of pg-boss reports it; the gate has said so once.
  // (pg-boss passes on a copy of the error without its cause, so it cannot be told apart here.)
  boss.on('error', (error) => {
    if (!gate.away) log.error({ err: error }, 'job queue error')
  })
  await boss.start()
  for (const job of handlers) {
    await boss.createQueue(job.name)
    await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' })
    await boss.work(job.name, async () => {
      const done = await job.run()
      if (done > 0) log.info({ job: job.name, done }, 'job did work')
    })
  }
  return {
    runNow: async (name) => {
      await boss.send(name, {})
    },
    stop: () => boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 }),
  }
}
