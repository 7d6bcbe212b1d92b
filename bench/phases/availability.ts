/**
 * (d) GET /venues/{id}/availability on the day with 1,000 reservations, then its queries
 * straight through pg; and, when the service caches availability, (d) again on a second server
 * started with the cache off.
 */
import { cpuLine, metered, type CpuShare } from '../cpu.js'
import { f0, f1, log } from '../format.js'
import { cannon, loop, type HttpRun } from '../load.js'
import { RssSampler, serverRssKb } from '../memory.js'
import { freePort, serverEnv, startServer, stopServer, type Server } from '../server.js'
import { AVAILABILITY_CONNECTIONS, ROOMS, SECONDS, WARMUP_SECONDS } from '../settings.js'
import { availabilityDirect } from '../sql-direct.js'
import { staleNote } from '../sql-guard.js'
import { mirrorPool } from '../sql-mirror.js'
import type { PhaseContext, Resources } from './context.js'

/** How long the runs at 1 connection last, in seconds. */
const oneSeconds = Math.max(1, Math.round(SECONDS / 2))

export const availRequest = (base: string, duration: number, path: string, connections = AVAILABILITY_CONNECTIONS) =>
  cannon({ url: base, connections, duration, requests: [{ method: 'GET', path }] }, 200)

/** One availability answer by hand: 200 with every room, or it throws. */
export async function probeAvailability(base: string, availabilityPath: string) {
  const avail = await fetch(`${base}${availabilityPath}`)
  const availBody = (await avail.json()) as { rooms?: { free: unknown[] }[] }
  if (avail.status !== 200 || availBody.rooms?.length !== ROOMS)
    throw new Error(`availability answered ${avail.status}: ${JSON.stringify(availBody).slice(0, 500)}`)
  return { freeIntervals: availBody.rooms.reduce((n, r) => n + r.free.length, 0), bytes: JSON.stringify(availBody).length }
}

export async function measureAvailability(
  { url, fx, server, sampler, fresh, resources: { pools } }: PhaseContext,
  availabilityPath: string,
  cacheLabel: string,
) {
  const pid = server.child.pid!
  // (d) availability through HTTP, then its queries straight through pg
  log(`(d) GET ${availabilityPath.replace(fx.venueId, '{id}')}, ${AVAILABILITY_CONNECTIONS} connections${cacheLabel} …`)
  if (WARMUP_SECONDS > 0) await availRequest(server.base, WARMUP_SECONDS, availabilityPath)
  sampler.resetPhase()
  const { result: d, cpu: cpuD } = await metered(pid, url, () => availRequest(server.base, SECONDS, availabilityPath))
  const rssD = sampler.resetPhase()
  log(`    ${f0(d.rps)} req/s (statuses ${JSON.stringify(d.statusCodes)}), p50 ${d.latency.p50} ms, p99 ${d.latency.p99} ms`)
  log(`    ${cpuLine(cpuD)}`)
  const d1 = await availRequest(server.base, oneSeconds, availabilityPath, 1)
  log(`    at 1 connection: ${f0(d1.rps)} req/s, p50 ${d1.latency.p50} ms, p99 ${d1.latency.p99} ms`)

  log(`    the same queries through pg, pool of ${AVAILABILITY_CONNECTIONS}${staleNote(fresh.availability)} …`)
  const availPool = mirrorPool(url, AVAILABILITY_CONNECTIONS)
  pools.push(availPool)
  if (WARMUP_SECONDS > 0) await loop(AVAILABILITY_CONNECTIONS, WARMUP_SECONDS, () => availabilityDirect(availPool, fx))
  const { result: dSql, cpu: cpuDSql } = await metered(pid, url, () => loop(AVAILABILITY_CONNECTIONS, SECONDS, () => availabilityDirect(availPool, fx)))
  await availPool.end()
  pools.pop()
  log(`    ${f0(dSql.okPerSecond)} req/s (${JSON.stringify(dSql.outcomes)}), p50 ${f1(dSql.latency.p50)} ms, p99 ${f1(dSql.latency.p99)} ms`)
  log(`    ${cpuLine(cpuDSql)}`)
  return { d, cpuD, rssD, d1, dSql, cpuDSql }
}

export type Availability = Awaited<ReturnType<typeof measureAvailability>>

export interface CacheOffRun {
  d: HttpRun
  cpu: CpuShare | undefined
  d1: HttpRun
  startupRssMb: number
  peakRssMb: number
  serverCpuMsPerRequest: number | null
}

/** (d) again with the cache off: the server reads the setting at start, so a second server, in place of `server`. */
export async function measureCacheOff(server: Server, url: string, jwtSecret: string, availabilityPath: string, resources: Resources): Promise<CacheOffRun> {
  await stopServer(server)
  const offServer = (resources.offServer = await startServer(serverEnv(url, jwtSecret, { AVAILABILITY_CACHE_MS: '0' }), await freePort()))
  const offSampler = (resources.offSampler = new RssSampler(offServer.child.pid!))
  offSampler.start()
  const offStartupRssMb = serverRssKb(offServer.child.pid!) / 1024
  await probeAvailability(offServer.base, availabilityPath)
  log(`(d) again with AVAILABILITY_CACHE_MS=0 (cache off): server pid ${offServer.child.pid}, RSS after start ${f1(offStartupRssMb)} MB …`)
  if (WARMUP_SECONDS > 0) await availRequest(offServer.base, WARMUP_SECONDS, availabilityPath)
  const { result: dOff, cpu: cpuDOff } = await metered(offServer.child.pid!, url, () => availRequest(offServer.base, SECONDS, availabilityPath))
  log(`    ${f0(dOff.rps)} req/s (statuses ${JSON.stringify(dOff.statusCodes)}), p50 ${dOff.latency.p50} ms, p99 ${dOff.latency.p99} ms`)
  log(`    ${cpuLine(cpuDOff)}`)
  const d1Off = await availRequest(offServer.base, oneSeconds, availabilityPath, 1)
  log(`    at 1 connection: ${f0(d1Off.rps)} req/s, p50 ${d1Off.latency.p50} ms, p99 ${d1Off.latency.p99} ms`)
  offSampler.sample()
  offSampler.stop()
  return {
    d: dOff,
    cpu: cpuDOff,
    d1: d1Off,
    startupRssMb: offStartupRssMb,
    peakRssMb: offSampler.peakKb / 1024,
    serverCpuMsPerRequest: cpuDOff ? (cpuDOff.server * cpuDOff.seconds * 1000) / dOff.requests : null,
  }
}
