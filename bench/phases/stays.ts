/**
 * Stays, on the hotel of stays-fixture.ts (200 room types × 365 nights, two rate plans each, a
 * high-season and a weekend rule):
 *
 *   (i) GET /stays/search for random 1–7 night ranges in the year, 2 guests, 1 room (the first
 *       page: 20 of the 200 room types); then at 1 connection; then its SQL (two statements side
 *       by side) straight through pg
 *   (j) stay holds through POST /reservations (one stay item: 3 nights, random dates, type and
 *       plan, 1 unit); the raw reference, the night counters' conditional UPDATE alone, one per
 *       transaction (bench/raw.ts), and j ÷ raw, issue 16's target; (k) the service's own
 *       statement (StayHolds') straight through pg, (l) the ratio j / k
 *
 * and afterwards a check that the night counters add up to the stay holds that were made.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { cpuLine, metered } from '../cpu.js'
import { f0, f1, log } from '../format.js'
import { cannon, loop } from '../load.js'
import {
  SECONDS,
  STAY_BOOKING_CONNECTIONS,
  STAY_BOOKING_NIGHTS,
  STAY_SEARCH_CONNECTIONS,
  STAY_SEARCH_GUESTS,
  STAY_SEARCH_MAX_NIGHTS,
  STAY_SEARCH_PAGE_SIZE,
  WARMUP_SECONDS,
} from '../settings.js'
import { rawStayClaim, releaseStayClaims, type StayTaken } from '../raw.js'
import { stayCreateDirect, staySearchDirect } from '../sql-direct.js'
import { staleNote } from '../sql-guard.js'
import { mirrorPool } from '../sql-mirror.js'
import { randomSearch, randomStayClaim, searchPath, stayBookingBody, type StayFixture } from '../stays-fixture.js'
import type { AuthHeaders, PhaseContext } from './context.js'

/** How long the run at 1 connection lasts, in seconds. */
const oneSeconds = Math.max(1, Math.round(SECONDS / 2))

const randomSearchPath = (s: StayFixture) => searchPath(s.venueId, randomSearch(s, STAY_SEARCH_MAX_NIGHTS, STAY_SEARCH_GUESTS))

const searchRequest = (base: string, s: StayFixture, duration: number, connections = STAY_SEARCH_CONNECTIONS) =>
  cannon({ url: base, connections, duration, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: randomSearchPath(s) }) }] }, 200)

/**
 * One search by hand: 200 counting every room type, with a first page of STAY_SEARCH_PAGE_SIZE
 * types of two offers each, or it throws; answers its size.
 */
