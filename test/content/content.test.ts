import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestContext } from '../helpers/context.js'
import { client } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene()))
afterAll(() => ctx.close())

describe('business info', () => {
  it('is empty until written, replaced as a whole by staff, and public to read', async () => {
    const venue = await f.newVenue()
    const staff = await f.newStaff(venue, 'staff')
    const empty = await client(ctx).get(`/venues/${venue.id}/info`)
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual({ venue_id: venue.id, hours_text: null, phone: null, address: null, socials: {}, policies: null, updated_at: null })

    const written = await client(ctx, staff.access).put(`/venues/${venue.id}/info`, {
      hours_text: 'Every day 4 pm – 2 am',
      phone: '+1 303 555 0100',
      socials: { instagram: 'https://instagram.com/neon' },
      policies: 'No outside drinks.',
    })
    expect(written.status, JSON.stringify(written.body)).toBe(200)
    expect(written.body).toMatchObject({ hours_text: 'Every day 4 pm – 2 am', socials: { instagram: 'https://instagram.com/neon' }, address: null })
    // A PUT replaces: what it leaves out is cleared.
    const replaced = await client(ctx, staff.access).put(`/venues/${venue.id}/info`, { address: '1600 Blake St' })
    expect(replaced.body).toMatchObject({ address: '1600 Blake St', hours_text: null, phone: null, socials: {}, policies: null })
    expect((await client(ctx).get(`/venues/${venue.id}/info`)).body).toEqual(replaced.body)

    const customer = await f.newCustomer()
    expect((await client(ctx, customer.access).put(`/venues/${venue.id}/info`, { address: 'x' })).status).toBe(403)
    expect((await client(ctx).put(`/venues/${venue.id}/info`, { address: 'x' })).status).toBe(401)
  })
})

describe('menu', () => {
  it('orders items by category then position, appends without a position, filters, edits and deletes', async () => {
    const venue = await f.newVenue()
    const staff = await f.newStaff(venue, 'staff')
    const api = client(ctx, staff.access)
    const add = async (name: string, category: string, extra: object = {}) => {
      const res = await api.post(`/venues/${venue.id}/menu`, { name, category, price: { amount: 900, currency: 'USD' }, ...extra })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body
    }
    const fries = await add('Fries', 'Snacks')
    const nachos = await add('Nachos', 'Snacks')
    const cola = await add('Cola', 'Drinks', { available: false })
    const wings = await add('Wings', 'Snacks', { position: 0 })
    expect([fries.position, nachos.position, cola.position, wings.position]).toEqual([0, 1, 0, 0])

    const all = await client(ctx).get(`/venues/${venue.id}/menu`)
    expect(all.body.count).toBe(4)
    // Drinks before Snacks; within Snacks position 0 (Fries, Wings by name), then Nachos.
    expect(all.body.results.map((i: { name: string }) => i.name)).toEqual(['Cola', 'Fries', 'Wings', 'Nachos'])
    const available = await client(ctx).get(`/venues/${venue.id}/menu?available=true&category=Snacks`)
    expect(available.body.results.map((i: { name: string }) => i.name)).toEqual(['Fries', 'Wings', 'Nachos'])

    const moved = await api.patch(`/menu-items/${nachos.id}`, { position: 0, price: { amount: 1100, currency: 'USD' }, description: 'With jalapeños' })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ position: 0, price: { amount: 1100, currency: 'USD' }, description: 'With jalapeños' })
    expect((await api.patch(`/menu-items/${nachos.id}`, { price: { amount: 1100, currency: 'EUR' } })).status).toBe(400)

    expect((await api.delete(`/menu-items/${cola.id}`)).status).toBe(204)
    expect((await api.patch(`/menu-items/${cola.id}`, { name: 'x' })).status).toBe(404)
    const other = await f.newStaff(await f.newVenue(), 'owner')
    expect((await client(ctx, other.access).delete(`/menu-items/${fries.id}`)).status).toBe(403)
    expect((await client(ctx).get(`/venues/${venue.id}/menu`)).body.count).toBe(3)
  })
})
