import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../src/modules/auth/schema.js'
import { keepStripeCustomer } from '../../src/modules/auth/users.js'
import { payments } from '../../src/modules/payments/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, local, slot, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'

/*
 * A user's Stripe customer is made at their first card checkout, kept on the account
 * (users.stripe_customer_id) and handed to every PaymentIntent after it; racing first
 * checkouts end with one customer kept.
 */

let ctx: TestContext, f: Factories, venue: Venue, room: Room, alice: Actor

beforeAll(
  async () => ({ ctx, f, venue, room, alice } = await scene({ at: '2027-01-04T12:00:00Z', venue: {}, room: {}, customers: { alice: 'Alice Liddell' } })),
)
afterAll(() => ctx.close())

const customerIdOf = async (id: string) => (await ctx.deps.db.select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, id)))[0]!.c
const customerCalls = (userId: string) => fakeOf(ctx).calls.filter((c) => c.method === 'createCustomer' && c.idempotencyKey === `${userId}-customer`)
const intentCustomer = async (intentId: string) => (await fakeOf(ctx).retrieveIntent(intentId)).raw.customer
const paymentCustomer = async (reservationId: string) =>
  (await ctx.deps.db.select({ c: payments.customerId }).from(payments).where(eq(payments.reservationId, reservationId)))[0]!.c

describe('the Stripe customer of a user', () => {
  it('is made once at the first checkout and reused at the next, on the intent and on the payment', async () => {
    expect(await customerIdOf(alice.id)).toBeNull()
    const first = await holdAndCheckout(ctx, alice, venue, room, '2027-01-08T19:00', '2027-01-08T21:00')
    const kept = await customerIdOf(alice.id)
    expect(kept).toMatch(/^cus_fake_[0-9a-f]{24}$/)
    // What the gateway was given: the account's address, name and id.
    expect(fakeOf(ctx).customers.get(kept!)).toMatchObject({ email: alice.email, name: 'Alice Liddell', metadata: { user_id: alice.id } })
    expect(await intentCustomer(first.intentId)).toBe(kept)
    expect(await paymentCustomer(first.id)).toBe(kept)

    const second = await holdAndCheckout(ctx, alice, venue, room, '2027-01-09T19:00', '2027-01-09T21:00')
    expect(await customerIdOf(alice.id)).toBe(kept)
    expect(await intentCustomer(second.intentId)).toBe(kept)
    expect(await paymentCustomer(second.id)).toBe(kept)
    expect(customerCalls(alice.id)).toHaveLength(1)
    // The paid charge names the customer too, as Stripe's does.
    await fakeOf(ctx).pay(second.intentId)
    expect(await paymentCustomer(second.id)).toBe(kept)
  })

  it('is one customer after concurrent first checkouts by one user', async () => {
    const bob = await f.newCustomer('Bob')
    const c = client(ctx, bob.access)
    const ids: string[] = []
    for (let day = 10; day < 16; day++) {
      const made = await c.post('/reservations', {
        venue_id: venue.id,
        items: [slot(room, local(venue.timezone, `2027-01-${day}T19:00`), local(venue.timezone, `2027-01-${day}T21:00`))],
      })
      expect(made.status).toBe(201)
      ids.push(made.body.id)
    }
    const answers = await Promise.all(ids.map((id) => c.post(`/reservations/${id}/checkout`, {})))
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200))
    const kept = await customerIdOf(bob.id)
    expect(kept).toMatch(/^cus_fake_/)
    for (const [i, a] of answers.entries()) {
      expect(await intentCustomer(a.body.payment_intent_id)).toBe(kept)
      expect(await paymentCustomer(ids[i]!)).toBe(kept)
    }
    expect([...fakeOf(ctx).customers.values()].filter((cus) => cus.metadata.user_id === bob.id).map((cus) => cus.id)).toEqual([kept])
  })

  it('keeps the first of two customers stored at once; the other caller gets the winner', async () => {
    const carol = await f.newCustomer('Carol')
    const answers = await Promise.all(['cus_first_one', 'cus_second_one', 'cus_third_one'].map((id) => keepStripeCustomer(ctx.deps.db, carol.id, id)))
    const kept = await customerIdOf(carol.id)
    expect(['cus_first_one', 'cus_second_one', 'cus_third_one']).toContain(kept)
    expect(answers).toEqual([kept, kept, kept])
    // Later calls change nothing.
    expect(await keepStripeCustomer(ctx.deps.db, carol.id, 'cus_late')).toBe(kept)
    expect(await customerIdOf(carol.id)).toBe(kept)
  })

  it('is not made for a booking without an account (a guest booked by staff)', async () => {
    const staff = await f.newStaff(venue, 'manager')
    const made = await client(ctx, staff.access).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(venue.timezone, '2027-01-20T19:00'), local(venue.timezone, '2027-01-20T21:00'))],
      guest: { name: 'Walk In', email: 'walk-in@example.test' },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const before = fakeOf(ctx).calls.filter((c) => c.method === 'createCustomer').length
    const checkout = await client(ctx, staff.access).post(`/reservations/${made.body.id}/checkout`, {})
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(200)
    expect(fakeOf(ctx).calls.filter((c) => c.method === 'createCustomer')).toHaveLength(before)
    expect(await intentCustomer(checkout.body.payment_intent_id)).toBeNull()
  })
})
