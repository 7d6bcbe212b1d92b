/** What one run measured, and how it is written to bench/results.json. */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import type { countRows } from './database.js'
import type { Fixture } from './fixture.js'
import type { Availability, CacheOffRun } from './phases/availability.js'
import type { Holds } from './phases/holds.js'
import type { Payments } from './phases/payments.js'
import type { EventsRun } from './phases/events.js'
import type { Ping } from './phases/ping.js'
import type { Seats } from './phases/seats.js'
import type { StayBookingsRun, StaySearchRun } from './phases/stays.js'
import type { Server } from './server.js'
import {
  AVAILABILITY_CONNECTIONS,
  FLOW_WORKERS,
  HOLD_CONNECTIONS,
  PER_ROOM_ON_AVAILABILITY_DAY,
  PHASES,
  ROOMS,
  ROOT,
  SECONDS,
  STAY_BOOKING_CONNECTIONS,
  STAY_BOOKING_NIGHTS,
  STAY_NIGHTS,
  WORKERS,
  STAY_ROOM_TYPES,
  STAY_SEARCH_CONNECTIONS,
  STAY_SEARCH_GUESTS,
  STAY_SEARCH_MAX_NIGHTS,
  STAY_SEARCH_PAGE_SIZE,
  STAY_UNITS,
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
  /** Each phase is undefined when BENCH_PHASES left it out. */
  holds: Holds | undefined
  availability: Availability | undefined
  ping: Ping | undefined
  availOverPing: number | undefined
  pay: Payments | undefined
  staySearch: StaySearchRun | undefined
  stayBookings: StayBookingsRun | undefined
  events: EventsRun | undefined
  seats: Seats | undefined
  off: CacheOffRun | undefined
  mainPeakRssMb: number
  peakRssMb: number
  rows: Awaited<ReturnType<typeof countRows>>
  servers: { server: Server; offServer: Server | undefined }
}

/** Each target met (PASS) or not (MISS); a miss never fails the run. */
export interface Verdicts {
  /** HTTP ÷ the raw reference of the same run (bench/raw.ts). */
  holdRatio?: boolean
  seatRatio?: boolean
  stayBookingRatio?: boolean
  webhookRatio?: boolean
  /** Availability with the cache off, 50 connections. */
  availabilityRps?: boolean
  availabilityP99?: boolean
  staySearchP99?: boolean
  rss: boolean
}

const perRequest = (cpu: { server: number; seconds: number } | undefined, requests: number) => (cpu ? (cpu.server * cpu.seconds * 1000) / requests : null)

/** The payment phases' keys when they did not run or failed: present, and null. */
const NO_PAYMENT_FIGURES = {
  g_webhooks_http: null,
  g_webhooks_minimal_sql: null,
  g_ratio_vs_minimal: null,
  g_webhooks_sql: null,
  g_ratio: null,
  h_flows: null,
} as const

