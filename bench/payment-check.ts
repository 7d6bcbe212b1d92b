import pg from 'pg'
import { f0 } from './format.js'

/** What the database says about a set of paid checkouts: their reservations, payments and events. */
export async function paymentCheck(url: string, reservationIds: readonly string[], eventIds: readonly string[] | null) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const r = (
      await client.query<{ total: string; confirmed: string }>(
        `select count(*) as total, count(*) filter (where status = 'confirmed') as confirmed from reservations where id = any($1::uuid[])`,
        [reservationIds],
      )
    ).rows[0]!
    const p = (
      await client.query<{ succeeded: string }>(
        `select count(*) filter (where status = 'succeeded' and captured_amount = amount) as succeeded from payments where reservation_id = any($1::uuid[])`,
        [reservationIds],
      )
    ).rows[0]!
    const w = eventIds
      ? (
          await client.query<{ rows: string; duplicates: string; confirmed: string }>(
            `select count(*) as rows, coalesce(sum(duplicates), 0) as duplicates, count(*) filter (where outcome = 'confirmed') as confirmed from webhook_events where id = any($1::text[])`,
            [eventIds],
          )
        ).rows[0]!
      : undefined
    return {
      reservations: reservationIds.length,
      found: Number(r.total),
      confirmed: Number(r.confirmed),
      paymentsSucceeded: Number(p.succeeded),
      webhookEvents: w ? { sent: eventIds!.length, rows: Number(w.rows), duplicates: Number(w.duplicates), confirmedOutcome: Number(w.confirmed) } : null,
    }
  } finally {
    await client.end()
  }
}
export type PaymentCheck = Awaited<ReturnType<typeof paymentCheck>>

/** The CHECK line for a paymentCheck(): every reservation confirmed, every payment captured, every event stored once. */
export function checkVerdict(c: PaymentCheck): { pass: boolean; line: string } {
  const problems: string[] = []
  if (c.found !== c.reservations) problems.push(`${c.reservations - c.found} reservations missing`)
  if (c.confirmed !== c.reservations) problems.push(`${c.reservations - c.confirmed} not confirmed`)
  if (c.paymentsSucceeded !== c.reservations) problems.push(`${c.reservations - c.paymentsSucceeded} payments not succeeded`)
  const w = c.webhookEvents
  if (w) {
    if (w.rows !== w.sent) problems.push(`webhook_events has ${w.rows} rows for ${w.sent} events`)
    if (w.duplicates !== 0) problems.push(`${w.duplicates} duplicates`)
    if (w.confirmedOutcome !== w.sent) problems.push(`${w.sent - w.confirmedOutcome} events without outcome 'confirmed'`)
  }
  const facts = `${f0(c.confirmed)} of ${f0(c.reservations)} reservations confirmed, ${f0(c.paymentsSucceeded)} payments succeeded${w ? `, webhook_events ${f0(w.rows)} rows for ${f0(w.sent)} events, duplicates ${w.duplicates}` : ''}`
  return problems.length === 0 ? { pass: true, line: `${facts}: PASS` } : { pass: false, line: `${facts}: FAIL (${problems.join('; ')})` }
}
