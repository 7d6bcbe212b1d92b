import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

const MINUTE = 60_000
let ctx: TestContext, f: Factories, venue: Venue, staff: Actor

beforeAll(async () => {
  ;({ ctx, f, venue, staff } = await scene({ at: '2027-01-04T12:00:00Z', venue: {}, staff: 'owner', config: { chat: { emailDelayMinutes: 15 } } }))
})
afterAll(() => ctx.close())

/** Requests with a token minted at the test clock's time, since the test moves the clock by hours. */
const as = async (actor: Actor) => client(ctx, await tokenAt(ctx, actor))
const emails = (userId: string, conversationId: string) =>
  ctx.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.subjectId, conversationId), eq(notifications.channel, 'email')))
const say = async (who: Actor, conversationId: string, text: string) =>
  expect((await (await as(who)).post(`/conversations/${conversationId}/messages`, { text })).status).toBe(201)
const job = () => ctx.services.messaging.emailUnread()

describe('the unread-messages email', () => {
  it('goes once per conversation after the quiet delay, and again only after the recipient has read', async () => {
    const ivy = await f.newCustomer('Ivy Chen')
    const c = (await (await as(ivy)).post('/conversations', { venue_id: venue.id, text: 'First question' })).body as { id: string }

    ctx.clock.advance(14 * MINUTE)
    expect(await job()).toBe(0)
    ctx.clock.advance(2 * MINUTE)
    expect(await job()).toBe(1)
    expect(await job()).toBe(0)
    const [email] = await emails(staff.id, c.id)
    expect(email).toMatchObject({ template: 'messages_unread', recipient: staff.email, subject: 'Unread messages from Ivy Chen', status: 'pending' })
    // The email says there is something to read; it does not quote the messages.
    expect(email!.body).not.toContain('First question')
    while ((await ctx.services.notifications.sendDue()) > 0);
    expect((await emails(staff.id, c.id))[0]!.status).toBe('sent')

    // More messages while the first email is unanswered: no second email.
    await say(ivy, c.id, 'Second question')
    ctx.clock.advance(20 * MINUTE)
    expect(await job()).toBe(0)

    // Once read, the next unread message may be emailed about again, after its own delay.
    expect((await (await as(staff)).post(`/conversations/${c.id}/read`)).body.unread_count).toBe(0)
    await say(ivy, c.id, 'Third question')
    ctx.clock.advance(10 * MINUTE)
    expect(await job()).toBe(0)
    ctx.clock.advance(6 * MINUTE)
    expect(await job()).toBe(1)
    expect(await emails(staff.id, c.id)).toHaveLength(2)
    expect(await emails(ivy.id, c.id)).toEqual([])
  })

  it('emails the customer about the venue’s answer, and nobody who read in time', async () => {
    const jon = await f.newCustomer('Jon Diaz')
    const c = (await (await as(jon)).post('/conversations', { venue_id: venue.id, text: 'Hello' })).body as { id: string }
    await (await as(staff)).post(`/conversations/${c.id}/read`)
    await say(staff, c.id, 'Hello Jon, how can we help?')
    ctx.clock.advance(16 * MINUTE)
    expect(await job()).toBe(1)
    expect((await emails(jon.id, c.id)).map((e) => [e.recipient, e.subject])).toEqual([[jon.email, `Unread messages from ${venue.name}`]])
    expect(await emails(staff.id, c.id)).toEqual([])

    await say(jon, c.id, 'Thanks!')
    ctx.clock.advance(5 * MINUTE)
    await (await as(staff)).post(`/conversations/${c.id}/read`)
    ctx.clock.advance(11 * MINUTE)
    expect(await job()).toBe(0)
    expect(await emails(staff.id, c.id)).toEqual([])
  })
})
