import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import { buildTestApp, databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { factories, type Actor } from '../helpers/factories.js'
import { startReservoir, type Child } from '../helpers/processes.js'
import { listening, openSocket } from '../helpers/sockets.js'

/** A JSON request to another server process. */
async function call(base: string, who: Actor, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${who.access}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

// Two server processes need a server database; PGlite is one process's own.
describe.runIf(onPostgres())('chat across server processes on one PostgreSQL', () => {
  let ctx: TestContext
  let other: Child

  beforeAll(async () => {
    ctx = await buildTestApp()
    other = await startReservoir('serve', { DATABASE_URL: await databaseUrl(ctx), DATABASE_POOL_SIZE: '5', JWT_SECRET: ctx.config.jwtSecret, JOBS: 'false' })
  })
  afterAll(async () => {
    await other?.kill('SIGKILL')
    await ctx.close()
  })

  it('a message sent to one process reaches the other side’s chat socket on another within a second', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue()
    const staff = await f.newStaff(venue)
    const customer = await f.newCustomer('Kim Lee')
    const opened = await call(other.base!, customer, 'POST', '/conversations', { venue_id: venue.id, text: 'Warming up' })
    expect(opened.status).toBe(201)
    // A first message of the process's own (its first request of the route, compiled on first use).
    expect((await call(other.base!, customer, 'POST', `/conversations/${opened.body.id}/messages`, { text: 'Hello?' })).status).toBe(201)
    // The staff member's socket is on this test's process; the customer writes to the other one.
    const socket = await openSocket(`${await listening(ctx)}/ws/chat/${opened.body.id}?token=${staff.access}`)
    try {
      const started = Date.now()
      const sent = await call(other.base!, customer, 'POST', `/conversations/${opened.body.id}/messages`, { text: 'Across processes' })
      expect(sent.status).toBe(201)
      const frame = await socket.next((fr) => fr.type === 'message', 1_000)
      expect(Date.now() - started).toBeLessThan(1_000)
      expect(frame.message).toEqual(sent.body)
      // Connected on this process is connected for the other one too: no in-app notice.
      const notices = await ctx.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, staff.id), eq(notifications.subjectId, opened.body.id)))
      expect(notices.map((n) => n.body).sort()).toEqual(['Hello?', 'Warming up'])
    } finally {
      socket.close()
    }
  })
})
