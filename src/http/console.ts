import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where `npm run build` leaves the console (Vite's output), from src/http or dist/http alike. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url))

/**
 * The staff console (SPEC §12): a single-page app built by Vite, served from this server at
 * /console over the same API, so it needs no second backend and no CORS. Any path under
 * /console that is not a built file answers the app's page, which routes in the browser.
 */
export async function consolePages(app: FastifyInstance, { root = CONSOLE_DIR }: { root?: string } = {}) {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/'))
  app.get('/console', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/'))

  if (!existsSync(`${root}index.html`)) {
    // A checkout run with `tsx` before any build: say what to do rather than 404.
    app.get('/console/*', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The console is not built yet: run `npm run build` (npm start does it).\n'),
    )
    return
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    // Swagger UI registers the plugin too; one reply.sendFile decorator is enough.
    decorateReply: false,
    wildcard: false,
    index: false,
    // Vite names its assets by content hash: a changed file has a new name, so keep them long.
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
    schemaHide: true,
  })
  // The page itself for every route of the app (/console/, /console/hotel, …).
  app.get('/console/*', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(await page(root)),
  )
}

let cached: { root: string; html: Promise<Buffer> } | undefined
async function page(root: string): Promise<Buffer> {
  if (cached?.root !== root) {
    const { readFile } = await import('node:fs/promises')
    cached = { root, html: readFile(`${root}index.html`) }
  }
  return cached.html
}
