import axe from 'axe-core'
import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { CHROMIUM, browserSkipReason } from './browser-skip.js'
import type { TestContext } from './context.js'
import { PASSWORD, type Actor } from './factories.js'

/** Why this run skips the browser tests (see browser-skip.ts), or null. Use with `describe.skipIf`. */
export const browserSkip = browserSkipReason

/**
 * A time zone where it is about noon now. The browser keeps the real clock, as a desk does, so
 * a venue in this zone has its business day ahead of it whenever the test runs (a venue in a
 * fixed zone would have no free slot left late in its evening).
 */
export function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours()
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`
}

/** Where screenshots go, one PNG per screen, for a reviewer to look at. */
export const SCREENSHOTS = new URL('../../test-output/console/', import.meta.url)

// The flags a root sandbox without a network needs: no sandbox, no GPU, and nothing that
// phones home (each refused connection would otherwise be retried in the background).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface ConsoleBrowser {
  /** The server's origin, e.g. http://127.0.0.1:41234. */
  origin: string
  browser: Browser
  /** A page in a browser context of its own (its own session storage), signed in as `actor` when given. */
  page(actor?: Actor, path?: string): Promise<Page>
  close(): Promise<void>
}

/** Serves the test app on a real port and starts Chromium against it. */
export async function openConsole(ctx: TestContext): Promise<ConsoleBrowser> {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 })
  const origin = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  return {
    origin,
    browser,
    async page(actor, path = '/') {
      // A tablet's width: the console must work there, so the tests use it.
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${origin}/console${path}`)
      if (actor) await signIn(page, actor)
      return page
    },
    close: () => browser.close(),
  }
}

/** Signs in through the console's own form, as a person would. */
export async function signIn(page: Page, actor: Actor): Promise<void> {
  await page.getByLabel('Email').fill(actor.email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}

/**
 * Checks the page with axe-core (WCAG 2.x A and AA rules) and fails on any serious or critical
 * violation, naming the rule and the elements. axe runs through the DevTools protocol, so the
 * console's Content-Security-Policy stays as strict as in production.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  )
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
  expect(serious, `accessibility of ${screen}`).toEqual([])
}

/** Saves a full-page screenshot as test-output/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true })
}
