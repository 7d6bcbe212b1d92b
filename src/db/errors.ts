/** The SQLSTATE of a database error, from pg or PGlite (both expose `code`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const direct = (error as { code?: unknown }).code
  if (typeof direct === 'string' && /^[0-9A-Z]{5}$/.test(direct)) return direct
  // Drizzle wraps driver errors; the original sits on `cause`.
  const cause = (error as { cause?: unknown }).cause
  return cause ? sqlState(cause) : undefined
}

export function constraintName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const direct = (error as { constraint?: unknown }).constraint
  if (typeof direct === 'string') return direct
  const cause = (error as { cause?: unknown }).cause
  return cause ? constraintName(cause) : undefined
}

// What pg says when a connection died under a query, or a query was sent on a dead client
// (a transaction whose connection was ended mid-way: its next statement and its rollback).
const LOST_CONNECTION = /PGlite is closed|Cannot use a pool after calling end|Connection terminated|not queryable|timeout exceeded when trying to connect/

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'])

/**
 * Connection-level failures: the database is down, restarting or unreachable. 57P01-57P03 are
 * what a server says while it shuts down or starts (`admin_shutdown`, `crash_shutdown`,
 * `cannot_connect_now`), class 08 what a client says of a broken connection.
 */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const state = sqlState(error)
  if (state?.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03') return true
  if (error instanceof Error && LOST_CONNECTION.test(error.message)) return true
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && NETWORK.has(code)) return true
  // Drizzle wraps driver errors, and pg-pool wraps a connect timeout; the original sits on `cause`.
  const inner = (error as { cause?: unknown }).cause
  return inner !== undefined && inner !== error && isUnavailable(inner)
}
