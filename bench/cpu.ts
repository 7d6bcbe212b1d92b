// Where the CPU went during a phase (Linux /proc): the server, PostgreSQL, this process (the load
// generator), and everything else on the machine, which on a shared box is noise to report.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import os from 'node:os'
import pg from 'pg'
import { f2 } from './format.js'
import { DB_NAME } from './settings.js'

export interface CpuShare {
  /** How long the phase was metered, in seconds. */
  seconds: number
  /** Cores in use on average during the phase, by whom. */
  server: number
  postgres: number
  bench: number
  others: number
  idle: number
}

export function procTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12]) // utime + stime
  } catch {
    return 0
  }
}

/**
 * A process and its descendants (`serve --workers N`: the primary and its workers), from
 * /proc's per-thread `children` lists, else from every process's parent; `[pid]` without /proc.
 */
export function processTree(pid: number): number[] {
  if (!existsSync('/proc/stat')) return [pid]
  const tree = [pid]
  if (existsSync(`/proc/${pid}/task/${pid}/children`)) {
    for (let i = 0; i < tree.length; i++) tree.push(...childrenOf(tree[i]!))
    return tree
  }
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone meanwhile
    }
  }
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child)
  return tree
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    )
  } catch {
    return [] // gone meanwhile
  }
}

/** CPU ticks of a server: its process and, for `serve --workers N`, its workers. */
const treeTicks = (pid: number) => processTree(pid).reduce((sum, p) => sum + procTicks(p), 0)

/**
 * Which of `pids` hold the server's end of the established connections from `clientPorts` to
 * `port` on 127.0.0.1 (Linux): with `serve --workers N`, the workers that answered.
 */
export function connectionOwners(port: number, clientPorts: readonly number[], pids: readonly number[]): number[] {
  const hex = (n: number) => `:${n.toString(16).toUpperCase().padStart(4, '0')}`
  const clients = new Set(clientPorts.map(hex))
  const inodes = new Set(
    readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      // sl local_address rem_address st … inode: the server's end (local = port), established (01).
      .filter((f) => f[1]?.endsWith(hex(port)) && clients.has(f[2]?.slice(-5) ?? '') && f[3] === '01')
      .map((f) => f[9]!),
  )
  return pids.filter((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '')
        } catch {
          return false // closed meanwhile
        }
      })
    } catch {
      return false // gone meanwhile
    }
  })
}

export function allPostgresPids(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

export interface CpuSnapshot {
  total: number
  idle: number
  server: number
  bench: number
  postgres: Map<number, number>
}

export function cpuSnapshot(serverPid: number, postgresPids: readonly number[]): CpuSnapshot {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  return {
    total: cpu.slice(0, 8).reduce((sum, x) => sum + (x || 0), 0), // user … steal
    idle: (cpu[3] ?? 0) + (cpu[4] ?? 0),
    server: treeTicks(serverPid),
    bench: procTicks(process.pid),
    postgres: new Map(postgresPids.map((pid) => [pid, procTicks(pid)])),
  }
}

const OURS = `select pid from pg_stat_activity where (datname = $1 or backend_type <> 'client backend') and pid <> pg_backend_pid()`

/**
 * The PostgreSQL processes working for this benchmark, watched through a run: backends connected
 * to its database and the server's own background processes (backends of other databases count
 * as "others"), with the CPU ticks each was last seen with. Looked at every half second, not once
 * after the run: a backend that exits during the run (a pool ended as its phase ends, a
 * connection replaced) keeps the ticks it had when last seen instead of taking them along.
 */
async function watchPostgres(url: string) {
  const client = new pg.Client({ connectionString: url })
  // A connection the database ends (a restart, the bench dropping its database) fails the
  // lookups that follow, which leave what was seen; unheard, it would end the process.
  client.on('error', () => undefined)
  await client.connect()
  const ours = new Set<number>()
  const ticks = new Map<number, number>()
  const readTicks = () => {
    for (const pid of allPostgresPids()) {
      const t = procTicks(pid)
      if (t > 0) ticks.set(pid, t)
    }
  }
  let listing: Promise<void> | undefined
  const listOurs = () =>
    (listing ??= client
      .query<{ pid: number }>(OURS, [DB_NAME])
      .then(({ rows }) => rows.forEach(({ pid }) => ours.add(pid)))
      .catch(() => undefined)
      .finally(() => (listing = undefined)))
  let closed: Promise<Map<number, number>> | undefined
  readTicks()
  void listOurs()
  const timer = setInterval(() => {
    readTicks()
    void listOurs()
  }, 500)
  return {
    /** The ticks as of now, read at the moment the caller takes its own snapshot. */
    stop: () => {
      clearInterval(timer)
      readTicks()
    },
    /** The ticks of the processes that were ours, once the last listing is in; the same answer however often it is asked. */
    close: () =>
      (closed ??= (async () => {
        clearInterval(timer)
        await listing
        await listOurs()
        await client.end().catch(() => undefined)
        return new Map([...ticks].filter(([pid]) => ours.has(pid)))
      })()),
  }
}

/** Runs `work` and tells how the machine's cores were shared while it ran (Linux only); CPU per request is cores × these seconds ÷ requests. */
export async function metered<T>(serverPid: number, url: string, work: () => Promise<T>): Promise<{ result: T; cpu: CpuShare | undefined }> {
  if (!existsSync('/proc/stat')) return { result: await work(), cpu: undefined }
  // (Only local processes: with a remote PostgreSQL, its CPU is simply not seen.)
  const watch = await watchPostgres(url).catch(() => undefined)
  try {
    const before = cpuSnapshot(serverPid, allPostgresPids())
    const startedAt = performance.now()
    const result = await work()
    const seconds = (performance.now() - startedAt) / 1000
    watch?.stop()
    const after = cpuSnapshot(serverPid, [])
    after.postgres = (await watch?.close()) ?? new Map()
    // A backend not seen before the run started during it: all its ticks are the run's.
    return { result, cpu: cpuShareBetween(before, after, seconds, () => 0) }
  } finally {
    await watch?.close()
  }
}

/**
 * How the machine's cores were shared between two snapshots `seconds` apart. `unseenBefore`
 * gives the starting ticks of a PostgreSQL process the first snapshot did not list.
 */
export function cpuShareBetween(before: CpuSnapshot, after: CpuSnapshot, seconds: number, unseenBefore: (pid: number) => number): CpuShare {
  const cores = os.cpus().length
  const total = after.total - before.total
  const share = (ticks: number) => (total > 0 ? (ticks / total) * cores : 0)
  const server = share(after.server - before.server)
  const bench = share(after.bench - before.bench)
  const idle = share(after.idle - before.idle)
  const postgres = share([...after.postgres].reduce((sum, [pid, ticks]) => sum + ticks - (before.postgres.get(pid) ?? unseenBefore(pid)), 0))
  return { seconds, server, postgres, bench, idle, others: Math.max(0, cores - idle - server - postgres - bench) }
}

export const cpuLine = (c: CpuShare | undefined) =>
  c ? `cores used: server ${f2(c.server)}, postgres ${f2(c.postgres)}, load generator ${f2(c.bench)}, others ${f2(c.others)}, idle ${f2(c.idle)}` : ''
