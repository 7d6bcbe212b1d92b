/** Load generators: autocannon for single requests, and workers looping over (or draining) an operation. */
import autocannon from 'autocannon'

export interface HttpRun {
  requests: number
  seconds: number
  rps: number
  ok: number
  okPerSecond: number
  statusCodes: Record<string, number>
  errors: number
  timeouts: number
  latency: { p50: number; p90: number; p99: number; max: number; mean: number }
}

export async function cannon(opts: autocannon.Options, okStatus: number): Promise<HttpRun> {
  const result = await autocannon({ timeout: 30, ...opts })
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat?.count ?? 0
  const seconds = result.duration
  const requests = result.requests.total
  const ok = statusCodes[String(okStatus)] ?? 0
  return {
    requests,
    seconds,
    rps: requests / seconds,
    ok,
    okPerSecond: ok / seconds,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
  }
}

export interface LoopRun {
  ops: number
  seconds: number
  ok: number
  okPerSecond: number
  opsPerSecond: number
  outcomes: Record<string, number>
  latency: { p50: number; p90: number; p99: number; max: number; mean: number }
}

/** Runs `op` from `concurrency` workers for `seconds`; `op` answers an outcome label ('ok' counts). */
export async function loop(concurrency: number, seconds: number, op: () => Promise<string>): Promise<LoopRun> {
  const deadline = performance.now() + seconds * 1000
  return workers(concurrency, () => (performance.now() < deadline ? op : undefined))
}

/** Runs `op` once on each of `items`, from `concurrency` workers, until none is left. */
export async function drain<T>(concurrency: number, items: readonly T[], op: (item: T) => Promise<string>): Promise<LoopRun> {
  let next = 0
  return workers(concurrency, () => {
    const item = items[next++]
    return item === undefined ? undefined : () => op(item)
  })
}

export const errorLabel = (error: unknown) => `error:${(error as { code?: string }).code ?? (error as Error).message}`

/** The workers behind loop() and drain(): each asks `take` for its next operation until there is none. */
export async function workers(concurrency: number, take: () => (() => Promise<string>) | undefined): Promise<LoopRun> {
  const latencies: number[] = []
  const outcomes: Record<string, number> = {}
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let op = take(); op; op = take()) {
        const t0 = performance.now()
        let outcome: string
        try {
          outcome = await op()
        } catch (error) {
          outcome = errorLabel(error)
        }
        latencies.push(performance.now() - t0)
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const ok = outcomes.ok ?? 0
  return {
    ops: latencies.length,
    seconds: elapsed,
    ok,
    okPerSecond: ok / elapsed,
    opsPerSecond: latencies.length / elapsed,
    outcomes,
    latency: percentiles(latencies),
  }
}

export function percentiles(latencies: number[]): LoopRun['latency'] {
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
  return {
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: latencies[latencies.length - 1] ?? 0,
    mean: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1),
  }
}
