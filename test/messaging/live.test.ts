import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import { chatPresence } from '../../src/modules/messaging/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'
import { listening, openSocket, refusal, type TestSocket } from '../helpers/sockets.js'

let ctx: TestContext, f: Factories, venue: Venue, staff: Actor, alice: Actor, bob: Actor, base: string
let colleague: Actor, foreignStaff: Actor

beforeAll(async () => {
  ;({ ctx, f, venue, staff, alice, bob } = await scene({ venue: {}, staff: 'staff', customers: { alice: 'Alice Smith', bob: 'Bob Jones' } }))
  colleague = await f.newStaff(venue, 'manager')
  foreignStaff = await f.newStaff(await f.newVenue(), 'owner')
  base = await listening(ctx)
})
afterAll(() => ctx.close())

const as = (actor: Actor) => client(ctx, actor.access)
const chat = (id: string, who: Actor | null) => `${base}/ws/chat/${id}${who ? `?token=${who.access}` : ''}`
const open = async (who: Actor, text?: string) =>
  (await as(who).post('/conversations', { venue_id: venue.id, ...(text ? { text } : {}) })).body as { id: string }
const inbox = (userId: string, conversationId: string) =>
  ctx.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.subjectId, conversationId)))

async function withSockets<T>(sockets: TestSocket[], body: () => Promise<T>): Promise<T> {
  try {
    return await body()
  } finally {
    for (const s of sockets) s.close()
  }
}

describe('the chat socket', () => {
  it('refuses anyone but the participants before upgrading (404), and a missing or bad token (401)', async () => {
    const c = await open(alice)
    expect(await refusal(chat(c.id, bob))).toBe(404)
    expect(await refusal(chat(c.id, foreignStaff))).toBe(404)
    expect(await refusal(chat('00000000-0000-4000-8000-000000000000', alice))).toBe(404)
    expect(await refusal(chat(c.id, null))).toBe(401)
    expect(await refusal(`${base}/ws/chat/${c.id}?token=garbage`)).toBe(401)
    expect(await refusal(`${base}/ws/chat/not-a-uuid?token=${alice.access}`)).toBe(400)
    expect(await refusal(chat(c.id, alice))).toBe(101)
    expect(await refusal(chat(c.id, colleague))).toBe(101)
  })

  it("pushes a message sent over HTTP to the other side's sockets, and to no other conversation's", async () => {
    const c = await open(alice)
    const other = await open(bob)
    const theirs = await openSocket(chat(c.id, staff))
    const elsewhere = await openSocket(chat(other.id, staff))
    await withSockets([theirs, elsewhere], async () => {
      const sent = await as(alice).post(`/conversations/${c.id}/messages`, { text: 'Is the terrace open?' })
      expect(sent.status).toBe(201)
      const frame = await theirs.next((fr) => fr.type === 'message', 1_000)
      expect(frame.message).toEqual(sent.body)
      // Bob's next message reaches his conversation's socket; Alice's never did.
      await as(bob).post(`/conversations/${other.id}/messages`, { text: 'Hello' })
      await elsewhere.next((fr) => fr.type === 'message')
      expect(elsewhere.frames.filter((fr) => fr.type === 'message').map((fr) => fr.message.text)).toEqual(['Hello'])
    })
  })
})

describe('a message too big for a notice', () => {
  it('is pushed as its id only, for the client to read over HTTP', async () => {
    const jo = await f.newCustomer('Jo')
    const c = await open(jo)
    const socket = await openSocket(chat(c.id, staff))
    await withSockets([socket], async () => {
      // 4,000 characters of two bytes each: within the text limit, past PostgreSQL's notice limit.
      const sent = await as(jo).post(`/conversations/${c.id}/messages`, { text: 'é'.repeat(4000) })
      expect(sent.status).toBe(201)
      const frame = await socket.next((fr) => fr.type === 'message')
      expect(frame.message).toEqual({ id: sent.body.id, conversation_id: c.id, truncated: true })
    })
  })
})

describe('notifying participants who are not watching', () => {
  it('writes an in-app notice for each member of the other side without a chat socket, and none for one with', async () => {
    const gina = await f.newCustomer('Gina Park')
    const c = await open(gina)
    const watching = await openSocket(chat(c.id, staff))
    await withSockets([watching], async () => {
      const sent = await as(gina).post(`/conversations/${c.id}/messages`, { text: 'Can I bring my dog?' })
      expect(sent.status).toBe(201)
      expect(await inbox(staff.id, c.id)).toEqual([])
      const notices = await inbox(colleague.id, c.id)
      expect(notices.map((n) => [n.template, n.channel, n.subject, n.body])).toEqual([
        ['message_received', 'in_app', 'New message from Gina Park', 'Can I bring my dog?'],
      ])
      expect(notices[0]!.data).toMatchObject({ conversation_id: c.id })
      // The sender hears nothing of their own message.
      expect(await inbox(gina.id, c.id)).toEqual([])
    })
  })

  it('delivers the notice to the recipient’s notifications socket', async () => {
    const c = await open(bob)
    const feed = await openSocket(`${base}/ws/notifications?token=${bob.access}`)
    await withSockets([feed], async () => {
      await as(staff).post(`/conversations/${c.id}/messages`, { text: 'Your order is ready' })
      while ((await ctx.services.notifications.sendDue()) > 0);
      const frame = await feed.next((fr) => fr.type === 'notification')
      expect(frame.notification).toMatchObject({ template: 'message_received', subject: `New message from ${venue.name}`, subject_id: c.id })
    })
  })

  it('forgets a socket once it closes: the next message is a notice again', async () => {
    const hal = await f.newCustomer('Hal')
    const c = await open(hal)
    const socket = await openSocket(chat(c.id, hal))
    socket.close()
    const deadline = Date.now() + 5_000
    while ((await ctx.deps.db.select().from(chatPresence).where(eq(chatPresence.conversationId, c.id))).length > 0) {
      if (Date.now() > deadline) throw new Error('the presence row outlived its socket')
      await new Promise((r) => setTimeout(r, 20))
    }
    await as(staff).post(`/conversations/${c.id}/messages`, { text: 'Still there?' })
    expect((await inbox(hal.id, c.id)).map((n) => n.template)).toEqual(['message_received'])
  })

  it('ignores the presence rows of a process that died (expired), and the hourly job removes them', async () => {
    const ida = await f.newCustomer('Ida')
    const c = await open(ida)
    const now = ctx.clock().getTime()
    await ctx.deps.db.insert(chatPresence).values([
      { conversationId: c.id, userId: staff.id, processId: randomUUID(), expiresAt: new Date(now - 1_000) },
      { conversationId: c.id, userId: colleague.id, processId: randomUUID(), expiresAt: new Date(now + 60_000) },
    ])
    await as(ida).post(`/conversations/${c.id}/messages`, { text: 'Anyone there?' })
    expect((await inbox(staff.id, c.id)).map((n) => n.template)).toEqual(['message_received'])
    // A row still within its time counts, whichever process wrote it.
    expect(await inbox(colleague.id, c.id)).toEqual([])
    expect(await ctx.services.messaging.presence.purgeExpired()).toBeGreaterThanOrEqual(1)
    const left = await ctx.deps.db.select().from(chatPresence).where(eq(chatPresence.conversationId, c.id))
    expect(left.map((r) => r.userId)).toEqual([colleague.id])
  })
})