export async function probeStaySearch(base: string, s: StayFixture): Promise<{ path: string; count: number; results: number; bytes: number; nights: number }> {
  const path = randomSearchPath(s)
  const res = await fetch(`${base}${path}`)
  const text = await res.text()
  const body = JSON.parse(text) as { count?: number; nights?: number; results?: { offers: unknown[] }[] }
  if (
    res.status !== 200 ||
    body.count !== s.roomTypes.length ||
    body.results?.length !== Math.min(STAY_SEARCH_PAGE_SIZE, s.roomTypes.length) ||
    body.results.some((r) => r.offers.length !== 2)
  ) {
    throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 500)}`)
  }
  return { path, count: body.count, results: body.results.length, bytes: Buffer.byteLength(text), nights: body.nights! }
}

/** One stay hold by hand: it must answer 201 with one stay item. */
export async function probeStayBooking(base: string, s: StayFixture, authJson: AuthHeaders): Promise<void> {
  const res = await fetch(`${base}/api/v1/reservations`, {
    method: 'POST',
    headers: authJson,
    body: stayBookingBody(s.venueId, randomStayClaim(s, STAY_BOOKING_NIGHTS)),
  })
  const body = (await res.json()) as { items?: { kind: string; nights: number }[] }
  if (res.status !== 201 || body.items?.[0]?.kind !== 'stay' || body.items[0].nights !== STAY_BOOKING_NIGHTS) {
    throw new Error(`POST /reservations with a stay answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`)
  }
}

export async function measureStaySearch({ url, fx, server, sampler, fresh, resources: { pools } }: PhaseContext) {
  const pid = server.child.pid!
  const s = fx.stays
  const probe = await probeStaySearch(server.base, s)
  log(
    `(i) GET /api/v1/stays/search?venue=…&arrival=…&departure=…&guests=${STAY_SEARCH_GUESTS}&rooms=1, random 1–${STAY_SEARCH_MAX_NIGHTS} nights, ${STAY_SEARCH_CONNECTIONS} connections (probe: ${probe.count} room types fit, a page of ${probe.results} × 2 offers, ${probe.nights} nights, ${f0(probe.bytes)} bytes) …`,
  )
  if (WARMUP_SECONDS > 0) await searchRequest(server.base, s, WARMUP_SECONDS)
  sampler.resetPhase()
  const { result: i, cpu: cpuI } = await metered(pid, url, () => searchRequest(server.base, s, SECONDS))
  const rssI = sampler.resetPhase()
  log(`    ${f0(i.rps)} req/s (statuses ${JSON.stringify(i.statusCodes)}), p50 ${i.latency.p50} ms, p99 ${i.latency.p99} ms`)
  log(`    ${cpuLine(cpuI)}`)
  const i1 = await searchRequest(server.base, s, oneSeconds, 1)
  log(`    at 1 connection: ${f0(i1.rps)} req/s, p50 ${i1.latency.p50} ms, p99 ${i1.latency.p99} ms`)

  log(`    the same queries through pg, pool of ${STAY_SEARCH_CONNECTIONS}, concurrency ${STAY_SEARCH_CONNECTIONS}${staleNote(fresh.staySearch)} …`)
  const pool = mirrorPool(url, STAY_SEARCH_CONNECTIONS)
  pools.push(pool)
  if (WARMUP_SECONDS > 0) await loop(STAY_SEARCH_CONNECTIONS, WARMUP_SECONDS, () => staySearchDirect(pool, fx))
  const { result: iSql, cpu: cpuISql } = await metered(pid, url, () => loop(STAY_SEARCH_CONNECTIONS, SECONDS, () => staySearchDirect(pool, fx)))
  log(`    ${f0(iSql.okPerSecond)} req/s (${JSON.stringify(iSql.outcomes)}), p50 ${f1(iSql.latency.p50)} ms, p99 ${f1(iSql.latency.p99)} ms`)
  log(`    ${cpuLine(cpuISql)}`)
  const iSql1 = await loop(1, oneSeconds, () => staySearchDirect(pool, fx))
  log(`    at concurrency 1: ${f0(iSql1.okPerSecond)} req/s, p50 ${f1(iSql1.latency.p50)} ms, p99 ${f1(iSql1.latency.p99)} ms\n`)
  await pool.end()
  pools.pop()
  return { i, cpuI, rssI, i1, iSql, cpuISql, iSql1, probe }
}

export type StaySearchRun = Awaited<ReturnType<typeof measureStaySearch>>

export async function measureStayBookings({ url, fx, server, sampler, authJson, fresh, resources: { pools } }: PhaseContext) {
  const pid = server.child.pid!
  const s = fx.stays
  const bookRequest = (duration: number) =>
    cannon(
      {
        url: server.base,
        connections: STAY_BOOKING_CONNECTIONS,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/reservations',
            headers: authJson,
            // Each booking carries its own Idempotency-Key, as (a)'s holds do.
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, 'idempotency-key': randomUUID() },
              body: stayBookingBody(s.venueId, randomStayClaim(s, STAY_BOOKING_NIGHTS)),
            }),
          },
        ],
      },
      201,
    )

  // (j) stay holds through HTTP
  log(
    `(j) POST /api/v1/reservations with one stay item (${STAY_BOOKING_NIGHTS} nights, random dates, room type and plan, 1 unit), ${STAY_BOOKING_CONNECTIONS} connections …`,
  )
  if (WARMUP_SECONDS > 0) await bookRequest(WARMUP_SECONDS)
  sampler.resetPhase()
  const { result: j, cpu: cpuJ } = await metered(pid, url, () => bookRequest(SECONDS))
  const rssJ = sampler.resetPhase()
  log(
    `    ${f0(j.okPerSecond)} stay holds/s (201: ${j.ok}, statuses ${JSON.stringify(j.statusCodes)}, errors ${j.errors}, timeouts ${j.timeouts}), p50 ${j.latency.p50} ms, p99 ${j.latency.p99} ms`,
  )
  log(`    ${cpuLine(cpuJ)}`)

  // The raw reference: the night counters' statement alone, one per transaction. What it takes
  // is given back afterwards (no stay item holds it), so that the CHECK below still holds.
  log(
    `    raw: the night counters' conditional UPDATE (shiftNights, ${STAY_BOOKING_NIGHTS} nights, 1 unit) per transaction (autocommit, prepared), pool of ${STAY_BOOKING_CONNECTIONS}, concurrency ${STAY_BOOKING_CONNECTIONS} …`,
  )
  const rawPool = new pg.Pool({ connectionString: url, max: STAY_BOOKING_CONNECTIONS })
  pools.push(rawPool)
  const taken: StayTaken = new Map()
  let rawRun, cpuRaw
  try {
    if (WARMUP_SECONDS > 0) await loop(STAY_BOOKING_CONNECTIONS, WARMUP_SECONDS, () => rawStayClaim(rawPool, s, taken))
    ;({ result: rawRun, cpu: cpuRaw } = await metered(pid, url, () => loop(STAY_BOOKING_CONNECTIONS, SECONDS, () => rawStayClaim(rawPool, s, taken))))
  } finally {
    await releaseStayClaims(rawPool, taken)
    await rawPool.end()
    pools.pop()
  }
  log(`    ${f0(rawRun.okPerSecond)} claims/s (${JSON.stringify(rawRun.outcomes)}), p50 ${f1(rawRun.latency.p50)} ms, p99 ${f1(rawRun.latency.p99)} ms`)
  log(`    ${cpuLine(cpuRaw)}`)
  const rawRatio = j.okPerSecond / rawRun.okPerSecond
  log(`    j/raw = ${rawRatio.toFixed(3)}`)

  // (k) the same statement straight through pg
  log(`(k) the same SQL through pg, pool of ${STAY_BOOKING_CONNECTIONS}, concurrency ${STAY_BOOKING_CONNECTIONS}${staleNote(fresh.stayCreate)} …`)
  const pool = mirrorPool(url, STAY_BOOKING_CONNECTIONS)
  pools.push(pool)
  if (WARMUP_SECONDS > 0) await loop(STAY_BOOKING_CONNECTIONS, WARMUP_SECONDS, () => stayCreateDirect(pool, fx))
  const { result: k, cpu: cpuK } = await metered(pid, url, () => loop(STAY_BOOKING_CONNECTIONS, SECONDS, () => stayCreateDirect(pool, fx)))
  await pool.end()
  pools.pop()
  log(`    ${f0(k.okPerSecond)} commits/s (${JSON.stringify(k.outcomes)}), p50 ${f1(k.latency.p50)} ms, p99 ${f1(k.latency.p99)} ms`)
  log(`    ${cpuLine(cpuK)}`)
  const ratio = j.okPerSecond / k.okPerSecond
  log(`(l) j/k = ${ratio.toFixed(3)}${fresh.stayCreate ? '' : " (MIRROR IS STALE: not the service's SQL)"}`)
  const check = await stayCounters(url, s)
  log(`    CHECK stays: ${check.line}\n`)
  return { j, cpuJ, rssJ, raw: rawRun, cpuRaw, rawRatio, k, cpuK, ratio, check }
}

