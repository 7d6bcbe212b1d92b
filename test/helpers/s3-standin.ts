import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the AWS SDK sent to the stand-in. */
export interface S3Request {
  method: string
  bucket: string
  key: string
  headers: IncomingHttpHeaders
}

/**
 * A local HTTP server standing in for an S3-compatible store (path-style: /bucket/key): it keeps
 * objects in memory and answers PutObject, GetObject, HeadObject and DeleteObject as S3 does,
 * recording every request (with its headers, so a test sees the SDK's signature).
 */
export async function s3StandIn(bucket: string) {
  const objects = new Map<string, { body: Buffer; contentType: string }>()
  const requests: S3Request[] = []
  const notFound = (key: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const [, b = '', ...rest] = url.pathname.split('/')
      const key = decodeURIComponent(rest.join('/'))
      requests.push({ method: req.method ?? '', bucket: b, key, headers: req.headers })
      if (b !== bucket) {
        res.writeHead(404, { 'content-type': 'application/xml' })
        return res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>No such bucket</Message></Error>')
      }
      const stored = objects.get(key)
      switch (req.method) {
        case 'PUT':
          objects.set(key, { body: Buffer.concat(chunks), contentType: String(req.headers['content-type'] ?? 'application/octet-stream') })
          res.writeHead(200, { etag: '"standin"' })
          return res.end()
        case 'GET':
          if (!stored) {
            res.writeHead(404, { 'content-type': 'application/xml' })
            return res.end(notFound(key))
          }
          res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.body.length, etag: '"standin"' })
          return res.end(stored.body)
        case 'HEAD':
          res.writeHead(stored ? 200 : 404, stored ? { 'content-type': stored.contentType, 'content-length': stored.body.length } : {})
          return res.end()
        case 'DELETE':
          objects.delete(key)
          res.writeHead(204)
          return res.end()
        default:
          res.writeHead(405)
          return res.end()
      }
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    requests,
    close: async () => {
      server.closeAllConnections()
      await new Promise((ok) => server.close(ok))
    },
  }
}
export type S3StandIn = Awaited<ReturnType<typeof s3StandIn>>
