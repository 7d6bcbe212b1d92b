import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { AddressNotAllowed, guardedLookup, literalRefused } from './url-guard.js'

/** What one POST came to: the receiver's status if it answered, and why it failed if it did. */
export interface SendResult {
  ok: boolean
  status: number | null
  error: string | null
}

export const SEND_TIMEOUT_MS = 10_000
// Enough of a refusal's body to tell "wrong secret" from "route not found" in the log.
const ERROR_BODY_CHARS = 200

/**
 * POSTs `body` to `url` and never throws. Redirects are not followed (a 3xx is a failure):
 * following one would let a public receiver bounce us into the private network.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<SendResult> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return { ok: false, status: null, error: 'invalid URL' }
  }
  if (literalRefused(target, allowPrivate)) return { ok: false, status: null, error: 'address not allowed' }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve) => {
    let settled = false
    let status: number | null = null
    let req: ClientRequest | undefined
    const finish = (result: SendResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req?.destroy()
      resolve(result)
    }
    // One deadline for the whole exchange (DNS, connect, TLS, answer), not per socket event.
    const timer = setTimeout(() => finish({ ok: false, status, error: `timeout after ${SEND_TIMEOUT_MS / 1000} s` }), SEND_TIMEOUT_MS)
    try {
      req = send(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate),
        // A connection of its own: a pooled one could outlive the address check it passed.
        agent: false,
      })
    } catch (e) {
      finish({ ok: false, status: null, error: describe(e as Error) })
      return
    }
    req.on('error', (e) => finish({ ok: false, status, error: describe(e) }))
    req.on('response', (res) => {
      status = res.statusCode ?? 0
      readAnswer(res, finish)
    })
    req.end(body)
  })
}

function readAnswer(res: IncomingMessage, finish: (r: SendResult) => void): void {
  const status = res.statusCode ?? 0
  if (status >= 200 && status < 300) {
    // The answer's body means nothing to us; the status is the acknowledgement.
    finish({ ok: true, status, error: null })
    return
  }
  let text = ''
  const done = () => {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, ERROR_BODY_CHARS)
    finish({ ok: false, status, error: `HTTP ${status}${snippet ? `: ${snippet}` : ''}` })
  }
  res.setEncoding('utf8')
  res.on('data', (chunk: string) => {
    text += chunk
    if (text.length >= ERROR_BODY_CHARS) done()
  })
  res.on('end', done)
  res.on('error', done)
}

function describe(e: Error): string {
  if (e instanceof AddressNotAllowed) return 'address not allowed'
  const code = (e as { code?: string }).code
  return code ? `${code}: ${e.message}`.slice(0, 300) : e.message.slice(0, 300)
}
