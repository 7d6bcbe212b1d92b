import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outboxEvents } from '../../src/modules/events/schema.js'
import { refunds, webhookEvents } from '../../src/modules/payments/schema.js'
import { reservationItems, reservations } from '../../src/modules/reservations/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, factories, local, slot, tokenAt } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout, stateReaders } from '../helpers/payments.js'
import { scene } from '../helpers/scene.js'

/*
 * A payment that lands after its hold lapsed (SPEC §7): it takes the inventory back if it is
 * still free, and is refunded in full, with the reservation ending `refunded`, if it is not.
 */

let ctx: TestContext
beforeAll(async () => ({ ctx } = await scene({ at: '2027-01-04T12:00:00Z' })))
afterAll(() => ctx?.close())

const START = '2027-01-08T19:00'
const END = '2027-01-08T21:00'
const TTL_MINUTES = 10

/** A venue whose holds last 10 minutes, and Alice's checked-out hold on one of its rooms. */
async function lateScenario() {
  const f = factories(ctx)
  const venue = await f.newVenue({ holdTtlMinutes: TTL_MINUTES })
  const room = await f.newRoom(venue)
  const alice = await f.newCustomer('Alice')
  const booked = await holdAndCheckout(ctx, alice, venue, room, START, END)
  const [r] = await ctx.deps.db.select().from(reservations).where(eq(reservations.id, booked.id))
  expect(r!.holdExpiresAt!.getTime() - ctx.clock().getTime()).toBe(TTL_MINUTES * 60_000)
  return { ...booked, venue, room, alice, f }
}

const db = () => ctx.deps.db

const { reservationOf, paymentOf, transitionsOf } = stateReaders(() => ctx)

const activeClaimsOn = (roomId: string) =>
  db()
    .select()
    .from(reservationItems)
    .where(and(eq(reservationItems.roomId, roomId), eq(reservationItems.active, true)))

const outcomeFor = async (intentId: string, type = 'payment_intent.succeeded') => {
  const rows = await db().select().from(webhookEvents).where(eq(webhookEvents.type, type))
  return rows.filter((e) => (e.payload as any).data.object.id === intentId).map((e) => e.outcome)
}

