import { and, eq, like } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import { databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { factories } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene } from '../helpers/scene.js'

let ctx: TestContext

beforeAll(async () => ({ ctx } = await scene()))
afterAll(() => ctx.close())

describe.runIf(onPostgres())('the reminder job against a cancellation in flight', () => {
  it('queues no reminder for a booking whose cancellation commits while the job reads it', async () => {
    ctx.clock.set('2027-01-07T00:00:00Z')
    const f = factories(ctx)
    const venue = await f.newVenue({ timezone: 'America/Denver' })
    const room = await f.newRoom(venue)
    const who = await f.newCustomer('Dana')
    const { id, intentId } = await holdAndCheckout(ctx, who, venue, room, '2027-01-08T17:00', '2027-01-08T19:00') // 2027-01-09T00:00Z
    await fakeOf(ctx).pay(intentId)
    ctx.clock.set('2027-01-08T00:00:00Z') // 24 h before: in the window
    const other = new pg.Client({ connectionString: await databaseUrl(ctx) })
    await other.connect()
    try {
      // A cancellation that has locked the booking and not yet committed.
      await other.query('begin')
      await other.query('select id from reservations where id = $1 for update', [id])
      const job = ctx.services.notifications.sendReminders()
      await new Promise((r) => setTimeout(r, 300))
      await other.query("update reservations set status = 'cancelled' where id = $1", [id])
      await other.query('commit')
      expect(await job).toBe(0)
      const queued = await ctx.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.subjectId, id), like(notifications.template, 'reminder_%')))
      expect(queued).toEqual([])
    } finally {
      await other.end()
    }
  })
})