export type StayBookingsRun = Awaited<ReturnType<typeof measureStayBookings>>

/**
 * The night counters against the stay items: every unit held on a night must belong to an
 * active stay item of a hold covering that night, and nothing may be sold (nothing was confirmed).
 */
export async function stayCounters(url: string, s: StayFixture) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ held: string; sold: string; claimed: string; holds: string; mismatched: string; over: string }>(
      `with claimed as (
         select i.room_type_id, g.night::date as night, sum(i.quantity)::int as units
         from reservation_items i join reservations r on r.id = i.reservation_id
         cross join lateral generate_series(i.arrival, i.departure - 1, interval '1 day') g(night)
         where i.kind = 'stay' and i.active and r.status in ('pending', 'awaiting_payment') and r.venue_id = $1
         group by 1, 2)
       select (select coalesce(sum(n.held), 0) from inventory_nights n join room_types t on t.id = n.room_type_id where t.venue_id = $1) as held,
              (select coalesce(sum(n.sold), 0) from inventory_nights n join room_types t on t.id = n.room_type_id where t.venue_id = $1) as sold,
              (select coalesce(sum(units), 0) from claimed) as claimed,
              (select count(*) from reservations r where r.venue_id = $1 and r.status = 'pending') as holds,
              (select count(*) from inventory_nights n join room_types t on t.id = n.room_type_id
                 left join claimed c on c.room_type_id = n.room_type_id and c.night = n.night
               where t.venue_id = $1 and n.held <> coalesce(c.units, 0)) as mismatched,
              (select count(*) from inventory_nights n join room_types t on t.id = n.room_type_id where t.venue_id = $1 and n.held + n.sold > n.units) as over`,
      [s.venueId],
    )
    const r = rows[0]!
    const pass = Number(r.mismatched) === 0 && Number(r.over) === 0 && Number(r.sold) === 0 && r.held === r.claimed
    return {
      pass,
      holds: Number(r.holds),
      heldUnitNights: Number(r.held),
      claimedUnitNights: Number(r.claimed),
      mismatchedNights: Number(r.mismatched),
      line: `${f0(Number(r.holds))} stay holds; ${f0(Number(r.held))} unit-nights held on the counters, ${f0(Number(r.claimed))} claimed by active stay items; ${r.mismatched} nights differ, ${r.over} over their units, ${r.sold} sold: ${pass ? 'PASS' : 'FAIL'}`,
    }
  } finally {
    await client.end()
  }
}
