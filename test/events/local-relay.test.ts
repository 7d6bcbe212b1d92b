import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OUTBOX_CHANNEL } from '../../src/modules/events/relay.js'
import { backgroundLoops } from '../../src/modules/jobs/handlers.js'
import { startLoops } from '../../src/modules/jobs/loops.js'
import type { TestContext } from '../helpers/context.js'
import { deliver, fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

// A hold written while this process runs its relay loop wakes that loop itself and spares its
// commit the NOTIFY (reservoir.relay_here, LocalRelay); without a loop here, it notifies.

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, alice: Actor

beforeAll(async () => ({ ctx, f, alice } = await scene({ at: '2027-01-04T12:00:00Z', customers: { alice: 'Alice' } })))
afterAll(() => ctx.close())

/**
 * The notices on the outbox channel that `work` causes: a sentinel notice sent after it
 * arrives after any of them (notices come in commit order), so the list is complete.
 */
async function outboxNotices(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = []
  let sentinel!: () => void
  const done = new Promise<void>((resolve) => (sentinel = resolve))
  const stop = await ctx.database.listen(OUTBOX_CHANNEL, (payload) => (payload === 'sentinel' ? sentinel() : seen.push(payload)))
  try {
    await work()
    await ctx.database.raw.query(`select pg_notify($1, 'sentinel')`, [OUTBOX_CHANNEL])
    await done
    return seen
  } finally {
    await stop()
  }
}

async function hold(hour: number) {
  const venue = await f.newVenue({ timezone: ZONE })
  const room = await f.newRoom(venue)
  const start = local(ZONE, `2027-01-08T${hour}:00`)
  const reply = await client(ctx, alice.access).post('/reservations', {
    venue_id: venue.id,
    items: [slot(room, start, local(ZONE, `2027-01-08T${hour + 1}:00`))],
  })
  expect(reply.status).toBe(201)
  return reply.body.id as string
}

const published = async (id: string) =>
  (await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from outbox_events where aggregate_id = $1 and published_at is not null', [id]))
    .rows[0]!.n

describe('waking the relay of this process (LocalRelay)', () => {
  it('without a relay loop here, a hold notifies the relays through PostgreSQL', async () => {
    expect(ctx.services.localRelay.setting).toBe('')
    expect(await outboxNotices(() => hold(19))).toEqual([''])
  })

  it('with one, the hold kicks it directly, sends no notice, and its event is relayed', async () => {
    let kicks = 0
    const detach = ctx.services.localRelay.attach(() => (kicks += 1))
    try {
      expect(ctx.services.localRelay.setting).toBe('on')
      let id = ''
      expect(await outboxNotices(async () => (id = await hold(20)))).toEqual([])
      expect(kicks).toBe(1)
      expect(await published(id)).toBe(0)
    } finally {
      detach()
    }
    expect(ctx.services.localRelay.setting).toBe('')
  })

  it('a booking that takes the transaction (two rooms) does the same: no notice, one kick, and a notice without a loop', async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const [a, b] = [await f.newRoom(venue), await f.newRoom(venue)]
    const twoRooms = (hour: number) =>
      client(ctx, alice.access).post('/reservations', {
        venue_id: venue.id,
        items: [a, b].map((room) => slot(room, local(ZONE, `2027-01-09T${hour}:00`), local(ZONE, `2027-01-09T${hour + 1}:00`))),
      })
    let kicks = 0
    const detach = ctx.services.localRelay.attach(() => (kicks += 1))
    try {
      expect(await outboxNotices(async () => expect((await twoRooms(19)).status).toBe(201))).toEqual([])
      expect(kicks).toBe(1)
      // A refused booking rolls back: nothing to wake.
      expect((await twoRooms(19)).status).toBe(409)
      expect(kicks).toBe(1)
    } finally {
      detach()
    }
    expect(await outboxNotices(async () => expect((await twoRooms(21)).status).toBe(201))).toEqual([''])
  })

  it("a payment's webhook, confirming its reservation, kicks the loop here instead of notifying", async () => {
    const venue = await f.newVenue({ timezone: ZONE })
    const room = await f.newRoom(venue)
    const { intentId } = await holdAndCheckout(ctx, alice, venue, room, '2027-01-10T19:00', '2027-01-10T20:00')
    await fakeOf(ctx).pay(intentId, {}, { deliver: false })
    const intent = (await ctx.deps.gateway.retrieveIntent(intentId)).raw
    let kicks = 0
    const detach = ctx.services.localRelay.attach(() => (kicks += 1))
    try {
      const notices = await outboxNotices(async () =>
        expect((await deliver(ctx, fakeOf(ctx).event('payment_intent.succeeded', intent))).body.outcome).toBe('confirmed'),
      )
      expect(notices).toEqual([])
      expect(kicks).toBe(1)
    } finally {
      detach()
    }
  })

  it("the real loop attaches while it runs, and the kick relays the hold's event", async () => {
    const loops = await startLoops(ctx.database, backgroundLoops(ctx.services), ctx.app.log)
    try {
      expect(ctx.services.localRelay.setting).toBe('on')
      const id = await hold(21)
      await expect.poll(() => published(id)).toBe(1)
    } finally {
      await loops.stop()
    }
    expect(ctx.services.localRelay.setting).toBe('')
  })
})
