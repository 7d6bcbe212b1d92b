import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { media } from '../../src/modules/media/schema.js'
import { messageMediaReadable } from '../../src/modules/messaging/access.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, slot, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const ZONE = 'America/Denver'
let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, alice: Actor, bob: Actor, admin: Actor
let colleague: Actor, otherVenue: Venue, foreignStaff: Actor

beforeAll(async () => {
  ;({ ctx, f, venue, staff, alice, bob, admin } = await scene({
    at: '2027-01-04T12:00:00Z',
    venue: { timezone: ZONE, hours: everyDay('00:00', '23:59') },
    room: {},
    staff: 'staff',
    customers: { alice: 'Alice Smith', bob: 'Bob Jones' },
    admin: true,
  }))
  colleague = await f.newStaff(venue, 'manager')
  otherVenue = await f.newVenue()
  foreignStaff = await f.newStaff(otherVenue, 'owner')
})
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)

async function upload(owner: Actor, purpose: 'message' | 'avatar' = 'message') {
  const [row] = await ctx.deps.db
    .insert(media)
    .values({ ownerId: owner.id, purpose, contentType: 'image/png', byteSize: 100, storageKey: `test/${owner.id}/${Math.random()}`, createdAt: ctx.clock() })
    .returning()
  return row!.id
}

async function practitioner(verified: boolean) {
  const owner = await f.newCustomer('Ana Teacher')
  const applied = await as(owner).post('/practitioners/apply', {
    display_name: 'Ana Yoga',
    locations: [{ city: 'Lisbon', is_virtual: false }],
    timezone: 'Europe/Lisbon',
    currency: 'EUR',
  })
  expect(applied.status, JSON.stringify(applied.body)).toBe(201)
  if (verified) expect((await as(admin).post(`/practitioners/${applied.body.id}/verify`)).status).toBe(200)
  return { owner, id: applied.body.id as string, venueId: applied.body.venue_id as string }
}

