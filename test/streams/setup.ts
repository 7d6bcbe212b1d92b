import { expect } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { fakeOf } from '../helpers/payments.js'
import type { Factories } from '../helpers/scene.js'

export interface Practitioner {
  id: string
  venue_id: string
}

/** A verified practitioner (Europe/Lisbon, EUR) whose owner is `owner`, with one workshop occurrence. */
export async function verifiedPractitioner(ctx: TestContext, owner: Actor, admin: Actor, name = 'Ana Yoga') {
  const as = (a: Actor) => client(ctx, a.access)
  const applied = await as(owner).post('/practitioners/apply', {
    display_name: name,
    locations: [{ city: 'Lisbon', is_virtual: false }],
    timezone: 'Europe/Lisbon',
    currency: 'EUR',
  })
  expect(applied.status, JSON.stringify(applied.body)).toBe(201)
  const practitioner = applied.body as Practitioner
  expect((await as(admin).post(`/practitioners/${practitioner.id}/verify`)).status).toBe(200)
  const service = await as(owner).post('/services', {
    practitioner_id: practitioner.id,
    type: 'workshop',
    title: 'Flow',
    category: 'Yoga',
    price: { amount: 2000, currency: 'EUR' },
    duration_minutes: 60,
    max_participants: 20,
  })
  expect(service.status, JSON.stringify(service.body)).toBe(201)
  const scheduled = await as(owner).post(`/services/${service.body.id}/schedule`, {
    occurrences: [{ start: '2027-03-20T10:00:00Z', end: '2027-03-20T11:00:00Z' }],
  })
  expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201)
  return { practitioner, occurrenceId: scheduled.body.occurrences[0].id as string }
}

/** `customer` books a seat and pays by card: a confirmed booking with the practitioner. */
export async function bookAndPay(ctx: TestContext, customer: Actor, practitioner: Practitioner, occurrenceId: string): Promise<string> {
  const c = client(ctx, customer.access)
  const held = await c.post('/reservations', { venue_id: practitioner.venue_id, items: [{ kind: 'seat', occurrence_id: occurrenceId, quantity: 1 }] })
  expect(held.status, JSON.stringify(held.body)).toBe(201)
  const checkout = await c.post(`/reservations/${held.body.id}/checkout`, {})
  expect(checkout.status, JSON.stringify(checkout.body)).toBe(200)
  await fakeOf(ctx).pay(checkout.body.payment_intent_id)
  await fakeOf(ctx).drain()
  expect((await c.get(`/reservations/${held.body.id}`)).body.status).toBe('confirmed')
  return held.body.id as string
}

export type { Factories }
