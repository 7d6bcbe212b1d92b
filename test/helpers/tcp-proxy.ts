import { connect, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** The database goes away: open connections are cut and new ones refused, until `resume`. */
  pause(): Promise<void>
  resume(): Promise<void>
  close(): Promise<void>
}

/**
 * A TCP proxy in front of a server (PostgreSQL), so a test can take the server away from one
 * client process for a while — refused connections, as while a database restarts — without
 * touching the server that others share.
 */
export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host)
        open.add(client).add(upstream)
        const drop = () => {
          client.destroy()
          upstream.destroy()
          open.delete(client)
          open.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
        client.pipe(upstream).pipe(client)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port
        server = s
        resolve()
      })
    })
  const stop = async () => {
    const s = server
    server = undefined
    for (const socket of open) socket.destroy()
    open.clear()
    if (s) await new Promise((r) => s.close(r))
  }
  await listen()
  return { port, pause: stop, resume: listen, close: stop }
}
