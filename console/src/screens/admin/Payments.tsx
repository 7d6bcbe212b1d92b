import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data } from '../../api/client'
import { navigate, useRoute } from '../../router'
import { localDateTime, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

/**
 * A reservation looked up by id (?reservation=): what it is, its payment log (every gateway
 * event and answer, raw) and its history (every transition). Times in its venue's zone.
 */
export function Payments() {
  const { query } = useRoute()
  const id = query.get('reservation')
  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const value = (formValues(event.currentTarget).reservation ?? '').trim()
    navigate(`/admin/payments?reservation=${encodeURIComponent(value)}`)
  }
  return (
    <>
      <form className="card toolbar" onSubmit={find} role="search" aria-label="Find a reservation">
        <Field
          label="Reservation id"
          name="reservation"
          required
          pattern={UUID}
          title="A reservation id, like 0b6c…-…"
          defaultValue={id ?? ''}
          size={40}
          hint="As on the booking or the customer’s receipt"
        />
        <button type="submit">Open</button>
      </form>
      {id && <Reservation key={id} id={id} />}
    </>
  )
}

function Reservation({ id }: { id: string }) {
  const reservation = useQuery({
    queryKey: ['admin-reservation', id],
    queryFn: async () => data(await api.GET('/api/v1/reservations/{id}', { params: { path: { id } } })),
  })
  const venueId = reservation.data?.venue_id
  const venue = useQuery({
    queryKey: ['venue', venueId],
    enabled: !!venueId,
    queryFn: async () => data(await api.GET('/api/v1/venues/{id}', { params: { path: { id: venueId! } } })),
  })
  const r = reservation.data
  const v = venue.data
  return (
    <>
      <ErrorNote error={reservation.error ?? venue.error} />
      {r && v && (
        <>
          <section className="card" aria-labelledby="reservation-title">
            <h2 id="reservation-title">Reservation at {v.name}</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd>{r.status.replace('_', ' ')}</dd>
              <dt>When ({v.timezone})</dt>
              <dd>
                {localDateTime(r.start, v.timezone)} to {localDateTime(r.end, v.timezone)}
              </dd>
              <dt>Total</dt>
              <dd>{money(r.total.amount, r.total.currency)}</dd>
              {r.payment && (
                <>
                  <dt>Payment</dt>
                  <dd>
                    {r.payment.status.replace('_', ' ')}
                    {r.payment.card?.brand ? `, ${r.payment.card.brand} ····${r.payment.card.last4 ?? ''}` : ''}
                  </dd>
                </>
              )}
            </dl>
          </section>
          <PaymentLog id={id} zone={v.timezone} />
          <History id={id} zone={v.timezone} />
        </>
      )}
    </>
  )
}

function PaymentLog({ id, zone }: { id: string; zone: string }) {
  const [page, setPage] = useState(1)
  const log = useQuery({
    queryKey: ['admin-payment-log', id, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/reservations/{id}/payment-log', { params: { path: { id }, query: { page, page_size: PAGE_SIZE } } })),
  })
  return (
    <section className="card" aria-labelledby="log-title">
      <h2 id="log-title">Payment log</h2>
      <ErrorNote error={log.error} />
      {log.data?.count === 0 && <p>No gateway events: nothing was paid through the gateway.</p>}
      {log.data && log.data.count > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Code</th>
                <th scope="col">Raw</th>
              </tr>
            </thead>
            <tbody>
              {log.data.results.map((l) => (
                <tr key={l.id}>
                  <td>{localDateTime(l.created_at, zone)}</td>
                  <td>{l.kind.replace(/_/g, ' ')}</td>
                  <td>{l.code ?? '—'}</td>
                  <td>
                    <details>
                      <summary>Show the raw JSON of event {l.id}</summary>
                      <pre className="raw">{JSON.stringify(l.raw, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.data && <Pager page={page} pageSize={PAGE_SIZE} count={log.data.count} onPage={setPage} label="Payment log" />}
    </section>
  )
}

function History({ id, zone }: { id: string; zone: string }) {
  const [page, setPage] = useState(1)
  const history = useQuery({
    queryKey: ['admin-reservation-history', id, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/reservations/{id}/history', { params: { path: { id }, query: { page, page_size: PAGE_SIZE } } })),
  })
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ErrorNote error={history.error} />
      {history.data && history.data.count > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">By</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {history.data.results.map((t) => (
              <tr key={t.id}>
                <td>{localDateTime(t.at, zone)}</td>
                <td>{t.from?.replace('_', ' ') ?? 'new'}</td>
                <td>{t.to.replace('_', ' ')}</td>
                <td>{t.actor_id ? <code>{t.actor_id.slice(0, 8)}</code> : 'the system'}</td>
                <td>{t.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.data && <Pager page={page} pageSize={PAGE_SIZE} count={history.data.count} onPage={setPage} label="History" />}
    </section>
  )
}
