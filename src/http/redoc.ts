import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'

const BUNDLE = '/redoc/redoc.standalone.js'

/**
 * A ReDoc page beside Swagger UI, served entirely by this server: the `redoc` package's
 * standalone bundle and a page that points it at the API document. Nothing comes from a CDN,
 * and the page has no inline script (the bundle renders every `<redoc spec-url>` element).
 */
export async function redocPage(app: FastifyInstance, { specUrl }: { specUrl: string }) {
  // About a megabyte: read when someone first opens the page, not by every server at start.
  let bundle: Promise<Buffer> | undefined
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Reservoir API</title>
  </head>
  <body>
    <redoc spec-url="${specUrl}"></redoc>
    <script src="${BUNDLE}"></script>
  </body>
</html>
`
  // ReDoc runs its search index in a Worker it creates from a blob: URL; everything else
  // stays as strict as the rest of the site.
  const csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; worker-src 'self' blob:"

  app.get('/redoc', { schema: { hide: true } }, async (_req, reply) => reply.header('content-security-policy', csp).type('text/html; charset=utf-8').send(page))
  app.get(BUNDLE, { schema: { hide: true } }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=86400')
      .type('application/javascript; charset=utf-8')
      .send(await (bundle ??= readFile(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js')))),
  )
}
