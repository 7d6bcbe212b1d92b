/**
 * (t) The weekly payout run: 1,000 practitioners with an enabled Connect account and 100
 * cleared earnings each, paid by the service's own `weeklyPayouts` (the job's body, run in
 * this process with the fake gateway, against the bench's PostgreSQL), timed from the first reservation of earnings to the
 * last transfer. (u) The check, in SQL and at the gateway: one paid payout per practitioner,
 * every earning in exactly one, each payout's amount the sum of its earnings, one transfer per
 * payout under its own key.
 */
import pg from 'pg'
import { buildServices } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { FakeGateway } from '../../src/modules/payments/fake-gateway.js'
import { makeDeps, openConfiguredDatabase } from '../../src/server.js'
import { f0, f1, log } from '../format.js'
import { serverEnv } from '../server.js'

const PRACTITIONERS = 1000
const EARNINGS_EACH = 100

export interface PayoutRun {
  practitioners: number
  earnings: number
  payouts: number
  seconds: number
  payoutsPerSecond: number
  earningsPerSecond: number
  check: { pass: boolean; line: string }
}

async function seedPayouts(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query('begin')
    await c.query(
      `insert into users (email, password_hash, name, role)
       select 'payee-' || n || '@bench.local', 'not-a-hash', 'Payee ' || n, 'customer' from generate_series(1, $1) n`,
      [PRACTITIONERS],
    )
    await c.query(
      `insert into venues (name, slug, kind, timezone, currency, opening_hours)
       select 'Payee ' || n, 'bench-payee-' || n, 'practitioner', 'UTC', 'USD', '[]'::jsonb from generate_series(1, $1) n`,
      [PRACTITIONERS],
    )
    await c.query(
      `insert into practitioners (venue_id, user_id, display_name, verification_status, verified_at)
       select v.id, u.id, v.name, 'verified', now() from venues v join users u on u.email = 'payee-' || substr(v.slug, 13) || '@bench.local'
       where v.slug like 'bench-payee-%'`,
    )
    await c.query(
      `insert into payout_accounts (practitioner_id, stripe_account_id, payouts_enabled, details_submitted, updated_at)
       select p.id, 'acct_bench_' || v.slug, true, true, now() from practitioners p join venues v on v.id = p.venue_id where v.slug like 'bench-payee-%'`,
    )
    // Each earning: 100.00 gross at 5 %, cleared a week ago.
    await c.query(
      `insert into earnings (practitioner_id, reservation_id, kind, currency, card_amount, credit_amount, package_amount, gross, rate_bp, commission, net, month, status, available_at, created_at)
       select p.id, gen_random_uuid(), 'earning', 'USD', 10000, 0, 0, 10000, 500, 500, 9500, to_char(now(), 'YYYY-MM'), 'available', now() - interval '7 days', now() - interval '9 days'
       from practitioners p join venues v on v.id = p.venue_id, generate_series(1, $1)
       where v.slug like 'bench-payee-%'`,
      [EARNINGS_EACH],
    )
    await c.query('commit')
  } finally {
    await c.end()
  }
}

async function checkPayouts(url: string, gateway: FakeGateway): Promise<{ pass: boolean; line: string }> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const { rows } = await c.query<{ payouts: number; paid: number; unpaid_earnings: number; wrong_amounts: number; earnings_in_payouts: number }>(
      `with bench as (select p.id from practitioners p join venues v on v.id = p.venue_id where v.slug like 'bench-payee-%')
       select
         (select count(*)::int from payouts where practitioner_id in (select id from bench)) as payouts,
         (select count(distinct practitioner_id)::int from payouts where status = 'paid' and practitioner_id in (select id from bench)) as paid,
         (select count(*)::int from earnings where practitioner_id in (select id from bench) and (status <> 'paid' or payout_id is null)) as unpaid_earnings,
         (select count(*)::int from payouts p where practitioner_id in (select id from bench)
            and amount <> (select coalesce(sum(net), 0) from earnings e where e.payout_id = p.id)) as wrong_amounts,
         (select count(*)::int from earnings e join payouts p on p.id = e.payout_id where p.practitioner_id in (select id from bench)) as earnings_in_payouts`,
    )
    const r = rows[0]!
    const transfers = gateway.calls.filter((call) => call.method === 'transfer')
    const keys = new Set(transfers.map((t) => t.idempotencyKey))
    const pass =
      r.payouts === PRACTITIONERS &&
      r.paid === PRACTITIONERS &&
      r.unpaid_earnings === 0 &&
      r.wrong_amounts === 0 &&
      r.earnings_in_payouts === PRACTITIONERS * EARNINGS_EACH &&
      transfers.length === PRACTITIONERS &&
      keys.size === PRACTITIONERS
    const line = `CHECK payouts: ${f0(r.payouts)} payouts for ${f0(PRACTITIONERS)} practitioners (${f0(r.paid)} paid), ${f0(r.earnings_in_payouts)} earnings in them, ${f0(r.unpaid_earnings)} left unpaid, ${f0(r.wrong_amounts)} amounts off, ${f0(transfers.length)} transfers under ${f0(keys.size)} keys: ${pass ? 'PASS' : 'FAIL'}`
    return { pass, line }
  } finally {
    await c.end()
  }
}

export async function measurePayouts(url: string, jwtSecret: string): Promise<PayoutRun> {
  log(
    `(t) the weekly payout run: ${f0(PRACTITIONERS)} practitioners × ${EARNINGS_EACH} cleared earnings, through the service's weeklyPayouts and the fake gateway …`,
  )
  await seedPayouts(url)
  const config = loadConfig(serverEnv(url, jwtSecret, { DATABASE_POOL_SIZE: '4' }))
  const database = await openConfiguredDatabase(config)
  try {
    const deps = makeDeps(config, database)
    const services = buildServices(deps)
    const t0 = performance.now()
    const made = await services.earnings.weeklyPayouts()
    const seconds = (performance.now() - t0) / 1000
    const check = await checkPayouts(url, deps.gateway as FakeGateway)
    const earnings = PRACTITIONERS * EARNINGS_EACH
    log(`    ${f0(made)} payouts in ${f1(seconds)} s: ${f0(made / seconds)} payouts/s, ${f0(earnings / seconds)} earnings reserved and paid per second`)
    log(`    ${check.line}`)
    return { practitioners: PRACTITIONERS, earnings, payouts: made, seconds, payoutsPerSecond: made / seconds, earningsPerSecond: earnings / seconds, check }
  } finally {
    await database.close()
  }
}
