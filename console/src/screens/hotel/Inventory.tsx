import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, idempotencyKey } from '../../api/client'
import { LiveBadge, useLiveFeed, type LiveStatus } from '../../live'
import { navigate, useRoute } from '../../router'
import { addDays } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import { useVenues, type Venue } from '../../venue'
import { dateParam, dayLabel, venueToday } from './dates'
import { EditForm, type Selection } from './EditForm'
import { InventoryTable } from './InventoryTable'

const DEFAULT_NIGHTS = 14
const MAX_NIGHTS = 62

/**
 * The inventory grid: room types × nights over a range kept in the address (`?from=&nights=`),
 * the range edit form above it, and the grid reloading whenever the calendar (inventory feed)
 * or a booking (reservations feed: held and sold move with them) changes.
 */
export function InventoryScreen({ venue }: { venue: Venue }) {
  const { query } = useRoute()
  const role = useVenues().current?.role
  const manages = role === 'owner' || role === 'manager'
  const today = venueToday(venue.timezone)
  const from = dateParam(query.get('from'), today)
  const nights = Math.min(MAX_NIGHTS, Math.max(1, Number(query.get('nights')) || DEFAULT_NIGHTS))
  const to = addDays(from, nights - 1)
  const [selection, setSelection] = useState<Selection>({ roomTypeId: '', from: '', to: '' })

  const queries = useQueryClient()
  const gridKey = ['hotel', 'inventory', venue.id]
  const grid = useQuery({
    queryKey: [...gridKey, from, to],
    queryFn: async () => data(await api.GET('/api/v1/venues/{id}/inventory', { params: { path: { id: venue.id }, query: { from, to } } })),
    placeholderData: (previous) => previous,
  })
  const reload = () => void queries.invalidateQueries({ queryKey: gridKey })
  const calendarFeed = useLiveFeed('inventory', venue.id, reload)
  const bookingFeed = useLiveFeed('reservations', venue.id, reload)

  const show = (start: string, count = nights) => navigate(`/hotel?from=${start}&nights=${count}`, { replace: true })
  const onRange = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const v = formValues(event.currentTarget)
    show(v.from ?? today, Number(v.nights))
  }

  const types = grid.data?.room_types ?? []
  const missing = types.some((t) => t.nights.length < nights)
  return (
    <>
      <form className="toolbar" onSubmit={onRange} aria-label="Nights shown" key={`${from}/${nights}`}>
        <Field label="From" name="from" type="date" required defaultValue={from} />
        <Field label="Nights" name="nights" type="number" required min={1} max={MAX_NIGHTS} defaultValue={nights} />
        <button type="submit">Show</button>
        <button type="button" className="secondary" onClick={() => show(addDays(from, -nights))}>
          Previous {nights} nights
        </button>
        <button type="button" className="secondary" onClick={() => show(addDays(from, nights))}>
          Next {nights} nights
        </button>
        <button type="button" className="secondary" onClick={() => show(today)} disabled={from === today}>
          Today
        </button>
        <LiveBadge status={worst(calendarFeed, bookingFeed)} />
      </form>

      {manages ? (
        <EditForm venue={venue} types={types} selection={selection} onSelection={setSelection} onSaved={reload} />
      ) : (
        <p className="hint">Only the venue’s owners and managers change the calendar; the grid is yours to read.</p>
      )}

      <ErrorNote error={grid.error} />
      {grid.data && types.length === 0 && <p>This hotel has no room types yet.</p>}
      {grid.data && types.length > 0 && (
        <>
          {missing && manages && <LoadNights venue={venue} from={from} to={to} onLoaded={reload} />}
          <InventoryTable
            grid={grid.data}
            caption={`Inventory, ${dayLabel(from)} to ${dayLabel(to)}`}
            selection={selection}
            onPick={manages ? setSelection : undefined}
          />
        </>
      )}
      {grid.isPending && <p role="status">Loading the inventory…</p>}
    </>
  )
}

/** One badge for two feeds: it says live only when both are. */
function worst(a: LiveStatus, b: LiveStatus): LiveStatus {
  if (a === 'offline' || b === 'offline') return 'offline'
  return a === 'connecting' || b === 'connecting' ? 'connecting' : 'live'
}

/** Nights not loaded are not for sale; a manager loads every room type's missing nights of the range. */
function LoadNights({ venue, from, to, onLoaded }: { venue: Venue; from: string; to: string; onLoaded: () => void }) {
  const load = useMutation({
    mutationFn: async () =>
      data(await api.POST('/api/v1/venues/{id}/inventory/preload', { params: { path: { id: venue.id }, header: idempotencyKey() }, body: { from, to } })),
    onSuccess: onLoaded,
  })
  return (
    <div className="hotel-note">
      <p>Some nights of this range are not loaded, so they are not for sale. Loading gives each room type its total units on them.</p>
      <button type="button" className="secondary" onClick={() => load.mutate()} disabled={load.isPending}>
        Load the missing nights
      </button>
      {load.data && (
        <p role="status" className="ok">
          Loaded {load.data.created} nights.
        </p>
      )}
      <ErrorNote error={load.error} />
    </div>
  )
}
