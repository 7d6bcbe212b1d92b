import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSkip, expectAccessible, openConsole, screenshot, type ConsoleBrowser } from '../helpers/browser.js'
import { client } from '../helpers/factories.js'
import { fakeOf, holdAndCheckout } from '../helpers/payments.js'
import { scene, type Scene } from '../helpers/scene.js'

/*
 * The admin screen in a browser: two applications decided (one verified, one rejected with a
 * reason), a member added to a venue, and a paid reservation's payment log and history read.
 * After each flow the database is asked what it holds.
 */
const NOW = '2027-03-01T08:00:00Z'

describe.skipIf(browserSkip())('console: admin', () => {
  let s: Scene<{ ana: 'Ana'; bo: 'Bo'; hire: 'Hana Hire'; buyer: 'Buyer' }>
  let browser: ConsoleBrowser
  let ana: { id: string }
  let bo: { id: string }
  let paid: { id: string }
  const query = async <T>(sql: string, params: unknown[] = []) => (await s.ctx.database.raw.query<T>(sql, params)).rows

  beforeAll(async () => {
    s = await scene({ at: NOW, venue: {}, room: {}, admin: true, customers: { ana: 'Ana', bo: 'Bo', hire: 'Hana Hire', buyer: 'Buyer' } })
    const apply = async (who: { access: string }, name: string) =>
      (
        await client(s.ctx, who.access).post('/practitioners/apply', {
          display_name: name,
          bio: `${name} has taught for ten years`,
          specializations: ['Yoga'],
          certifications: ['RYT 500'],
          locations: [{ city: 'Lisbon', is_virtual: false }],
          timezone: 'Europe/Lisbon',
          currency: 'EUR',
        })
      ).body as { id: string }
    ana = await apply(s.ana, 'Ana Yoga')
    bo = await apply(s.bo, 'Bo Reiki')
    const held = await holdAndCheckout(s.ctx, s.buyer, s.venue, s.room, '2027-03-05T19:00', '2027-03-05T21:00')
    await fakeOf(s.ctx).pay(held.intentId)
    paid = held
    browser = await openConsole(s.ctx)
  })
  afterAll(async () => {
    await browser?.close()
    await s?.ctx.close()
  })

  it('verifies one pending practitioner and rejects another with a reason; adds a member; reads a payment log', async () => {
    const page = await browser.page(s.admin, '/admin/practitioners')
    const applications = page.getByRole('table')
    await applications.getByText('Ana Yoga', { exact: true }).waitFor()
    await applications.getByText('Bo Reiki', { exact: true }).waitFor()
    await expectAccessible(page, 'admin practitioners')
    await screenshot(page, 'admin-practitioners')

    await page.getByRole('button', { name: 'Verify Ana Yoga' }).click()
    await page.getByRole('status').filter({ hasText: 'Ana Yoga is now verified.' }).waitFor()
    await applications.getByText('Ana Yoga', { exact: true }).waitFor({ state: 'detached' })
    expect(await query('select verification_status, verified_at is not null as stamped from practitioners where id = $1', [ana.id])).toEqual([
      { verification_status: 'verified', stamped: true },
    ])

    await page.getByRole('button', { name: 'Reject Bo Reiki' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reject Bo Reiki' })
    await dialog.getByRole('button', { name: 'Reject application' }).click()
    // The reason is required in the browser: nothing was sent.
    expect(await dialog.getByLabel(/Reason/).evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true)
    await dialog.getByLabel(/Reason/).fill('The certificate is unreadable')
    await expectAccessible(page, 'admin reject dialog')
    await screenshot(page, 'admin-reject-dialog')
    await dialog.getByRole('button', { name: 'Reject application' }).click()
    await page.getByRole('status').filter({ hasText: 'Bo Reiki is now rejected.' }).waitFor()
    expect(await query('select verification_status, rejection_reason, verified_at from practitioners where id = $1', [bo.id])).toEqual([
      { verification_status: 'rejected', rejection_reason: 'The certificate is unreadable', verified_at: null },
    ])

    // Venues and members, through the screen's own sub-navigation.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Venues and members' }).click()
    await page.getByLabel('Name contains').fill(s.venue.name)
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('button', { name: s.venue.name }).click()
    await page.getByRole('heading', { name: `Members of ${s.venue.name}` }).waitFor()
    await page.getByLabel('Email of the member').fill(s.hire.email)
    await page.getByLabel('Role').selectOption('manager')
    await page.getByRole('button', { name: 'Add member' }).click()
    await page.getByRole('button', { name: `Remove Hana Hire (${s.hire.email})` }).waitFor()
    expect(await query('select role from memberships where venue_id = $1 and user_id = $2', [s.venue.id, s.hire.id])).toEqual([{ role: 'manager' }])
    await expectAccessible(page, 'admin venues')
    await screenshot(page, 'admin-venues')

    // A paid reservation's payment log and history.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Payment log' }).click()
    await page.getByLabel('Reservation id').fill(paid.id)
    await page.getByRole('button', { name: 'Open' }).click()
    const log = page.getByRole('region', { name: 'Payment log', exact: true }).getByRole('table')
    await log.waitFor()
    // Webhook receipts name only the payment; the rest name the reservation too.
    const kinds = (
      await query<{ kind: string }>(
        'select kind from payment_log where reservation_id = $1 or payment_id in (select id from payments where reservation_id = $1) order by id',
        [paid.id],
      )
    ).map((r) => r.kind)
    expect(kinds).toEqual(expect.arrayContaining(['intent_created', 'webhook_received', 'intent_succeeded']))
    await expect.poll(() => log.locator('tbody tr').count()).toBe(kinds.length)
    for (const kind of new Set(kinds)) expect(await log.getByRole('cell', { name: kind.replace(/_/g, ' '), exact: true }).count()).toBeGreaterThan(0)
    const history = page.getByRole('region', { name: 'History', exact: true }).getByRole('table')
    await history.getByRole('cell', { name: 'confirmed', exact: true }).waitFor()
    expect(await query('select status from reservations where id = $1', [paid.id])).toEqual([{ status: 'confirmed' }])
    await expectAccessible(page, 'admin payment log')
    await screenshot(page, 'admin-payment-log')
  })
})
