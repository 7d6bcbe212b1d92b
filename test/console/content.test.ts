import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSkip, expectAccessible, openConsole, screenshot, type ConsoleBrowser } from '../helpers/browser.js'
import { scene, type Scene } from '../helpers/scene.js'

describe.skipIf(browserSkip())('console: business info and menu', () => {
  let s: Scene<Record<never, string>>
  let browser: ConsoleBrowser
  let page: Page

  beforeAll(async () => {
    s = await scene({ venue: { timezone: 'Europe/Lisbon', currency: 'EUR' }, staff: 'manager' })
    // A menu longer than a page, so the list pages: 20 wines after whatever the test adds.
    await s.ctx.database.raw.query(
      `insert into menu_items (venue_id, name, price, category, position) select $1, 'Wine ' || lpad(n::text, 2, '0'), 700 + n, 'Wines', n from generate_series(1, 20) n`,
      [s.venue.id],
    )
    browser = await openConsole(s.ctx)
    page = await browser.page(s.staff, '/content')
    await page.getByRole('heading', { name: 'Business info and menu' }).waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await s?.ctx.close()
  })

  const info = async () => (await s.ctx.database.raw.query<Record<string, unknown>>('select * from venue_info where venue_id = $1', [s.venue.id])).rows[0]
  const item = async (name: string) =>
    (
      await s.ctx.database.raw.query<{ name: string; price: number; category: string; available: boolean; position: number; description: string | null }>(
        'select name, price, category, available, position, description from menu_items where venue_id = $1 and name = $2',
        [s.venue.id, name],
      )
    ).rows[0]

  it('edits the business info, every field, refusing a network named twice before sending', async () => {
    const form = page.getByRole('region', { name: 'Business info', exact: true })
    await form.getByLabel('Phone').fill('+351 21 000 0000')
    await form.getByLabel('Address', { exact: true }).fill('Rua das Flores 10, Lisboa')
    await form.getByLabel('Opening hours, as guests read them').fill('Every day 16:00–02:00')
    await form.getByLabel('Policies').fill('Over 18 only after 22:00.')
    await form.getByRole('button', { name: 'Add a link' }).click()
    await form.getByLabel('Network 1').fill('instagram')
    await form.getByLabel('Address 1').fill('https://instagram.example/karaoke')
    await form.getByRole('button', { name: 'Add a link' }).click()
    // The new row has the focus, ready to type.
    expect(await form.getByLabel('Network 2').evaluate((el) => el === document.activeElement)).toBe(true)
    await form.getByLabel('Network 2').fill('instagram')
    await form.getByLabel('Address 2').fill('https://example.test/')
    await form.getByRole('button', { name: 'Save business info' }).click()
    expect(await form.getByLabel('Network 2').evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('instagram is already listed')
    expect(await info()).toBeUndefined()

    await form.getByLabel('Network 2').fill('web')
    await form.getByRole('button', { name: 'Save business info' }).click()
    await form.getByRole('status').filter({ hasText: 'Business info saved.' }).waitFor()
    expect(await info()).toMatchObject({
      phone: '+351 21 000 0000',
      address: 'Rua das Flores 10, Lisboa',
      hours_text: 'Every day 16:00–02:00',
      policies: 'Over 18 only after 22:00.',
      socials: { instagram: 'https://instagram.example/karaoke', web: 'https://example.test/' },
    })

    // A PUT replaces the whole: the link removed here is gone at the server too.
    await form.getByRole('button', { name: 'Remove link 2' }).click()
    await form.getByRole('button', { name: 'Save business info' }).click()
    await expect.poll(async () => (await info())?.socials).toEqual({ instagram: 'https://instagram.example/karaoke' })
  })

  it('adds, edits and removes a menu item, the list paged', async () => {
    const menu = page.getByRole('region', { name: 'Menu', exact: true })
    await menu.getByRole('row').filter({ hasText: 'Wine 01' }).waitFor()
    await menu.getByRole('button', { name: 'Add an item' }).click()
    const add = page.getByRole('dialog', { name: 'Add a menu item' })
    await add.getByLabel('Name').fill('Highball')
    await add.getByLabel('Category').fill('Drinks')
    await add.getByLabel('Price (EUR)').fill('9.5')
    await add.getByLabel('Description').fill('Whisky and soda')
    await add.getByRole('button', { name: 'Add item' }).click()
    await add.waitFor({ state: 'hidden' })
    // Drinks sort before Wines: the new item heads the first of two pages.
    await menu.getByRole('row').filter({ hasText: 'Highball' }).getByText('€9.50').waitFor()
    await menu.getByText('Page 1 of 2 (21 in all)').waitFor()
    expect(await item('Highball')).toEqual({ name: 'Highball', price: 950, category: 'Drinks', available: true, position: 0, description: 'Whisky and soda' })

    await expectAccessible(page, 'content')
    await screenshot(page, 'content')

    await menu.getByRole('button', { name: 'Edit Highball' }).click()
    const edit = page.getByRole('dialog', { name: 'Edit Highball' })
    expect(await edit.getByLabel('Price (EUR)').inputValue()).toBe('9.50')
    await edit.getByLabel('Name').fill('Highball, large')
    await edit.getByLabel('Price (EUR)').fill('12.25')
    await edit.getByLabel(/Available/).uncheck()
    await expectAccessible(page, 'content edit dialog')
    await screenshot(page, 'content-edit')
    await edit.getByRole('button', { name: 'Save item' }).click()
    await edit.waitFor({ state: 'hidden' })
    await menu.getByRole('row').filter({ hasText: 'Highball, large' }).getByText('€12.25').waitFor()
    expect(await item('Highball, large')).toMatchObject({ price: 1225, available: false, category: 'Drinks' })

    await menu.getByRole('button', { name: 'Next' }).click()
    await menu.getByText('Page 2 of 2 (21 in all)').waitFor()
    await menu.getByRole('row').filter({ hasText: 'Wine 20' }).waitFor()
    await menu.getByRole('button', { name: 'Previous' }).click()

    await menu.getByRole('button', { name: 'Remove Highball, large' }).click()
    const remove = page.getByRole('dialog', { name: 'Remove Highball, large' })
    await remove.getByRole('button', { name: 'Remove Highball, large' }).click()
    await menu.getByRole('status').filter({ hasText: 'Highball, large removed from the menu.' }).waitFor()
    await menu.getByRole('row').filter({ hasText: 'Highball' }).waitFor({ state: 'detached' })
    expect(await item('Highball, large')).toBeUndefined()
    expect(Number((await s.ctx.database.raw.query<{ n: string }>('select count(*) as n from menu_items where venue_id = $1', [s.venue.id])).rows[0]!.n)).toBe(
      20,
    )
  })
})
