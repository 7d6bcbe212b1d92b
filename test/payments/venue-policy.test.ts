import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reservations } from '../../src/modules/reservations/schema.js'
import { venues } from '../../src/modules/venues/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories, venue: Venue, manager: Actor, staff: Actor

beforeAll(async () => {
  ;({ ctx, f, venue, staff: manager } = await scene({ at: '2027-01-04T12:00:00Z', venue: {}, staff: 'manager' }))
  staff = await f.newStaff(venue, 'staff')
})
afterAll(() => ctx.close())

const strict = {
  tiers: [
    { hours_before: 72, refund_percent: 80 },
    { hours_before: 24, refund_percent: 20 },
  ],
  no_show_percent: 0,
}

describe("a venue's cancellation policy and deposit", () => {
  it('reads the default policy until one is set', async () => {
    const got = await client(ctx).get(`/venues/${venue.id}`)
    expect(got.body.cancellation_policy).toEqual({
      tiers: [
        { hours_before: 48, refund_percent: 100 },
        { hours_before: 0, refund_percent: 50 },
      ],
      no_show_percent: 0,
    })
    expect(got.body.deposit_percent).toBeNull()
  })

  it('managers set it; plain staff cannot', async () => {
    expect((await client(ctx, staff.access).patch(`/venues/${venue.id}`, { cancellation_policy: strict })).status).toBe(403)
    const set = await client(ctx, manager.access).patch(`/venues/${venue.id}`, { cancellation_policy: strict, deposit_percent: 30 })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ cancellation_policy: strict, deposit_percent: 30 })
    const [row] = await ctx.deps.db.select().from(venues).where(eq(venues.id, venue.id))
    expect(row!.cancellationPolicy).toEqual(strict)
    expect(row!.depositPercent).toBe(30)
  })

  it('refuses a policy that refunds more for a later cancellation, or repeats a deadline', async () => {
    const m = client(ctx, manager.access)
    const rising = await m.patch(`/venues/${venue.id}`, {
      cancellation_policy: {
        tiers: [
          { hours_before: 48, refund_percent: 50 },
          { hours_before: 0, refund_percent: 100 },
        ],
        no_show_percent: 0,
      },
    })
    expect(rising.status).toBe(400)
    expect(rising.body.code).toBe('validation_failed')
    const twice = await m.patch(`/venues/${venue.id}`, {
      cancellation_policy: {
        tiers: [
          { hours_before: 24, refund_percent: 50 },
          { hours_before: 24, refund_percent: 50 },
        ],
        no_show_percent: 0,
      },
    })
    expect(twice.status).toBe(400)
    for (const bad of [
      { tiers: [], no_show_percent: 0 },
      { tiers: [{ hours_before: 1, refund_percent: 101 }], no_show_percent: 0 },
      { tiers: [{ hours_before: -1, refund_percent: 10 }], no_show_percent: 0 },
    ]) {
      expect((await m.patch(`/venues/${venue.id}`, { cancellation_policy: bad })).status).toBe(400)
    }
    expect((await m.patch(`/venues/${venue.id}`, { deposit_percent: 0 })).status).toBe(400)
    const [row] = await ctx.deps.db.select().from(venues).where(eq(venues.id, venue.id))
    expect(row!.cancellationPolicy).toEqual(strict)
  })

  it('a reservation keeps the policy it was booked under', async () => {
    const room = await f.newRoom(venue)
    const alice = await f.newCustomer()
    const made = await client(ctx, alice.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(venue.timezone, '2027-01-09T19:00'), local(venue.timezone, '2027-01-09T21:00'))],
    })
    expect(made.status).toBe(201)
    await client(ctx, manager.access).patch(`/venues/${venue.id}`, { cancellation_policy: null })
    const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, made.body.id))
    expect(r!.cancellationPolicy).toEqual(strict)
    // The deposit applies at checkout: 30 % of the total, rounded up.
    const checkout = await client(ctx, alice.access).post(`/reservations/${made.body.id}/checkout`)
    expect(checkout.body.amount.amount).toBe(Math.ceil(made.body.total.amount * 0.3))
  })
})
