import { existsSync } from 'node:fs'

/** Debian's Chromium (`apt-get install chromium`), or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Why this run skips the browser tests, or null when it runs them. They drive the console
 * against a server on the embedded database (SPEC §12), so the PostgreSQL run leaves them to
 * the embedded one; everything they click goes through the API that the rest of the suite
 * tests on both databases.
 */
export function browserSkipReason(onPostgres: boolean): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (onPostgres) return 'they run on the embedded database, and this run is on PostgreSQL'
  return null
}
