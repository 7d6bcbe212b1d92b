import { createHash } from 'node:crypto'
import pg from 'pg'

/** Texts the process names: enough for every hot path, bounded for the rest (each connection prepares those it sends). */
const MAX_NAMED = 128
/** Texts counted before one is named; the count starts over when it fills. */
const MAX_SEEN = 1024

// One set for the process, not one per connection: each text is kept once, and the copy kept is
// the one sent, so that pg's own record of what a connection has parsed shares it too.
const named = new Map<string, { text: string; name: string }>()
const seen = new Set<string>()

/** How many texts the process names (for tests). */
export const namedTexts = () => named.size

function nameOf(text: string): { text: string; name: string } | undefined {
  const known = named.get(text)
  if (known || named.size >= MAX_NAMED) return known
  if (!seen.has(text)) {
    if (seen.size >= MAX_SEEN) seen.clear()
    seen.add(text)
    return undefined
  }
  seen.delete(text)
  const entry = { text, name: `rsv_${createHash('sha1').update(text).digest('hex').slice(0, 32)}` }
  named.set(text, entry)
  return entry
}

/**
 * A pg client that sends every parameterised statement the process has already sent once under
 * a name derived from its text, so that PostgreSQL parses and plans it once per connection
 * instead of on every call, as the hot paths' own named statements are (`namedStatement`).
 * Drizzle builds the same text for the same statement with other values, so what is sent a
 * second time will be sent again: a webhook's transaction ran at 1.5 times the rate through
 * `pg` (docs/performance.md). A text seen once (a seed, a one-off report) is not kept, and at
 * most MAX_NAMED are named, so a statement whose text varies (a list of N values) cannot fill
 * this process's or the database's memory. Statements without values go as they came: they may
 * hold several commands, which a prepared statement cannot.
 */
export class NamingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [config, values, ...rest] = args
    if (typeof config === 'string' && hasValues(values)) {
      const entry = nameOf(config)
      if (entry) return super.query({ text: entry.text, values, name: entry.name } as never, ...(rest as [never])) as never
    } else if (isPlainConfig(config) && (hasValues(config.values) || hasValues(values))) {
      const entry = nameOf(config.text)
      if (entry) return super.query({ ...config, text: entry.text, name: entry.name } as never, values as never, ...(rest as [never])) as never
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }
}

const hasValues = (v: unknown) => Array.isArray(v) && v.length > 0

/** A query config with text and no name of its own; not a Query, cursor or stream (those have `submit`). */
function isPlainConfig(config: unknown): config is { text: string; values?: unknown; name?: string } {
  if (typeof config !== 'object' || config === null || 'submit' in config) return false
  const c = config as { text?: unknown; name?: unknown }
  return typeof c.text === 'string' && !c.name
}
