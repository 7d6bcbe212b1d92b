/**
 * (g) verified Stripe webhooks through POST /payments/webhook, one distinct, signed
 * payment_intent.succeeded per checked-out hold; then the event's minimum SQL straight through pg
 * (store it, settle the payment, confirm: one statement per event, bench/raw.ts), issue 16's
 * reference; then the service's own transaction straight through pg. Each run is checked
 * afterwards with SQL.
 */
import pg from 'pg'
import { prepareCheckouts, type Checkout } from '../checkouts.js'
import { cpuLine, metered } from '../cpu.js'
import { f0, f1, f2, log } from '../format.js'
import { httpClient } from '../http-client.js'
import { drain } from '../load.js'
import { checkVerdict, paymentCheck } from '../payment-check.js'
import { SECONDS, WEBHOOK_CONNECTIONS, WEBHOOK_EVENTS, WEBHOOK_WARMUP_EVENTS } from '../settings.js'
import type { SlotAllocator } from '../slots.js'
import { rawWebhook } from '../raw.js'
import { webhookDirect } from '../sql-direct.js'
import { staleNote } from '../sql-guard.js'
import { mirrorPool } from '../sql-mirror.js'
import { succeededEvent, type StripeEvent } from '../stripe-events.js'
import { webhookCannon } from '../webhook-cannon.js'
import type { PhaseContext } from './context.js'

