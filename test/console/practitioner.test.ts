import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSkip, expectAccessible, openConsole, screenshot, type ConsoleBrowser } from '../helpers/browser.js'
import { client, everyDay, local, tokenAt, type Actor } from '../helpers/factories.js'
import { scene, type Scene } from '../helpers/scene.js'

/*
 * The practitioner's desk in a browser, as a manager of the practice (not its applicant): the
 * schedule, a workshop's register with a participant marked attended, the bookings, and the
 * earnings of a completed session matching what the API answers. Set up as the marketplace
 * tests do (test/marketplace/earnings.test.ts): apply, verify, publish, book, pay, complete.
 */
const ZONE = 'America/New_York'
const START = '2027-01-04T12:00:00Z'
const usd = (amount: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(amount / 100)

describe.skipIf(browserSkip())('console: practitioner desk', () => {
  let s: Scene<{ teacher: 'Tess'; customer: 'Cal' }>
  let browser: ConsoleBrowser
  let manager: Actor
  let practitioner: { id: string; venue_id: string }
  let occurrenceId: string
  const query = async <T>(sql: string, params: unknown[] = []) => (await s.ctx.database.raw.query<T>(sql, params)).rows
  const as = async (actor: Actor) => client(s.ctx, await tokenAt(s.ctx, actor))

  beforeAll(async () => {
    s = await scene({ at: START, admin: true, customers: { teacher: 'Tess', customer: 'Cal' }, config: { allowAutoConfirm: true } })
    const teacher = await as(s.teacher)
    practitioner = (
      await teacher.post('/practitioners/apply', {
        display_name: 'Tess Coaching',
        locations: [{ city: 'New York', is_virtual: false }],
        timezone: ZONE,
        currency: 'USD',
      })
    ).body
    await (await as(s.admin)).post(`/practitioners/${practitioner.id}/verify`)
    await teacher.post(`/practitioners/${practitioner.id}/schedule`, {
      hours: everyDay('08:00', '20:00'),
      exceptions: [{ date: '2027-01-20', hours: [] }],
    })
    manager = await s.f.newStaff({ id: practitioner.venue_id } as Parameters<typeof s.f.newStaff>[0], 'manager')
    const service = async (body: Record<string, unknown>) =>
      (await teacher.post('/services', { practitioner_id: practitioner.id, category: 'Coaching', duration_minutes: 60, ...body })).body as { id: string }
    const workshop = await service({ type: 'workshop', title: 'Breath workshop', price: { amount: 2500, currency: 'USD' }, max_participants: 6 })
    const session = await service({ type: 'session', title: 'One to one', price: { amount: 12_000, currency: 'USD' } })
    occurrenceId = (
      await teacher.post(`/services/${workshop.id}/schedule`, {
        occurrences: [{ start: local(ZONE, '2027-01-05T10:00'), end: local(ZONE, '2027-01-05T12:00') }],
      })
    ).body.occurrences[0].id
    const c = await as(s.customer)
    const seat = await c.post('/reservations', {
      venue_id: practitioner.venue_id,
      items: [{ kind: 'seat', occurrence_id: occurrenceId, quantity: 1, participants: [{ name: 'Pat Jones', email: 'pat@example.test' }] }],
    })
    expect((await c.post(`/reservations/${seat.body.id}/checkout`, { auto_confirm: true })).body.reservation_status).toBe('confirmed')
    // A 1:1 session booked, paid, held and completed: its earning is what the summary shows.
    const one = await c.post('/reservations', {
      venue_id: practitioner.venue_id,
      items: [{ kind: 'session', service_id: session.id, start: local(ZONE, '2027-01-04T09:00') }],
    })
    expect((await c.post(`/reservations/${one.body.id}/checkout`, { auto_confirm: true })).body.reservation_status).toBe('confirmed')
    s.ctx.clock.set(local(ZONE, '2027-01-04T10:00'))
    const t = await as(s.teacher)
    expect((await t.post(`/reservations/${one.body.id}/check-in`, {})).status).toBe(200)
    expect((await t.post(`/reservations/${one.body.id}/complete`, {})).status).toBe(200)
    await s.ctx.services.relay.drain()
    browser = await openConsole(s.ctx)
  })
  afterAll(async () => {
    await browser?.close()
    await s?.ctx.close()
  })

  it('a manager sees the schedule, marks a participant attended, and reads earnings that match the API', async () => {
    const page = await browser.page(manager, '/practitioner')
    await page.getByRole('heading', { name: 'Practice: Tess Coaching — Schedule' }).waitFor()
    await page.getByRole('cell', { name: 'Day off' }).waitFor()
    expect(
      await page
        .getByRole('region', { name: /Weekly hours/ })
        .locator('tbody tr')
        .count(),
    ).toBe(7)
    await expectAccessible(page, 'practitioner schedule')
    await screenshot(page, 'practitioner-schedule')

    // The editor: a second exception saved through the form lands in the database.
    await page.getByRole('button', { name: 'Edit schedule' }).click()
    await page.getByRole('button', { name: 'Add an exception' }).click()
    await page.getByLabel('Date of exception 2').fill('2027-02-01')
    await page.getByLabel('Opens (exception 2)').fill('10:00')
    await page.getByLabel('Closes (exception 2)').fill('14:00')
    await expectAccessible(page, 'practitioner schedule editor')
    await screenshot(page, 'practitioner-schedule-editor')
    await page.getByRole('button', { name: 'Save schedule' }).click()
    await page.getByRole('cell', { name: '10:00–14:00' }).waitFor()
    expect(await query('select date::text, hours from schedule_exceptions where practitioner_id = $1 order by date', [practitioner.id])).toEqual([
      { date: '2027-01-20', hours: [] },
      { date: '2027-02-01', hours: [{ open: '10:00', close: '14:00' }] },
    ])

    // Bookings link to an occurrence's register; the participant is marked there.
    await page.getByRole('navigation', { name: 'Practice' }).getByRole('link', { name: 'Bookings' }).click()
    await page.getByLabel('From').fill('2027-01-01')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.getByRole('link', { name: 'Breath workshop, 1 seat' }).waitFor()
    await page.getByRole('cell', { name: 'One to one (1:1)' }).waitFor()
    await expectAccessible(page, 'practitioner bookings')
    await screenshot(page, 'practitioner-bookings')
    await page.getByRole('link', { name: 'Breath workshop, 1 seat' }).click()
    await page.getByRole('button', { name: 'Mark Pat Jones attended' }).click()
    await page.getByRole('cell', { name: 'Attended', exact: true }).waitFor()
    expect(await query('select attended from attendance where occurrence_id = $1', [occurrenceId])).toEqual([{ attended: true }])
    await expectAccessible(page, 'practitioner services')
    await screenshot(page, 'practitioner-services')

    // Earnings and payouts: the figures are the API's.
    const api = await as(manager)
    const summary = (await api.get(`/practitioner/earnings/summary?practitioner_id=${practitioner.id}`)).body
    expect(summary.pending.amount).toBe(12_000 - 600)
    await page.getByRole('navigation', { name: 'Practice' }).getByRole('link', { name: 'Earnings and payouts' }).click()
    const figures = page.getByRole('region', { name: 'Summary' })
    await figures.getByText(usd(summary.pending.amount), { exact: true }).waitFor()
    expect(await figures.getByText(usd(summary.available.amount), { exact: true }).count()).toBeGreaterThan(0)
    expect(await figures.getByText(`${summary.commission_rate_percent} % (tier ${summary.tier})`).count()).toBe(1)
    const earnings = page.getByRole('region', { name: 'Earnings per booking' })
    await earnings.getByRole('cell', { name: usd(12_000), exact: true }).waitFor()
    expect(await earnings.locator('tbody tr').count()).toBe((await api.get(`/practitioner/earnings?practitioner_id=${practitioner.id}`)).body.count)
    // No payout account yet: the request is refused in words, and no payout is written.
    await page.getByRole('region', { name: 'Payouts' }).getByText('No payouts yet.').waitFor()
    await page.getByRole('button', { name: 'Request a payout of what is available' }).click()
    await figures.getByRole('alert').waitFor()
    expect(await query('select count(*)::int as n from payouts where practitioner_id = $1', [practitioner.id])).toEqual([{ n: 0 }])
    await expectAccessible(page, 'practitioner earnings')
    await screenshot(page, 'practitioner-earnings')
  })
})
