/** What one run measured, and how it is written to bench/results.json. */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import type { countRows } from './database.js'
import type { Fixture } from './fixture.js'
import type { Availability, CacheOffRun } from './phases/availability.js'
import type { Holds } from './phases/holds.js'
import type { Payments } from './phases/payments.js'
import type { Ping } from './phases/ping.js'
import type { Server } from './server.js'
import {
  AVAILABILITY_CONNECTIONS,
  FLOW_WORKERS,
  HOLD_CONNECTIONS,
  PER_ROOM_ON_AVAILABILITY_DAY,
  ROOMS,
  ROOT,
  SECONDS,
  TARGETS,
  WARMUP_SECONDS,
  WEBHOOK_CONNECTIONS,
  WEBHOOK_WARMUP_EVENTS,
} from './settings.js'
import type { MirrorCheck, MirrorFreshness } from './sql-guard.js'

export interface Measured {
  /** When the run started (Date.now()), and the machine's 1-minute load average then. */
  t0: number
  loadBefore: number
  version: string
  fx: Fixture
  mirror: MirrorCheck
  mirrorLine: string
  fresh: MirrorFreshness
  cacheDefaultMs: number | undefined
  startupRssMb: number
  freeIntervals: number
  availBytes: number
  holds: Holds
  availability: Availability
  ping: Ping
  availOverPing: number
  pay: Payments
  off: CacheOffRun | undefined
  mainPeakRssMb: number
  peakRssMb: number
  rows: Awaited<ReturnType<typeof countRows>>
  servers: { server: Server; offServer: Server | undefined }
}

/** Each target met (PASS) or not (MISS); a miss never fails the run. */
export interface Verdicts {
  holdRatio: boolean
  availabilityP99: boolean
  availabilityP99CacheOff?: boolean
  rss: boolean
}

export function writeResults(m: Measured, loadAfter: number, pass: Verdicts): void {
  const { loadBefore, version, fx, mirror, mirrorLine, fresh, cacheDefaultMs, startupRssMb, freeIntervals, availBytes, availOverPing, pay, off, mainPeakRssMb, peakRssMb } = m
  const { a, cpuA, rssA, b, cpuB, ratio } = m.holds
  const { d, cpuD, rssD, d1, dSql, cpuDSql } = m.availability
  const { e, cpuE, rssE } = m.ping
  const { counts, webhookRows } = m.rows
  const failedChecks = pay.failedChecks
  const results = {
    at: new Date().toISOString(),
    machine: { loadAverage1mBefore: loadBefore, loadAverage1mAfter: loadAfter, cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim() ?? null, memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, postgres: version },
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rooms: ROOMS,
      availabilityReservations: ROOMS * PER_ROOM_ON_AVAILABILITY_DAY,
      holdConnections: HOLD_CONNECTIONS,
      availabilityConnections: AVAILABILITY_CONNECTIONS,
      availabilityDay: fx.availabilityDay,
      serverPoolSize: 20,
      server: 'node dist/cli.js serve',
      webhookConnections: WEBHOOK_CONNECTIONS,
      webhookEvents: pay.ok ? pay.eventCount : null,
      webhookWarmupEvents: WEBHOOK_WARMUP_EVENTS,
      flowWorkers: FLOW_WORKERS,
      paymentGateway: 'fake',
    },
    sqlMirror: { ...mirror, line: mirrorLine },
    availabilityCache: {
      setting: 'AVAILABILITY_CACHE_MS',
      /** null: this version of the service has no such setting. */
      defaultMs: cacheDefaultMs ?? null,
      /** The cache each availability run used, in ms (0 = off). */
      d_availability_http: cacheDefaultMs ?? null,
      d_availability_http_cache_off: off ? 0 : null,
    },
    a_holds_http: { ...a, cpu: cpuA, serverCpuMsPerRequest: cpuA ? (cpuA.server * cpuA.seconds * 1000) / a.requests : null },
    b_holds_sql: { ...b, cpu: cpuB },
    c_ratio: ratio,
    d_availability_http: { ...d, cpu: cpuD, serverCpuMsPerRequest: cpuD ? (cpuD.server * cpuD.seconds * 1000) / d.requests : null },
    d_availability_http_1_connection: d1,
    d_availability_http_cache_off: off ? { ...off.d, cpu: off.cpu, serverCpuMsPerRequest: off.serverCpuMsPerRequest } : null,
    d_availability_http_1_connection_cache_off: off?.d1 ?? null,
    d_availability_sql: { ...dSql, cpu: cpuDSql },
    e_ping_http: { ...e, cpu: cpuE, serverCpuMsPerRequest: cpuE ? (cpuE.server * cpuE.seconds * 1000) / e.requests : null },
    e_availability_over_ping: availOverPing,
    f_rss_mb: {
      peak: peakRssMb,
      afterStart: startupRssMb,
      peakDuringHolds: rssA,
      peakDuringAvailability: rssD,
      peakDuringPing: rssE,
      peakDuringWebhooks: pay.ok ? pay.rssG : null,
      peakDuringFlows: pay.ok ? pay.rssH : null,
      mainServerPeak: mainPeakRssMb,
      cacheOffServer: off ? { afterStart: off.startupRssMb, peak: off.peakRssMb } : null,
    },
    ...(pay.ok
      ? (({ g, gWarm, eventCount, gNon2xx, cpuG, sets, gSql, cpuGSql, gRatio, h, stepLatency, cpuH, checks }) => ({
        g_webhooks_http: {
          ...g.run,
          events: eventCount,
          autocannonSeconds: g.autocannonSeconds,
          non2xx: gNon2xx,
          outcomes: g.outcomes,
          bodiesBuilt: g.built,
          bodiesReused: g.reused,
          cpu: cpuG,
          serverCpuMsPerRequest: cpuG ? (cpuG.server * cpuG.seconds * 1000) / g.run.requests : null,
          warmup: { ...gWarm.run, outcomes: gWarm.outcomes },
          preparation: { checkouts: sets.checkouts.length, seconds: sets.seconds, failures: sets.failures },
        },
        g_webhooks_sql: { ...gSql, cpu: cpuGSql, mirrorFresh: fresh.webhook },
        g_ratio: fresh.webhook ? gRatio : null,
        h_flows: {
          ...h,
          stepLatency,
          cpu: cpuH,
          serverCpuMsPerFlow: cpuH ? (cpuH.server * cpuH.seconds * 1000) / h.ops : null,
        },
        checks: { ...checks, failed: failedChecks },
        }))(pay)
      : { g_webhooks_http: null, g_webhooks_sql: null, g_ratio: null, h_flows: null, checks: { error: pay.error, failed: failedChecks } }),
    reservationsInDatabase: { total: Number(counts.total), holds: Number(counts.held), awaitingPayment: Number(counts.awaiting), confirmed: Number(counts.confirmed) },
    webhookEventsInDatabase: { rows: Number(webhookRows.rows), duplicates: Number(webhookRows.duplicates) },
    availabilityResponse: { freeIntervals, bytes: availBytes },
    targets: TARGETS,
    pass,
  }
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
}
