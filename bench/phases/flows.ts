/** (h) full payment flows from many workers, each checked afterwards with SQL. */
import { signWebhook } from '../../src/modules/payments/gateway.js'
import { holdAndCheckout } from '../checkouts.js'
import { cpuLine, metered } from '../cpu.js'
import { f1, f2, log } from '../format.js'
import { httpClient } from '../http-client.js'
import { loop, percentiles, type LoopRun } from '../load.js'
import { checkVerdict, paymentCheck } from '../payment-check.js'
import { FLOW_WORKERS, SECONDS, WARMUP_SECONDS, WEBHOOK_SECRET } from '../settings.js'
import type { SlotAllocator } from '../slots.js'
import { succeededEvent } from '../stripe-events.js'
import type { PhaseContext } from './context.js'

interface FlowRecord {
  reservationIds: string[]
  eventIds: string[]
  steps: { hold: number[]; checkout: number[]; webhook: number[]; get: number[] }
}
const newRecord = (): FlowRecord => ({ reservationIds: [], eventIds: [], steps: { hold: [], checkout: [], webhook: [], get: [] } })

export async function measureFlows({ url, fx, server: srv, sampler: smp, authJson, resources: { clients } }: PhaseContext, slots: SlotAllocator) {
  const pid = srv.child.pid!
  // (h) the whole payment: hold, checkout, Stripe's signed webhook, and the customer reloading the page
  const flowClient = httpClient(srv.base, FLOW_WORKERS)
  clients.push(flowClient)
  const flow = async (record: FlowRecord): Promise<string> => {
    const times: number[] = []
    const c = await holdAndCheckout(flowClient, authJson, fx, slots, times)
    record.reservationIds.push(c.reservationId)
    let t = performance.now()
    const now = new Date()
    const { event, payload } = succeededEvent(c, now)
    record.eventIds.push(event.id)
    const hook = await flowClient.request(
      'POST',
      '/api/v1/payments/webhook',
      { 'content-type': 'application/json', 'stripe-signature': signWebhook(payload, WEBHOOK_SECRET, now) },
      payload,
    )
    if (hook.status !== 200 || hook.body?.outcome !== 'confirmed') return `webhook_${hook.status}:${hook.body?.outcome ?? hook.body?.error?.code ?? ''}`
    times.push(performance.now() - t)
    t = performance.now()
    const got = await flowClient.request('GET', `/api/v1/reservations/${c.reservationId}`, { authorization: authJson.authorization })
    if (got.status !== 200 || got.body?.status !== 'confirmed') return `get_${got.status}:${got.body?.status ?? got.body?.error?.code ?? ''}`
    times.push(performance.now() - t)
    const [hold, checkout, webhook, get] = times as [number, number, number, number]
    record.steps.hold.push(hold)
    record.steps.checkout.push(checkout)
    record.steps.webhook.push(webhook)
    record.steps.get.push(get)
    return 'ok'
  }
  log(
    `(h) full payment flows, ${FLOW_WORKERS} workers: POST /reservations, POST …/checkout (fake gateway), signed POST /payments/webhook, GET /reservations/{id} = confirmed …`,
  )
  if (WARMUP_SECONDS > 0) {
    const warmRecord = newRecord()
    await loop(FLOW_WORKERS, WARMUP_SECONDS, () => flow(warmRecord))
  }
  const flows = newRecord()
  smp.resetPhase()
  const { result: h, cpu: cpuH } = await metered(pid, url, () => loop(FLOW_WORKERS, SECONDS, () => flow(flows)))
  const rssH = smp.resetPhase()
  const stepLatency = Object.fromEntries(Object.entries(flows.steps).map(([k, v]) => [k, percentiles(v)])) as Record<
    keyof FlowRecord['steps'],
    LoopRun['latency']
  >
  const stepLine = (Object.keys(stepLatency) as (keyof FlowRecord['steps'])[])
    .map((k) => `${k} ${f1(stepLatency[k].p50)} / ${f1(stepLatency[k].p99)}`)
    .join(', ')
  log(
    `    ${f1(h.okPerSecond)} flows/s (${JSON.stringify(h.outcomes)} in ${f2(h.seconds)} s), per flow p50 ${f1(h.latency.p50)} ms, p99 ${f1(h.latency.p99)} ms`,
  )
  log(`    per step p50 / p99 (ms): ${stepLine}`)
  log(`    ${cpuLine(cpuH)}`)
  const hCheck = checkVerdict(await paymentCheck(url, flows.reservationIds, flows.eventIds))
  const hPass = hCheck.pass && h.ok === h.ops && h.ok > 0
  log(`    CHECK (h) flows: ${hCheck.line}${h.ok === h.ops ? '' : ` — but ${h.ops - h.ok} of ${h.ops} flows did not complete: FAIL`}`)
  const hLine =
    hPass || !hCheck.pass
      ? hCheck.line
      : hCheck.line.replace(/: PASS$/, `: FAIL (${h.ops - h.ok} of ${h.ops} flows did not complete: ${JSON.stringify(h.outcomes)})`)
  return { h, cpuH, rssH, stepLatency, hPass, hLine }
}