describe('opening a conversation', () => {
  it('is one per customer and venue: the second open answers the first (200)', async () => {
    const first = await as(alice).post('/conversations', { venue_id: venue.id })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({
      customer: { id: alice.id, name: 'Alice Smith' },
      venue: { id: venue.id, name: venue.name, kind: 'venue' },
      my_side: 'customer',
      last_message: null,
      unread_count: 0,
    })
    const again = await as(alice).post('/conversations', { venue_id: venue.id, text: 'Hello again' })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.last_message).toMatchObject({ text: 'Hello again', sender_id: alice.id, sender_side: 'customer' })
  })

  it('reaches a verified practitioner through their venue; an unverified one is not found', async () => {
    const ana = await practitioner(true)
    const opened = await as(alice).post('/conversations', { practitioner_id: ana.id, text: 'Do you teach beginners?' })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    expect(opened.body.venue).toMatchObject({ id: ana.venueId, kind: 'practitioner' })
    // The practitioner is the owner of that venue: they see it on the venue's side, unread.
    const theirs = await as(ana.owner).get('/conversations')
    expect(theirs.body.results).toEqual([expect.objectContaining({ id: opened.body.id, my_side: 'venue', unread_count: 1 })])
    expect((await as(alice).post('/conversations', { venue_id: ana.venueId })).body.id).toBe(opened.body.id)

    const pending = await practitioner(false)
    expect((await as(alice).post('/conversations', { practitioner_id: pending.id })).status).toBe(404)
    expect((await as(alice).post('/conversations', { venue_id: pending.venueId })).status).toBe(404)
  })

  it('refuses naming both or neither, an unknown venue, and staff writing to their own venue as a customer', async () => {
    expect((await as(alice).post('/conversations', {})).body).toMatchObject({ code: 'validation_failed' })
    const both = await as(alice).post('/conversations', { venue_id: venue.id, practitioner_id: venue.id })
    expect(both.status).toBe(400)
    expect((await as(alice).post('/conversations', { venue_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    const own = await as(staff).post('/conversations', { venue_id: venue.id })
    expect(own.status).toBe(400)
    expect(own.body.detail).toMatchObject({ field: 'customer_id' })
  })

  it('lets staff open one only with a customer who has booked at their venue', async () => {
    const carol = await f.newCustomer('Carol')
    expect((await as(staff).post('/conversations', { venue_id: venue.id, customer_id: carol.id })).status).toBe(404)
    // Staff of another venue may not write on this venue's behalf at all.
    expect((await as(foreignStaff).post('/conversations', { venue_id: venue.id, customer_id: carol.id })).status).toBe(403)
    const room = await f.newRoom(venue)
    const booked = await as(carol).post('/reservations', {
      venue_id: venue.id,
      items: [slot(room, local(ZONE, '2027-01-08T19:00'), local(ZONE, '2027-01-08T21:00'))],
    })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect((await as(staff).post('/conversations', { venue_id: venue.id, customer_id: staff.id })).status).toBe(400)
    const opened = await as(staff).post('/conversations', { venue_id: venue.id, customer_id: carol.id, text: 'Your table is by the window' })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    expect(opened.body).toMatchObject({ my_side: 'venue', customer: { id: carol.id }, last_message: { sender_side: 'venue' } })
    const hers = await as(carol).get(`/conversations/${opened.body.id}`)
    expect(hers.body).toMatchObject({ my_side: 'customer', unread_count: 1 })
    // The customer opening it later finds the same conversation.
    expect((await as(carol).post('/conversations', { venue_id: venue.id })).status).toBe(200)
  })
})

describe('who sees a conversation', () => {
  it('only its participants: another customer, staff of another venue and an admin get 404 everywhere', async () => {
    const { body: c } = await as(alice).post('/conversations', { venue_id: venue.id, text: 'Private' })
    for (const outsider of [bob, foreignStaff, admin]) {
      const them = as(outsider)
      expect((await them.get(`/conversations/${c.id}`)).status).toBe(404)
      expect((await them.get(`/conversations/${c.id}/messages`)).status).toBe(404)
      expect((await them.post(`/conversations/${c.id}/messages`, { text: 'Let me in' })).status).toBe(404)
      expect((await them.post(`/conversations/${c.id}/read`)).status).toBe(404)
      expect((await them.get('/conversations')).body.results.map((r: { id: string }) => r.id)).not.toContain(c.id)
    }
    expect((await as(bob).get(`/conversations/${c.id}/messages`)).body).toMatchObject({ code: 'not_found' })
    expect((await client(ctx).get('/conversations')).status).toBe(401)
  })

  it('staff of the venue share its side: every member reads and answers as the venue', async () => {
    const { body: c } = await as(alice).post('/conversations', { venue_id: venue.id })
    const list = await as(colleague).get('/conversations')
    expect(list.body.results).toEqual(expect.arrayContaining([expect.objectContaining({ id: c.id, my_side: 'venue' })]))
    const answer = await as(colleague).post(`/conversations/${c.id}/messages`, { text: 'Happy to help' })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ sender_id: colleague.id, sender_side: 'venue' })
    const seen = await as(staff).get(`/conversations/${c.id}/messages`)
    expect(seen.body.results[0]).toMatchObject({ id: answer.body.id, text: 'Happy to help' })
  })
})

describe('messages', () => {
  it('pages history newest first with a cursor', async () => {
    const dave = await f.newCustomer('Dave')
    const { body: c } = await as(dave).post('/conversations', { venue_id: venue.id })
    const sent: string[] = []
    for (let i = 1; i <= 5; i++) sent.push((await as(dave).post(`/conversations/${c.id}/messages`, { text: `m${i}` })).body.id)
    const first = await as(dave).get(`/conversations/${c.id}/messages?page_size=2`)
    expect(first.body).toMatchObject({ count: 5, previous: null })
    expect(first.body.results.map((m: { text: string }) => m.text)).toEqual(['m5', 'm4'])
    expect(first.body.next).toBe(`/api/v1/conversations/${c.id}/messages?page_size=2&before=${sent[3]}`)
    const second = await as(dave).get(first.body.next)
    expect(second.body.results.map((m: { text: string }) => m.text)).toEqual(['m3', 'm2'])
    const last = await as(dave).get(second.body.next)
    expect(last.body.results.map((m: { text: string }) => m.text)).toEqual(['m1'])
    expect(last.body.next).toBeNull()
    const foreign = await as(dave).get(`/conversations/${c.id}/messages?before=00000000-0000-4000-8000-000000000000`)
    expect(foreign.status).toBe(400)
  })

  it('refuses empty messages and text over 4,000 characters', async () => {
    const { body: c } = await as(bob).post('/conversations', { venue_id: venue.id })
    expect((await as(bob).post(`/conversations/${c.id}/messages`, {})).status).toBe(400)
    expect((await as(bob).post(`/conversations/${c.id}/messages`, { text: '   ' })).status).toBe(400)
    const long = await as(bob).post(`/conversations/${c.id}/messages`, { text: 'x'.repeat(4001) })
    expect(long.status).toBe(400)
    expect((await as(bob).post(`/conversations/${c.id}/messages`, { text: 'x'.repeat(4000) })).status).toBe(201)
  })

  it("attaches the sender's own message uploads, and refuses anyone else's or another purpose's", async () => {
    const erin = await f.newCustomer('Erin')
    const { body: c } = await as(erin).post('/conversations', { venue_id: venue.id })
    const mine = await upload(erin)
    const sent = await as(erin).post(`/conversations/${c.id}/messages`, { text: 'Photo', media_ids: [mine] })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body.media_ids).toEqual([mine])
    const theirs = await upload(bob)
    const refused = await as(erin).post(`/conversations/${c.id}/messages`, { media_ids: [theirs] })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatchObject({ field: 'media_ids', refused: [theirs] })
    const avatar = await upload(erin, 'avatar')
    expect((await as(erin).post(`/conversations/${c.id}/messages`, { media_ids: [avatar] })).status).toBe(400)
    expect((await as(erin).get(`/conversations/${c.id}/messages`)).body.count).toBe(1)

    // The attachment is readable by the conversation's participants only.
    const readable = (who: Actor | undefined) => messageMediaReadable(ctx.deps.db, mine, who?.id)
    expect(await readable(erin)).toBe(true)
    expect(await readable(staff)).toBe(true)
    expect(await readable(bob)).toBe(false)
    expect(await readable(foreignStaff)).toBe(false)
    expect(await readable(undefined)).toBe(false)
  })
})

