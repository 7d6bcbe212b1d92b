import pg from 'pg'

/**
 * A `pg.Pool` that takes back a client whose connection dies while it is checked out.
 *
 * drizzle's node-postgres `transaction()` sends BEGIN before the try/finally that releases its
 * client (drizzle-team/drizzle-orm#6241, still open for 0.45.4). A BEGIN on a connection that
 * has just died (a database restart, a proxy cutting connections) rejects, the client is never
 * released, and its slot is lost for the life of the process; after `max` of them every query
 * waits on the pool forever, with no connection left at the database. So a checked-out client
 * that loses its connection goes back at once, as broken (the pool ends it and can open a new
 * one), and a later release by its holder, if there is one, does nothing.
 */
export class GuardedPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    // The callback form is pg-pool's own `query()`, which always releases, with the error.
    if (callback) return super.connect(callback)
    return super.connect().then(handBackWhenLost)
  }
}

function handBackWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client)
  let released = false
  const lost = (error: Error) => {
    if (released) return
    released = true
    release(error)
  }
  client.once('error', lost)
  client.release = (error?: Error | boolean) => {
    client.removeListener('error', lost)
    if (released) return
    released = true
    release(error)
  }
  return client
}
