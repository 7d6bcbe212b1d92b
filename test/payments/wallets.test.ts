import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'

/* The payment method is recorded as Stripe reports it: a card in a wallet is the wallet. */

let ctx: TestContext
let f: Factories
let venue: Venue
let room: Room
let staff: Actor

beforeAll(async () => {
  ;({ ctx, f, venue, room, staff } = await scene({ at: '2027-01-04T12:00:00Z', venue: {}, room: {}, staff: 'owner' }))
})
afterAll(() => ctx.close())

describe('wallet payments', () => {
  it.each([
    ['apple_pay', '2027-01-08T19:00'],
    ['google_pay', '2027-01-09T19:00'],
  ] as const)('%s is the payment’s method, and its charge is in the payment log', async (wallet, start) => {
    const customer = await f.newCustomer(`Pays with ${wallet}`)
    const booked = await holdAndCheckout(ctx, customer, venue, room, start, start.replace('19:00', '21:00'))
    await fakeOf(ctx).pay(booked.intentId, { wallet })
    const [payment] = await rowsOf<{ method: string; customer_id: string | null; status: string }>(
      ctx.deps.db,
      sql`select method, customer_id, status from payments where reservation_id = ${booked.id}`,
    )
    expect(payment).toMatchObject({ method: wallet, status: 'succeeded', customer_id: expect.stringMatching(/^cus_/) })
    const log = await client(ctx, staff.access).get(`/reservations/${booked.id}/payment-log`)
    const charge = log.body.results.find((l: { kind: string }) => l.kind === 'charge_created')
    expect(charge.raw.payment_method_details.card.wallet.type).toBe(wallet)
  })
})