export function writeResults(m: Measured, loadAfter: number, pass: Verdicts, failedChecks: string[]): void {
  const {
    loadBefore,
    version,
    fx,
    mirror,
    mirrorLine,
    fresh,
    cacheDefaultMs,
    startupRssMb,
    freeIntervals,
    availBytes,
    availOverPing,
    pay,
    off,
    mainPeakRssMb,
    peakRssMb,
    holds,
    availability,
    ping,
    staySearch,
    stayBookings,
    seats,
  } = m
  const { counts, webhookRows } = m.rows
  const results = {
    at: new Date().toISOString(),
    machine: {
      loadAverage1mBefore: loadBefore,
      loadAverage1mAfter: loadAfter,
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model.trim() ?? null,
      memoryMb: Math.round(os.totalmem() / 2 ** 20),
      node: process.version,
      postgres: version,
    },
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rooms: ROOMS,
      availabilityReservations: ROOMS * PER_ROOM_ON_AVAILABILITY_DAY,
      // The server's processes: `serve --workers N` under BENCH_WORKERS, else 1.
      serverWorkers: WORKERS,
      holdConnections: HOLD_CONNECTIONS,
      availabilityConnections: AVAILABILITY_CONNECTIONS,
      availabilityDay: fx.availabilityDay,
      serverPoolSize: 20,
      server: 'node dist/cli.js serve',
      webhookConnections: WEBHOOK_CONNECTIONS,
      webhookEvents: pay?.ok ? pay.eventCount : null,
      webhookWarmupEvents: WEBHOOK_WARMUP_EVENTS,
      flowWorkers: FLOW_WORKERS,
      paymentGateway: 'fake',
      phases: [...PHASES],
      stays: {
        roomTypes: STAY_ROOM_TYPES,
        ratePlansPerType: 2,
        nights: STAY_NIGHTS,
        unitsPerNight: STAY_UNITS,
        firstNight: fx.stays.firstNight,
        highSeason: fx.stays.season,
        weekendNights: 'Fri, Sat (+20 %)',
        searchConnections: STAY_SEARCH_CONNECTIONS,
        searchNights: `1-${STAY_SEARCH_MAX_NIGHTS}`,
        searchGuests: STAY_SEARCH_GUESTS,
        searchPageSize: STAY_SEARCH_PAGE_SIZE,
        bookingConnections: STAY_BOOKING_CONNECTIONS,
        bookingNights: STAY_BOOKING_NIGHTS,
      },
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
    a_holds_http: holds ? { ...holds.a, cpu: holds.cpuA, serverCpuMsPerRequest: perRequest(holds.cpuA, holds.a.requests) } : null,
    /** The raw reference: one INSERT of a slot claim per transaction (bench/raw.ts RAW.slotInsert). */
    a_holds_raw_insert: holds ? { ...holds.raw, cpu: holds.cpuRaw, statement: 'RAW.slotInsert' } : null,
    /** A hold's writes alone, no checks, via pg (RAW.holdFloor): as high as (c) could go. */
    c_hold_floor: holds
      ? { ...holds.floor, cpu: holds.cpuFloor, statement: 'RAW.holdFloor', ratioVsRaw: holds.floor.okPerSecond / holds.raw.okPerSecond }
      : null,
    /** Issue 16's holds target: a ÷ the raw INSERT. */
    c_ratio_vs_raw: holds?.rawRatio ?? null,
    b_holds_sql: holds ? { ...holds.b, cpu: holds.cpuB } : null,
    /** a ÷ b: against the service's own SQL (the former target, now secondary). */
    c_ratio: holds?.ratio ?? null,
    d_availability_http: availability
      ? { ...availability.d, cpu: availability.cpuD, serverCpuMsPerRequest: perRequest(availability.cpuD, availability.d.requests) }
      : null,
    d_availability_http_1_connection: availability?.d1 ?? null,
    d_availability_http_cache_off: off ? { ...off.d, cpu: off.cpu, serverCpuMsPerRequest: off.serverCpuMsPerRequest } : null,
    d_availability_http_1_connection_cache_off: off?.d1 ?? null,
    d_availability_sql: availability ? { ...availability.dSql, cpu: availability.cpuDSql } : null,
    e_ping_http: ping ? { ...ping.e, cpu: ping.cpuE, serverCpuMsPerRequest: perRequest(ping.cpuE, ping.e.requests) } : null,
    e_availability_over_ping: availOverPing ?? null,
    f_rss_mb: {
      peak: peakRssMb,
      afterStart: startupRssMb,
      peakDuringHolds: holds?.rssA ?? null,
      peakDuringAvailability: availability?.rssD ?? null,
      peakDuringPing: ping?.rssE ?? null,
      peakDuringWebhooks: pay?.ok ? pay.rssG : null,
      peakDuringFlows: pay?.ok ? pay.rssH : null,
      peakDuringStaySearch: staySearch?.rssI ?? null,
      peakDuringStayBookings: stayBookings?.rssJ ?? null,
      mainServerPeak: mainPeakRssMb,
      eventsServerPeak: m.events?.peakRssMb ?? null,
      cacheOffServer: off ? { afterStart: off.startupRssMb, peak: off.peakRssMb } : null,
    },
    i_stay_search_http: staySearch
      ? { ...staySearch.i, cpu: staySearch.cpuI, serverCpuMsPerRequest: perRequest(staySearch.cpuI, staySearch.i.requests), probe: staySearch.probe }
      : null,
    i_stay_search_http_1_connection: staySearch?.i1 ?? null,
    i_stay_search_sql: staySearch ? { ...staySearch.iSql, cpu: staySearch.cpuISql, mirrorFresh: fresh.staySearch } : null,
    i_stay_search_sql_concurrency_1: staySearch?.iSql1 ?? null,
    j_stay_holds_http: stayBookings
      ? { ...stayBookings.j, cpu: stayBookings.cpuJ, serverCpuMsPerRequest: perRequest(stayBookings.cpuJ, stayBookings.j.requests) }
      : null,
    /** The raw reference: the night counters' conditional UPDATE alone per transaction (SQL.shiftNights). */
    j_stay_holds_raw_update: stayBookings ? { ...stayBookings.raw, cpu: stayBookings.cpuRaw, statement: 'SQL.shiftNights' } : null,
    /** Issue 16's stay holds target: j ÷ the raw UPDATE. */
    l_stay_ratio_vs_raw: stayBookings?.rawRatio ?? null,
    k_stay_holds_sql: stayBookings ? { ...stayBookings.k, cpu: stayBookings.cpuK, mirrorFresh: fresh.stayCreate } : null,
    /** j ÷ k: against the service's own statement (StayHolds') sent directly (secondary). */
    l_stay_ratio: stayBookings?.ratio ?? null,
    stayCounters: stayBookings?.check ?? null,
    p_seat_holds_http: seats
      ? { seatsPerSecond: seats.p, sold: seats.sold, seconds: seats.seconds, p50WorstSale: seats.p50, p99WorstSale: seats.p99, cpuLastSale: seats.cpuP ?? null }
      : null,
    /** The raw reference: the seat's conditional UPDATE alone per transaction (RAW.seatClaim). */
    q_seat_claim_raw: seats
      ? {
          claimsPerSecond: seats.q,
          taken: seats.taken,
          seconds: seats.directSeconds,
          p50WorstSale: seats.qP50,
          p99WorstSale: seats.qP99,
          cpuLastSale: seats.cpuQ ?? null,
        }
      : null,
    r_seat_ratio: seats?.ratio ?? null,
    s_practitioner_availability: seats?.availability ?? null,
    seatsCheck: seats?.check ?? null,
    m_events: m.events?.m ?? null,
    n_events_ratio: m.events?.n ?? null,
    o_events_latency: m.events ? { atRate: m.events.o, atHalfRate: m.events.half } : null,
    events_backlog: m.events?.backlog ?? null,
    ...(!pay
      ? { ...NO_PAYMENT_FIGURES, checks: { failed: failedChecks } }
      : pay.ok
        ? (({ g, gWarm, eventCount, gNon2xx, cpuG, sets, gRaw, cpuGRaw, gRawRatio, gSql, cpuGSql, gRatio, h, stepLatency, cpuH, checks }) => ({
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
            /** The raw reference: the event's minimum SQL, one statement (RAW.webhookMinimal). */
            g_webhooks_minimal_sql: { ...gRaw, cpu: cpuGRaw, statement: 'RAW.webhookMinimal' },
            /** Issue 16's webhook target: HTTP ÷ the minimum SQL. */
            g_ratio_vs_minimal: gRawRatio,
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
        : { ...NO_PAYMENT_FIGURES, checks: { error: pay.error, failed: failedChecks } }),
    reservationsInDatabase: {
      total: Number(counts.total),
      holds: Number(counts.held),
      awaitingPayment: Number(counts.awaiting),
      confirmed: Number(counts.confirmed),
    },
    webhookEventsInDatabase: { rows: Number(webhookRows.rows), duplicates: Number(webhookRows.duplicates) },
    availabilityResponse: { freeIntervals, bytes: availBytes },
    targets: TARGETS,
    pass,
  }
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
}
