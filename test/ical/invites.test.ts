import { and, eq, like, sql } from 'drizzle-orm'
import { rowsOf as rowsOfSql } from '../../src/db/client.js'
import { eventById } from '../../src/modules/events/relay.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { calendarInvites } from '../../src/modules/ical/schema.js'
import { notifications } from '../../src/modules/notifications/schema.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'
import { calendarPart, eventProps, smtpReceiver, type Mail } from './mail.js'

const ZONE = 'America/New_York'
let ctx: TestContext, f: Factories, venue: Venue, room: Room, manager: Actor
let smtp: Awaited<ReturnType<typeof smtpReceiver>>

beforeAll(async () => {
  smtp = await smtpReceiver()
  ;({
    ctx,
    f,
    venue,
    room,
    staff: manager,
  } = await scene({
    at: '2027-07-01T12:00:00Z',
    config: { smtp: { url: smtp.url, from: 'Reservoir <bookings@reservoir.test>' } },
    venue: { timezone: ZONE, hours: everyDay('08:00', '23:00') },
    room: { hourlyRate: 4000 },
    staff: 'manager',
  }))
})
afterAll(async () => {
  await ctx.close()
  await smtp.close()
})
beforeEach(() => {
  smtp.mails.length = 0
})

/** Relays what happened and sends every message that is due. */
async function deliver() {
  await ctx.services.relay.drain()
  while ((await ctx.services.notifications.sendDue()) > 0);
}
const mailsTo = (email: string): Mail[] => smtp.mails.filter((m) => m.to.includes(email))
function inviteIn(mail: Mail) {
  const part = calendarPart(mail.raw)
  expect(part, 'the email has a text/calendar part').toBeDefined()
  return { contentType: part!.contentType, text: part!.text, props: eventProps(part!.text) }
}
async function confirmedBooking(who: Actor, start: string, end: string) {
  const { id, intentId } = await holdAndCheckout(ctx, who, venue, room, start, end)
  await fakeOf(ctx).pay(intentId)
  await deliver()
  return id
}

