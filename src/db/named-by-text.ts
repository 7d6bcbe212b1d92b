import { createHash } from 'node:crypto'
import pg from 'pg'

/** Statements of one connection that PostgreSQL keeps parsed and planned: enough for every hot path, bounded for the rest. */
const MAX_NAMED = 128
/** Texts counted on one connection before one is named; the count starts over when it fills. */
const MAX_SEEN = 1024

/**
 * A pg client that sends every parameterised statement it has already sent once under a name
 * derived from its text, so that PostgreSQL parses and plans it once per connection instead of
 * on every call, as the hot paths' own named statements are (`namedStatement`). Drizzle builds
 * the same text for the same statement with other values, so what a connection sends a second
 * time it will send again: a webhook's transaction ran at 1.5 times the rate through `pg`
 * (docs/performance.md). A text seen once (a seed, a one-off report) is not kept, and a
 * connection names at most MAX_NAMED, so a statement whose text varies (a list of N values)
 * cannot fill the server's memory. Statements without values go as they came: they may hold
 * several commands, which a prepared statement cannot.
 */
export class NamingClient extends pg.Client {
  private readonly named = new Map<string, string>()
  private readonly seen = new Set<string>()

  override query(...args: unknown[]): never {
    const [config, values, ...rest] = args
    if (typeof config === 'string' && hasValues(values)) {
      const name = this.nameOf(config)
      if (name) return super.query({ text: config, values, name } as never, ...(rest as [never])) as never
    } else if (isPlainConfig(config) && (hasValues(config.values) || hasValues(values))) {
      const name = this.nameOf(config.text)
      if (name) return super.query({ ...config, name } as never, values as never, ...(rest as [never])) as never
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }

  private nameOf(text: string): string | undefined {
    const known = this.named.get(text)
    if (known || this.named.size >= MAX_NAMED) return known
    if (!this.seen.has(text)) {
      if (this.seen.size >= MAX_SEEN) this.seen.clear()
      this.seen.add(text)
      return undefined
    }
    this.seen.delete(text)
    const name = `rsv_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`
    this.named.set(text, name)
    return name
  }
}

const hasValues = (v: unknown) => Array.isArray(v) && v.length > 0

/** A query config with text and no name of its own; not a Query, cursor or stream (those have `submit`). */
function isPlainConfig(config: unknown): config is { text: string; values?: unknown; name?: string } {
  if (typeof config !== 'object' || config === null || 'submit' in config) return false
  const c = config as { text?: unknown; name?: unknown }
  return typeof c.text === 'string' && !c.name
}
