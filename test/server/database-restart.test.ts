import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildTestApp, databaseUrl, onPostgres, type TestContext } from '../helpers/context.js'
import { everyDay, factories, slot, type Actor } from '../helpers/factories.js'
import { adminQuery } from '../helpers/global-setup.js'
import { startReservoir, type Child } from '../helpers/processes.js'
import { openSocket } from '../helpers/sockets.js'
import { tcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js'
import { counterDrift, stay, stayFactories } from '../helpers/stays.js'

/**
 * A PostgreSQL restart, as the server process sees it: every connection it holds (pool
 * clients mid-transaction and idle, the LISTEN connections, pg-boss's work) ends with 57P01
 * admin_shutdown, and new ones are refused until the server is back. The shared server
 * cannot be restarted, so the test ends every backend of this file's database instead,
 * several times, while a real `reservoir serve` is under load; for the outage itself the
 * server reaches the database through a proxy that the test closes for a few seconds.
 */
describe.runIf(onPostgres())('a database restart under load', () => {
  let ctx: TestContext
  let server: Child
  let proxy: TcpProxy
  let name: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    const { rows } = await ctx.database.raw.query<{ name: string }>('select current_database() as name')
    name = rows[0]!.name
    const direct = new URL(await databaseUrl(ctx))
    proxy = await tcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
    const proxied = new URL(direct)
    proxied.host = `127.0.0.1:${proxy.port}`
    server = await startReservoir('serve', { DATABASE_URL: proxied.toString(), DATABASE_POOL_SIZE: '8', JWT_SECRET: ctx.config.jwtSecret })
  })
  afterAll(async () => {
    await server?.kill('SIGKILL')
    await proxy?.close()
    await ctx?.close()
  })

  /** What `pg_ctlcluster restart` does to this database's sessions, without touching anyone else's. */
  const terminateAll = () =>
    adminQuery(inject('pg')!.url, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`)

  interface Answer {
    what: string
    status: number
    body: { id?: string; code?: string } | string
  }

  async function send(what: string, token: string, method: string, path: string, body?: unknown): Promise<Answer> {
    try {
      const res = await fetch(`${server.base}${path}`, {
        method,
        // A request the server never answers is a failure to see (status 0), not a test that hangs.
        signal: AbortSignal.timeout(15_000),
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await res.text()
      let parsed: Answer['body'] = text
      try {
        parsed = JSON.parse(text) as Answer['body']
      } catch {
        // keep the text: a non-JSON answer is itself worth seeing in a failure
      }
      return { what, status: res.status, body: parsed }
    } catch (error) {
      // No answer at all (the process died, or dropped the socket): recorded, and fails below.
      return { what, status: 0, body: String(error) }
    }
  }

  // Its own deadlines (serve again 10 s, relay 20 s, a job 20 s, the live feed 30 s) add up
  // past the suite's 60 s: on a loaded machine the test must fail on the deadline it misses.
  it('keeps the process up, answers 503 rather than 500 while the database is away, serves again, and loses or doubles nothing', async () => {
    const f = factories(ctx)
    const s = stayFactories(ctx)
    const venue = await f.newVenue({ timezone: 'UTC', hours: everyDay('00:00', '00:00') })
    const rooms = await Promise.all(Array.from({ length: 6 }, () => f.newRoom(venue, { minMinutes: 30, slotMinutes: 30 })))
    const staff = await f.newStaff(venue, 'manager')
    const hotel = await s.newHotel({ timezone: 'UTC' })
    const type = await s.newRoomType(hotel, { totalUnits: 5 })
    const first = DateTime.utc().plus({ days: 10 }).startOf('day')
    await s.loadNights(type, first.toISODate(), first.plus({ days: 30 }).toISODate())
    const customers: Actor[] = await Promise.all(Array.from({ length: 8 }, () => f.newCustomer()))

    // A live dashboard keeps the process's realtime LISTEN connections open through the outage.
    const socket = await openSocket(`${server.base!.replace(/^http/, 'ws')}/ws/reservations?venue_id=${venue.id}&token=${staff.access}`)
    await socket.next((fr) => fr.type === 'ready', 10_000)

    const answers: Answer[] = []
    let stop = false
    let n = 0
    const worker = async (w: number) => {
      const token = customers[w % customers.length]!.access
      while (!stop) {
        const i = n++
        const room = rooms[i % rooms.length]!
        // Half-hour slots over a few days: plenty succeed, some collide (409), none may be lost.
        const start = first.plus({ minutes: 30 * (i % 60) })
        const arrival = first.plus({ days: i % 25 })
        const kind = i % 4
        if (kind === 0 || kind === 1) {
          answers.push(
            await send('slot', token, 'POST', '/reservations', { venue_id: venue.id, items: [slot(room, start.toISO(), start.plus({ minutes: 30 }).toISO())] }),
          )
        } else if (kind === 2) {
          const items = [stay(type, arrival.toISODate(), arrival.plus({ days: 2 }).toISODate())]
          answers.push(await send('stay', token, 'POST', '/reservations', { venue_id: hotel.id, items }))
        } else {
          answers.push(await send('read', token, 'GET', `/venues/${venue.id}/availability?date=${start.toISODate()}`))
        }
      }
    }
    const load = Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)))
    for (let k = 0; k < 4; k++) {
      await new Promise((r) => setTimeout(r, 700))
      await terminateAll()
    }
    // The restart proper: every connection ended, and none to be had for three seconds. The
    // process reconnects at once and the proxy then cuts those connections mid-start-up, the
    // harshest order: it used to leak pool slots through drizzle's BEGIN (see src/db/pool.ts)
    // until every request waited on an empty pool.
    await terminateAll()
    await proxy.pause()
    await new Promise((r) => setTimeout(r, 500))
    const health = await send('health', customers[0]!.access, 'GET', '/health')
    expect(health, server.output.join('').slice(-6000)).toMatchObject({ status: 503, body: { code: 'database_unavailable', detail: null } })
    await new Promise((r) => setTimeout(r, 2_500))
    await proxy.resume()
    await new Promise((r) => setTimeout(r, 1_000))
    stop = true
    await load

    expect(server.proc.exitCode, server.output.join('')).toBeNull()
    const tally: Record<string, number> = {}
    for (const a of answers) tally[`${a.what}:${a.status}`] = (tally[`${a.what}:${a.status}`] ?? 0) + 1
    // Every answer is a success, a refusal of the request itself, or 503 while the database was away.
    const bad = answers.filter((a) => ![200, 201, 409, 503].includes(a.status))
    expect(bad.slice(0, 5), `answers ${JSON.stringify(tally)}\n${server.output.join('').slice(-4000)}`).toEqual([])
    const unavailable = answers.filter((a) => a.status === 503)
    expect(unavailable.every((a) => typeof a.body === 'object' && a.body.code === 'database_unavailable')).toBe(true)
    // The terminations must have landed on something, or this test proves nothing.
    expect(unavailable.length, JSON.stringify(tally)).toBeGreaterThan(0)
    // Each is logged as one short line, without the failed query and its parameters.
    const logged = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"msg":"database_unavailable"'))
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.filter((l) => l.includes('Failed query') || !l.includes('"level":40'))).toEqual([])
    expect(answers.filter((a) => a.status === 201).length, JSON.stringify(tally)).toBeGreaterThan(0)

    // The same process serves again within seconds.
    const deadline = Date.now() + 10_000
    let again: Answer
    do {
      const start = first.plus({ days: 28, minutes: 30 * (Date.now() % 40) })
      again = await send('after', customers[0]!.access, 'POST', '/reservations', {
        venue_id: venue.id,
        items: [slot(rooms[0]!, start.toISO(), start.plus({ minutes: 30 }).toISO())],
      })
      if (again.status !== 201) await new Promise((r) => setTimeout(r, 200))
    } while (again.status !== 201 && Date.now() < deadline)
    expect(again.status, `${JSON.stringify(again.body)}\n${server.output.join('').slice(-5000)}`).toBe(201)
    answers.push(again)

    // Nothing lost or doubled: every 201 exists once, with its one reservation.created event.
    const created = answers.filter((a) => a.status === 201).map((a) => (a.body as { id: string }).id)
    expect(new Set(created).size).toBe(created.length)
    const { rows: found } = await ctx.database.raw.query<{ id: string; events: number }>(
      `select r.id, (select count(*)::int from outbox_events e where e.aggregate_id = r.id and e.type = 'reservation.created') as events
         from reservations r where r.id = any($1::uuid[])`,
      [created],
    )
    expect(found).toHaveLength(created.length)
    expect(found.filter((r) => r.events !== 1)).toEqual([])
    // Reservations stored but answered 503 (commit sent, answer lost) must still be whole.
    const { rows: eventless } = await ctx.database.raw.query(
      `select r.id from reservations r where not exists (select 1 from outbox_events e where e.aggregate_id = r.id and e.type = 'reservation.created')`,
    )
    expect(eventless).toEqual([])
    const { rows: overlaps } = await ctx.database.raw.query<{ n: number }>(
      `select count(*)::int as n from reservation_items a join reservation_items b
         on a.room_id = b.room_id and a.id < b.id and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
       where a.active and b.active`,
    )
    expect(overlaps[0]!.n).toBe(0)
    expect(await counterDrift(ctx)).toEqual([])

    // The relay loop came back: every event is relayed (to this process's sinks) within seconds.
    const relayed = Date.now() + 20_000
    let pending = -1
    while (Date.now() < relayed) {
      const { rows } = await ctx.database.raw.query<{ n: number }>('select count(*)::int as n from outbox_events where published_at is null')
      pending = rows[0]!.n
      if (pending === 0) break
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(pending).toBe(0)

    // pg-boss works again: a job queued now is picked up and completed.
    const { rows: queued } = await ctx.database.raw.query<{ id: string }>(`insert into pgboss.job (name, data) values ('expire-holds', '{}') returning id`)
    const jobDeadline = Date.now() + 20_000
    let state = ''
    while (Date.now() < jobDeadline) {
      const { rows } = await ctx.database.raw.query<{ state: string }>('select state from pgboss.job where id = $1', [queued[0]!.id])
      state = rows[0]?.state ?? 'gone'
      if (state === 'completed') break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(state).toBe('completed')

    // The realtime LISTEN connections came back: a dashboard that reconnects hears a new booking.
    socket.close()
    const fresh = await openSocket(`${server.base!.replace(/^http/, 'ws')}/ws/reservations?venue_id=${venue.id}&token=${staff.access}`)
    try {
      await fresh.next((fr) => fr.type === 'ready', 10_000)
      const start = first.plus({ days: 29 })
      const made = await send('live', customers[1]!.access, 'POST', '/reservations', {
        venue_id: venue.id,
        items: [slot(rooms[1]!, start.toISO(), start.plus({ minutes: 30 }).toISO())],
      })
      expect(made.status).toBe(201)
      await fresh.next((fr) => fr.type === 'event' && fr.event.aggregate_id === (made.body as { id: string }).id, 20_000)
    } finally {
      fresh.close()
    }
    expect(server.proc.exitCode).toBeNull()
  }, 180_000)
})