describe('calendar invites in booking emails', () => {
  it('a confirmation carries a REQUEST invite: stable UID, SEQUENCE 0, the New York wall-clock time right in summer time', async () => {
    const alice = await f.newCustomer('Alice Smith')
    const id = await confirmedBooking(alice, '2027-07-08T10:00', '2027-07-08T12:00')
    const [mail] = mailsTo(alice.email)
    expect(mailsTo(alice.email)).toHaveLength(1)
    const invite = inviteIn(mail!)
    expect(invite.contentType).toMatch(/text\/calendar/)
    expect(invite.contentType).toMatch(/method=("?)REQUEST\1/i)
    expect(invite.text).toMatch(/^METHOD:REQUEST$/m)
    // 10:00 EDT is 14:00 UTC (UTC-4 in July, not the winter UTC-5).
    expect(invite.props).toMatchObject({
      UID: `${id}@reservoir`,
      SEQUENCE: '0',
      DTSTART: '20270708T140000Z',
      DTEND: '20270708T160000Z',
      STATUS: 'CONFIRMED',
      SUMMARY: `Booking at ${venue.name}`,
    })
    expect(invite.props.ORGANIZER!.toLowerCase()).toBe('mailto:bookings@reservoir.test')
    expect(invite.props.ATTENDEE!.toLowerCase()).toBe(`mailto:${alice.email}`)
    // The same wall-clock hour in winter is UTC-5: the zone's rules, not a fixed offset.
    const bob = await f.newCustomer('Bob Winter')
    await confirmedBooking(bob, '2027-12-08T10:00', '2027-12-08T11:00')
    expect(inviteIn(mailsTo(bob.email)[0]!).props.DTSTART).toBe('20271208T150000Z')
  })

  it('a reschedule sends a REQUEST with the same UID, a higher SEQUENCE and the new times; a cancellation a CANCEL with a higher one still', async () => {
    const carol = await f.newCustomer('Carol')
    const id = await confirmedBooking(carol, '2027-07-09T10:00', '2027-07-09T12:00')
    const first = inviteIn(mailsTo(carol.email)[0]!).props
    smtp.mails.length = 0

    const moved = await client(ctx, carol.access).post(`/reservations/${id}/reschedule`, {
      start: local(ZONE, '2027-07-09T15:00'),
      end: local(ZONE, '2027-07-09T17:00'),
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    await deliver()
    const [change] = mailsTo(carol.email)
    expect(mailsTo(carol.email)).toHaveLength(1)
    const second = inviteIn(change!)
    expect(second.text).toMatch(/^METHOD:REQUEST$/m)
    expect(second.props.UID).toBe(first.UID)
    expect(Number(second.props.SEQUENCE)).toBeGreaterThan(Number(first.SEQUENCE))
    expect(second.props).toMatchObject({ DTSTART: '20270709T190000Z', DTEND: '20270709T210000Z' })
    smtp.mails.length = 0

    const cancelled = await client(ctx, carol.access).post(`/reservations/${id}/cancel`, {})
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    await deliver()
    const withInvite = mailsTo(carol.email).filter((m) => calendarPart(m.raw))
    // One CANCEL, however many messages the cancellation and its refund make.
    expect(withInvite).toHaveLength(1)
    const third = inviteIn(withInvite[0]!)
    expect(third.contentType).toMatch(/method=("?)CANCEL\1/i)
    expect(third.text).toMatch(/^METHOD:CANCEL$/m)
    expect(third.props.UID).toBe(first.UID)
    expect(third.props.STATUS).toBe('CANCELLED')
    expect(Number(third.props.SEQUENCE)).toBeGreaterThan(Number(second.props.SEQUENCE))
    expect(await ctx.deps.db.select().from(calendarInvites).where(eq(calendarInvites.reservationId, id))).toEqual([
      expect.objectContaining({ sequence: 2, method: 'CANCEL' }),
    ])
  })

  it('an event relayed again (a crash before the relay committed) queues no second invite and counts no second SEQUENCE; other channels carry none', async () => {
    const dave = await f.newCustomer('Dave')
    const id = await confirmedBooking(dave, '2027-07-10T10:00', '2027-07-10T11:00')
    const rowsOf = () => ctx.deps.db.select().from(notifications).where(eq(notifications.subjectId, id))
    const before = await rowsOf()
    expect(
      before
        .filter((r) => r.template === 'reservation_confirmed')
        .map((r) => [r.channel, r.calendar !== null])
        .sort(),
    ).toEqual([
      ['email', true],
      ['in_app', false],
    ])
    const ids = await rowsOfSql<{ id: string }>(ctx.deps.db, sql`select id from outbox_events where aggregate_id = ${id} order by id`)
    const events = await Promise.all(ids.map(async (e) => (await eventById(ctx.deps.db, Number(e.id)))!))
    await ctx.deps.db.transaction((tx) => ctx.services.notifications.sink.deliver(tx, events))
    expect((await rowsOf()).length).toBe(before.length)
    expect((await ctx.deps.db.select().from(calendarInvites).where(eq(calendarInvites.reservationId, id)))[0]).toMatchObject({ sequence: 0, method: 'REQUEST' })
  })
})

describe('new booking and cancellation notices to the venue', () => {
  it('owners and managers hear of a booking made and of one cancelled, in the inbox and by email; plain staff do not', async () => {
    const frontDesk = await f.newStaff(venue, 'staff')
    const erin = await f.newCustomer('Erin Booker')
    const id = await confirmedBooking(erin, '2027-07-12T10:00', '2027-07-12T11:00')
    const staffRows = async (template: string) =>
      (
        await ctx.deps.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.subjectId, id), like(notifications.template, template)))
      ).map((r) => ({ user: r.userId, channel: r.channel, status: r.status, subject: r.subject }))
    expect(await staffRows('staff_booking_new')).toEqual(
      expect.arrayContaining([
        { user: manager.id, channel: 'in_app', status: 'sent', subject: `New booking: Erin Booker, Mon 12 Jul, 10:00` },
        { user: manager.id, channel: 'email', status: 'sent', subject: `New booking: Erin Booker, Mon 12 Jul, 10:00` },
      ]),
    )
    expect((await staffRows('staff_booking_new')).filter((r) => r.user === frontDesk.id)).toEqual([])
    expect(mailsTo(manager.email)).toHaveLength(1)
    expect(calendarPart(mailsTo(manager.email)[0]!.raw)).toBeUndefined()
    const inbox = await client(ctx, manager.access).get('/notifications?page_size=100')
    expect(inbox.body.results.filter((n: { subject_id: string }) => n.subject_id === id)).toEqual([
      expect.objectContaining({ template: 'staff_booking_new', body: `Hi Staff, Erin Booker booked ${venue.name} for Mon 12 Jul, 10:00. Total: $40.00.` }),
    ])

    await client(ctx, erin.access).post(`/reservations/${id}/cancel`, {})
    await deliver()
    expect((await staffRows('staff_booking_cancelled')).map((r) => [r.user, r.channel]).sort()).toEqual([
      [manager.id, 'email'],
      [manager.id, 'in_app'],
    ])
    // A hold given up before payment is nobody's news.
    const held = await holdAndCheckout(ctx, erin, venue, room, '2027-07-13T10:00', '2027-07-13T11:00')
    await client(ctx, erin.access).post(`/reservations/${held.id}/cancel`, {})
    await deliver()
    const heldRows = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectId, held.id), like(notifications.template, 'staff_%')))
    expect(heldRows).toEqual([])
  })
})
