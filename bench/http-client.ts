import http from 'node:http'

export interface Reply {
  status: number
  body: any
}

/**
 * The bench's own HTTP client for the multi-step flows of (g)'s preparation and (h): node:http
 * with a keep-alive agent of `sockets` connections (lighter than fetch in the load generator).
 */
export function httpClient(base: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const { hostname, port } = new URL(base)
  const request = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { agent, hostname, port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown = text
            try {
              parsed = text ? JSON.parse(text) : null
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed })
          })
          res.on('error', reject)
        },
      )
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')))
      req.on('error', reject)
      req.end(body)
    })
  return { request, close: () => agent.destroy() }
}
export type HttpClient = ReturnType<typeof httpClient>
