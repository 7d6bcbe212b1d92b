import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField } from '../../ui/Field'
import type { DeskProps } from '.'

type Schedule = Schemas['PractitionerSchedule']
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** One editable line of the exceptions: a date with one range, or with none (a day off). */
interface ExceptionRow {
  date: string
  open: string
  close: string
}

/** The weekly hours and the dated exceptions: read by everyone, replaced whole by owners and managers. */
export function Schedule({ practitioner, manager }: DeskProps) {
  const [editing, setEditing] = useState(false)
  const schedule = useQuery({
    queryKey: ['practitioner-schedule', practitioner.id],
    queryFn: async () => data(await api.GET('/api/v1/practitioners/{id}/schedule', { params: { path: { id: practitioner.id } } })),
  })
  return (
    <>
      <ErrorNote error={schedule.error} />
      {schedule.data &&
        (editing ? (
          <ScheduleForm practitionerId={practitioner.id} schedule={schedule.data} onDone={() => setEditing(false)} />
        ) : (
          <ScheduleView schedule={schedule.data} manager={manager} onEdit={() => setEditing(true)} />
        ))}
    </>
  )
}

function ScheduleView({ schedule, manager, onEdit }: { schedule: Schedule; manager: boolean; onEdit: () => void }) {
  const hours = [...schedule.hours].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open))
  return (
    <>
      <section className="card" aria-labelledby="weekly-title">
        <h2 id="weekly-title">Weekly hours ({schedule.timezone})</h2>
        {hours.length === 0 ? (
          <p>No weekly hours: nothing can be booked until some are set.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
              </tr>
            </thead>
            <tbody>
              {hours.map((h, i) => (
                <tr key={i}>
                  <td>{WEEKDAYS[h.weekday - 1]}</td>
                  <td>{h.open}</td>
                  <td>
                    {h.close}
                    {h.close <= h.open ? ' (next day)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="exceptions-title">
        <h2 id="exceptions-title">Exceptions</h2>
        {schedule.exceptions.length === 0 ? (
          <p>No dates off or with other hours.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Hours</th>
              </tr>
            </thead>
            <tbody>
              {schedule.exceptions.map((e) => (
                <tr key={e.date}>
                  <td>{e.date}</td>
                  <td>{e.hours.length === 0 ? 'Day off' : e.hours.map((h) => `${h.open}–${h.close}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {manager ? (
        <button type="button" onClick={onEdit}>
          Edit schedule
        </button>
      ) : (
        <p className="hint">Owners and managers change the schedule.</p>
      )}
    </>
  )
}

function ScheduleForm({ practitionerId, schedule, onDone }: { practitionerId: string; schedule: Schedule; onDone: () => void }) {
  const queries = useQueryClient()
  const [hours, setHours] = useState(schedule.hours.map((h) => ({ ...h })))
  const [exceptions, setExceptions] = useState<ExceptionRow[]>(
    schedule.exceptions.flatMap((e) => (e.hours.length === 0 ? [{ date: e.date, open: '', close: '' }] : e.hours.map((h) => ({ date: e.date, ...h })))),
  )
  const [problem, setProblem] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: async (body: { hours: Schedule['hours']; exceptions: Schedule['exceptions'] }) =>
      data(await api.POST('/api/v1/practitioners/{id}/schedule', { params: { path: { id: practitionerId } }, body })),
    onSuccess: (saved) => {
      queries.setQueryData(['practitioner-schedule', practitionerId], saved)
      onDone()
    },
  })

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const grouped = groupExceptions(exceptions)
    setProblem(typeof grouped === 'string' ? grouped : null)
    if (typeof grouped !== 'string') save.mutate({ hours, exceptions: grouped })
  }
  const setHour = (i: number, change: Partial<Schedule['hours'][number]>) => setHours(hours.map((h, j) => (j === i ? { ...h, ...change } : h)))
  const setException = (i: number, change: Partial<ExceptionRow>) => setExceptions(exceptions.map((e, j) => (j === i ? { ...e, ...change } : e)))

  return (
    <form className="card" onSubmit={submit} aria-labelledby="edit-title">
      <h2 id="edit-title">Edit the schedule ({schedule.timezone})</h2>
      <fieldset>
        <legend>Weekly hours (a close before the open ends the next day)</legend>
        {hours.map((h, i) => (
          <div className="range-row" key={i}>
            <SelectField label={`Day of range ${i + 1}`} value={h.weekday} onChange={(e) => setHour(i, { weekday: Number(e.target.value) })}>
              {WEEKDAYS.map((d, n) => (
                <option key={d} value={n + 1}>
                  {d}
                </option>
              ))}
            </SelectField>
            <Field label={`Opens (range ${i + 1})`} type="time" required value={h.open} onChange={(e) => setHour(i, { open: e.target.value })} />
            <Field label={`Closes (range ${i + 1})`} type="time" required value={h.close} onChange={(e) => setHour(i, { close: e.target.value })} />
            <button type="button" className="secondary" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
              Remove range {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setHours([...hours, { weekday: 1, open: '09:00', close: '17:00' }])}>
          Add a weekly range
        </button>
      </fieldset>
      <fieldset>
        <legend>Exceptions (leave the hours empty for a day off; one line per range)</legend>
        {exceptions.map((e, i) => (
          <div className="range-row" key={i}>
            <Field label={`Date of exception ${i + 1}`} type="date" required value={e.date} onChange={(ev) => setException(i, { date: ev.target.value })} />
            <Field
              label={`Opens (exception ${i + 1})`}
              type="time"
              required={e.close !== ''}
              value={e.open}
              onChange={(ev) => setException(i, { open: ev.target.value })}
            />
            <Field
              label={`Closes (exception ${i + 1})`}
              type="time"
              required={e.open !== ''}
              value={e.close}
              onChange={(ev) => setException(i, { close: ev.target.value })}
            />
            <button type="button" className="secondary" onClick={() => setExceptions(exceptions.filter((_, j) => j !== i))}>
              Remove exception {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setExceptions([...exceptions, { date: '', open: '', close: '' }])}>
          Add an exception
        </button>
      </fieldset>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ErrorNote error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save schedule'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** The API's shape (one entry per date), or what is wrong in words: a day both off and with hours. */
function groupExceptions(rows: ExceptionRow[]): Schedule['exceptions'] | string {
  const byDate = new Map<string, Schedule['exceptions'][number]['hours']>()
  const off = new Set<string>()
  for (const row of rows) {
    const ranges = byDate.get(row.date) ?? []
    if (row.open === '' && row.close === '') off.add(row.date)
    else ranges.push({ open: row.open, close: row.close })
    byDate.set(row.date, ranges)
  }
  for (const date of off) if (byDate.get(date)!.length > 0) return `${date} is both a day off and a day with hours: remove one of its lines.`
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, hours]) => ({ date, hours }))
}
