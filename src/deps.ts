import type { Config } from './config.js'
import type { Database, Db } from './db/client.js'
import type { TokenSigner } from './modules/auth/tokens.js'
import type { VenueChanges } from './modules/events/venue-changes.js'
import type { PaymentGateway } from './modules/payments/gateway.js'

/** The clock is passed in, never read ad hoc, so time-dependent rules are testable. */
export type Clock = () => Date

/** What services need from the outside world; built once in server.ts or by the tests. */
export interface Deps {
  config: Config
  database: Database
  db: Db
  clock: Clock
  tokens: TokenSigner
  changes: VenueChanges
  gateway: PaymentGateway
}
