import { setFlagsFromString } from 'node:v8'

/**
 * V8's garbage collector, tuned for a process that serves requests. Measured in
 * docs/performance.md ("Peak RSS: the collector's two defaults"):
 *
 * - Allocation-site pretenuring is off. Under 50 concurrent requests, the objects of a request
 *   in flight survive scavenges, so V8 starts allocating every object from those sites straight
 *   into old space, where they die a few milliseconds later and wait for a full collection.
 *   Old space then grew by about 13 MB/s under `/ping`.
 * - Old space grows by a fixed 1.5 × what a full collection left, instead of up to 4 ×. A
 *   server's live heap is small (about 50 MB) and marking it is cheap, so collecting sooner
 *   costs little, while the default let RSS reach 290 MB.
 *
 * A flag given to `node` on its command line wins: it is not set again here.
 */
export const SERVING_GC_FLAGS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=50'] as const

/**
 * What only counts on node's command line: V8 sizes the young generation when the process
 * starts, and `v8.setFlagsFromString` later changes nothing. `npm start` gives it, and the bench
 * starts its servers as `npm start` does. Semi-spaces of at most 8 MB instead of 16: under load
 * the young generation grows to its maximum and stays there. Half of it took 12–15 MB off a
 * server's RSS after start and at its peak, which puts (f) 15 MB under its 200 instead of on the
 * line. The price is more scavenges: requests that keep much alive for long (availability with
 * the cache off) cost a fifth to a half more CPU, 14 % of their rate on 2 cores shared with
 * PostgreSQL; holds and webhooks moved within the machine's noise in an A/B. A server over its
 * memory limit is killed, one that spends more CPU is slower. 12 MB saved nothing, 4 MB slowed
 * stay holds (docs/performance.md, "(f): half the young generation").
 */
export const SERVING_NODE_FLAGS = ['--max-semi-space-size=8'] as const

export function tuneHeapForServing(execArgv: readonly string[] = process.execArgv): string[] {
  const given = new Set(execArgv.map(flagName))
  const applied = SERVING_GC_FLAGS.filter((flag) => !given.has(flagName(flag)))
  for (const flag of applied) setFlagsFromString(flag)
  return applied
}

/** `--no-foo`, `--foo=1`, `--foo_bar` and `--foo-bar` name the same V8 flag. */
const flagName = (arg: string) =>
  arg
    .replace(/=.*$/, '')
    .replace(/^--(no-?)?/, '')
    .replaceAll('_', '-')
