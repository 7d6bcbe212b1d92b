import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { LiveBadge, useLiveFeed } from '../../live'
import { navigate, useRoute } from '../../router'
import { addDays, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import type { Venue } from '../../venue'
import { dateParam, dayLabel, longDayLabel, venueToday } from './dates'

type Reservation = Schemas['Reservation']
type Which = 'arrivals' | 'departures'

/** Who arrives and who leaves on a day (`?date=`), each list paged, reloading as bookings change. */
export function ArrivalsDepartures({ venue }: { venue: Venue }) {
  const { query } = useRoute()
  const today = venueToday(venue.timezone)
  const date = dateParam(query.get('date'), today)
  const show = (day: string) => navigate(`/hotel/arrivals?date=${day}`, { replace: true })
  const queries = useQueryClient()
  const live = useLiveFeed('reservations', venue.id, () => void queries.invalidateQueries({ queryKey: ['hotel', 'day', venue.id] }))
  const types = useQuery({
    queryKey: ['hotel', 'room-types', venue.id],
    queryFn: async () => data(await api.GET('/api/v1/venues/{id}/room-types', { params: { path: { id: venue.id }, query: { page_size: 100 } } })),
  })
  const names = new Map((types.data?.results ?? []).map((t) => [t.id, t.name]))

  const onDate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    show(formValues(event.currentTarget).date || today)
  }
  return (
    <>
      <form className="toolbar" onSubmit={onDate} aria-label="Day shown" key={date}>
        <Field label="Day" name="date" type="date" required defaultValue={date} />
        <button type="submit">Show</button>
        <button type="button" className="secondary" onClick={() => show(addDays(date, -1))}>
          Previous day
        </button>
        <button type="button" className="secondary" onClick={() => show(addDays(date, 1))}>
          Next day
        </button>
        <button type="button" className="secondary" onClick={() => show(today)} disabled={date === today}>
          Today
        </button>
        <LiveBadge status={live} />
      </form>
      <p>{longDayLabel(date)}</p>
      <ErrorNote error={types.error} />
      <div className="hotel-day">
        <DayList key={`arrivals/${date}`} venue={venue} date={date} which="arrivals" names={names} />
        <DayList key={`departures/${date}`} venue={venue} date={date} which="departures" names={names} />
      </div>
    </>
  )
}

function DayList({ venue, date, which, names }: { venue: Venue; date: string; which: Which; names: Map<string, string> }) {
  const [page, setPage] = useState(1)
  const list = useQuery({
    queryKey: ['hotel', 'day', venue.id, which, date, page],
    queryFn: async () => {
      const params = { params: { path: { id: venue.id }, query: { date, page, page_size: PAGE_SIZE } } }
      return data(which === 'arrivals' ? await api.GET('/api/v1/venues/{id}/arrivals', params) : await api.GET('/api/v1/venues/{id}/departures', params))
    },
    placeholderData: (previous) => previous,
  })
  const title = which === 'arrivals' ? 'Arrivals' : 'Departures'
  const id = `${which}-title`
  const rows = list.data?.results ?? []
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {list.data && <span className="hint"> ({list.data.count})</span>}
      </h2>
      <ErrorNote error={list.error} />
      {list.isPending && <p role="status">Loading…</p>}
      {list.data && rows.length === 0 && <p>{which === 'arrivals' ? 'Nobody arrives on this day.' : 'Nobody leaves on this day.'}</p>}
      {rows.length > 0 && (
        <div className="scroll">
          <table>
            <caption className="visually-hidden">
              {title}, {dayLabel(date)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Guest</th>
                <th scope="col">Stay</th>
                <th scope="col">Status</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {guestOf(r)}
                    <br />
                    <small className="hint">Booking {r.id.slice(0, 8)}</small>
                  </th>
                  <td>
                    <ul className="hotel-stays">
                      {r.items.flatMap((item) =>
                        item.kind === 'stay'
                          ? [
                              <li key={item.id}>
                                {item.quantity} × {names.get(item.room_type_id) ?? 'room'}, {dayLabel(item.arrival)} → {dayLabel(item.departure)} ({item.nights}{' '}
                                {item.nights === 1 ? 'night' : 'nights'}, {item.guests} {item.guests === 1 ? 'guest' : 'guests'})
                              </li>,
                            ]
                          : [],
                      )}
                    </ul>
                  </td>
                  <td>{r.status.replace('_', ' ')}</td>
                  <td>{money(r.total.amount, r.total.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} count={list.data.count} onPage={setPage} label={title} />}
    </section>
  )
}

/** The guest the desk booked, or the account holder's contact when the guest booked online. */
function guestOf(r: Reservation): string {
  if (r.guest) return [r.guest.name, r.guest.phone, r.guest.email].filter(Boolean).join(' · ')
  return 'Booked online by a guest account'
}
