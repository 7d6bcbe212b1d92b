/** What the measured phases share: the server under test, the fixture, and what the run must close at the end. */
import type pg from 'pg'
import type { Fixture } from '../fixture.js'
import type { HttpClient } from '../http-client.js'
import type { RssSampler } from '../memory.js'
import type { Server } from '../server.js'
import type { MirrorFreshness } from '../sql-guard.js'

/** Everything the run opens that must be closed whatever happens; phases add to it as they open things. */
export interface Resources {
  server?: Server
  sampler?: RssSampler
  offServer?: Server
  offSampler?: RssSampler
  eventsServer?: Server
  pools: pg.Pool[]
  clients: HttpClient[]
}

/** The bench customer's request headers: a bearer token, and JSON bodies. */
export type AuthHeaders = { authorization: string; 'content-type': string }

export interface PhaseContext {
  url: string
  fx: Fixture
  server: Server
  sampler: RssSampler
  authJson: AuthHeaders
  fresh: MirrorFreshness
  resources: Resources
}
