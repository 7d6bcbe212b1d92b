import { and, eq, lt, sql } from 'drizzle-orm'
import type { Config } from '../../config.js'
import { rowsOf, type Executor } from '../../db/client.js'
import type { Deps } from '../../deps.js'
import { AppError } from '../../http/errors.js'
import { loginFailures } from './schema.js'

type Scope = 'account' | 'address'

/** A sign-in attempt that was let through to the password check, with the windows it was counted in. */
export interface CountedAttempt {
  accountKey: string
  address: string
  windows: Record<Scope, Date>
}

/** A 429 that says when to come back; the route copies it into a Retry-After header. */
export class RetryLater extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', `${message}; try again in ${describeWait(retryAfterSeconds)}`, { retry_after_seconds: retryAfterSeconds })
  }
}

/** Refused before the password is checked; `retryAfterSeconds` is when the window that filled up ends. */
export class LoginLocked extends RetryLater {
  constructor(retryAfterSeconds: number) {
    super('Too many failed sign-ins', retryAfterSeconds)
  }
}

export const accountKeyOf = (email: string) => email.trim().toLowerCase()

/**
 * Failed sign-ins per account and per client address. An attempt is counted *before* its
 * password is checked and the count is taken back if the password was right: a burst of
 * parallel guesses cannot all slip past the check while their argon2 hashes are computed,
 * and a successful sign-in costs the user nothing. A key that has used up its allowance is
 * refused, without hashing, until its window (which starts at its first failure) ends.
 */
export class LoginLimits {
  constructor(private readonly deps: Pick<Deps, 'db'> & { config: Pick<Config, 'loginFailures'> }) {}

  /** Counts an attempt for `email` from `address`; throws LoginLocked if either has no allowance left. */
  async begin(email: string, address: string, now: Date): Promise<CountedAttempt> {
    const { perAccount, perAddress, windowMinutes } = this.deps.config.loginFailures
    const accountKey = accountKeyOf(email)
    const lapsed = new Date(now.getTime() - windowMinutes * 60_000).toISOString()
    const at = now.toISOString()
    // One statement for both keys, always account before address, so that concurrent attempts
    // lock the two rows in one order. A lapsed window starts again at this attempt.
    const rows = await rowsOf<{ scope: Scope; failures: number; window_started_at: string | Date }>(
      this.deps.db,
      sql`insert into login_failures as f (scope, key, failures, window_started_at)
          values ('account', ${accountKey}, 1, ${at}), ('address', ${address}, 1, ${at})
          on conflict (scope, key) do update set
            failures = case when f.window_started_at <= ${lapsed} then 1 else f.failures + 1 end,
            window_started_at = case when f.window_started_at <= ${lapsed} then ${at}::timestamptz else f.window_started_at end
          returning scope, failures, window_started_at`,
    )
    const windows = {} as Record<Scope, Date>
    let retryAt = 0
    for (const row of rows) {
      const started = new Date(row.window_started_at)
      windows[row.scope] = started
      const allowance = row.scope === 'account' ? perAccount : perAddress
      if (row.failures > allowance) retryAt = Math.max(retryAt, started.getTime() + windowMinutes * 60_000)
    }
    if (retryAt > 0) {
      // Clamped: a clock moved backwards (tests, a corrected server clock) must not promise hours.
      const seconds = Math.ceil((retryAt - now.getTime()) / 1000)
      throw new LoginLocked(Math.min(Math.max(seconds, 1), windowMinutes * 60))
    }
    return { accountKey, address, windows }
  }

  /**
   * The password was right: the attempt is taken back from both counts, in the window it was
   * counted in (a window that has started again since keeps its own count). The account's
   * earlier failures stay: an attacker's guesses are not forgiven because the owner signed in.
   */
  async succeeded(attempt: CountedAttempt): Promise<void> {
    // One row per statement, account first, as in `begin`: no two statements wait on each other.
    for (const [scope, key] of [
      ['account', attempt.accountKey],
      ['address', attempt.address],
    ] as const) {
      await this.deps.db
        .update(loginFailures)
        .set({ failures: sql`greatest(${loginFailures.failures} - 1, 0)` })
        .where(and(eq(loginFailures.scope, scope), eq(loginFailures.key, key), eq(loginFailures.windowStartedAt, attempt.windows[scope])))
    }
  }

  /** Clears an account's failures (its password was just set by an operator). */
  async forgetAccount(email: string, ex: Executor = this.deps.db): Promise<void> {
    await ex.delete(loginFailures).where(and(eq(loginFailures.scope, 'account'), eq(loginFailures.key, accountKeyOf(email))))
  }

  /** Deletes counts whose window has ended (an hourly job); answers how many. */
  async purgeLapsed(now: Date): Promise<number> {
    const lapsed = new Date(now.getTime() - this.deps.config.loginFailures.windowMinutes * 60_000)
    const gone = await this.deps.db.delete(loginFailures).where(lt(loginFailures.windowStartedAt, lapsed)).returning({ key: loginFailures.key })
    return gone.length
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
