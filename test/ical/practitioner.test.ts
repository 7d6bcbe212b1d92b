import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications } from '../../src/modules/notifications/schema.js'
import type { TestContext } from '../helpers/context.js'
import { client, everyDay, local, tokenAt, type Actor } from '../helpers/factories.js'
import { fakeOf } from '../helpers/payments.js'
import { scene, type Factories } from '../helpers/scene.js'
import { allEvents } from './mail.js'

const ZONE = 'Europe/Lisbon'
let ctx: TestContext, f: Factories, admin: Actor, teacher: Actor
let practitioner: { id: string; venue_id: string }
let occurrenceId: string, sessionServiceId: string

// A fresh token at the test clock's time: the reminder test moves the clock days ahead.
const as = (who: Actor) => ({
  post: async (url: string, body?: unknown) => client(ctx, await tokenAt(ctx, who)).post(url, body),
})
async function book(who: Actor, item: Record<string, unknown>, pay = true): Promise<string> {
  const made = await as(who).post('/reservations', { venue_id: practitioner.venue_id, items: [item] })
  expect(made.status, JSON.stringify(made.body)).toBe(201)
  if (!pay) return made.body.id
  const checkout = await as(who).post(`/reservations/${made.body.id}/checkout`, {})
  expect(checkout.status, JSON.stringify(checkout.body)).toBe(200)
  await fakeOf(ctx).pay(checkout.body.payment_intent_id)
  return made.body.id
}
const occurrenceRows = (occurrence: string) =>
  ctx.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectId, occurrence), eq(notifications.template, 'occurrence_reminder')))
    .orderBy(notifications.createdAt, notifications.channel)

beforeAll(async () => {
  ;({ ctx, f, admin, teacher } = await scene({ at: '2027-03-01T08:00:00Z', admin: true, customers: { teacher: 'Ana Teacher' } }))
  practitioner = (
    await as(teacher).post('/practitioners/apply', {
      display_name: 'Ana Yoga',
      locations: [{ city: 'Lisbon', is_virtual: false }],
      timezone: ZONE,
      currency: 'EUR',
    })
  ).body
  await as(admin).post(`/practitioners/${practitioner.id}/verify`)
  await as(teacher).post(`/practitioners/${practitioner.id}/schedule`, { hours: everyDay('09:00', '18:00') })
  const service = (key: string, extra: Record<string, unknown>) =>
    as(teacher).post('/services', {
      practitioner_id: practitioner.id,
      title: key,
      category: 'Yoga',
      price: { amount: 2000, currency: 'EUR' },
      duration_minutes: 60,
      ...extra,
    })
  const workshop = (await service('Flow', { type: 'workshop', max_participants: 10 })).body
  const scheduled = await as(teacher).post(`/services/${workshop.id}/schedule`, {
    occurrences: [{ start: local(ZONE, '2027-03-03T10:00'), end: local(ZONE, '2027-03-03T12:00') }],
  })
  occurrenceId = scheduled.body.occurrences[0].id
  sessionServiceId = (await service('Private class', { type: 'session', max_participants: 1 })).body.id

  const [one, two, holder, quitter] = [
    await f.newCustomer('Olga One'),
    await f.newCustomer('Tom Two'),
    await f.newCustomer('Hal Holder'),
    await f.newCustomer('Quin Quitter'),
  ]
  await book(one, { kind: 'seat', occurrence_id: occurrenceId, quantity: 1 })
  await book(two, { kind: 'seat', occurrence_id: occurrenceId, quantity: 2, participants: [{ name: 'Zoe Guest' }, { name: 'Yan Guest' }] })
  await book(holder, { kind: 'seat', occurrence_id: occurrenceId, quantity: 1 }, false)
  const quit = await book(quitter, { kind: 'seat', occurrence_id: occurrenceId, quantity: 1 })
  expect((await as(quitter).post(`/reservations/${quit}/cancel`, {})).status).toBe(200)
  await book(one, { kind: 'session', service_id: sessionServiceId, start: local(ZONE, '2027-03-04T15:00') })
  await ctx.services.relay.drain()
})
afterAll(() => ctx.close())

describe("the practitioner's aggregated reminder", () => {
  it('one reminder per occurrence and window, listing every participant with a sold seat, queued once however often the job runs', async () => {
    // 10:00 Lisbon on 3 March is 10:00 UTC (winter time); 24 h 5 min before it is inside the 24 h window.
    ctx.clock.set('2027-03-02T09:55:00Z')
    await ctx.services.notifications.sendReminders()
    await ctx.services.notifications.sendReminders()
    let rows = await occurrenceRows(occurrenceId)
    expect(rows.map((r) => [r.userId, r.channel, r.data.window])).toEqual([
      [teacher.id, 'email', 'reminder_24h'],
      [teacher.id, 'in_app', 'reminder_24h'],
    ])
    expect(rows[0]!.subject).toBe('Tomorrow: Flow, Wed 3 Mar, 10:00 (3 participants)')
    expect(rows[0]!.body).toBe('Hi Ana, Flow is tomorrow, Wed 3 Mar, 10:00, with 3 participants:\n- Olga One\n- Zoe Guest\n- Yan Guest')
    // Not one per booking: the customers get their own reminders, the practitioner none of those.
    const perBooking = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, teacher.id), inArray(notifications.template, ['reminder_24h', 'reminder_30m'])))
    expect(perBooking).toEqual([])

    // A restart later in the window, or a second worker on the same tick, adds nothing.
    ctx.clock.set('2027-03-02T10:05:00Z')
    await ctx.services.notifications.sendReminders()
    expect(await occurrenceRows(occurrenceId)).toHaveLength(2)

    ctx.clock.set('2027-03-03T09:30:00Z')
    await ctx.services.notifications.sendReminders()
    ctx.clock.set('2027-03-03T09:33:00Z')
    await ctx.services.notifications.sendReminders()
    rows = await occurrenceRows(occurrenceId)
    expect(rows.map((r) => [r.channel, r.data.window])).toEqual([
      ['email', 'reminder_24h'],
      ['in_app', 'reminder_24h'],
      ['email', 'reminder_30m'],
      ['in_app', 'reminder_30m'],
    ])
    expect(rows[2]!.subject).toBe('Starting soon: Flow, Wed 3 Mar, 10:00 (3 participants)')
    while ((await ctx.services.notifications.sendDue()) > 0);
    expect((await occurrenceRows(occurrenceId)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
  })
})

describe("the practitioner's feed", () => {
  it('lists their occurrences with seats taken and their 1:1 sessions with the client; others get 404', async () => {
    const made = await as(teacher).post('/calendar-feeds', { kind: 'practitioner' })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body.subject_id).toBe(practitioner.id)
    const res = await ctx.app.inject({ method: 'GET', url: new URL(made.body.url).pathname })
    expect(res.statusCode).toBe(200)
    const events = allEvents(res.body)
    expect(events.map((e) => [e.UID, e.DTSTART, e.SUMMARY])).toEqual([
      [`occurrence-${occurrenceId}@reservoir`, '20270303T100000Z', expect.stringMatching(/^Flow \(\d+\/10 booked\)$/)],
      [expect.stringMatching(/^item-.+@reservoir$/), '20270304T150000Z', 'Private class with Olga One'],
    ])
    const stranger = await f.newCustomer('Stranger')
    expect(await as(stranger).post('/calendar-feeds', { kind: 'practitioner', id: practitioner.id })).toMatchObject({
      status: 404,
      body: { code: 'not_found' },
    })
  })
})
