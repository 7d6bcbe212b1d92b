import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { Link } from '../../router'
import { localDate, localDateTime, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import type { DeskProps } from '.'

type Reservation = Schemas['Reservation']
const STATUSES = ['pending', 'awaiting_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show', 'expired', 'refunded'] as const

interface Filter {
  status: string
  from: string
  to: string
}

/** The practitioner's bookings (reservations at its venue), by start, filtered by status and dates. */
export function Bookings({ practitioner }: DeskProps) {
  const zone = practitioner.timezone
  const [filter, setFilter] = useState<Filter>({ status: '', from: localDate(new Date(), zone), to: '' })
  const [page, setPage] = useState(1)
  const [problem, setProblem] = useState<string | null>(null)
  const bookings = useQuery({
    queryKey: ['practitioner-bookings', practitioner.venue_id, filter, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      data(
        await api.GET('/api/v1/reservations', {
          params: {
            query: {
              venue: practitioner.venue_id,
              page,
              page_size: PAGE_SIZE,
              ordering: 'start',
              ...(filter.status && { status: filter.status }),
              ...(filter.from && { from: filter.from }),
              ...(filter.to && { to: filter.to }),
            },
          },
        }),
      ),
  })
  // Items name their service by id: each distinct one is read once (and cached) for its title.
  const serviceIds = [...new Set(bookings.data?.results.flatMap((r) => r.items.flatMap((i) => ('service_id' in i ? [i.service_id] : []))) ?? [])]
  const titles = useQueries({
    queries: serviceIds.map((id) => ({
      queryKey: ['service', id],
      queryFn: async () => data(await api.GET('/api/v1/services/{id}', { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  })
  const titleOf = (id: string) => titles[serviceIds.indexOf(id)]?.data?.title ?? 'Service'

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const next = formValues(event.currentTarget) as unknown as Filter
    if (next.from && next.to && next.to < next.from) return setProblem('The “to” date must not be before the “from” date.')
    setProblem(null)
    setPage(1)
    setFilter(next)
  }

  return (
    <section className="card" aria-labelledby="bookings-title">
      <h2 id="bookings-title">Bookings ({zone})</h2>
      <form className="toolbar" onSubmit={apply} aria-label="Filter bookings">
        <SelectField label="Status" name="status" defaultValue={filter.status}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </SelectField>
        <Field label="From" name="from" type="date" defaultValue={filter.from} />
        <Field label="To" name="to" type="date" defaultValue={filter.to} />
        <button type="submit">Show</button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ErrorNote error={bookings.error} />
      {bookings.data?.count === 0 && <p>No bookings match.</p>}
      {bookings.data && bookings.data.count > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Starts</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Status</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {bookings.data.results.map((r) => (
                <tr key={r.id}>
                  <td>{localDateTime(r.start, zone)}</td>
                  <td>
                    <ul className="plain">
                      {r.items.map((item) => (
                        <li key={item.id}>
                          <ItemLine item={item} title={'service_id' in item ? titleOf(item.service_id) : 'Item'} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{whoOf(r)}</td>
                  <td>{r.status.replace('_', ' ')}</td>
                  <td>{money(r.total.amount, r.total.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bookings.data && <Pager page={page} pageSize={PAGE_SIZE} count={bookings.data.count} onPage={setPage} label="Bookings" />}
    </section>
  )
}

function ItemLine({ item, title }: { item: Reservation['items'][number]; title: string }) {
  if (item.kind === 'seat') {
    const seats = `${item.quantity} ${item.quantity === 1 ? 'seat' : 'seats'}`
    // A seat of one occurrence links to its register; a course's seat spans all its sessions.
    return item.occurrence_id ? (
      <Link to={`/practitioner/services?service=${item.service_id}&occurrence=${item.occurrence_id}`}>
        {title}, {seats}
      </Link>
    ) : (
      <>
        {title} (whole course), {seats}
      </>
    )
  }
  if (item.kind === 'session') return <>{title} (1:1)</>
  return <>{item.kind}</>
}

const whoOf = (r: Reservation) => r.guest?.name ?? (r.user_id ? 'Customer account' : '—')
