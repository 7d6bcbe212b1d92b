/** (e) the floor: GET /ping, a route with no I/O, on the same server and connections as (d). */
import { cpuLine, metered } from '../cpu.js'
import { f0, log } from '../format.js'
import { AVAILABILITY_CONNECTIONS, SECONDS, WARMUP_SECONDS } from '../settings.js'
import { availRequest } from './availability.js'
import type { PhaseContext } from './context.js'

export async function measurePing({ url, server, sampler }: PhaseContext) {
  const pid = server.child.pid!
  // (e) the floor: a route with no I/O on the same server
  log(`(e) GET /api/v1/ping, ${AVAILABILITY_CONNECTIONS} connections …`)
  if (WARMUP_SECONDS > 0) await availRequest(server.base, WARMUP_SECONDS, '/api/v1/ping')
  sampler.resetPhase()
  const { result: e, cpu: cpuE } = await metered(pid, url, () => availRequest(server.base, SECONDS, '/api/v1/ping'))
  const rssE = sampler.resetPhase()
  log(`    ${f0(e.rps)} req/s, p50 ${e.latency.p50} ms, p99 ${e.latency.p99} ms`)
  log(`    ${cpuLine(cpuE)}`)
  return { e, cpuE, rssE }
}

export type Ping = Awaited<ReturnType<typeof measurePing>>