export async function measureWebhooks(
  { url, fx, server: srv, sampler: smp, authJson, fresh, resources: { pools, clients } }: PhaseContext,
  slots: SlotAllocator,
) {
  const pid = srv.child.pid!
  // (g) verified webhooks: one distinct, signed payment_intent.succeeded per checked-out hold
  const client = httpClient(srv.base, WEBHOOK_CONNECTIONS)
  clients.push(client)
  const failuresNote = (f: Record<string, number>) => (Object.keys(f).length > 0 ? `, retried after failures ${JSON.stringify(f)}` : '')
  log(`(g) POST /api/v1/payments/webhook, ${WEBHOOK_CONNECTIONS} connections, one distinct signed payment_intent.succeeded per checkout …`)
  const warmSets = await prepareCheckouts(client, authJson, fx, slots, 3 * WEBHOOK_WARMUP_EVENTS)
  log(
    `    prepared ${warmSets.checkouts.length} holds + checkouts through HTTP for the three warm-ups in ${f1(warmSets.seconds)} s (${f0(warmSets.checkouts.length / warmSets.seconds)}/s)${failuresNote(warmSets.failures)}`,
  )
  // Two halves: the first warms the code up; the second's rate sets how many events make about BENCH_SECONDS.
  const half = WEBHOOK_WARMUP_EVENTS / 2
  const gCold = await webhookCannon(srv.base, warmSets.checkouts.slice(0, half))
  const gWarm = await webhookCannon(srv.base, warmSets.checkouts.slice(half, WEBHOOK_WARMUP_EVENTS))
  const eventCount = WEBHOOK_EVENTS ?? Math.min(20_000, Math.max(200, Math.round(gWarm.run.okPerSecond * SECONDS)))
  log(
    `    warm-up: ${gCold.run.ok + gWarm.run.ok} of ${WEBHOOK_WARMUP_EVENTS} answered 200 (${JSON.stringify(gCold.outcomes)}, ${JSON.stringify(gWarm.outcomes)}), the second half at ${f0(gWarm.run.okPerSecond)}/s, so ${f0(eventCount)} events are measured${WEBHOOK_EVENTS ? ' (BENCH_WEBHOOK_EVENTS)' : ` (about ${SECONDS} s at that rate)`}`,
  )
  const sets = await prepareCheckouts(client, authJson, fx, slots, 3 * eventCount)
  log(
    `    prepared ${sets.checkouts.length} holds + checkouts (a third each for HTTP, the minimum SQL and the service's SQL) in ${f1(sets.seconds)} s (${f0(sets.checkouts.length / sets.seconds)}/s)${failuresNote(sets.failures)}`,
  )
  const httpSet = sets.checkouts.slice(0, eventCount)
  const rawSet = sets.checkouts.slice(eventCount, 2 * eventCount)
  const sqlSet = sets.checkouts.slice(2 * eventCount)
  smp.resetPhase()
  const { result: g, cpu: cpuG } = await metered(pid, url, () => webhookCannon(srv.base, httpSet))
  const rssG = smp.resetPhase()
  const gNon2xx = Object.entries(g.run.statusCodes).reduce((n, [code, count]) => (code.startsWith('2') ? n : n + count), 0) + g.run.errors + g.run.timeouts
  log(
    `    ${f0(g.run.okPerSecond)} events/s (${f0(g.run.requests)} requests in ${f2(g.run.seconds)} s to the last answer; statuses ${JSON.stringify(g.run.statusCodes)}; non-2xx ${gNon2xx}; errors ${g.run.errors}, timeouts ${g.run.timeouts}; outcomes ${JSON.stringify(g.outcomes)}), p50 ${g.run.latency.p50} ms, p99 ${g.run.latency.p99} ms`,
  )
  if (g.reused > 0 || g.built !== eventCount)
    log(`    !! autocannon asked for ${g.built + g.reused} bodies for ${eventCount} events (${g.reused} reused: duplicates)`)
  log(`    ${cpuLine(cpuG)}`)
  const gCheck = checkVerdict(
    await paymentCheck(
      url,
      httpSet.map((c) => c.reservationId),
      g.events.map((e) => e.id),
    ),
  )
  log(`    CHECK (g) webhooks via HTTP: ${gCheck.line}`)

  // Parsed beforehand: the server's JSON.parse and signature check are not SQL.
  const parsedEvents = (set: readonly Checkout[]) => set.map((c) => JSON.parse(succeededEvent(c, new Date()).payload) as StripeEvent)

  log(
    `    raw: the event's minimum SQL (settle the payment, confirm the reservation, store the event: one statement, autocommit, prepared), pool of ${WEBHOOK_CONNECTIONS}, concurrency ${WEBHOOK_CONNECTIONS}, ${f0(rawSet.length)} events …`,
  )
  const rawPool = new pg.Pool({ connectionString: url, max: WEBHOOK_CONNECTIONS })
  pools.push(rawPool)
  await drain(WEBHOOK_CONNECTIONS, parsedEvents(warmSets.checkouts.slice(2 * WEBHOOK_WARMUP_EVENTS)), (ev) => rawWebhook(rawPool, ev))
  const rawEvents = parsedEvents(rawSet)
  const { result: gRaw, cpu: cpuGRaw } = await metered(pid, url, () => drain(WEBHOOK_CONNECTIONS, rawEvents, (ev) => rawWebhook(rawPool, ev)))
  await rawPool.end()
  pools.pop()
  log(`    ${f0(gRaw.okPerSecond)} events/s (${JSON.stringify(gRaw.outcomes)}), p50 ${f1(gRaw.latency.p50)} ms, p99 ${f1(gRaw.latency.p99)} ms`)
  log(`    ${cpuLine(cpuGRaw)}`)
  const gRawCheck = checkVerdict(
    await paymentCheck(
      url,
      rawSet.map((c) => c.reservationId),
      rawEvents.map((e) => e.id),
    ),
  )
  log(`    CHECK (g) the minimum SQL via pg: ${gRawCheck.line}`)
  const gRawRatio = g.run.okPerSecond / gRaw.okPerSecond
  log(`    webhooks via HTTP / the minimum SQL = ${gRawRatio.toFixed(3)}`)

  log(
    `    the same transaction through pg, pool of ${WEBHOOK_CONNECTIONS}, concurrency ${WEBHOOK_CONNECTIONS}, ${f0(sqlSet.length)} events${staleNote(fresh.webhook)} …`,
  )
  const webhookPool = mirrorPool(url, WEBHOOK_CONNECTIONS)
  pools.push(webhookPool)
  await drain(WEBHOOK_CONNECTIONS, parsedEvents(warmSets.checkouts.slice(WEBHOOK_WARMUP_EVENTS, 2 * WEBHOOK_WARMUP_EVENTS)), (ev) =>
    webhookDirect(webhookPool, ev),
  )
  const sqlEvents = parsedEvents(sqlSet)
  const { result: gSql, cpu: cpuGSql } = await metered(pid, url, () => drain(WEBHOOK_CONNECTIONS, sqlEvents, (ev) => webhookDirect(webhookPool, ev)))
  await webhookPool.end()
  pools.pop()
  log(`    ${f0(gSql.okPerSecond)} commits/s (${JSON.stringify(gSql.outcomes)}), p50 ${f1(gSql.latency.p50)} ms, p99 ${f1(gSql.latency.p99)} ms`)
  log(`    ${cpuLine(cpuGSql)}`)
  const gSqlCheck = checkVerdict(
    await paymentCheck(
      url,
      sqlSet.map((c) => c.reservationId),
      sqlEvents.map((e) => e.id),
    ),
  )
  log(`    CHECK (g) the same SQL via pg: ${gSqlCheck.line}`)
  const gRatio = g.run.okPerSecond / gSql.okPerSecond
  log(`    webhooks via HTTP / the same SQL via pg = ${fresh.webhook ? gRatio.toFixed(3) : `${gRatio.toFixed(3)} (MIRROR IS STALE: not the service's SQL)`}\n`)
  return {
    g,
    gWarm,
    eventCount,
    sets,
    cpuG,
    rssG,
    gNon2xx,
    gCheck,
    gRaw,
    cpuGRaw,
    gRawCheck,
    rawEvents,
    gRawRatio,
    gSql,
    cpuGSql,
    gSqlCheck,
    sqlEvents,
    gRatio,
  }
}
