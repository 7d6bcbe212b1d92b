import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../helpers/context.js'

/**
 * Requests refused before any route runs, by Node's HTTP parser (oversized headers, a method
 * or bytes it does not know) or by Fastify's router (bad percent-encoding, an overlong path
 * parameter, no route). Sent over a real socket, byte for byte, since `inject` skips the
 * parser. Each answer is the API's error shape and nothing of the request comes back.
 */
describe('errors raised before our handlers', () => {
  let ctx: TestContext
  let port: number
  beforeAll(async () => {
    ctx = await buildTestApp()
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    port = (ctx.app.server.address() as AddressInfo).port
  })
  afterAll(() => ctx.close())

  interface Raw {
    status: number
    headers: Record<string, string>
    body: string
  }

  /** Writes `text` as-is and reads the whole answer (every one of these closes the connection). */
  const send = (text: string) =>
    new Promise<Raw>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text))
      const chunks: Buffer[] = []
      socket.on('data', (d: Buffer) => chunks.push(d))
      socket.on('error', reject)
      socket.on('close', () => {
        const all = Buffer.concat(chunks).toString('utf8')
        const split = all.indexOf('\r\n\r\n')
        const [statusLine, ...lines] = all.slice(0, split).split('\r\n')
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
        resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: all.slice(split + 4) })
      })
    })
  const request = (method: string, path: string, extra = '') => send(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`)

  /** The answer is exactly {error, code, detail}, never quotes `sent`, and is not cached. */
  const expectShape = (res: Raw, status: number, code: string, sent: string) => {
    expect(res.status, res.body).toBe(status)
    const body = JSON.parse(res.body) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'error'])
    expect(body).toEqual({ error: expect.any(String), code, detail: null })
    expect(res.body).not.toContain(sent)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
  }

  it('headers over the size limit: 431 headers_too_large (Node’s parser)', async () => {
    const marker = 'x'.repeat(20_000)
    expectShape(await request('GET', '/api/v1/ping', `X-Big: ${marker}\r\n`), 431, 'headers_too_large', marker.slice(0, 100))
  })

  it('a request line over the size limit: 431 (Node’s parser counts it with the headers)', async () => {
    const id = 'a'.repeat(20_000)
    expectShape(await request('GET', `/api/v1/venues/${id}`), 431, 'headers_too_large', id.slice(0, 100))
  })

  it('a path id longer than the router allows: 414 uri_too_long', async () => {
    const id = `long${'a'.repeat(300)}`
    const res = await request('GET', `/api/v1/venues/${id}`)
    expectShape(res, 414, 'uri_too_long', id)
    expect(res.headers['x-request-id']).toEqual(expect.any(String))
  })

  it('a path that is not valid percent-encoding: 400 malformed_url', async () => {
    expectShape(await request('GET', '/api/v1/venues/echo%E0%A4%A'), 400, 'malformed_url', 'echo')
  })

  it.each(['PROPFIND', 'FOO'])('a method the API does not use (%s): 501 method_not_implemented', async (method) => {
    expectShape(await request(method, '/api/v1/venues/echo-me'), 501, 'method_not_implemented', 'echo-me')
  })

  it('bytes that are not HTTP: 400 malformed_request', async () => {
    expectShape(await send('GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'), 400, 'malformed_request', 'Bad Header')
  })

  it('no route: 404 not_found without the path', async () => {
    expectShape(await request('GET', '/api/v1/nothing/echo-me-back'), 404, 'not_found', 'echo-me-back')
    expectShape(await request('DELETE', '/api/v1/venues/echo'), 404, 'not_found', 'echo')
  })
})
