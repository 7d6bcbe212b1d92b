import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSkip, expectAccessible, openConsole, screenshot, type ConsoleBrowser } from '../helpers/browser.js'
import { scene, type Scene } from '../helpers/scene.js'

describe.skipIf(browserSkip())('console: signing in and finding the screens', () => {
  let s: Scene<Record<never, string>>
  let browser: ConsoleBrowser
  beforeAll(async () => {
    s = await scene({ venue: {}, staff: 'manager', admin: true })
    browser = await openConsole(s.ctx)
  })
  afterAll(async () => {
    await browser?.close()
    await s?.ctx.close()
  })

  it('/ goes to the console, which asks who is there', async () => {
    const page = await browser.page()
    const response = await page.goto(`${browser.origin}/`)
    expect(response?.ok()).toBe(true)
    expect(new URL(page.url()).pathname).toBe('/console/')
    await expect(page.getByRole('heading', { name: 'Reservoir console' }).isVisible()).resolves.toBe(true)
    await expectAccessible(page, 'sign-in')
    await screenshot(page, 'sign-in')
  })

  it('a wrong password is said in words and signs nobody in', async () => {
    const page = await browser.page()
    await page.getByLabel('Email').fill(s.staff.email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/password/i)
    expect(await page.evaluate(() => sessionStorage.getItem('reservoir.session'))).toBeNull()
  })

  it('staff land on their venue’s first screen, with the screens of its kind only', async () => {
    const page = await browser.page(s.staff)
    await page.waitForURL('**/console/frontdesk')
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Front desk', 'Waitlist', 'Business info'])
    expect(await page.getByLabel('Venue').inputValue()).toBe(s.venue.id)
  })

  it('an admin who also runs a venue starts at its desk, with Admin in the navigation too', async () => {
    await s.ctx.database.raw.query(`insert into memberships (venue_id, user_id, role) values ($1, $2, 'owner')`, [s.venue.id, s.admin.id])
    const page = await browser.page(s.admin)
    await page.waitForURL('**/console/frontdesk')
    const nav = page.getByRole('navigation', { name: 'Screens' })
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Front desk', 'Waitlist', 'Business info', 'Admin'])
  })

  it('signing out revokes the refresh token at the server', async () => {
    const page = await browser.page(s.staff)
    const refresh = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('reservoir.session')!) as { refresh: string }).refresh)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    const reply = await s.ctx.app.inject({ method: 'POST', url: '/api/v1/auth/token/refresh', payload: { refresh } })
    expect(reply.statusCode).toBe(401)
  })

  it('an unknown console path falls back to the app, and assets are cached by their hashed names', async () => {
    const page = await browser.page()
    const response = await page.goto(`${browser.origin}/console/no/such/screen`)
    expect(response?.headers()['content-type']).toMatch(/text\/html/)
    const script = await page.locator('script[type=module]').getAttribute('src')
    const asset = await fetch(`${browser.origin}${script}`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
  })
})
