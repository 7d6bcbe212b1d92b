import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { navigate, useRoute } from '../../router'
import { addDays, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import type { Venue } from '../../venue'
import { dateParam, dayLabel, nightsIn, venueToday } from './dates'
import { MetricChart, METRICS, percent, type Metric } from './MetricChart'

const DEFAULT_NIGHTS = 14
/** The API reports at most this many nights at once. */
const MAX_NIGHTS = 366

/** Occupancy, ADR and RevPAR over a range (`?from=&to=`): the totals, a chart of one figure per night, and the table behind it. */
export function ReportsScreen({ venue }: { venue: Venue }) {
  const { query } = useRoute()
  const today = venueToday(venue.timezone)
  const from = dateParam(query.get('from'), today)
  const to = dateParam(query.get('to'), addDays(from, DEFAULT_NIGHTS - 1))
  const [problem, setProblem] = useState('')
  const [metric, setMetric] = useState<Metric>('occupancy')
  const valid = to >= from && nightsIn(from, to) <= MAX_NIGHTS
  const report = useQuery({
    queryKey: ['hotel', 'report', venue.id, from, to],
    queryFn: async () => data(await api.GET('/api/v1/venues/{id}/reports/occupancy', { params: { path: { id: venue.id }, query: { from, to } } })),
    enabled: valid,
    placeholderData: (previous) => previous,
  })
  const show = (start: string, end: string) => navigate(`/hotel/reports?from=${start}&to=${end}`, { replace: true })
  const span = nightsIn(from, to)

  const onRange = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const v = formValues(event.currentTarget)
    const start = v.from ?? from
    const end = v.to ?? to
    if (end < start) return setProblem('The last night must not be before the first.')
    if (nightsIn(start, end) > MAX_NIGHTS) return setProblem(`A report covers at most ${MAX_NIGHTS} nights.`)
    setProblem('')
    show(start, end)
  }
  return (
    <>
      <form className="toolbar" onSubmit={onRange} aria-label="Nights reported" key={`${from}/${to}`}>
        <Field label="First night" name="from" type="date" required defaultValue={from} />
        <Field label="Last night" name="to" type="date" required defaultValue={to} error={problem || undefined} />
        <button type="submit">Show</button>
        <button type="button" className="secondary" onClick={() => show(addDays(from, -span), addDays(to, -span))}>
          Previous {span} nights
        </button>
        <button type="button" className="secondary" onClick={() => show(addDays(from, span), addDays(to, span))}>
          Next {span} nights
        </button>
      </form>
      {!valid && <p className="error">Choose a range of 1 to {MAX_NIGHTS} nights.</p>}
      <ErrorNote error={report.error} />
      {report.isPending && valid && <p role="status">Loading the report…</p>}
      {report.data && <Report report={report.data} metric={metric} onMetric={setMetric} />}
    </>
  )
}

function Report({ report, metric, onMetric }: { report: Schemas['OccupancyReport']; metric: Metric; onMetric: (m: Metric) => void }) {
  const cur = report.currency
  return (
    <>
      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title">
          {dayLabel(report.from)} to {dayLabel(report.to)}
        </h2>
        <dl className="facts hotel-totals">
          <dt>Occupancy</dt>
          <dd>{percent(report.occupancy)}</dd>
          <dt>ADR (average daily rate)</dt>
          <dd>{money(report.adr.amount, report.adr.currency)}</dd>
          <dt>RevPAR (revenue per available room)</dt>
          <dd>{money(report.revpar.amount, report.revpar.currency)}</dd>
          <dt>Room revenue</dt>
          <dd>{money(report.room_revenue.amount, report.room_revenue.currency)}</dd>
          <dt>Room-nights sold</dt>
          <dd>
            {report.sold_room_nights} of {report.available_room_nights} available
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="nights-title">
        <h2 id="nights-title">Night by night</h2>
        <fieldset className="hotel-metric">
          <legend>Chart shows</legend>
          {METRICS.map((m) => (
            <label key={m.key}>
              <input type="radio" name="metric" value={m.key} checked={metric === m.key} onChange={() => onMetric(m.key)} /> {m.label}
            </label>
          ))}
        </fieldset>
        <MetricChart nights={report.nights} metric={metric} currency={cur} />
        <div className="scroll">
          <table>
            <caption>Figures per night (the chart’s data)</caption>
            <thead>
              <tr>
                <th scope="col">Night</th>
                <th scope="col">Available</th>
                <th scope="col">Sold</th>
                <th scope="col">Occupancy</th>
                <th scope="col">Revenue</th>
                <th scope="col">ADR</th>
                <th scope="col">RevPAR</th>
              </tr>
            </thead>
            <tbody>
              {report.nights.map((n) => (
                <tr key={n.night}>
                  <th scope="row">{dayLabel(n.night)}</th>
                  <td>{n.available}</td>
                  <td>{n.sold}</td>
                  <td>{percent(n.occupancy)}</td>
                  <td>{money(n.revenue, cur)}</td>
                  <td>{money(n.adr, cur)}</td>
                  <td>{money(n.revpar, cur)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.nights.length === 0 && <p>No night of this range is loaded, so there is nothing to report.</p>}
      </section>
    </>
  )
}
