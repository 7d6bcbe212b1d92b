import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backgroundLoops } from '../../src/modules/jobs/handlers.js'
import { startLoops, type Loops } from '../../src/modules/jobs/loops.js'
import type { RoomType } from '../../src/modules/stays/room-types.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { browserSkip, expectAccessible, openConsole, screenshot, type ConsoleBrowser } from '../helpers/browser.js'
import { client, type Actor } from '../helpers/factories.js'
import { scene, type Scene } from '../helpers/scene.js'
import { stay } from '../helpers/stays.js'

const ZONE = 'Europe/Lisbon'
/** A date `days` after today in the hotel's zone, as the console computes it. */
const day = (days: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
/** `Tue 5 May`, the grid's label of a night. */
const label = (night: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${night}T00:00:00Z`))

describe.skipIf(browserSkip())('console: the hotel grid, its day and its report', () => {
  let s: Scene<Record<never, string>>
  let browser: ConsoleBrowser
  let hotel: Venue
  let manager: Actor
  let deluxe: RoomType
  let standard: RoomType
  let page: Page
  let booking: string
  let loops: Loops

  beforeAll(async () => {
    s = await scene()
    hotel = await s.stays.newHotel({ timezone: ZONE, currency: 'EUR' })
    manager = await s.f.newStaff(hotel, 'manager')
    deluxe = await s.stays.newRoomType(hotel, { name: 'Deluxe', totalUnits: 2, baseRate: 15000 })
    standard = await s.stays.newRoomType(hotel, { name: 'Standard', totalUnits: 3, baseRate: 9000 })
    await s.stays.newRatePlan(deluxe, { name: 'Flexible' })
    for (const t of [deluxe, standard]) await s.stays.loadNights(t, day(0), day(20))
    // The desk books both Deluxe rooms for a guest for nights +2 and +3, and confirms it.
    const api = client(s.ctx, manager.access)
    const made = await api.post('/reservations', { venue_id: hotel.id, items: [stay(deluxe, day(2), day(4), 2, 2)], guest: { name: 'Ana Lima' } })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    booking = made.body.id
    expect((await api.post(`/reservations/${booking}/confirm`)).status).toBe(200)
    // The outbox relay runs as in a server, so the grid's feeds carry the commits.
    loops = await startLoops(s.ctx.database, backgroundLoops(s.ctx.services), s.ctx.app.log)
    browser = await openConsole(s.ctx)
    page = await browser.page(manager, '/hotel')
  })
  afterAll(async () => {
    await browser?.close()
    await loops?.stop()
    await s?.ctx.close()
  })

  const search = (arrival: string, departure: string) => client(s.ctx).get(`/stays/search?venue=${hotel.id}&arrival=${arrival}&departure=${departure}`)
  const offered = async (arrival: string, departure: string) =>
    ((await search(arrival, departure)).body.results as { name: string }[]).map((r) => r.name).sort()
  const cell = (type: string, night: string) => page.getByRole('button', { name: new RegExp(`^${type}, ${label(night)}:`) })

  it('closes a night for a room type in the grid: search stops offering it and the night is closed in the database', async () => {
    await page.getByRole('heading', { name: /Inventory/ }).waitFor()
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
    // The booked nights show what was sold; the price is the first rate plan's.
    await expect.poll(() => cell('Deluxe', day(2)).textContent()).toContain('0 held, 2 sold')
    expect(await cell('Deluxe', day(5)).textContent()).toContain('€150.00')
    expect(await offered(day(5), day(6))).toEqual(['Deluxe', 'Standard'])
    await expectAccessible(page, 'hotel inventory')
    await screenshot(page, 'hotel-inventory')

    await cell('Deluxe', day(5)).click()
    expect(await page.getByLabel('Room type').inputValue()).toBe(deluxe.id)
    expect(await page.getByLabel('First night').inputValue()).toBe(day(5))
    expect(await page.getByLabel('Last night').inputValue()).toBe(day(5))
    await page.getByLabel('Open or closed').selectOption({ label: 'Close (stop selling)' })
    await page.getByRole('button', { name: 'Apply to these nights' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved Deluxe' }).waitFor()
    await expect.poll(() => cell('Deluxe', day(5)).textContent()).toContain('Closed')

    const rows = await s.ctx.database.raw.query<{ room_type_id: string; closed: boolean }>(
      `select room_type_id, closed from inventory_nights where night = '${day(5)}' order by room_type_id = '${deluxe.id}' desc`,
    )
    expect(rows.rows).toEqual([
      { room_type_id: deluxe.id, closed: true },
      { room_type_id: standard.id, closed: false },
    ])
    // A stay across the closed night is not offered; one beside it still is.
    expect(await offered(day(4), day(7))).toEqual(['Standard'])
    expect(await offered(day(6), day(7))).toEqual(['Deluxe', 'Standard'])
    await screenshot(page, 'hotel-inventory-closed')
  })

  it('units below what is sold are refused in words and change nothing; a price becomes an override; an edit from elsewhere arrives live', async () => {
    await cell('Deluxe', day(1)).click()
    await cell('Deluxe', day(3)).click()
    expect(await page.getByLabel('Last night').inputValue()).toBe(day(3))
    await page.getByLabel('Units').fill('1')
    await page.getByRole('button', { name: 'Apply to these nights' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'cannot go down to 1 units' })
    await alert.waitFor()
    expect(await alert.textContent()).toContain(`${label(day(2))} (0 held, 2 sold)`)
    await expectAccessible(page, 'hotel inventory error')
    await screenshot(page, 'hotel-inventory-units-error')
    const units = await s.ctx.database.raw.query<{ units: number }>(
      `select units from inventory_nights where room_type_id = '${deluxe.id}' and night between '${day(1)}' and '${day(3)}'`,
    )
    expect(units.rows.map((r) => r.units)).toEqual([2, 2, 2])

    // A price for a range becomes an override of the first rate plan, which the grid prices by.
    await page.getByRole('button', { name: 'Apply to these nights' }).waitFor()
    await cell('Deluxe', day(10)).click()
    await cell('Deluxe', day(11)).click()
    await page.getByLabel('Units').fill('')
    await page.getByLabel('Price per night (EUR)').fill('180.50')
    await page.getByRole('button', { name: 'Apply to these nights' }).click()
    await page.getByRole('status').filter({ hasText: 'price 180.50 EUR' }).waitFor()
    await expect.poll(() => cell('Deluxe', day(11)).textContent()).toContain('€180.50')
    const rules = await s.ctx.database.raw.query<{ kind: string; room_type_id: string; starts_on: string; ends_on: string; amount: number }>(
      `select kind, room_type_id, starts_on::text, ends_on::text, amount from pricing_rules where venue_id = '${hotel.id}'`,
    )
    expect(rules.rows).toEqual([{ kind: 'override', room_type_id: deluxe.id, starts_on: day(10), ends_on: day(11), amount: 18050 }])

    // Another manager's edit through the API reaches this grid through the inventory feed.
    const edit = await client(s.ctx, manager.access).patch(`/room-types/${standard.id}/inventory`, { from: day(8), to: day(8), min_stay: 3 })
    expect(edit.status).toBe(200)
    await expect.poll(() => cell('Standard', day(8)).textContent(), { timeout: 10_000 }).toContain('min stay 3')
  })

  it('shows the API-booked stay among the arrivals of its first day and the departures of its last', async () => {
    await page.getByRole('navigation', { name: 'Hotel views' }).getByRole('link', { name: 'Arrivals and departures' }).click()
    await page.getByLabel('Day', { exact: true }).fill(day(2))
    await page.getByRole('button', { name: 'Show', exact: true }).click()
    const arrivals = page.getByRole('region', { name: /Arrivals/ })
    await arrivals.getByRole('rowheader', { name: /Ana Lima/ }).waitFor()
    expect(await arrivals.getByRole('row').nth(1).textContent()).toContain('2 × Deluxe')
    expect(await page.getByRole('region', { name: /Departures/ }).textContent()).toContain('Nobody leaves on this day.')
    await expectAccessible(page, 'hotel arrivals')
    await screenshot(page, 'hotel-arrivals')

    await page.getByRole('button', { name: 'Next day' }).click()
    await page.getByRole('button', { name: 'Next day' }).click()
    await page
      .getByRole('region', { name: /Departures/ })
      .getByRole('rowheader', { name: /Ana Lima/ })
      .waitFor()
    const [row] = (await s.ctx.database.raw.query<{ status: string }>(`select status from reservations where id = '${booking}'`)).rows
    expect(row?.status).toBe('confirmed')
  })

  it('reports occupancy, ADR and RevPAR as the API computes them, with a chart and its table', async () => {
    await page.getByRole('link', { name: 'Occupancy report' }).click()
    await page.getByLabel('First night').fill(day(2))
    await page.getByLabel('Last night').fill(day(5))
    await page.getByRole('button', { name: 'Show', exact: true }).click()
    const report = (await client(s.ctx, manager.access).get(`/venues/${hotel.id}/reports/occupancy?from=${day(2)}&to=${day(5)}`)).body
    // Nights +2, +3: 2 of 5 sold each; +4: 0 of 5; +5: Deluxe closed, 0 of 3.
    expect(report).toMatchObject({ available_room_nights: 18, sold_room_nights: 4, room_revenue: { amount: 60000 } })
    const totals = page.locator('.hotel-totals')
    await totals.getByText(`${(report.occupancy * 100).toFixed(1)} %`).waitFor()
    const text = await totals.textContent()
    expect(text).toContain(`€${(report.adr.amount / 100).toFixed(2)}`)
    expect(text).toContain(`€${(report.revpar.amount / 100).toFixed(2)}`)
    expect(text).toContain('4 of 18 available')
    expect(await page.getByRole('img', { name: /Occupancy per night/ }).count()).toBe(1)
    const table = page.getByRole('table', { name: /Figures per night/ })
    expect(await table.getByRole('row').count()).toBe(1 + 4)
    expect(await table.getByRole('row', { name: new RegExp(label(day(2))) }).textContent()).toContain('40.0 %')
    await page.getByLabel('RevPAR').check()
    await page.getByRole('img', { name: /RevPAR per night/ }).waitFor()
    await expectAccessible(page, 'hotel report')
    await screenshot(page, 'hotel-report')
  })
})
