import Fastify from 'fastify'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { consolePages } from '../../src/http/console.js'

// The console's files as the server serves them, without a browser (so on both databases).
const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

async function serve(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'console-'))
  dirs.push(root)
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true })
    await writeFile(join(root, name), text)
  }
  const app = Fastify()
  await app.register(consolePages, { root: `${root}/` })
  return app
}

describe('serving the console', () => {
  it('/ and /console redirect to /console/', async () => {
    const app = await serve({ 'index.html': '<!doctype html><title>x</title>' })
    for (const url of ['/', '/console']) {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/console/')
    }
  })

  it('every console path answers the app’s page, not cached; hashed assets are cached for a year', async () => {
    const app = await serve({ 'index.html': '<!doctype html><title>console</title>', 'assets/index-abc123.js': 'console.log(1)' })
    for (const url of ['/console/', '/console/hotel/reports', '/console/frontdesk?date=2026-12-06']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toContain('<title>console</title>')
      expect(res.headers['cache-control']).toBe('no-cache')
    }
    const asset = await app.inject({ url: '/console/assets/index-abc123.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-type']).toMatch(/javascript/)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    // Nothing outside the build is reachable through it.
    expect((await app.inject({ url: '/console/assets/../../../etc/passwd' })).body).not.toContain('root:')
  })

  it('before any build, says how to build it instead of a bare 404', async () => {
    const app = await serve({})
    const res = await app.inject({ url: '/console/' })
    expect(res.statusCode).toBe(503)
    expect(res.body).toContain('npm run build')
  })
})
