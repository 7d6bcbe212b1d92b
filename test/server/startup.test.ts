import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
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

  it('refuses unsafe settings in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false' })).toThrow(/JWT_SECRET/)
    const secret = 'x'.repeat(40)
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false', ALLOW_AUTO_CONFIRM: 'true' })).toThrow(/ALLOW_AUTO_CONFIRM/)
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, SEED_DEMO: 'false' })).toThrow(/PAYMENT_GATEWAY/)
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PAYMENT_GATEWAY: 'stripe', SEED_DEMO: 'false' }).env).toBe('production')
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
    const env = { NODE_ENV: 'development', DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', ADMIN_EMAIL: 'boss@example.test', ADMIN_PASSWORD: 'demo password 1', LOG_LEVEL: 'silent' }
    try {
      const first = await startServer(loadConfig(env))
      const base = `http://127.0.0.1:${(first.app.server.address() as AddressInfo).port}/api/v1`
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', database: 'pglite' })
      const venues = (await (await fetch(`${base}/venues`)).json()) as { results: { id: string; slug: string; timezone: string; hours: unknown[] }[] }
      expect(venues.results).toHaveLength(1)
      expect(venues.results[0]).toMatchObject({ slug: 'neon-nights', timezone: 'America/Denver' })
      expect(venues.results[0]!.hours).toContainEqual({ weekday: 5, open: '16:00', close: '02:00' })
      const rooms = (await (await fetch(`${base}/venues/${venues.results[0]!.id}/rooms`)).json()) as { results: { capacity: number }[] }
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
      expect(((await (await fetch(`${again}/venues`)).json()) as { count: number }).count).toBe(1)
      await second.stop()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
