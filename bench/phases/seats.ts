/**
 * (p) A flash sale: seat holds through POST /reservations on one hot occurrence of 1,000 seats
 * until it sells out, against (q) the database's own limit, the one conditional UPDATE that
 * takes a seat (the catalog's own claim, bench/raw.ts), sent straight to PostgreSQL as one
 * prepared statement per transaction on another occurrence of 1,000, at the same concurrency
 * (after a warm-up sale of its own); (r) the ratio p / q, issue 16's target. Then (s) practitioner availability for a day with
 * twenty workshops on the calendar. The check: every occurrence's `taken` equals its seat
 * items' quantities.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { cpuLine, metered } from '../cpu.js'
import { f0, f1, log } from '../format.js'
import { cannon, drain } from '../load.js'
import { rawSeatClaim } from '../raw.js'
import { AVAILABILITY_CONNECTIONS, HOLD_CONNECTIONS, SECONDS, WARMUP_SECONDS } from '../settings.js'
import type { PhaseContext } from './context.js'

const SEATS = 1000
const ROUNDS = 3
const DAY_MS = 86_400_000

interface SeatFixture {
  venueId: string
  practitionerId: string
  sessionId: string
  /** For HTTP rounds, then for direct rounds, then one to warm each up. */
  http: string[]
  direct: string[]
  warmup: string
  directWarmup: string
  availabilityDay: string
}

async function seedSeats(url: string, userId: string): Promise<SeatFixture> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const hours = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '20:00' })))
    const venue = (
      await c.query<{ id: string }>(
        `insert into venues (name, slug, kind, timezone, currency, opening_hours) values ('Bench studio', 'bench-studio', 'practitioner', 'UTC', 'USD', $1) returning id`,
        [hours],
      )
    ).rows[0]!.id
    const practitioner = (
      await c.query<{ id: string }>(
        `insert into practitioners (venue_id, user_id, display_name, verification_status, verified_at) values ($1, $2, 'Bench', 'verified', now()) returning id`,
        [venue, userId],
      )
    ).rows[0]!.id
    const service = async (type: string, seats: number) =>
      (
        await c.query<{ id: string }>(
          `insert into services (practitioner_id, venue_id, type, title, category, price_amount, currency, duration_minutes, max_participants)
           values ($1, $2, $3, 'Bench ' || $3, 'Bench', 2000, 'USD', 60, $4) returning id`,
          [practitioner, venue, type, seats],
        )
      ).rows[0]!.id
    const workshop = await service('workshop', SEATS)
    const session = await service('session', 1)
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())
    const occurrence = async (start: number, calendar: boolean) => {
      const id = (
        await c.query<{ id: string }>(
          `insert into service_occurrences (service_id, venue_id, starts_at, ends_at, capacity) values ($1, $2, $3, $4, $5) returning id`,
          [workshop, venue, new Date(start), new Date(start + 3_600_000), SEATS],
        )
      ).rows[0]!.id
      if (calendar)
        await c.query(`insert into calendar_claims (venue_id, starts_at, ends_at, occurrence_id) values ($1, $2, $3, $4)`, [
          venue,
          new Date(start),
          new Date(start + 3_600_000),
          id,
        ])
      return id
    }
    const at = (day: number, hour: number) => today + day * DAY_MS + hour * 3_600_000
    const http = [] as string[]
    const direct = [] as string[]
    for (let r = 0; r < ROUNDS; r++) http.push(await occurrence(at(10 + r, 10), false))
    for (let r = 0; r < ROUNDS; r++) direct.push(await occurrence(at(20 + r, 10), false))
    const warmup = await occurrence(at(30, 10), false)
    const directWarmup = await occurrence(at(31, 10), false)
    // The availability day: twenty half-day-spread workshops on the calendar, half an hour apart.
    for (let i = 0; i < 20; i++) await occurrence(at(40, 8) + i * 90 * 60_000 - (i % 2) * 30 * 60_000, true)
    return {
      venueId: venue,
      practitionerId: practitioner,
      sessionId: session,
      http,
      direct,
      warmup,
      directWarmup,
      availabilityDay: new Date(at(40, 0)).toISOString().slice(0, 10),
    }
  } finally {
    await c.end()
  }
}

