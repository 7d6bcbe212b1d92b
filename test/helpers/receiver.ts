import { createServer, type IncomingHttpHeaders } from 'node:http'
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

/** A webhook receiver on 127.0.0.1 that records every request and answers `answer(n)`, after `delayMs`. */
export async function webhookReceiver(answer: (n: number) => number = () => 200, delayMs = 0): Promise<Receiver> {
  const got: Received[] = []
  const r: Receiver = { url: '', got, answer, close: async () => {} }
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      got.push({ headers: req.headers, body })
      const status = r.answer(got.length)
      setTimeout(() => {
        res.statusCode = status
        res.end(status >= 300 ? 'receiver says no' : 'ok')
      }, delayMs)
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  r.close = async () => {
    server.closeAllConnections()
    await new Promise((ok) => server.close(ok))
  }
  return r
}
