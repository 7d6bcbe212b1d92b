import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, factories } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene } from '../helpers/scene.js'

let ctx: TestContext
beforeAll(async () => ({ ctx } = await scene({ at: '2027-01-04T12:00:00Z' })))
afterAll(() => ctx.close())

describe('smoke', () => {
  it('pays and confirms', async () => {
    const f = factories(ctx)
    const venue = await f.newVenue()
    const room = await f.newRoom(venue)
    const alice = await f.newCustomer()
    const { id, intentId, checkout } = await holdAndCheckout(ctx, alice, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
    expect(checkout).toMatchObject({ status: 'pending', reservation_status: 'awaiting_payment' })
    await fakeOf(ctx).pay(intentId)
    const r = await client(ctx, alice.access).get(`/reservations/${id}`)
    expect(r.body.status).toBe('confirmed')
    expect(r.body.payment).toMatchObject({ status: 'succeeded', card: { last4: '4242' } })
    expect(r.body.refund_preview).toMatchObject({ percent: 100 })
    const cancelled = await client(ctx, alice.access).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.body.status).toBe('refunded')
    await fakeOf(ctx).drain()
    const after = await client(ctx, alice.access).get(`/reservations/${id}`)
    expect(after.body.payment.refunds[0]).toMatchObject({ status: 'succeeded' })
    console.log(JSON.stringify(after.body.payment, null, 1))
  })
})
