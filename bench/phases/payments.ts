/** (g) and (h), the payment phases, and the checks that make their figures trustworthy. */
import { log } from '../format.js'
import { SlotAllocator } from '../slots.js'
import type { PhaseContext } from './context.js'
import { measureFlows } from './flows.js'
import { measureWebhooks } from './webhooks.js'

async function runPayments(ctx: PhaseContext) {
  // One allocator for both phases: no hold of (h) may collide with one of (g).
  const slots = new SlotAllocator(ctx.fx, ctx.fx.payDays)
  const webhooks = await measureWebhooks(ctx, slots)
  const { gCheck, gRawCheck, gSqlCheck } = webhooks
  const { h, cpuH, rssH, stepLatency, hPass, hLine } = await measureFlows(ctx, slots)
  const checks = { g_webhooks_http: gCheck, g_webhooks_minimal_sql: gRawCheck, g_webhooks_sql: gSqlCheck, h_flows: { pass: hPass, line: hLine } }
  const failedChecks = Object.entries(checks)
    .filter(([, c]) => !c.pass)
    .map(([k]) => k)
  return { ...webhooks, h, cpuH, rssH, stepLatency, hPass, checks, failedChecks }
}

/** (g) and (h); should they break, (a)–(f) are still reported and the failure is shown. */
export function measurePayments(ctx: PhaseContext) {
  return runPayments(ctx).then(
    (r) => ({ ok: true as const, ...r }),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      log(`    !! (g)/(h) could not run: ${message}`)
      return { ok: false as const, error: message, failedChecks: ['payments_could_not_run'] }
    },
  )
}

export type Payments = Awaited<ReturnType<typeof measurePayments>>
