/**
 * The embedded databases side by side (docs/embedded-database.md): what `npm start` runs with no
 * DATABASE_URL, in each mode of phases/embedded.ts. Run it under the bench lock, after a build:
 *
 *   npm run build && flock /tmp/bench.lock npx tsx bench/embedded.ts
 *
 * EMBEDDED_MODES (comma-separated; pglite,pglite-tuned,postgres by default) picks the modes.
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import type { CpuShare } from './cpu.js'
import { f0, f1, f2, log } from './format.js'
import { runMode, type Mode, type ModeResult } from './phases/embedded.js'
import { ROOT, SECONDS, WARMUP_SECONDS } from './settings.js'

const MODES = (process.env.EMBEDDED_MODES ?? 'pglite,pglite-tuned,postgres').split(',').map((s) => s.trim()) as Mode[]

async function main(): Promise<void> {
  log(
    `Embedded databases — ${os.cpus().length} cores, Node ${process.version}, load average before ${f2(os.loadavg()[0]!)}; ${SECONDS}s per load, ${WARMUP_SECONDS}s warm-up`,
  )
  const jwtSecret = randomBytes(32).toString('hex')
  const results: ModeResult[] = []
  for (const mode of MODES) results.push(await runMode(mode, jwtSecret))
  // CPU per request (server and database processes): less sensitive to a busy machine than the rates.
  const perRequest = (c: CpuShare, n: number) => f1(((c.server + c.postgres) * c.seconds * 1000) / Math.max(1, n))
  log(
    '| mode | holds/s | p50 / p99 ms | CPU ms per hold | availability req/s | p50 / p99 ms | CPU ms per availability | first start / start ms | server RSS start / peak MB | database PSS start / peak MB | others (cores) |',
  )
  log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of results)
    log(
      `| ${r.mode} | ${f0(r.holds.okPerSecond)} | ${r.holds.latency.p50} / ${r.holds.latency.p99} | ${perRequest(r.holdsCpu, r.holds.requests)} | ${f0(r.availability.rps)} | ${r.availability.latency.p50} / ${r.availability.latency.p99} | ${perRequest(r.availabilityCpu, r.availability.requests)} | ${f0(r.firstStartMs)} / ${f0(r.startMs)} | ${f0(r.rssAfterStartMb)} / ${f0(r.peakRssMb)} | ${r.mode === 'postgres' ? `${f0(r.dbPssAfterStartMb)} / ${f0(r.dbPeakPssMb)}` : 'in the server'} | ${f2(Math.max(r.holdsCpu.others, r.availabilityCpu.others))} |`,
    )
  writeFileSync(join(ROOT, 'bench/embedded-results.json'), JSON.stringify(results, null, 2))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('embedded comparison could not run:', error)
    process.exit(1)
  },
)
