import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backgroundLoops } from '../../src/modules/jobs/handlers.js'
import { startLoops, type Loops } from '../../src/modules/jobs/loops.js'
import type { Room } from '../../src/modules/rooms/service.js'
import { browserSkip, expectAccessible, openConsole, screenshot, zoneAtNoon, type ConsoleBrowser } from '../helpers/browser.js'
import { client, everyDay, local, slot, type Actor } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Scene } from '../helpers/scene.js'

describe.skipIf(browserSkip())('console: the front desk of a room venue', () => {
  let s: Scene<{ carol: string }>
  let browser: ConsoleBrowser
  let loops: Loops
  let roomB: Room
  let colleague: Actor
  let today: string
  let paid: Awaited<ReturnType<typeof holdAndCheckout>>
  let bob: string
  let desk: Page
  let other: Page

  const sql = async <T>(text: string, params: unknown[] = []) => (await s.ctx.database.raw.query<T>(text, params)).rows

  beforeAll(async () => {
    s = await scene({
      // Closed for an hour after lunch, so the day has closed hours inside it too.
      venue: { timezone: zoneAtNoon(), hours: [...everyDay('08:00', '14:00'), ...everyDay('15:00', '23:00')] },
      room: { name: 'Room A', bufferMinutes: 15 },
      staff: 'staff',
      customers: { carol: 'Carol' },
    })
    roomB = await s.f.newRoom(s.venue, { name: 'Room B', capacity: 6 })
    colleague = await s.f.newStaff(s.venue, 'staff')
    today = new Intl.DateTimeFormat('en-CA', { timeZone: s.venue.timezone }).format(new Date())
    // The feeds are served by the outbox relay, as in a server.
    loops = await startLoops(s.ctx.database, backgroundLoops(s.ctx.services), s.ctx.app.log)
    // Carol paid online for Room B this afternoon (under 48 h ahead: the policy refunds half).
    paid = await holdAndCheckout(s.ctx, s.carol, s.venue, roomB, `${today}T15:00`, `${today}T16:00`)
    await fakeOf(s.ctx).pay(paid.intentId)
    // Bob booked by phone for the evening; the desk confirmed it.
    const staffApi = client(s.ctx, s.staff.access)
    const made = await staffApi.post('/reservations', {
      venue_id: s.venue.id,
      guest: { name: 'Bob' },
      party_size: 3,
      items: [slot(roomB, local(s.venue.timezone, `${today}T18:00`), local(s.venue.timezone, `${today}T19:00`))],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    bob = made.body.id
    expect((await staffApi.post(`/reservations/${bob}/confirm`, {})).status).toBe(200)
    browser = await openConsole(s.ctx)
    ;[desk, other] = await Promise.all([browser.page(s.staff, '/frontdesk'), browser.page(colleague, '/frontdesk')])
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await loops?.stop()
    await s?.ctx.close()
  })

  it('shows the day per room, live, with the bookings named for screen readers', async () => {
    for (const page of [desk, other]) {
      await page.getByRole('heading', { name: 'Timeline' }).waitFor()
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
    }
    expect(await desk.getByLabel('Date', { exact: true }).inputValue()).toBe(today)
    await desk.getByRole('button', { name: 'Room B, 15:00–16:00, Online customer, confirmed' }).waitFor()
    await desk.getByRole('button', { name: 'Room B, 18:00–19:00, Bob, confirmed' }).waitFor()
    await expectAccessible(desk, 'front desk timeline')
    await screenshot(desk, 'frontdesk-timeline')
  })

  it('books a walk-in from a free slot; a colleague sees it appear without reloading; check in and complete', async () => {
    await desk
      .getByRole('button', { name: /^Room A free .*: new walk-in$/ })
      .first()
      .click()
    const form = desk.getByRole('form', { name: 'New walk-in' })
    await expect(form.getByLabel('Room').inputValue()).resolves.toBe(s.room.id)
    await expectAccessible(desk, 'walk-in form')
    await screenshot(desk, 'frontdesk-walk-in')
    const start = await form.getByLabel('Start').inputValue()
    const end = await form.getByLabel('End').inputValue()
    // The form checks what the browser can: the end must come after the start.
    await form.getByLabel('End').fill(start)
    await form.getByLabel('Guest name').fill('Wanda Walker')
    await form.getByRole('button', { name: 'Book and confirm' }).click()
    await form.getByText('The end must be after the start.').waitFor()
    await form.getByLabel('End').fill(end)
    await form.getByLabel('Phone').fill('+1 555 0100')
    await form.getByLabel('Party size').fill('4')
    await form.getByRole('button', { name: 'Book and confirm' }).click()

    const detail = desk.getByRole('dialog', { name: 'Booking' })
    await detail.getByText('Wanda Walker').waitFor()
    await detail.getByRole('button', { name: 'Check in' }).waitFor()
    const label = `Room A, ${start.slice(11)}–${end.slice(11)}, Wanda Walker, confirmed`
    // The colleague's page only listens: the block arrives through /ws/reservations.
    await other.getByRole('button', { name: label }).waitFor()

    const [made] = await sql<{ id: string; status: string; party_size: number; guest: { phone: string } }>(
      `select id, status, party_size, guest from reservations where guest->>'name' = 'Wanda Walker'`,
    )
    expect(made).toMatchObject({ status: 'confirmed', party_size: 4, guest: { phone: '+1 555 0100' } })
    await expectAccessible(desk, 'booking detail')
    await screenshot(desk, 'frontdesk-detail')

    await detail.getByRole('button', { name: 'Check in' }).click()
    await detail.getByRole('status').filter({ hasText: 'Checked in.' }).waitFor()
    // The booking has begun (the server's clock moves; the browser's is the real one).
    s.ctx.clock.set(new Date(Date.parse(local(s.venue.timezone, start)) + 60_000))
    await detail.getByRole('button', { name: 'Complete' }).click()
    await detail.getByRole('status').filter({ hasText: 'Completed.' }).waitFor()
    await detail.getByRole('cell', { name: 'checked in → completed' }).waitFor()
    await other.getByRole('button', { name: label.replace('confirmed', 'completed') }).waitFor()

    const rows = await sql<{ status: string }>(`select status from reservations where id = $1`, [made!.id])
    expect(rows[0]!.status).toBe('completed')
    const trail = await sql<{ from_status: string | null; to_status: string; actor_id: string }>(
      `select from_status, to_status, actor_id from reservation_transitions where reservation_id = $1 order by id`,
      [made!.id],
    )
    expect(trail.map((t) => [t.from_status, t.to_status])).toEqual([
      [null, 'pending'],
      ['pending', 'confirmed'],
      ['confirmed', 'checked_in'],
      ['checked_in', 'completed'],
    ])
    expect(new Set(trail.map((t) => t.actor_id))).toEqual(new Set([s.staff.id]))
    await detail.getByRole('button', { name: 'Close' }).click()
  })

  it('cancels a paid booking showing the refund first, then refunds it', async () => {
    await desk.getByRole('button', { name: 'Room B, 15:00–16:00, Online customer, confirmed' }).click()
    const detail = desk.getByRole('dialog', { name: 'Booking' })
    const half = `$${(paid.total / 200).toFixed(2)}`
    await detail.getByText(`refunds ${half}`).first().waitFor()
    await detail.getByRole('button', { name: 'Cancel booking…' }).click()
    const panel = detail.getByRole('region', { name: 'Cancel this booking?' })
    await panel.getByText(`Cancelling now refunds ${half} (50 %`).waitFor()
    await screenshot(desk, 'frontdesk-cancel')
    await panel.getByLabel('Reason (optional)').fill('Guest called')
    await panel.getByRole('button', { name: `Cancel and refund ${half}` }).click()
    await detail
      .getByRole('status')
      .filter({ hasText: `Cancelled; ${half} refunded.` })
      .waitFor()

    await fakeOf(s.ctx).drain()
    const [r] = await sql<{ status: string }>(`select status from reservations where id = $1`, [paid.id])
    expect(r!.status).toBe('cancelled')
    const refunds = await sql<{ amount: number; source: string }>(
      `select f.amount, f.source from refunds f join payments p on p.id = f.payment_id where p.reservation_id = $1`,
      [paid.id],
    )
    expect(refunds).toEqual([{ amount: paid.total / 2, source: 'policy' }])
    await detail.getByRole('button', { name: 'Close' }).click()
  })

  it('reschedules a booking by form', async () => {
    await desk.getByRole('button', { name: 'Room B, 18:00–19:00, Bob, confirmed' }).click()
    const detail = desk.getByRole('dialog', { name: 'Booking' })
    await detail.getByRole('button', { name: 'Reschedule…' }).click()
    await detail.getByLabel('New start').fill(`${today}T20:00`)
    await detail.getByLabel('New end').fill(`${today}T21:00`)
    await detail.getByRole('button', { name: 'Move booking' }).click()
    await detail.getByRole('status').filter({ hasText: 'Rescheduled.' }).waitFor()
    await desk.getByRole('button', { name: 'Room B, 20:00–21:00, Bob, confirmed' }).waitFor()

    const [item] = await sql<{ starts_at: Date; ends_at: Date }>(`select starts_at, ends_at from reservation_items where reservation_id = $1`, [bob])
    expect(item!.starts_at.toISOString()).toBe(new Date(local(s.venue.timezone, `${today}T20:00`)).toISOString())
    expect(item!.ends_at.toISOString()).toBe(new Date(local(s.venue.timezone, `${today}T21:00`)).toISOString())
  })
})
