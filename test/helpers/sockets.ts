import WebSocket from 'ws'
import type { TestContext } from './context.js'

export interface Frame {
  type: string
  [key: string]: any
}

export interface TestSocket {
  frames: Frame[]
  /** The first frame (already received or still to come) that matches, or an error after `ms`. */
  next(match: (f: Frame) => boolean, ms?: number): Promise<Frame>
  close(): void
}

/** The base URL of a test app listening on a real port (WebSockets do not go through inject). */
export async function listening(ctx: TestContext): Promise<string> {
  const address = ctx.app.server.address()
  if (address && typeof address === 'object') return `ws://127.0.0.1:${address.port}/api/v1`
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  return listening(ctx)
}

/** Opens a socket and waits for its `ready` frame; refuses with the handshake's HTTP status. */
export function openSocket(url: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    const frames: Frame[] = []
    const waiters: Array<() => void> = []
    socket.on('message', (data) => {
      frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame)
      waiters.splice(0).forEach((w) => w())
    })
    socket.on('unexpected-response', (_req, res) => reject(new HandshakeRefused(res.statusCode ?? 0)))
    socket.on('error', (error) => reject(error))
    const api: TestSocket = {
      frames,
      close: () => socket.close(),
      next: (match, ms = 5_000) =>
        new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames)}`)), ms)
          const check = () => {
            const hit = frames.find(match)
            if (hit) {
              clearTimeout(timer)
              done(hit)
            } else waiters.push(check)
          }
          check()
        }),
    }
    api.next((f) => f.type === 'ready').then(() => resolve(api), reject)
  })
}

export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`handshake refused with ${status}`)
  }
}

/** The HTTP status a refused handshake answered with. */
export async function refusal(url: string): Promise<number> {
  try {
    const s = await openSocket(url)
    s.close()
    return 101
  } catch (error) {
    if (error instanceof HandshakeRefused) return error.status
    throw error
  }
}
