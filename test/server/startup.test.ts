import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { describe, expect, inject, it } from 'vitest'
import { buildServices } from '../../src/app.js'
import { seedDemo } from '../../src/modules/demo/seed.js'
import { makeDeps, openConfiguredDatabase } from '../../src/server.js'
import { adminQuery, withDatabase } from '../helpers/global-setup.js'
import { ConfigError, loadConfig } from '../../src/config.js'
import { startServer } from '../../src/server.js'

describe('configuration', () => {
  it('lists every invalid setting at once, readably', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: 'eighty', DATABASE_URL: 'mysql://x', HOLD_TTL_MINUTES: '-5' })).toThrow(ConfigError)
    try {
      loadConfig({ NODE_ENV: 'test', PORT: 'eighty', DATABASE_URL: 'mysql://x' })
    } catch (error) {
      expect((error as Error).message).toMatch(/^Invalid configuration:/)
      expect((error as Error).message).toContain('PORT')
      expect((error as Error).message).toContain('DATABASE_URL')
    }
  })

  it('refuses numbers out of range', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', HOLD_TTL_MINUTES: '0' })).toThrow(/HOLD_TTL_MINUTES: must be between 1 and 1440/)
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: '99999', DATABASE_POOL_SIZE: '0' })).toThrow(/PORT[\s\S]*DATABASE_POOL_SIZE/)
  })

  it('refuses unsafe settings in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false' })).toThrow(/JWT_SECRET/)
    const secret = 'x'.repeat(40)
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false', ALLOW_AUTO_CONFIRM: 'true' })).toThrow(
      /ALLOW_AUTO_CONFIRM/,
    )
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, SEED_DEMO: 'false' })).toThrow(/PAYMENT_GATEWAY/)
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false' })).toThrow(
      /STRIPE_WEBHOOK_SECRET[\s\S]*STRIPE_SECRET_KEY/,
    )
    const stripe = { STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef' }
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false', ...stripe, STRIPE_SECRET_KEY: 'sk_test_abc' }),
    ).toThrow(/a test key/)
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false', ...stripe }).env).toBe('production')
  })

  it('keeps a generated development secret under DATA_DIR across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reservoir-cfg-'))
    try {
      const a = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir })
      const b = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir })
      expect(a.jwtSecret).toHaveLength(64)
      expect(b.jwtSecret).toBe(a.jwtSecret)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('npm start on the embedded database', () => {
  it('migrates, loads the demo once, runs the jobs and serves the API', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reservoir-start-'))
    const env = {
      NODE_ENV: 'development',
      DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_EMAIL: 'boss@example.test',
      ADMIN_PASSWORD: 'demo password 1',
      LOG_LEVEL: 'silent',
    }
    try {
      const first = await startServer(loadConfig(env))
      const base = `http://127.0.0.1:${(first.app.server.address() as AddressInfo).port}/api/v1`
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', database: 'pglite' })
      const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
      const venues = (await (await fetch(`${base}/venues`)).json()) as { results: { id: string; slug: string; timezone: string; hours: unknown[] }[] }
      expect(venues.results.map((v) => v.slug).sort()).toEqual(['harbour-view', expect.stringMatching(/^mira-sol-yoga-/), 'neon-nights'])
      // The marketplace's demo: a verified teacher with a session, a workshop and a course on sale.
      const teachers = (await (await fetch(`${base}/practitioners`)).json()) as { results: { id: string; display_name: string }[] }
      expect(teachers.results.map((p) => p.display_name)).toEqual(['Mira Sol Yoga'])
      const offered = (await (await fetch(`${base}/services?available_from=${day(7)}&available_to=${day(14)}`)).json()) as { results: { type: string }[] }
      expect(offered.results.map((s) => s.type).sort()).toEqual(['course', 'session', 'workshop'])
      const mira = teachers.results[0]!.id
      const packages = (await (await fetch(`${base}/practitioners/${mira}/packages`)).json()) as { results: { name: string; saving: { amount: number } }[] }
      expect(packages.results).toEqual([expect.objectContaining({ name: 'Five Saturday flows', saving: { amount: 1875, currency: 'EUR' } })])
      const bundles = (await (await fetch(`${base}/practitioners/${mira}/bundles`)).json()) as { results: { name: string; saving: { amount: number } }[] }
      expect(bundles.results).toEqual([expect.objectContaining({ name: 'Breathe and two private classes', saving: { amount: 3000, currency: 'EUR' } })])
      const bar = venues.results.find((v) => v.slug === 'neon-nights')!
      expect(bar).toMatchObject({ timezone: 'America/Denver' })
      expect(bar.hours).toContainEqual({ weekday: 5, open: '16:00', close: '02:00' })
      // The demo hotel has rooms on sale from today: a search for next week finds all five types.
      const hotel = venues.results.find((v) => v.slug === 'harbour-view')!
      const search = (await (await fetch(`${base}/stays/search?venue=${hotel.id}&arrival=${day(7)}&departure=${day(10)}&guests=2`)).json()) as {
        results: { offers: { name: string }[] }[]
      }
      expect(search.results).toHaveLength(4)
      expect(search.results.every((r) => r.offers.map((o) => o.name).join() === 'Flexible,Non-refundable')).toBe(true)
      const rooms = (await (await fetch(`${base}/venues/${bar.id}/rooms`)).json()) as { results: { capacity: number }[] }
      const capacities = rooms.results.map((r) => r.capacity).sort((a, b) => a - b)
      expect(capacities).toHaveLength(6)
      expect(capacities[0]).toBe(4)
      expect(capacities[5]).toBe(20)
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'boss@example.test', password: 'demo password 1' }),
      })
      expect(login.status).toBe(200)
      expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin')
      expect(first.jobs).toBeDefined()
      await first.stop()

      // A second start on the same directory keeps the data and does not seed again.
      const second = await startServer(loadConfig(env))
      const again = `http://127.0.0.1:${(second.app.server.address() as AddressInfo).port}/api/v1`
      expect(((await (await fetch(`${again}/venues`)).json()) as { count: number }).count).toBe(3)
      await second.stop()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe.runIf(inject('pg') !== null)('several instances starting together on PostgreSQL', () => {
  it('migrate and seed one after another: both start, the demo exists once', async () => {
    const pg = inject('pg')!
    const name = `${pg.template.replace(/_tpl$/, '')}_boot`
    await adminQuery(pg.url, `drop database if exists "${name}" with (force)`)
    await adminQuery(pg.url, `create database "${name}"`)
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: withDatabase(pg.url, name), ADMIN_PASSWORD: 'demo password 1' })
    const databases = await Promise.all([openConfiguredDatabase(config), openConfiguredDatabase(config), openConfiguredDatabase(config)])
    try {
      const seeded = await Promise.all(
        databases.map((database) => {
          const deps = makeDeps(config, database)
          return database.exclusive(() => seedDemo(deps, buildServices(deps)))
        }),
      )
      expect(seeded.filter((s) => s.seeded)).toHaveLength(1)
      const { rows } = await databases[0].raw.query<{ venues: number; types: number }>(
        'select (select count(*)::int from venues) as venues, (select count(*)::int from room_types) as types',
      )
      // The karaoke bar and the hotel with its five room types, once.
      expect(rows[0]).toEqual({ venues: 3, types: 5 })
    } finally {
      await Promise.all(databases.map((d) => d.close()))
      await adminQuery(pg.url, `drop database if exists "${name}" with (force)`)
    }
  })
})
