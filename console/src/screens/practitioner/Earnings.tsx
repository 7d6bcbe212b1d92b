import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { api, data, idempotencyKey, type Schemas } from '../../api/client'
import { localDate, localDateTime, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import type { DeskProps } from '.'

type Money = Schemas['Money']
const cash = (m: Money) => money(m.amount, m.currency)

/**
 * The money side: the summary (by status, the month's tier and rate, the next payout), the
 * ledger, the earnings one by one, and the payouts; owners and managers request a payout.
 * Every route is asked for this practitioner by id, so staff who are not its applicant see it too.
 */
export function Earnings({ practitioner, manager }: DeskProps) {
  const id = practitioner.id
  const zone = practitioner.timezone
  const queries = useQueryClient()
  const summary = useQuery({
    queryKey: ['earnings-summary', id],
    queryFn: async () => data(await api.GET('/api/v1/practitioner/earnings/summary', { params: { query: { practitioner_id: id } } })),
  })
  const request = useMutation({
    mutationFn: async () => data(await api.POST('/api/v1/practitioner/payouts/request', { headers: idempotencyKey(), body: { practitioner_id: id } })),
    onSuccess: () => queries.invalidateQueries({ predicate: (q) => ['earnings-summary', 'payouts', 'ledger', 'earnings'].includes(q.queryKey[0] as string) }),
  })
  const s = summary.data
  return (
    <>
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <ErrorNote error={summary.error} />
        {s && (
          <>
            <dl className="figures">
              <div>
                <dt>Pending</dt>
                <dd>{cash(s.pending)}</dd>
              </div>
              <div>
                <dt>Available</dt>
                <dd>{cash(s.available)}</dd>
              </div>
              <div>
                <dt>Paid out</dt>
                <dd>{cash(s.paid)}</dd>
              </div>
              <div>
                <dt>Volume in {s.month}</dt>
                <dd>{cash(s.month_volume)}</dd>
              </div>
              <div>
                <dt>Commission now</dt>
                <dd>
                  {s.commission_rate_percent} % (tier {s.tier})
                </dd>
              </div>
            </dl>
            <dl className="facts">
              <dt>Next payout</dt>
              <dd>
                {cash(s.next_payout.estimate)} on {localDate(s.next_payout.at, zone)} (at least {cash(s.payout_minimum)})
              </dd>
              <dt>Payouts</dt>
              <dd>{s.payouts_held ? 'Held by an administrator' : s.payouts_enabled ? 'Enabled' : 'Not enabled: finish the payout account’s onboarding'}</dd>
            </dl>
          </>
        )}
        {manager && (
          <div className="actions">
            <button type="button" disabled={request.isPending} onClick={() => request.mutate()}>
              {request.isPending ? 'Requesting…' : 'Request a payout of what is available'}
            </button>
          </div>
        )}
        <ErrorNote error={request.error} />
        {request.data && (
          <p role="status" className="ok">
            Payout of {cash(request.data.amount)} requested ({request.data.status}).
          </p>
        )}
      </section>
      <Ledger id={id} zone={zone} />
      <EarningList id={id} zone={zone} />
      <Payouts id={id} zone={zone} />
    </>
  )
}

function Ledger({ id, zone }: { id: string; zone: string }) {
  const [page, setPage] = useState(1)
  const ledger = useQuery({
    queryKey: ['ledger', id, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/practitioner/transactions', { params: { query: { practitioner_id: id, page, page_size: PAGE_SIZE } } })),
  })
  return (
    <section className="card" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Ledger</h2>
      <ErrorNote error={ledger.error} />
      {ledger.data?.count === 0 && <p>Nothing in the ledger yet.</p>}
      {ledger.data && ledger.data.count > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Amount</th>
            </tr>
          </thead>
          <tbody>
            {ledger.data.results.map((t) => (
              <tr key={`${t.kind}-${t.id}`}>
                <td>{localDateTime(t.created_at, zone)}</td>
                <td>{t.kind}</td>
                <td>{t.status}</td>
                <td>{cash(t.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ledger.data && <Pager page={page} pageSize={PAGE_SIZE} count={ledger.data.count} onPage={setPage} label="Ledger" />}
    </section>
  )
}

function EarningList({ id, zone }: { id: string; zone: string }) {
  const [page, setPage] = useState(1)
  const earnings = useQuery({
    queryKey: ['earnings', id, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/practitioner/earnings', { params: { query: { practitioner_id: id, page, page_size: PAGE_SIZE } } })),
  })
  return (
    <section className="card" aria-labelledby="earnings-title">
      <h2 id="earnings-title">Earnings per booking</h2>
      <ErrorNote error={earnings.error} />
      {earnings.data?.count === 0 && <p>No completed bookings have earned anything yet.</p>}
      {earnings.data && earnings.data.count > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Written</th>
                <th scope="col">Kind</th>
                <th scope="col">Gross</th>
                <th scope="col">Commission</th>
                <th scope="col">Net</th>
                <th scope="col">Status</th>
                <th scope="col">Available from</th>
              </tr>
            </thead>
            <tbody>
              {earnings.data.results.map((e) => (
                <tr key={e.id}>
                  <td>{localDateTime(e.created_at, zone)}</td>
                  <td>{e.kind}</td>
                  <td>{cash(e.gross)}</td>
                  <td>
                    {cash(e.commission)} ({e.commission_rate_percent} %)
                  </td>
                  <td>{cash(e.net)}</td>
                  <td>{e.status}</td>
                  <td>{localDateTime(e.available_at, zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {earnings.data && <Pager page={page} pageSize={PAGE_SIZE} count={earnings.data.count} onPage={setPage} label="Earnings" />}
    </section>
  )
}

function Payouts({ id, zone }: { id: string; zone: string }) {
  const [page, setPage] = useState(1)
  const payouts = useQuery({
    queryKey: ['payouts', id, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/practitioner/payouts', { params: { query: { practitioner_id: id, page, page_size: PAGE_SIZE } } })),
  })
  return (
    <section className="card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payouts</h2>
      <ErrorNote error={payouts.error} />
      {payouts.data?.count === 0 && <p>No payouts yet.</p>}
      {payouts.data && payouts.data.count > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Requested</th>
              <th scope="col">Amount</th>
              <th scope="col">Earnings</th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {payouts.data.results.map((p) => (
              <tr key={p.id}>
                <td>{localDateTime(p.created_at, zone)}</td>
                <td>{cash(p.amount)}</td>
                <td>{p.earnings}</td>
                <td>{p.trigger === 'weekly' ? 'Weekly run' : 'Requested'}</td>
                <td>
                  {p.status}
                  {p.failure?.message ? `: ${p.failure.message}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {payouts.data && <Pager page={page} pageSize={PAGE_SIZE} count={payouts.data.count} onPage={setPage} label="Payouts" />}
    </section>
  )
}
