import type { IncomingHttpHeaders } from 'node:http'
import { localServer } from './receiver.js'

/** A request the Stripe SDK sent: its form-encoded parameters (from the body, or the query of a GET). */
export interface Recorded {
  method: string
  path: string
  headers: IncomingHttpHeaders
  form: URLSearchParams
}

export interface Reply {
  status: number
  body: unknown
}

/**
 * A local HTTP server standing in for api.stripe.com: it records every request the SDK sends
 * (into `requests`) and answers with what `answer` says, with a request id as Stripe's answers carry.
 */
export async function stripeStandIn(answer: (req: Recorded) => Reply, requests: Recorded[] = []) {
  const server = await localServer((req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const recorded: Recorded = {
      method: req.method ?? '',
      path: url.pathname,
      headers: req.headers,
      form: new URLSearchParams(req.method === 'GET' ? url.search : body),
    }
    requests.push(recorded)
    const reply = answer(recorded)
    res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` })
    res.end(JSON.stringify(reply.body))
  })
  return { requests, apiBase: server.base, close: server.close }
}
export type StripeStandIn = Awaited<ReturnType<typeof stripeStandIn>>