export async function measureSeats({ url, fx, server, authJson }: PhaseContext) {
  const sf = await seedSeats(url, fx.userId)
  const pid = server.child.pid!
  // A sale's rate runs to its last answer: with `amount`, autocannon notices the end only on its
  // next sampling tick (1 s by default), so it ticks every 100 ms and the time is taken here.
  const sell = async (occurrenceId: string) => {
    let answered = 0
    let lastAnswerAt = 0
    const startedAt = performance.now()
    const run = await cannon(
      {
        url: server.base,
        connections: HOLD_CONNECTIONS,
        amount: SEATS,
        sampleInt: 100,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/reservations',
            headers: authJson,
            body: JSON.stringify({ venue_id: sf.venueId, items: [{ kind: 'seat', occurrence_id: occurrenceId, quantity: 1 }] }),
            // Each buyer's request carries its own Idempotency-Key, as (a)'s holds do.
            setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }),
            onResponse: () => {
              if (++answered === SEATS) lastAnswerAt = performance.now()
            },
          },
        ],
      },
      201,
    )
    const seconds = lastAnswerAt > 0 ? (lastAnswerAt - startedAt) / 1000 : run.seconds
    return { ...run, seconds, rps: run.requests / seconds, okPerSecond: run.ok / seconds }
  }

  log(`(p) a flash sale: POST /api/v1/reservations for one seat each on one occurrence of ${SEATS}, ${HOLD_CONNECTIONS} connections, ${ROUNDS} sales …`)
  if (WARMUP_SECONDS > 0) await sell(sf.warmup)
  let sold = 0
  let seconds = 0
  const p50s: number[] = []
  const p99s: number[] = []
  const cpuP = []
  for (const occurrence of sf.http) {
    const { result, cpu } = await metered(pid, url, () => sell(occurrence))
    sold += result.ok
    seconds += result.seconds
    p50s.push(result.latency.p50)
    p99s.push(result.latency.p99)
    cpuP.push(cpu)
    log(
      `    ${result.ok} seats in ${f1(result.seconds)} s (statuses ${JSON.stringify(result.statusCodes)}), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    )
  }
  const p = sold / seconds
  log(`    ${f0(p)} seat holds/s; ${cpuLine(cpuP[cpuP.length - 1])}`)

  log(
    `(q) the claim alone through pg: update service_occurrences set taken = taken + 1 where id = $1 and taken + 1 <= capacity returning id, one per transaction (prepared), pool of ${HOLD_CONNECTIONS}, ${ROUNDS} sales …`,
  )
  const pool = new pg.Pool({ connectionString: url, max: HOLD_CONNECTIONS })
  let taken = 0
  let directSeconds = 0
  const q50s: number[] = []
  const q99s: number[] = []
  const cpuQ = []
  try {
    const sale = (id: string) =>
      drain(
        HOLD_CONNECTIONS,
        Array.from({ length: SEATS }, () => id),
        (occurrence) => rawSeatClaim(pool, occurrence),
      )
    // Its own warm-up sale: the pool's 50 connections and their prepared statement are made there.
    await sale(sf.directWarmup)
    for (const occurrence of sf.direct) {
      const { result: run, cpu } = await metered(pid, url, () => sale(occurrence))
      directSeconds += run.seconds
      taken += run.ok
      q50s.push(run.latency.p50)
      q99s.push(run.latency.p99)
      cpuQ.push(cpu)
      log(`    ${run.ok} seats in ${f1(run.seconds)} s (${JSON.stringify(run.outcomes)}), p50 ${f1(run.latency.p50)} ms, p99 ${f1(run.latency.p99)} ms`)
    }
  } finally {
    await pool.end()
  }
  const q = taken / directSeconds
  log(`    ${taken} seats in ${f1(directSeconds)} s: ${f0(q)} claims/s; ${cpuLine(cpuQ[cpuQ.length - 1])}`)
  const ratio = p / q
  log(`(r) p/q = ${ratio.toFixed(3)}`)

  const availabilityPath = `/api/v1/practitioners/${sf.practitionerId}/availability?date=${sf.availabilityDay}&service_id=${sf.sessionId}`
  const probe = await fetch(`${server.base}${availabilityPath}`)
  if (probe.status !== 200) throw new Error(`practitioner availability answered ${probe.status}: ${await probe.text()}`)
  log(`(s) GET practitioner availability, a day with 20 workshops on the calendar, ${AVAILABILITY_CONNECTIONS} connections …`)
  const s = await cannon(
    { url: server.base, connections: AVAILABILITY_CONNECTIONS, duration: SECONDS, requests: [{ method: 'GET', path: availabilityPath }] },
    200,
  )
  log(`    ${f0(s.okPerSecond)} req/s, p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms`)

  // The invariant, in SQL: taken is exactly what active seat items hold, on every occurrence of the sale.
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const drift = await c
    .query<{ id: string }>(
      `select o.id from service_occurrences o
        where o.id = any($1::uuid[]) and o.taken <> coalesce((select sum(i.quantity) from reservation_items i join reservations r on r.id = i.reservation_id
          where i.occurrence_id = o.id and r.status in ('pending', 'awaiting_payment', 'confirmed', 'checked_in', 'completed')), 0)`,
      [[...sf.http, sf.warmup]],
    )
    .finally(() => c.end())
  const check = {
    pass: drift.rows.length === 0 && sold === SEATS * ROUNDS,
    line: `${sold} of ${SEATS * ROUNDS} seats sold over HTTP; taken = Σ active seat items on ${drift.rows.length === 0 ? 'every' : 'NOT every'} occurrence`,
  }
  log(`    CHECK seats: ${check.pass ? 'PASS' : 'FAIL'}: ${check.line}\n`)
  return {
    p,
    q,
    ratio,
    /** The worst of the sales' p50 and p99, over HTTP (p) and straight to PostgreSQL (q). */
    p50: Math.max(...p50s),
    p99: Math.max(...p99s),
    qP50: Math.max(...q50s),
    qP99: Math.max(...q99s),
    sold,
    seconds,
    taken,
    directSeconds,
    cpuP: cpuP[cpuP.length - 1],
    cpuQ: cpuQ[cpuQ.length - 1],
    availability: s,
    check,
  }
}

export type Seats = Awaited<ReturnType<typeof measureSeats>>