describe('a payment after the hold lapsed', () => {
  it('inventory taken by someone else → refunded in full, reservation refunded with the reason', async () => {
    const { id, intentId, total, venue, room, f } = await lateScenario()
    ctx.clock.advance((TTL_MINUTES + 1) * 60_000)
    expect(await ctx.services.reservations.expireLapsedHolds()).toBeGreaterThanOrEqual(1)
    expect((await reservationOf(id)).status).toBe('expired')

    const bob = await f.newCustomer('Bob')
    const taken = await client(ctx, await tokenAt(ctx, bob)).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(venue.timezone, START), local(venue.timezone, END))],
    })
    expect(taken.status).toBe(201)

    await fakeOf(ctx).pay(intentId)
    await fakeOf(ctx).drain()

    expect(await outcomeFor(intentId)).toEqual(['refunded_inventory_gone'])
    const r = await reservationOf(id)
    expect(r.status).toBe('refunded')
    const last = (await transitionsOf(id)).at(-1)!
    expect(last).toMatchObject({ fromStatus: 'expired', toStatus: 'refunded', actorId: null })
    expect(last.reason).toMatch(/inventory/i)
    expect((await transitionsOf(id)).some((t) => t.toStatus === 'confirmed')).toBe(false)

    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'refunded', capturedAmount: total, refundedAmount: total })
    const rows = await db().select().from(refunds).where(eq(refunds.paymentId, p.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ seq: 1, source: 'late_payment', amount: total, creditAmount: 0, currency: 'USD', status: 'succeeded' })
    expect(rows[0]!.gatewayRefundId).toMatch(/^re_/)
    expect(fakeOf(ctx).calls).toContainEqual({ method: 'refund', idempotencyKey: `${id}-refund-1` })
    expect(fakeOf(ctx).calls.filter((c) => c.idempotencyKey === `${id}-refund-1`)).toHaveLength(1)

    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.aggregateId, id))
    expect(events.filter((e) => e.type === 'payment.succeeded')).toHaveLength(1)
    expect(events.filter((e) => e.type === 'payment.refunded')).toHaveLength(1)
    expect(events.filter((e) => e.type === 'reservation.refunded')).toHaveLength(1)

    const claims = await activeClaimsOn(room.id)
    expect(claims).toHaveLength(1)
    expect(claims[0]!.reservationId).toBe(taken.body.id)
    expect((await reservationOf(taken.body.id)).status).toBe('pending')
  })

  it('inventory still free → confirmed (expired → confirmed), its claims active again', async () => {
    const { id, intentId, total, room } = await lateScenario()
    ctx.clock.advance((TTL_MINUTES + 1) * 60_000)
    expect(await ctx.services.reservations.expireLapsedHolds()).toBeGreaterThanOrEqual(1)
    expect((await reservationOf(id)).status).toBe('expired')
    expect(await activeClaimsOn(room.id)).toEqual([])

    await fakeOf(ctx).pay(intentId)

    expect(await outcomeFor(intentId)).toEqual(['confirmed_late'])
    const r = await reservationOf(id)
    expect(r).toMatchObject({ status: 'confirmed', holdExpiresAt: null })
    expect((await transitionsOf(id)).map((t) => [t.fromStatus, t.toStatus])).toEqual([
      [null, 'pending'],
      ['pending', 'awaiting_payment'],
      ['awaiting_payment', 'expired'],
      ['expired', 'confirmed'],
    ])
    const claims = await activeClaimsOn(room.id)
    expect(claims).toHaveLength(1)
    expect(claims[0]!.reservationId).toBe(id)
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', capturedAmount: total, refundedAmount: 0 })
    expect(await db().select().from(refunds).where(eq(refunds.reservationId, id))).toEqual([])
  })

  it('hold lapsed but not yet swept → confirmed: nobody took the inventory', async () => {
    const { id, intentId, total, room } = await lateScenario()
    ctx.clock.advance((TTL_MINUTES + 1) * 60_000)
    expect((await reservationOf(id)).status).toBe('awaiting_payment')

    await fakeOf(ctx).pay(intentId)

    expect(await outcomeFor(intentId)).toEqual(['confirmed'])
    expect(await reservationOf(id)).toMatchObject({ status: 'confirmed', holdExpiresAt: null })
    expect((await transitionsOf(id)).map((t) => t.toStatus)).toEqual(['pending', 'awaiting_payment', 'confirmed'])
    expect(await paymentOf(id)).toMatchObject({ status: 'succeeded', capturedAmount: total })
    expect((await activeClaimsOn(room.id)).map((c) => c.reservationId)).toEqual([id])

    // The sweeper, running afterwards, leaves a confirmed reservation alone.
    await ctx.services.reservations.expireLapsedHolds()
    expect((await reservationOf(id)).status).toBe('confirmed')
  })

  it('the customer cancelled while the payment was in flight → refunded in full, reservation refunded', async () => {
    const { id, intentId, total, alice } = await lateScenario()
    const cancelled = await client(ctx, await tokenAt(ctx, alice)).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    await fakeOf(ctx).drain()
    expect(await paymentOf(id)).toMatchObject({ status: 'canceled' })

    // The bank had already taken the money when the cancellation reached Stripe.
    await fakeOf(ctx).pay(intentId)
    await fakeOf(ctx).drain()

    expect(await outcomeFor(intentId)).toEqual(['refunded_late'])
    expect((await reservationOf(id)).status).toBe('refunded')
    expect((await transitionsOf(id)).at(-1)).toMatchObject({ fromStatus: 'cancelled', toStatus: 'refunded' })
    const p = await paymentOf(id)
    expect(p).toMatchObject({ status: 'refunded', capturedAmount: total, refundedAmount: total })
    const [refund] = await db().select().from(refunds).where(eq(refunds.paymentId, p.id))
    expect(refund).toMatchObject({ source: 'late_payment', amount: total, status: 'succeeded' })
  })
})
