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

/** Connection-level failures: the database is down or unreachable. */
export function isUnavailable(error: unknown): boolean {
  const state = sqlState(error)
  if (state?.startsWith('08') || state === '57P01' || state === '57P03') return true
  // A pool that was ended or a PGlite instance that was closed: the database is gone for us.
  const message = error instanceof Error ? error.message : ''
  if (/PGlite is closed|Cannot use a pool after calling end/.test(message)) return true
  const inner = (error as { cause?: unknown })?.cause
  if (inner && inner !== error && isUnavailable(inner)) return true
  const code = (error as { code?: unknown })?.code
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code
  return [code, cause].some((c) => c === 'ECONNREFUSED' || c === 'ECONNRESET' || c === 'ETIMEDOUT')
}
