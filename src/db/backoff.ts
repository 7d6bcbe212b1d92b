/**
 * The wait before retry number `attempt` (1 for the first): doubling from `baseMs` up to
 * `maxMs`, less a random part of up to half, so that the many connections of many processes
 * that lost their database together do not all come back in the same millisecond.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2)
}
