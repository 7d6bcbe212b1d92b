import { describe, expect, it } from 'vitest'
import { FakeGateway } from '../../src/modules/payments/fake-gateway.js'

const fake = () => new FakeGateway('whsec_test', () => new Date('2027-01-04T12:00:00Z'))
const intentInput = (key: string) => ({
  metadata: { reservation_id: 'r1' },
  amount: 4500,
  currency: 'EUR',
  description: 'Reservation r1',
  receiptEmail: null,
  customerId: null,
  idempotencyKey: key,
})

// Stripe answers a retried key with its first answer, whatever happened to the object since.
describe('the fake gateway keeps each key to its first answer', () => {
  it('a created intent, after it was paid and after the caller changed its copy', async () => {
    const gateway = fake()
    const first = await gateway.createIntent(intentInput('r1-checkout'))
    first.metadata.reservation_id = 'changed by the caller'
    ;(first.raw as { status: string }).status = 'canceled'
    await gateway.pay(first.id)

    const again = await gateway.createIntent(intentInput('r1-checkout'))
    expect(again).toMatchObject({
      id: first.id,
      status: 'requires_payment_method',
      amountReceived: 0,
      latestChargeId: null,
      metadata: { reservation_id: 'r1' },
    })
    expect(again.raw).toMatchObject({ status: 'requires_payment_method', latest_charge: null })
    expect(await gateway.retrieveIntent(first.id)).toMatchObject({ status: 'succeeded', amountReceived: 4500, latestChargeId: expect.stringMatching(/^ch_/) })
  })

  it('a cancelled intent: the retry answers the cancellation, the intent stays cancelled and unpayable twice', async () => {
    const gateway = fake()
    const { id } = await gateway.createIntent(intentInput('r2-checkout'))
    const cancelled = await gateway.cancelIntent(id, 'r2-cancel')
    expect(cancelled.status).toBe('canceled')
    await gateway.drain()
    expect(await gateway.cancelIntent(id, 'r2-cancel')).toEqual(cancelled)
    await expect(gateway.cancelIntent(id, 'r2-cancel-again')).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' })
    expect((await gateway.createIntent(intentInput('r2-checkout'))).status).toBe('requires_payment_method')
  })

  it('a declined intent keeps its creation answer and shows the decline when retrieved', async () => {
    const gateway = fake()
    const { id } = await gateway.createIntent(intentInput('r3-checkout'))
    await gateway.decline(id)
    expect((await gateway.retrieveIntent(id)).raw).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } })
    expect((await gateway.createIntent(intentInput('r3-checkout'))).raw).toMatchObject({ last_payment_error: null })
  })

  it('a customer, after the caller changed its copy', async () => {
    const gateway = fake()
    const input = { userId: 'u1', email: 'u1@example.com', name: 'Ada', idempotencyKey: 'u1-customer' }
    const first = await gateway.createCustomer(input)
    ;(first.raw as { email: string }).email = 'changed@example.com'
    const again = await gateway.createCustomer(input)
    expect(again.id).toBe(first.id)
    expect(again.raw).toMatchObject({ email: 'u1@example.com', name: 'Ada', metadata: { user_id: 'u1' } })
    expect(gateway.customers.get(first.id)).toMatchObject({ email: 'u1@example.com' })
  })

  it('a transfer, after it was reversed', async () => {
    const gateway = fake()
    const input = { amount: 3000, currency: 'EUR', destination: 'acct_x', idempotencyKey: 'payout-1', metadata: {} }
    const first = await gateway.transfer(input)
    await gateway.reverseTransfer(first.id)
    const again = await gateway.transfer(input)
    expect(again).toEqual(first)
    expect(again.raw).toMatchObject({ amount_reversed: 0, reversed: false })
  })
})

describe('what the fake keeps in a long-running server', () => {
  it('its call log keeps the latest calls, not every call since the start', async () => {
    const gateway = fake()
    for (let i = 0; i < 2_500; i++) await gateway.createPrice({ idempotencyKey: `price-${i}`, name: 'p', amount: 100, currency: 'eur', interval: 'month' })
    expect(gateway.calls.length).toBeGreaterThanOrEqual(1_000)
    expect(gateway.calls.length).toBeLessThanOrEqual(2_000)
    expect(gateway.calls.at(-1)).toEqual({ method: 'createPrice', idempotencyKey: 'price-2499' })
    expect(gateway.calls.at(-1_000)).toEqual({ method: 'createPrice', idempotencyKey: 'price-1500' })
  })

  it('intents of one customer answer with that customer, currency and receipt email', async () => {
    const gateway = fake()
    const mine = { ...intentInput('a'), customerId: 'cus_1', receiptEmail: 'a@example.com' }
    const [a, b] = [await gateway.createIntent(mine), await gateway.createIntent({ ...mine, idempotencyKey: 'b', currency: 'USD' })]
    expect([a.raw.customer, a.raw.currency, a.raw.receipt_email]).toEqual(['cus_1', 'eur', 'a@example.com'])
    expect([b.raw.customer, b.raw.currency, b.raw.receipt_email]).toEqual(['cus_1', 'usd', 'a@example.com'])
  })
})