describe('read markers and unread counts', () => {
  it('counts messages of the other side after my marker, per user; markers only move forward', async () => {
    const fay = await f.newCustomer('Fay')
    const { body: c } = await as(fay).post('/conversations', { venue_id: venue.id })
    const ids: string[] = []
    for (const text of ['one', 'two', 'three']) ids.push((await as(fay).post(`/conversations/${c.id}/messages`, { text })).body.id)
    const unread = async (who: Actor) => (await as(who).get(`/conversations/${c.id}`)).body.unread_count
    expect(await unread(fay)).toBe(0)
    expect(await unread(staff)).toBe(3)
    expect(await unread(colleague)).toBe(3)

    const read = await as(staff).post(`/conversations/${c.id}/read`, { message_id: ids[1] })
    expect(read.body).toEqual({ conversation_id: c.id, read_through: ids[1], unread_count: 1 })
    expect(await unread(colleague)).toBe(3)
    // An older message does not move the marker back.
    expect((await as(staff).post(`/conversations/${c.id}/read`, { message_id: ids[0] })).body).toMatchObject({ read_through: ids[1], unread_count: 1 })

    // Answering reads everything before the answer; the customer now has one unread.
    await as(colleague).post(`/conversations/${c.id}/messages`, { text: 'Got it' })
    expect(await unread(colleague)).toBe(0)
    expect(await unread(staff)).toBe(1)
    expect(await unread(fay)).toBe(1)
    const all = await as(fay).post(`/conversations/${c.id}/read`)
    expect(all.body.unread_count).toBe(0)
    expect(await unread(fay)).toBe(0)
    const list = await as(fay).get('/conversations')
    expect(list.body.results[0]).toMatchObject({ id: c.id, unread_count: 0, last_message: { text: 'Got it', sender_side: 'venue' } })
  })

  it('refuses a marker on a message of another conversation', async () => {
    const { body: mine } = await as(alice).post('/conversations', { venue_id: venue.id })
    const { body: other } = await as(bob).post('/conversations', { venue_id: venue.id, text: 'Hi' })
    const res = await as(alice).post(`/conversations/${mine.id}/read`, { message_id: other.last_message.id })
    expect(res.status).toBe(400)
    expect(res.body.detail).toMatchObject({ field: 'message_id' })
  })
})
