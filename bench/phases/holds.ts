/**
 * (a) holds through POST /reservations; the raw reference, one slot INSERT per transaction
 * straight through pg (bench/raw.ts), and a ÷ raw, issue 16's target; the hold's floor (what it
 * must write, nothing else) on the raw's pool; then (b) the service's own
 * transaction straight through pg, and (c) the ratio a / b.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { cpuLine, metered } from '../cpu.js'
import type { Fixture } from '../fixture.js'
import { f0, f1, log } from '../format.js'
import { cannon, loop } from '../load.js'
import { HOLD_CONNECTIONS, SECONDS, WARMUP_SECONDS } from '../settings.js'
import { randomClaim } from '../slots.js'
import { holdFloor, rawSlotInsert } from '../raw.js'
import { createDirect } from '../sql-direct.js'
import { staleNote } from '../sql-guard.js'
import { mirrorPool } from '../sql-mirror.js'
import type { PhaseContext } from './context.js'

/** A hold on a random slot of (a)'s days, as POST /reservations takes it. */
export function holdBody(fx: Fixture): string {
  const c = randomClaim(fx, fx.httpDays)
  return JSON.stringify({ venue_id: fx.venueId, items: [{ kind: 'slot', room_id: c.room.id, start: c.start.toISOString(), end: c.end.toISOString() }] })
}

export async function measureHolds({ url, fx, server, sampler, authJson, fresh, resources: { pools } }: PhaseContext) {
  const pid = server.child.pid!
  const holdRequest = (duration: number) =>
    cannon(
      {
        url: server.base,
        connections: HOLD_CONNECTIONS,
        duration,
        // Each hold carries its own Idempotency-Key, as the holds do ("idempotency included").
        requests: [
          {
            method: 'POST',
            path: '/api/v1/reservations',
            headers: authJson,
            setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() }, body: holdBody(fx) }),
          },
        ],
      },
      201,
    )

  // (a) holds through HTTP
  log(`(a) POST /api/v1/reservations, ${HOLD_CONNECTIONS} connections …`)
  if (WARMUP_SECONDS > 0) await holdRequest(WARMUP_SECONDS)
  sampler.resetPhase()
  const { result: a, cpu: cpuA } = await metered(pid, url, () => holdRequest(SECONDS))
  const rssA = sampler.resetPhase()
  log(`    ${f0(a.okPerSecond)} holds/s (201: ${a.ok}, statuses ${JSON.stringify(a.statusCodes)}), p50 ${a.latency.p50} ms, p99 ${a.latency.p99} ms`)
  log(`    ${cpuLine(cpuA)}`)

  // The raw reference: one INSERT of a slot claim per transaction, the same concurrency.
  log(
    `    raw: one INSERT of a slot claim into reservation_items per transaction (autocommit, prepared), pool of ${HOLD_CONNECTIONS}, concurrency ${HOLD_CONNECTIONS} …`,
  )
  const rawPool = new pg.Pool({ connectionString: url, max: HOLD_CONNECTIONS })
  pools.push(rawPool)
  if (WARMUP_SECONDS > 0) await loop(HOLD_CONNECTIONS, WARMUP_SECONDS, () => rawSlotInsert(rawPool, fx))
  const { result: rawRun, cpu: cpuRaw } = await metered(pid, url, () => loop(HOLD_CONNECTIONS, SECONDS, () => rawSlotInsert(rawPool, fx)))
  log(`    ${f0(rawRun.okPerSecond)} inserts/s (${JSON.stringify(rawRun.outcomes)}), p50 ${f1(rawRun.latency.p50)} ms, p99 ${f1(rawRun.latency.p99)} ms`)
  log(`    ${cpuLine(cpuRaw)}`)
  const rawRatio = a.okPerSecond / rawRun.okPerSecond
  log(`    a/raw = ${rawRatio.toFixed(3)}`)

  // The contract's floor: what a hold must write and nothing else, on the same pool.
  log(`    floor: a hold's writes alone in one statement (RAW.holdFloor), concurrency ${HOLD_CONNECTIONS} …`)
  if (WARMUP_SECONDS > 0) await loop(HOLD_CONNECTIONS, WARMUP_SECONDS, () => holdFloor(rawPool, fx))
  const { result: floor, cpu: cpuFloor } = await metered(pid, url, () => loop(HOLD_CONNECTIONS, SECONDS, () => holdFloor(rawPool, fx)))
  await rawPool.end()
  pools.pop()
  log(`    ${f0(floor.okPerSecond)} holds/s (${JSON.stringify(floor.outcomes)}), p50 ${f1(floor.latency.p50)} ms, p99 ${f1(floor.latency.p99)} ms`)
  log(`    ${cpuLine(cpuFloor)}`)
  log(`    floor/raw = ${(floor.okPerSecond / rawRun.okPerSecond).toFixed(3)}`)

  // (b) the same transaction straight through pg
  log(`(b) the same SQL through pg, pool of ${HOLD_CONNECTIONS}, concurrency ${HOLD_CONNECTIONS}${staleNote(fresh.create)} …`)
  const holdPool = mirrorPool(url, HOLD_CONNECTIONS)
  pools.push(holdPool)
  if (WARMUP_SECONDS > 0) await loop(HOLD_CONNECTIONS, WARMUP_SECONDS, () => createDirect(holdPool, fx))
  const { result: b, cpu: cpuB } = await metered(pid, url, () => loop(HOLD_CONNECTIONS, SECONDS, () => createDirect(holdPool, fx)))
  await holdPool.end()
  pools.pop()
  log(`    ${f0(b.okPerSecond)} commits/s (${JSON.stringify(b.outcomes)}), p50 ${f1(b.latency.p50)} ms, p99 ${f1(b.latency.p99)} ms`)
  log(`    ${cpuLine(cpuB)}`)
  const ratio = a.okPerSecond / b.okPerSecond
  log(`(c) a/b = ${ratio.toFixed(3)}\n`)
  return { a, cpuA, rssA, raw: rawRun, cpuRaw, rawRatio, floor, cpuFloor, b, cpuB, ratio }
}

export type Holds = Awaited<ReturnType<typeof measureHolds>>
