/** The summary printed at the end: figures against targets, the checks, and the closing lines. */
import os from 'node:os'
import type { CpuShare } from './cpu.js'
import { f0, f1, f2, log, verdict } from './format.js'
import type { HttpRun } from './load.js'
import { writeResults, type Measured, type Verdicts } from './results.js'
import { FLOW_WORKERS, STAY_BOOKING_CONNECTIONS, STAY_SEARCH_CONNECTIONS, STAY_SEARCH_PAGE_SIZE, TARGETS, WEBHOOK_CONNECTIONS } from './settings.js'

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
  } = m
  const { counts, webhookRows } = m.rows
  const { server, offServer } = m.servers
  const failedChecks = [...(pay?.failedChecks ?? []), ...(stayBookings && !stayBookings.check.pass ? ['stays_counters'] : [])]

  const loadAfter = os.loadavg()[0]!
  const perRequest = (c: CpuShare | undefined, r: HttpRun) => (c ? (c.server * c.seconds * 1000) / r.requests : NaN)
  const cpus = [
    holds?.cpuA,
    holds?.cpuB,
    availability?.cpuD,
    availability?.cpuDSql,
    ping?.cpuE,
    ...(pay?.ok ? [pay.cpuG, pay.cpuGSql, pay.cpuH] : []),
    staySearch?.cpuI,
    staySearch?.cpuISql,
    stayBookings?.cpuJ,
    stayBookings?.cpuK,
    off?.cpu,
  ]
  const others = Math.max(0, ...cpus.map((c) => c?.others ?? 0))
  const pass: Verdicts = {
    ...(holds ? { holdRatio: holds.ratio >= TARGETS.holdRatio } : {}),
    ...(availability ? { availabilityP99: availability.d.latency.p99 <= TARGETS.availabilityP99Ms } : {}),
    ...(off ? { availabilityP99CacheOff: off.d.latency.p99 <= TARGETS.availabilityP99Ms } : {}),
    ...(staySearch ? { staySearchP99: staySearch.i.latency.p99 <= TARGETS.staySearchP99Ms } : {}),
    ...(stayBookings ? { stayBookingRatio: stayBookings.ratio >= TARGETS.stayBookingRatio } : {}),
    rss: peakRssMb <= TARGETS.rssMb,
  }
  const dName = cacheDefaultMs === undefined ? '' : cacheDefaultMs > 0 ? ` (cache ${cacheDefaultMs} ms, the default)` : ' (cache off, the default)'
  const rssOf = (x: number | undefined) => (x === undefined ? '—' : f0(x))
  log('')
  log(
    table([
      ['measure', 'value', 'target', ''],
      ['SQL mirror of (b), (d), (g), (i) and (k) matches the service', mirror.matches ? 'yes' : 'NO', 'yes', mirror.matches ? 'PASS' : 'STALE'],
      ...(holds
        ? (({ a, cpuA, b, ratio }) => [
            ['(a) holds/s via HTTP (201s only)', f0(a.okPerSecond), '', ''],
            ['    HTTP hold latency p50 / p99 (ms)', `${a.latency.p50} / ${a.latency.p99}`, '', ''],
            ['    server CPU per hold request (ms)', f2(perRequest(cpuA, a)), '', ''],
            ['(b) commits/s via pg, same SQL', f0(b.okPerSecond), '', ''],
            ['    pg transaction latency p50 / p99 (ms)', `${f1(b.latency.p50)} / ${f1(b.latency.p99)}`, '', ''],
            ['(c) ratio a/b', ratio.toFixed(3), `>= ${TARGETS.holdRatio}`, verdict(pass.holdRatio!)],
          ])(holds)
        : skipped('(a)–(c) holds')),
      ...(availability
        ? (({ d, cpuD, d1, dSql }) => [
            [`(d) availability req/s, 1,000 reservations${dName}`, f0(d.rps), '', ''],
            [
              '    availability latency p50 / p99 (ms)',
              `${d.latency.p50} / ${d.latency.p99}`,
              `p99 <= ${TARGETS.availabilityP99Ms}`,
              verdict(pass.availabilityP99!),
            ],
            ['    server CPU per availability request (ms)', f2(perRequest(cpuD, d)), '', ''],
            ['    availability at 1 connection p50 / p99 (ms)', `${d1.latency.p50} / ${d1.latency.p99}`, '', ''],
            ...(off
              ? [
                  ['(d) availability req/s, 1,000 reservations (cache off: AVAILABILITY_CACHE_MS=0)', f0(off.d.rps), '', ''],
                  [
                    '    availability latency p50 / p99 (ms)',
                    `${off.d.latency.p50} / ${off.d.latency.p99}`,
                    `p99 <= ${TARGETS.availabilityP99Ms}`,
                    verdict(off.d.latency.p99 <= TARGETS.availabilityP99Ms),
                  ],
                  ['    server CPU per availability request (ms)', f2(perRequest(off.cpu, off.d)), '', ''],
                  ['    availability at 1 connection p50 / p99 (ms)', `${off.d1.latency.p50} / ${off.d1.latency.p99}`, '', ''],
                ]
              : []),
            ['    availability SQL via pg req/s', f0(dSql.okPerSecond), '', ''],
            ['    availability SQL latency p50 / p99 (ms)', `${f1(dSql.latency.p50)} / ${f1(dSql.latency.p99)}`, '', ''],
          ])(availability)
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
          ? (({ g, eventCount, gNon2xx, cpuG, gSql, gRatio, gCheck, gSqlCheck, sqlEvents, h, stepLatency, cpuH, hPass }) => [
              [`(g) verified webhook events/s via HTTP (${f0(eventCount)} distinct, ${WEBHOOK_CONNECTIONS} connections)`, f0(g.run.okPerSecond), '', ''],
              ['    webhook latency p50 / p99 (ms)', `${g.run.latency.p50} / ${g.run.latency.p99}`, '', ''],
              ['    non-2xx answers (and errors, timeouts)', String(gNon2xx), '0', gNon2xx === 0 ? '' : 'CHECK'],
              ['    server CPU per webhook (ms)', f2(perRequest(cpuG, g.run)), '', ''],
              [
                `    the same transaction via pg, ${WEBHOOK_CONNECTIONS} concurrent: commits/s${fresh.webhook ? '' : ' (STALE mirror)'}`,
                f0(gSql.okPerSecond),
                '',
                '',
              ],
              ['    pg transaction latency p50 / p99 (ms)', `${f1(gSql.latency.p50)} / ${f1(gSql.latency.p99)}`, '', ''],
              ...(fresh.webhook ? [['    ratio HTTP / pg', gRatio.toFixed(3), '', '']] : []),
              ['    CHECK (g) via HTTP: confirmed, webhook_events rows, duplicates', `${f0(g.events.length)} events`, 'all', gCheck.pass ? 'PASS' : 'FAIL'],
              ['    CHECK (g) via pg', `${f0(sqlEvents.length)} events`, 'all', gSqlCheck.pass ? 'PASS' : 'FAIL'],
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
              `    the 4 search queries via pg, ${STAY_SEARCH_CONNECTIONS} concurrent: req/s${fresh.staySearch ? '' : ' (STALE mirror)'}`,
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
        ? (({ j, cpuJ, k, ratio, check }) => [
            [`(j) stay holds/s via HTTP (201s only), ${STAY_BOOKING_CONNECTIONS} connections`, f0(j.okPerSecond), '', ''],
            ['    statuses', JSON.stringify(j.statusCodes), '', j.ok === j.requests ? '' : 'CHECK'],
            ['    HTTP stay hold latency p50 / p99 (ms)', `${j.latency.p50} / ${j.latency.p99}`, '', ''],
            ['    server CPU per stay hold request (ms)', f2(perRequest(cpuJ, j)), '', ''],
            [`(k) commits/s via pg, same SQL${fresh.stayCreate ? '' : ' (STALE mirror)'}`, f0(k.okPerSecond), '', ''],
            ['    pg transaction latency p50 / p99 (ms)', `${f1(k.latency.p50)} / ${f1(k.latency.p99)}`, '', ''],
            ['(l) ratio j/k', ratio.toFixed(3), `>= ${TARGETS.stayBookingRatio}`, verdict(pass.stayBookingRatio!)],
            ['    CHECK stays: night counters = active stay items', `${f0(check.holds)} holds`, 'all', check.pass ? 'PASS' : 'FAIL'],
          ])(stayBookings)
        : skipped('(j)–(l) stay bookings')),
      ['(f) peak server RSS (MB)', f1(peakRssMb), `<= ${TARGETS.rssMb}`, verdict(pass.rss)],
      [
        '    RSS after start / peak in a, d, e, g, h, i, j (MB)',
        `${f0(startupRssMb)} / ${rssOf(holds?.rssA)}, ${rssOf(availability?.rssD)}, ${rssOf(ping?.rssE)}, ${pay?.ok ? `${f0(pay.rssG)}, ${f0(pay.rssH)}` : '—, —'}, ${rssOf(staySearch?.rssI)}, ${rssOf(stayBookings?.rssJ)}`,
        '',
        '',
      ],
      ...(off ? [['    cache-off server: after start / peak (MB)', `${f0(off.startupRssMb)} / ${f0(off.peakRssMb)}`, '', '']] : []),
      ['other processes, worst phase (cores of 2)'.replace('2', String(os.cpus().length)), f2(others), '', others > 0.2 ? 'NOISY' : ''],
    ]),
  )
  log(`\n  ${mirrorLine}`)
  log(
    `  rows in reservations after the run: ${counts.total}: ${counts.held} pending (holds from (a), (b), (j), (k), their warm-ups, the probes and the SQL guard), ${counts.awaiting} awaiting payment, ${counts.confirmed} confirmed (1,000 seeded + (g), (h), their warm-ups and the guard)`,
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
    holds && `ratio ${verdict(pass.holdRatio!)}`,
    availability && `availability p99${dName} ${verdict(pass.availabilityP99!)}`,
    off && `availability p99 (cache off) ${verdict(off.d.latency.p99 <= TARGETS.availabilityP99Ms)}`,
    staySearch && `stay search p99 ${verdict(pass.staySearchP99!)}`,
    stayBookings && `stay booking ratio ${verdict(pass.stayBookingRatio!)}`,
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
