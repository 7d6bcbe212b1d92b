import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories, venue: Venue, owner: Actor, manager: Actor, staff: Actor, foreignOwner: Actor, customer: Actor, admin: Actor

// No event is ever relayed in this file, so nothing is sent to these (public, unreachable) URLs.
const URL_A = 'https://93.184.215.14/hooks/a'
const URL_B = 'https://93.184.215.14/hooks/b'
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000'

beforeAll(async () => {
  ;({ ctx, f, venue, staff: owner, admin, customer } = await scene({ venue: {}, staff: 'owner', customers: { customer: 'Test User' }, admin: true }))
  manager = await f.newStaff(venue, 'manager')
  staff = await f.newStaff(venue, 'staff')
  foreignOwner = await f.newStaff(await f.newVenue(), 'owner')
})
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)

describe('subscriptions', () => {
  it('are created with a Standard Webhooks secret shown once, and read without it', async () => {
    const made = await as(owner).post(`/venues/${venue.id}/webhooks`, {
      url: URL_A,
      event_types: ['reservation.confirmed', 'payment.succeeded'],
      description: 'CRM sync',
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({
      venue_id: venue.id,
      url: URL_A,
      description: 'CRM sync',
      event_types: ['reservation.confirmed', 'payment.succeeded'],
      enabled: true,
      disabled_at: null,
      disabled_reason: null,
      consecutive_failures: 0,
    })
    const secret: string = made.body.secret
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
    expect(key.length).toBeGreaterThanOrEqual(24)
    expect(key.length).toBeLessThanOrEqual(32)

    const one = await as(manager).get(`/webhooks/${made.body.id}`)
    expect(one.status).toBe(200)
    expect(one.body).not.toHaveProperty('secret')
    const list = await as(manager).get(`/venues/${venue.id}/webhooks`)
    expect(list.status).toBe(200)
    expect(list.body.results.map((w: { id: string }) => w.id)).toContain(made.body.id)
    const patched = await as(owner).patch(`/webhooks/${made.body.id}`, { description: 'CRM' })
    const deliveries = await as(owner).get(`/webhooks/${made.body.id}/deliveries`)
    expect(deliveries.body).toEqual({ count: 0, next: null, previous: null, results: [] })
    for (const res of [one, list, patched, deliveries]) expect(JSON.stringify(res.body)).not.toContain(secret.slice(6))
  })

  it('takes an absent or empty event_types as every event, and refuses unknown types', async () => {
    const all = await as(owner).post(`/venues/${venue.id}/webhooks`, { url: URL_A })
    expect(all.status).toBe(201)
    expect(all.body).toMatchObject({ event_types: [], description: null })
    const empty = await as(owner).post(`/venues/${venue.id}/webhooks`, { url: URL_A, event_types: [] })
    expect(empty.body.event_types).toEqual([])
    for (const event_types of [['reservation.teleported'], ['reservation.created', 'reservation.created'], 'reservation.created']) {
      const res = await as(owner).post(`/venues/${venue.id}/webhooks`, { url: URL_A, event_types })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('validation_failed')
    }
    const extra = await as(owner).post(`/venues/${venue.id}/webhooks`, { url: URL_A, secret: 'whsec_mine' })
    expect(extra.status).toBe(400)
    expect(extra.body.code).toBe('validation_failed')
  })

  it('are edited, disabled and re-enabled by PATCH, and deleted', async () => {
    const made = await as(manager).post(`/venues/${venue.id}/webhooks`, { url: URL_A })
    const id = made.body.id
    const edited = await as(manager).patch(`/webhooks/${id}`, { url: URL_B, event_types: ['reservation.created'], description: 'ops' })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body).toMatchObject({ url: URL_B, event_types: ['reservation.created'], description: 'ops', enabled: true })
    expect((await as(manager).patch(`/webhooks/${id}`, { description: null })).body.description).toBeNull()
    expect((await as(manager).patch(`/webhooks/${id}`, {})).status).toBe(400)
    expect((await as(manager).patch(`/webhooks/${id}`, { enabled: 'yes' })).status).toBe(400)

    const off = await as(manager).patch(`/webhooks/${id}`, { enabled: false })
    expect(off.body).toMatchObject({ enabled: false, disabled_reason: 'disabled by a manager', disabled_at: expect.any(String) })
    const disabledList = await as(manager).get(`/venues/${venue.id}/webhooks?enabled=false`)
    expect(disabledList.body.results.map((w: { id: string }) => w.id)).toEqual([id])
    const on = await as(manager).patch(`/webhooks/${id}`, { enabled: true })
    expect(on.body).toMatchObject({ enabled: true, disabled_at: null, disabled_reason: null, consecutive_failures: 0 })

    expect((await as(manager).delete(`/webhooks/${id}`)).status).toBe(204)
    expect((await as(manager).get(`/webhooks/${id}`)).status).toBe(404)
    expect((await as(manager).delete(`/webhooks/${id}`)).status).toBe(404)
  })

  it('rotate to a new secret, shown once', async () => {
    const made = await as(owner).post(`/venues/${venue.id}/webhooks`, { url: URL_A })
    const rotated = await as(owner).post(`/webhooks/${made.body.id}/rotate-secret`)
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(made.body.secret)
    expect((await as(owner).post(`/webhooks/${made.body.id}/rotate-secret`, { secret: 'whsec_mine' })).status).toBe(400)
    expect(JSON.stringify((await as(owner).get(`/webhooks/${made.body.id}`)).body)).not.toContain(rotated.body.secret.slice(6))
  })

  it('are listed in pages, searchable by URL or description', async () => {
    const other = await f.newVenue()
    const boss = await f.newStaff(other, 'owner')
    for (let i = 0; i < 3; i++) await as(boss).post(`/venues/${other.id}/webhooks`, { url: `${URL_A}/${i}`, description: i === 2 ? 'Billing' : null })
    const first = await as(boss).get(`/venues/${other.id}/webhooks?page_size=2`)
    expect(first.body).toMatchObject({ count: 3, previous: null })
    expect(first.body.results).toHaveLength(2)
    expect(first.body.next).toContain('page=2')
    const second = await as(boss).get(first.body.next)
    expect(second.body.results).toHaveLength(1)
    expect((await as(boss).get(`/venues/${other.id}/webhooks?search=billing`)).body.results.map((w: { description: string }) => w.description)).toEqual([
      'Billing',
    ])
    expect((await as(boss).get(`/venues/${other.id}/webhooks?search=${encodeURIComponent('/a/1')}`)).body.count).toBe(1)
  })
})

describe('access', () => {
  it('owners, managers and admins manage; plain staff, foreign staff and customers are refused on the venue routes', async () => {
    for (const actor of [owner, manager, admin]) {
      expect((await as(actor).post(`/venues/${venue.id}/webhooks`, { url: URL_A })).status).toBe(201)
      expect((await as(actor).get(`/venues/${venue.id}/webhooks`)).status).toBe(200)
    }
    const before = (await as(owner).get(`/venues/${venue.id}/webhooks`)).body.count
    for (const actor of [staff, foreignOwner, customer]) {
      const made = await as(actor).post(`/venues/${venue.id}/webhooks`, { url: URL_A })
      expect(made.status).toBe(403)
      expect(made.body.code).toBe('forbidden')
      const list = await as(actor).get(`/venues/${venue.id}/webhooks`)
      expect(list.status).toBe(403)
      expect(list.body).not.toHaveProperty('results')
    }
    expect((await as(owner).get(`/venues/${venue.id}/webhooks`)).body.count).toBe(before)
    expect((await client(ctx).post(`/venues/${venue.id}/webhooks`, { url: URL_A })).status).toBe(401)
    expect((await client(ctx).get(`/venues/${venue.id}/webhooks`)).status).toBe(401)
    expect((await as(owner).get(`/venues/${NO_SUCH_ID}/webhooks`)).status).toBe(404)
  })

  it('a subscription is 404 to anyone outside its venue and 403 to its plain staff, and stays as it was', async () => {
    const made = await as(owner).post(`/venues/${venue.id}/webhooks`, { url: URL_A })
    const id = made.body.id
    const missing = await as(foreignOwner).get(`/webhooks/${NO_SUCH_ID}`)
    for (const actor of [foreignOwner, customer]) {
      const read = await as(actor).get(`/webhooks/${id}`)
      expect(read.status).toBe(404)
      expect(read.body).toEqual({ ...missing.body, request_id: read.body.request_id })
      expect((await as(actor).patch(`/webhooks/${id}`, { url: URL_B })).status).toBe(404)
      expect((await as(actor).post(`/webhooks/${id}/rotate-secret`)).status).toBe(404)
      expect((await as(actor).get(`/webhooks/${id}/deliveries`)).status).toBe(404)
      expect((await as(actor).delete(`/webhooks/${id}`)).status).toBe(404)
    }
    for (const res of [
      await as(staff).get(`/webhooks/${id}`),
      await as(staff).patch(`/webhooks/${id}`, { enabled: false }),
      await as(staff).post(`/webhooks/${id}/rotate-secret`),
      await as(staff).get(`/webhooks/${id}/deliveries`),
      await as(staff).delete(`/webhooks/${id}`),
    ]) {
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('forbidden')
    }
    expect((await as(owner).get(`/webhooks/${id}`)).body).toMatchObject({ url: URL_A, enabled: true })
    expect((await as(customer).post(`/webhook-deliveries/${NO_SUCH_ID}/retry`)).status).toBe(404)
  })
})
