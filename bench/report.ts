/** The summary printed at the end: figures against targets, the checks, and the closing lines. */
import os from 'node:os'
import type { CpuShare } from './cpu.js'
import { f0, f1, f2, log, verdict } from './format.js'
import type { HttpRun } from './load.js'
import { writeResults, type Measured, type Verdicts } from './results.js'
import {
  AVAILABILITY_CONNECTIONS,
  FLOW_WORKERS,
  HOLD_CONNECTIONS,
  STAY_BOOKING_CONNECTIONS,
  STAY_SEARCH_CONNECTIONS,
  STAY_SEARCH_PAGE_SIZE,
  TARGETS,
  WEBHOOK_CONNECTIONS,
} from './settings.js'

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const line = (r: string[]) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')}`
  const sep = `  ${widths.map((w) => '-'.repeat(w)).join('   ')}`
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n')
}

const skipped = (what: string) => [[`${what}: not run (BENCH_PHASES)`, '', '', '']]

/** Prints the table and the checks, writes bench/results.json, and says what the servers printed. */
export function report(m: Measured): void {
  const {
    t0,
    loadBefore,
    mirror,
    mirrorLine,
    fresh,
    cacheDefaultMs,
    startupRssMb,
    availOverPing,
    pay,
    off,
    peakRssMb,
    holds,
    availability,
    ping,
    staySearch,
    stayBookings,
    seats,
  } = m
  const { counts, webhookRows } = m.rows
  const { server, offServer } = m.servers
  const failedChecks = [
    ...(pay?.failedChecks ?? []),
    ...(stayBookings && !stayBookings.check.pass ? ['stays_counters'] : []),
    ...(seats && !seats.check.pass ? ['seats'] : []),
  ]

  const loadAfter = os.loadavg()[0]!
  const perRequest = (c: CpuShare | undefined, r: HttpRun) => (c ? (c.server * c.seconds * 1000) / r.requests : NaN)
  const cpus = [
    holds?.cpuA,
    holds?.cpuRaw,
    holds?.cpuB,
    availability?.cpuD,
    availability?.cpuDSql,
    ping?.cpuE,
    ...(pay?.ok ? [pay.cpuG, pay.cpuGRaw, pay.cpuGSql, pay.cpuH] : []),
    staySearch?.cpuI,
    staySearch?.cpuISql,
    stayBookings?.cpuJ,
    stayBookings?.cpuRaw,
    stayBookings?.cpuK,
    seats?.cpuP,
    seats?.cpuQ,
    off?.cpu,
  ]
  const others = Math.max(0, ...cpus.map((c) => c?.others ?? 0))
  // Availability's targets are judged with the cache off: on the cache-off server when the
  // service has a cache on by default, else on the main server (which then has none).
  const judged = off ? off.d : availability && !(cacheDefaultMs && cacheDefaultMs > 0) ? availability.d : undefined
  const pass: Verdicts = {
    ...(holds ? { holdRatio: holds.rawRatio >= TARGETS.holdRatio } : {}),
    ...(seats ? { seatRatio: seats.ratio >= TARGETS.seatRatio } : {}),
    ...(stayBookings ? { stayBookingRatio: stayBookings.rawRatio >= TARGETS.stayBookingRatio } : {}),
    ...(pay?.ok ? { webhookRatio: pay.gRawRatio >= TARGETS.webhookRatio } : {}),
    ...(judged ? { availabilityRps: judged.rps >= TARGETS.availabilityRps, availabilityP99: judged.latency.p99 <= TARGETS.availabilityP99Ms } : {}),
    ...(staySearch ? { staySearchP99: staySearch.i.latency.p99 <= TARGETS.staySearchP99Ms } : {}),
    rss: peakRssMb <= TARGETS.rssMb,
  }
  const mark = (v: boolean | undefined) => (v === undefined ? '' : verdict(v))
  const dName = cacheDefaultMs === undefined ? '' : cacheDefaultMs > 0 ? ` (cache ${cacheDefaultMs} ms, the default)` : ' (cache off, the default)'
  const rssOf = (x: number | undefined) => (x === undefined ? '—' : f0(x))
  log('')
  log(
    table([
      ['measure', 'value', 'target', ''],
      ['SQL mirror of (b), (d), (g), (i) and (k) matches the service', mirror.matches ? 'yes' : 'NO', 'yes', mirror.matches ? 'PASS' : 'STALE'],
      ...(holds
        ? (({ a, cpuA, raw, rawRatio, floor, b, ratio }) => [
            [`(a) holds/s via HTTP (201s only), ${HOLD_CONNECTIONS} connections`, f0(a.okPerSecond), '', ''],
            ['    HTTP hold latency p50 / p99 (ms)', `${a.latency.p50} / ${a.latency.p99}`, '', ''],
            ['    server CPU per hold request (ms)', f2(perRequest(cpuA, a)), '', ''],
            [`    raw: one slot INSERT per transaction via pg, ${HOLD_CONNECTIONS} concurrent: inserts/s`, f0(raw.okPerSecond), '', ''],
            [
              '    raw INSERT latency p50 / p99 (ms); 23P01 refusals',
              `${f1(raw.latency.p50)} / ${f1(raw.latency.p99)}; ${f0(raw.outcomes.slot_taken ?? 0)}`,
              '',
              '',
            ],
            ['(c) holds: a ÷ raw INSERT', rawRatio.toFixed(3), `>= ${TARGETS.holdRatio}`, verdict(pass.holdRatio!)],
            [`    floor: a hold's writes alone via pg, no checks (RAW.holdFloor), ${HOLD_CONNECTIONS} concurrent: holds/s`, f0(floor.okPerSecond), '', ''],
            ['    floor ÷ raw INSERT (as high as (c) could go with a server that cost nothing)', (floor.okPerSecond / raw.okPerSecond).toFixed(3), '', ''],
            [
              `(b) the service's ${mirror.create.service === 1 ? 'one statement' : `${mirror.create.service} statements`} via pg${fresh.create ? '' : ' (STALE mirror)'}: commits/s`,
              f0(b.okPerSecond),
              '',
              '',
            ],
            ['    pg transaction latency p50 / p99 (ms)', `${f1(b.latency.p50)} / ${f1(b.latency.p99)}`, '', ''],
            ['    a ÷ b (Reservoir against its own SQL)', ratio.toFixed(3), '', ''],
          ])(holds)
        : skipped('(a)–(c) holds')),
      ...(availability
        ? (({ d, cpuD, d1, dSql }) => {
            const run = (label: string, r: HttpRun, cpu: CpuShare | undefined, one: HttpRun, judgedHere: boolean) => [
              [
                `(d) availability req/s, 1,000 reservations, ${AVAILABILITY_CONNECTIONS} connections${label}`,
                f0(r.rps),
                judgedHere ? `>= ${f0(TARGETS.availabilityRps)}` : '',
                judgedHere ? mark(pass.availabilityRps) : '',
              ],
              [
                '    availability latency p50 / p99 (ms)',
                `${r.latency.p50} / ${r.latency.p99}`,
                judgedHere ? `p99 <= ${TARGETS.availabilityP99Ms}` : '',
                judgedHere ? mark(pass.availabilityP99) : '',
              ],
              ['    server CPU per availability request (ms)', f2(perRequest(cpu, r)), '', ''],
              ['    availability at 1 connection p50 / p99 (ms)', `${one.latency.p50} / ${one.latency.p99}`, '', ''],
            ]
            return [
              ...run(dName, d, cpuD, d1, judged === d),
              ...(off ? run(' (cache off: AVAILABILITY_CACHE_MS=0)', off.d, off.cpu, off.d1, true) : []),
              [`    availability SQL via pg, ${AVAILABILITY_CONNECTIONS} concurrent: req/s`, f0(dSql.okPerSecond), '', ''],
              ['    availability SQL latency p50 / p99 (ms)', `${f1(dSql.latency.p50)} / ${f1(dSql.latency.p99)}`, '', ''],
            ]
          })(availability)
        : skipped('(d) availability')),
      ...(ping
        ? [
            ['(e) ping req/s', f0(ping.e.rps), '', ''],
            ['    server CPU per ping request (ms)', f2(perRequest(ping.cpuE, ping.e)), '', ''],
            ...(availOverPing !== undefined ? [[`    availability${dName} / ping`, f2(availOverPing), '', '']] : []),
          ]
        : skipped('(e) ping')),
      ...(!pay
        ? skipped('(g), (h) payments')
        : pay.ok
          ? (({
              g,
              eventCount,
              gNon2xx,
              cpuG,
              gRaw,
              gRawRatio,
              gRawCheck,
              rawEvents,
              gSql,
              gRatio,
              gCheck,
              gSqlCheck,
              sqlEvents,
              h,
              stepLatency,
              cpuH,
              hPass,
            }) => [
              [`(g) verified webhook events/s via HTTP (${f0(eventCount)} distinct, ${WEBHOOK_CONNECTIONS} connections)`, f0(g.run.okPerSecond), '', ''],
              ['    webhook latency p50 / p99 (ms)', `${g.run.latency.p50} / ${g.run.latency.p99}`, '', ''],
              ['    non-2xx answers (and errors, timeouts)', String(gNon2xx), '0', gNon2xx === 0 ? '' : 'CHECK'],
              ['    server CPU per webhook (ms)', f2(perRequest(cpuG, g.run)), '', ''],
              [`    raw: the event's minimum SQL via pg (one statement), ${WEBHOOK_CONNECTIONS} concurrent: events/s`, f0(gRaw.okPerSecond), '', ''],
              ['    raw latency p50 / p99 (ms)', `${f1(gRaw.latency.p50)} / ${f1(gRaw.latency.p99)}`, '', ''],
              ['    webhooks: HTTP ÷ raw minimum SQL', gRawRatio.toFixed(3), `>= ${TARGETS.webhookRatio}`, verdict(pass.webhookRatio!)],
              [
                `    the service's ${mirror.webhook.service} statements via pg, ${WEBHOOK_CONNECTIONS} concurrent: commits/s${fresh.webhook ? '' : ' (STALE mirror)'}`,
                f0(gSql.okPerSecond),
                '',
                '',
              ],
              ['    pg transaction latency p50 / p99 (ms)', `${f1(gSql.latency.p50)} / ${f1(gSql.latency.p99)}`, '', ''],
              ...(fresh.webhook ? [[`    HTTP ÷ the service's ${mirror.webhook.service} statements`, gRatio.toFixed(3), '', '']] : []),
              ['    CHECK (g) via HTTP: confirmed, webhook_events rows, duplicates', `${f0(g.events.length)} events`, 'all', gCheck.pass ? 'PASS' : 'FAIL'],
              ['    CHECK (g) via the minimum SQL', `${f0(rawEvents.length)} events`, 'all', gRawCheck.pass ? 'PASS' : 'FAIL'],
              ["    CHECK (g) via the service's SQL", `${f0(sqlEvents.length)} events`, 'all', gSqlCheck.pass ? 'PASS' : 'FAIL'],
              [`(h) full payment flows/s (${FLOW_WORKERS} workers, fake gateway)`, f1(h.okPerSecond), '', ''],
              ['    flow latency p50 / p99 (ms)', `${f0(h.latency.p50)} / ${f0(h.latency.p99)}`, '', ''],
              [
                '    steps p50 / p99 (ms): hold, checkout, webhook, get',
                (['hold', 'checkout', 'webhook', 'get'] as const).map((k) => `${f0(stepLatency[k].p50)}/${f0(stepLatency[k].p99)}`).join(', '),
                '',
                '',
              ],
              ['    server CPU per flow (ms)', f2(cpuH ? (cpuH.server * cpuH.seconds * 1000) / h.ops : NaN), '', ''],
              ["    CHECK (h): every flow's reservation confirmed", `${f0(h.ok)} of ${f0(h.ops)} flows`, 'all', hPass ? 'PASS' : 'FAIL'],
            ])(pay)
          : [['(g), (h) payments: could not run (see above)', '', '', 'FAIL']]),
      ...(staySearch
        ? (({ i, cpuI, i1, iSql, iSql1, probe }) => [
            [`(i) stay search req/s, 200 room types (page of ${STAY_SEARCH_PAGE_SIZE}), 1–7 nights, ${STAY_SEARCH_CONNECTIONS} connections`, f0(i.rps), '', ''],
            [
              '    stay search latency p50 / p99 (ms)',
              `${i.latency.p50} / ${i.latency.p99}`,
              `p99 <= ${TARGETS.staySearchP99Ms}`,
              verdict(pass.staySearchP99!),
            ],
            [
              '    non-200 answers (and errors, timeouts)',
              String(i.requests - i.ok + i.errors + i.timeouts),
              '0',
              i.requests === i.ok && i.errors + i.timeouts === 0 ? '' : 'CHECK',
            ],
            ['    server CPU per search (ms); answer size (kB, probe)', `${f2(perRequest(cpuI, i))}; ${f0(probe.bytes / 1000)}`, '', ''],
            ['    stay search at 1 connection p50 / p99 (ms)', `${i1.latency.p50} / ${i1.latency.p99}`, '', ''],
            [
              `    the ${mirror.staySearch.service} search queries via pg, ${STAY_SEARCH_CONNECTIONS} concurrent: req/s${fresh.staySearch ? '' : ' (STALE mirror)'}`,
              f0(iSql.okPerSecond),
              '',
              '',
            ],
            [
              '    search SQL latency p50 / p99 (ms); at concurrency 1',
              `${f1(iSql.latency.p50)} / ${f1(iSql.latency.p99)}; ${f1(iSql1.latency.p50)} / ${f1(iSql1.latency.p99)}`,
              '',
              '',
            ],
          ])(staySearch)
        : skipped('(i) stay search')),
      ...(stayBookings
        ? (({ j, cpuJ, raw, rawRatio, k, ratio, check }) => [
            [`(j) stay holds/s via HTTP (201s only), ${STAY_BOOKING_CONNECTIONS} connections`, f0(j.okPerSecond), '', ''],
            ['    statuses', JSON.stringify(j.statusCodes), '', j.ok === j.requests ? '' : 'CHECK'],
            ['    HTTP stay hold latency p50 / p99 (ms)', `${j.latency.p50} / ${j.latency.p99}`, '', ''],
            ['    server CPU per stay hold request (ms)', f2(perRequest(cpuJ, j)), '', ''],
            [`    raw: the night counters' UPDATE per transaction via pg, ${STAY_BOOKING_CONNECTIONS} concurrent: claims/s`, f0(raw.okPerSecond), '', ''],
            ['    raw UPDATE latency p50 / p99 (ms)', `${f1(raw.latency.p50)} / ${f1(raw.latency.p99)}`, '', ''],
            ['(l) stay holds: j ÷ raw UPDATE', rawRatio.toFixed(3), `>= ${TARGETS.stayBookingRatio}`, verdict(pass.stayBookingRatio!)],
            [
              `(k) the service's ${mirror.stayCreate.service === 1 ? 'one statement' : `${mirror.stayCreate.service} statements`} via pg${fresh.stayCreate ? '' : ' (STALE mirror)'}: commits/s`,
              f0(k.okPerSecond),
              '',
              '',
            ],
            ['    pg transaction latency p50 / p99 (ms)', `${f1(k.latency.p50)} / ${f1(k.latency.p99)}`, '', ''],
            ['    j ÷ k (Reservoir against its own SQL)', ratio.toFixed(3), '', ''],
            ['    CHECK stays: night counters = active stay items', `${f0(check.holds)} holds`, 'all', check.pass ? 'PASS' : 'FAIL'],
          ])(stayBookings)
        : skipped('(j)–(l) stay bookings')),
      ...(seats
        ? [
            [`(p) seat holds/s via HTTP, one hot occurrence, ${HOLD_CONNECTIONS} connections`, f0(seats.p), '', ''],
            ['    HTTP seat hold latency p50 / p99 (ms, worst sale)', `${seats.p50} / ${seats.p99}`, '', ''],
            ['    server CPU per seat hold request (ms, last sale)', f2(seats.cpuP ? (seats.cpuP.server * seats.cpuP.seconds * 1000) / 1000 : NaN), '', ''],
            [`(q) raw: the seat's conditional UPDATE per transaction via pg, ${HOLD_CONNECTIONS} concurrent: claims/s`, f0(seats.q), '', ''],
            ['    raw UPDATE latency p50 / p99 (ms, worst sale)', `${f1(seats.qP50)} / ${f1(seats.qP99)}`, '', ''],
            ['(r) seat holds: p ÷ q', seats.ratio.toFixed(3), `>= ${TARGETS.seatRatio}`, verdict(pass.seatRatio!)],
            ['    CHECK seats: every sale sold out, taken = Σ active seat items', `${f0(seats.sold)} seats`, 'all', seats.check.pass ? 'PASS' : 'FAIL'],
            [
              `(s) practitioner availability req/s, ${AVAILABILITY_CONNECTIONS} connections; p50 / p99 (ms)`,
              `${f0(seats.availability.okPerSecond)}; ${seats.availability.latency.p50} / ${seats.availability.latency.p99}`,
              '',
              '',
            ],
          ]
        : skipped('(p)–(s) seats')),
      ['(f) peak RSS of any server process, the whole run (MB)', f1(peakRssMb), `<= ${TARGETS.rssMb}`, verdict(pass.rss)],
      [
        '    RSS after start / peak in a, d, e, g, h, i, j (MB)',
        `${f0(startupRssMb)} / ${rssOf(holds?.rssA)}, ${rssOf(availability?.rssD)}, ${rssOf(ping?.rssE)}, ${pay?.ok ? `${f0(pay.rssG)}, ${f0(pay.rssH)}` : '—, —'}, ${rssOf(staySearch?.rssI)}, ${rssOf(stayBookings?.rssJ)}`,
        '',
        '',
      ],
      ...(off ? [['    cache-off server: after start / peak (MB)', `${f0(off.startupRssMb)} / ${f0(off.peakRssMb)}`, '', '']] : []),
      ...(m.events ? [['    events server (JOBS=true): peak (MB)', f0(m.events.peakRssMb), '', '']] : []),
      ['    main server peak, the whole run (MB)', f0(m.mainPeakRssMb), '', ''],
      ['other processes, worst phase (cores of 2)'.replace('2', String(os.cpus().length)), f2(others), '', others > 0.2 ? 'NOISY' : ''],
    ]),
  )
  log(`\n  ${mirrorLine}`)
  log(
    `  rows in reservations after the run: ${counts.total}: ${counts.held} pending (holds from (a), (b), (j), (k), their warm-ups, the probes and the SQL guard), ${counts.awaiting} awaiting payment, ${counts.confirmed} confirmed (1,000 seeded, 1,000 parents of the raw slot INSERTs, + (g), (h), their warm-ups and the guard)`,
  )
  log(`  webhook_events: ${webhookRows.rows} rows, ${webhookRows.duplicates} duplicates`)
  if (pay?.ok) for (const [name, c] of Object.entries(pay.checks)) log(`  CHECK ${name}: ${c.line}`)
  if (stayBookings) log(`  CHECK stays: ${stayBookings.check.line}`)
  if (m.events) {
    const { m: rate, n, o, half, backlog } = m.events
    const lost = rate.committed - rate.delivered + o.lost + half.lost + (backlog.events - backlog.delivered)
    log(
      `  events (m–o): ${f0(rate.eventsPerSecond)} events/s commit → socket (the database took ${f0(rate.commitsPerSecond)} commits/s: ratio ${f2(n)}); p99 ${f1(o.p99)} ms at ${f0(o.rate)}/s, ${f1(half.p99)} ms at ${f0(half.rate)}/s; a backlog drains at ${f0(backlog.eventsPerSecond)}/s`,
    )
    log(`  CHECK events: ${lost === 0 ? 'every committed event reached the socket' : `${lost} committed events never reached the socket`}`)
    if (lost > 0) failedChecks.push('events_lost')
  }
  if (failedChecks.length > 0) log(`\n  !! CHECK FAILED: ${failedChecks.join(', ')} — the figures of those phases are not trustworthy until this is explained`)
  writeResults(m, loadAfter, pass, failedChecks)
  const targets = [
    holds && `holds ÷ raw ${verdict(pass.holdRatio!)}`,
    seats && `seat holds ÷ raw ${verdict(pass.seatRatio!)}`,
    stayBookings && `stay holds ÷ raw ${verdict(pass.stayBookingRatio!)}`,
    pay?.ok && `webhooks ÷ minimum SQL ${verdict(pass.webhookRatio!)}`,
    pass.availabilityRps !== undefined && `availability (cache off) req/s ${verdict(pass.availabilityRps)} p99 ${verdict(pass.availabilityP99!)}`,
    staySearch && `stay search p99 ${verdict(pass.staySearchP99!)}`,
    `RSS ${verdict(pass.rss)}`,
  ].filter(Boolean)
  log(`\n  checks: ${failedChecks.length === 0 ? 'all PASS' : `FAILED: ${failedChecks.join(', ')}`}; targets: ${targets.join(', ')}`)
  log(`  load average (1 min) before ${f2(loadBefore)}, after ${f2(loadAfter)} (this run itself adds about 2 on this machine)`)
  log(`  results written to bench/results.json; total time ${f0((Date.now() - t0) / 1000)} s`)
  for (const [name, s] of [
    ['server', server],
    ['cache-off server', offServer],
  ] as const) {
    if (s && s.output.length > 0)
      log(
        `\n  ${name} said (first lines):\n${s.output
          .slice(0, 10)
          .map((l) => `    ${l.slice(0, 300)}`)
          .join('\n')}`,
      )
  }
}
