import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backgroundLoops } from '../../src/modules/jobs/handlers.js'
import { startLoops, type Loops } from '../../src/modules/jobs/loops.js'
import type { Room } from '../../src/modules/rooms/service.js'
import { browserSkip, expectAccessible, openConsole, screenshot, zoneAtNoon, type ConsoleBrowser } from '../helpers/browser.js'
import { everyDay } from '../helpers/factories.js'
import { scene, type Scene } from '../helpers/scene.js'

// A karaoke bar open round the clock, in a zone where it is about noon (late in a business day
// no booking of the room's minimum length fits before the day's close, so no room would be
// free), with two rooms: the small one is the one offered first.
describe.skipIf(browserSkip())('console: the waitlist board', () => {
  let s: Scene<Record<never, string>>
  let big: Room
  let browser: ConsoleBrowser
  let loops: Loops
  let desk: Page
  let watcher: Page

  beforeAll(async () => {
    s = await scene({ venue: { timezone: zoneAtNoon(), hours: everyDay('00:00', '00:00') }, room: { name: 'Karaoke One', capacity: 6 }, staff: 'staff' })
    big = await s.f.newRoom(s.venue, { name: 'Karaoke Two', capacity: 12 })
    // The outbox relay runs as in a server, so the board's live feed hears the changes.
    loops = await startLoops(s.ctx.database, backgroundLoops(s.ctx.services), s.ctx.app.log)
    browser = await openConsole(s.ctx)
    ;[desk, watcher] = await Promise.all([browser.page(s.staff, '/waitlist'), browser.page(s.staff, '/waitlist')])
    // A second desk, only watching: what it sees comes over /ws/reservations, not from a reload.
    await watcher.getByText('Live', { exact: true }).waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await loops?.stop()
    await s?.ctx.close()
  })

  const entry = async (name: string) =>
    (
      await s.ctx.database.raw.query<{
        id: string
        status: string
        party_size: number
        phone: string
        quoted_wait_minutes: number | null
        notes: string | null
        notified_at: Date | null
        ended_at: Date | null
        room_id: string | null
        reservation_id: string | null
        created_by: string | null
      }>('select * from waitlist_entries where venue_id = $1 and name = $2', [s.venue.id, name])
    ).rows[0]
  const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name })

  async function addParty(name: string, size: number, phone: string, quoted?: number) {
    await desk.getByLabel('Name', { exact: true }).fill(name)
    await desk.getByLabel('Phone', { exact: true }).fill(phone)
    await desk.getByLabel('Party size').fill(String(size))
    if (quoted !== undefined) await desk.getByLabel('Quoted wait (min)').fill(String(quoted))
    await desk.getByRole('button', { name: 'Add to the queue' }).click()
    await row(desk, name).waitFor()
  }

  it('adds a party, notifies it and seats it into a free room, a second desk following live', async () => {
    // The browser checks the form first: a phone with letters is never sent.
    await desk.getByLabel('Name', { exact: true }).fill('Nobody')
    await desk.getByLabel('Phone', { exact: true }).fill('call me')
    await desk.getByLabel('Party size').fill('2')
    await desk.getByRole('button', { name: 'Add to the queue' }).click()
    expect(await desk.getByLabel('Phone', { exact: true }).evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true)
    expect(await entry('Nobody')).toBeUndefined()

    await desk.getByLabel('Notes').fill('Birthday')
    await addParty('Ana Lima', 4, '+1 (303) 555-0100', 15)
    await expect
      .poll(() => entry('Ana Lima'))
      .toMatchObject({ status: 'waiting', party_size: 4, phone: '+13035550100', quoted_wait_minutes: 15, notes: 'Birthday', created_by: s.staff.id })
    await row(watcher, 'Ana Lima').waitFor()
    expect(await row(desk, 'Ana Lima').textContent()).toMatch(/Quoted 15 min.*Waiting/)

    await desk.getByRole('button', { name: 'Notify Ana Lima' }).click()
    await row(watcher, 'Ana Lima').getByText('Notified').waitFor()
    const notified = await entry('Ana Lima')
    expect(notified).toMatchObject({ status: 'notified' })
    expect(notified!.notified_at).not.toBeNull()
    await expectAccessible(desk, 'waitlist')
    await screenshot(desk, 'waitlist')

    await desk.getByRole('button', { name: 'Seat Ana Lima' }).click()
    const dialog = desk.getByRole('dialog', { name: 'Seat Ana Lima' })
    // Both rooms hold four and are free; the smaller is proposed.
    const small = dialog.getByRole('radio', { name: /Karaoke One/ })
    await small.waitFor()
    expect(await small.isChecked()).toBe(true)
    await dialog.getByRole('radio', { name: /Karaoke Two/ }).check()
    await dialog.getByLabel('Minutes in the room').fill('90')
    await expectAccessible(desk, 'waitlist seat dialog')
    await screenshot(desk, 'waitlist-seat')
    await dialog.getByRole('button', { name: 'Seat Ana Lima' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await row(watcher, 'Ana Lima').waitFor({ state: 'detached' })
    await desk.getByRole('status').filter({ hasText: 'Ana Lima seated in Karaoke Two' }).waitFor()

    const seated = await entry('Ana Lima')
    expect(seated).toMatchObject({ status: 'seated', room_id: big.id })
    const booking = await s.ctx.database.raw.query<{ status: string; party_size: number; room_id: string; minutes: number; active: boolean }>(
      `select r.status, r.party_size, i.room_id, (extract(epoch from i.ends_at - i.starts_at) / 60)::int as minutes, i.active
         from reservations r join reservation_items i on i.reservation_id = r.id where r.id = $1`,
      [seated!.reservation_id],
    )
    expect(booking.rows).toEqual([{ status: 'checked_in', party_size: 4, room_id: big.id, minutes: 90, active: true }])
  })

  it('adds another party and removes it as a no-show; the list of no-shows has it', async () => {
    await addParty('Bo Chen', 2, '+1 303 555 0111')
    await row(watcher, 'Bo Chen').waitFor()
    await desk.getByRole('button', { name: 'Remove Bo Chen' }).click()
    const dialog = desk.getByRole('dialog', { name: 'Remove Bo Chen' })
    await dialog.getByRole('radio', { name: /No-show/ }).check()
    await dialog.getByRole('button', { name: 'Remove Bo Chen' }).click()
    await row(watcher, 'Bo Chen').waitFor({ state: 'detached' })
    await desk.getByText('Nobody is waiting.').waitFor()

    const removed = await entry('Bo Chen')
    expect(removed).toMatchObject({ status: 'no_show', room_id: null, reservation_id: null })
    expect(removed!.ended_at).not.toBeNull()

    await desk.getByLabel('Show').selectOption('no_show')
    await row(desk, 'Bo Chen').getByText('No-show').waitFor()
    expect(await row(desk, 'Bo Chen').getByRole('button').count()).toBe(0)
  })
})
