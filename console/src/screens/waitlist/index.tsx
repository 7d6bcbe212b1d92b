import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { allPages, api, data } from '../../api/client'
import { LiveBadge, useLiveFeed } from '../../live'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import { useVenue, type Venue } from '../../venue'
import { AddParty } from './AddParty'
import { EntryRow } from './EntryRow'
import { RemoveDialog } from './RemoveDialog'
import { SeatDialog } from './SeatDialog'
import type { Entry } from './types'
import './waitlist.css'

type Status = Entry['status']

/** What the board lists: the queue (waiting and notified, in order) or one state. */
const FILTERS: { value: 'queue' | Status; label: string }[] = [
  { value: 'queue', label: 'In the queue' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'notified', label: 'Notified' },
  { value: 'seated', label: 'Seated' },
  { value: 'left', label: 'Left' },
  { value: 'no_show', label: 'No-show' },
  { value: 'archived', label: 'Archived' },
]

// Without the live feed (connecting, or dropped and reconnecting) the board polls this often.
const POLL_MS = 5_000

/** The walk-in queue of a room venue (SPEC §8): add, notify, seat, remove, live. */
export function Waitlist() {
  const venue = useVenue()
  if (!venue) return null
  return (
    <section aria-labelledby="page-title">
      <Board venue={venue} />
    </section>
  )
}

function Board({ venue }: { venue: Venue }) {
  const queries = useQueryClient()
  const [filter, setFilter] = useState<'queue' | Status>('queue')
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(1)
  const [dialog, setDialog] = useState<{ kind: 'seat' | 'remove'; entry: Entry } | null>(null)
  const [said, setSaid] = useState('')
  const [error, setError] = useState<unknown>(null)
  const now = useNow(30_000)

  const reload = () => void queries.invalidateQueries({ queryKey: ['waitlist', venue.id] })
  // Waitlist changes travel on the reservations feed (`waitlist.updated`); bookings move the
  // estimates and the free rooms, so they reload the board too. `null` is the feed's (re)start.
  const live = useLiveFeed('reservations', venue.id, (event) => {
    if (!event || event.type === 'waitlist.updated' || event.type.startsWith('reservation.')) reload()
  })

  const entries = useQuery({
    queryKey: ['waitlist', venue.id, 'entries', filter, search, page],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/venues/{id}/waitlist', {
          params: {
            path: { id: venue.id },
            query: { page, page_size: PAGE_SIZE, ...(filter === 'queue' ? {} : { status: filter, ordering: '-created_at' }), ...(search ? { search } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: live === 'live' ? false : POLL_MS,
  })
  // The venue's rooms, to name the room a party was seated in and to bound a seating's length.
  const rooms = useQuery({
    queryKey: ['waitlist', venue.id, 'rooms'],
    queryFn: () =>
      allPages(async (page) => data(await api.GET('/api/v1/venues/{id}/rooms', { params: { path: { id: venue.id }, query: { page, page_size: 100 } } }))),
  })

  const notify = async (entry: Entry) => {
    setError(null)
    try {
      data(await api.POST('/api/v1/waitlist/{id}/notify', { params: { path: { id: entry.id } }, body: {} }))
      setSaid(`${entry.name} ${entry.status === 'notified' ? 'notified again' : 'notified'}: a text is on its way to ${entry.phone}.`)
      reload()
    } catch (caught) {
      setError(caught)
    }
  }
  const done = (message: string) => {
    setDialog(null)
    setSaid(message)
    reload()
  }

  const search_ = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSearch((formValues(event.currentTarget).search ?? '').trim())
    setPage(1)
  }

  const list = entries.data
  return (
    <>
      <div className="waitlist-title">
        <h1 id="page-title">Waitlist</h1>
        <LiveBadge status={live} />
        {live !== 'live' && <span className="hint">Refreshing every {POLL_MS / 1000} s until the live feed is back.</span>}
      </div>

      <AddParty venue={venue} onAdded={done} />

      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{FILTERS.find((f) => f.value === filter)?.label}</h2>
        <form className="toolbar" role="search" aria-label="Waitlist" onSubmit={search_}>
          <SelectField
            label="Show"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as typeof filter)
              setPage(1)
            }}
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </SelectField>
          <Field label="Name or phone" name="search" type="search" maxLength={200} defaultValue={search} />
          <button type="submit" className="secondary">
            Search
          </button>
        </form>
        <p role="status" className="ok waitlist-said">
          {said}
        </p>
        <ErrorNote error={error ?? entries.error ?? rooms.error} />
        {list && list.results.length === 0 && <p>{filter === 'queue' ? 'Nobody is waiting.' : 'No parties in this state.'}</p>}
        {list && list.results.length > 0 && (
          <div className="scroll">
            <table className="waitlist-table" aria-labelledby="queue-title">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Party</th>
                  <th scope="col">Size</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Wait</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.results.map((entry) => (
                  <EntryRow
                    key={entry.id}
                    entry={entry}
                    venue={venue}
                    now={now}
                    rooms={rooms.data ?? []}
                    onNotify={() => void notify(entry)}
                    onSeat={() => setDialog({ kind: 'seat', entry })}
                    onRemove={() => setDialog({ kind: 'remove', entry })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list && <Pager page={page} pageSize={PAGE_SIZE} count={list.count} onPage={setPage} label="Waitlist" />}
      </section>

      <SeatDialog
        venue={venue}
        entry={dialog?.kind === 'seat' ? dialog.entry : null}
        rooms={rooms.data ?? []}
        onClose={() => setDialog(null)}
        onSeated={done}
      />
      <RemoveDialog entry={dialog?.kind === 'remove' ? dialog.entry : null} onClose={() => setDialog(null)} onRemoved={done} />
    </>
  )
}

/** The current time, renewed every `ms`, so "waited 12 min" keeps counting. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
