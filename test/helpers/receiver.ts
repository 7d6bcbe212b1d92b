import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingHttpHeaders
  /** The raw body, as signed. */
  body: string
}

export interface Receiver {
  url: string
  got: Received[]
  /** The status of the n-th request (1-based); 200 unless told otherwise. */
  answer: (n: number) => number
  close(): Promise<void>
}

/**
 * A server on 127.0.0.1 for a test to talk to: each request is read whole, then handed to
 * `respond` with its body. `close` also ends kept-alive sockets (SDKs keep theirs open).
 */
export async function localServer(respond: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => respond(req, body, res))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((ok) => server.close(ok))
    },
  }
}

/** A webhook receiver on 127.0.0.1 that records every request and answers `answer(n)`, after `delayMs`. */
export async function webhookReceiver(answer: (n: number) => number = () => 200, delayMs = 0): Promise<Receiver> {
  const got: Received[] = []
  const r: Receiver = { url: '', got, answer, close: async () => {} }
  const server = await localServer((req, body, res) => {
    got.push({ headers: req.headers, body })
    const status = r.answer(got.length)
    setTimeout(() => {
      res.statusCode = status
      res.end(status >= 300 ? 'receiver says no' : 'ok')
    }, delayMs)
  })
  r.url = `${server.base}/hooks`
  r.close = server.close
  return r
}
