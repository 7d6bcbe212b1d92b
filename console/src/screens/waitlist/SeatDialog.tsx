import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, idempotencyKey } from '../../api/client'
import { addDays, localDate, localTime } from '../../time'
import { Dialog } from '../../ui/Dialog'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import type { Venue } from '../../venue'
import { freeRoomsNow } from './free-rooms'
import type { Entry, Room } from './types'

const NO_ROOM = ''

/** Seats a party, into a room free now (booked for them, checked in) or without one. */
export function SeatDialog({
  venue,
  entry,
  rooms,
  onClose,
  onSeated,
}: {
  venue: Venue
  entry: Entry | null
  rooms: readonly Room[]
  onClose: () => void
  onSeated: (message: string) => void
}) {
  return (
    <Dialog title={entry ? `Seat ${entry.name}` : 'Seat'} open={entry !== null} onClose={onClose}>
      {entry && <SeatForm venue={venue} entry={entry} rooms={rooms} onSeated={onSeated} onCancel={onClose} />}
    </Dialog>
  )
}

function SeatForm({
  venue,
  entry,
  rooms,
  onSeated,
  onCancel,
}: {
  venue: Venue
  entry: Entry
  rooms: readonly Room[]
  onSeated: (message: string) => void
  onCancel: () => void
}) {
  const zone = venue.timezone
  // The business day that opened today, and yesterday's for a venue still open past midnight.
  const free = useQuery({
    queryKey: ['waitlist', venue.id, 'free', entry.party_size],
    queryFn: async () => {
      const today = localDate(new Date(), zone)
      const days = await Promise.all(
        [addDays(today, -1), today].map(async (date) =>
          data(await api.GET('/api/v1/venues/{id}/availability', { params: { path: { id: venue.id }, query: { date, party_size: entry.party_size } } })),
        ),
      )
      return freeRoomsNow(days, Date.now())
    },
    staleTime: 0,
  })
  const [choice, setChoice] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  // Until staff pick, the smallest free room that holds the party is proposed.
  const roomId = choice ?? free.data?.[0]?.room_id ?? NO_ROOM
  const room = rooms.find((r) => r.id === roomId)

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const { minutes } = formValues(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      data(
        await api.POST('/api/v1/waitlist/{id}/seat', {
          params: { path: { id: entry.id }, header: idempotencyKey() },
          body: roomId ? { room_id: roomId, ...(minutes ? { minutes: Number(minutes) } : {}) } : {},
        }),
      )
      const name = free.data?.find((r) => r.room_id === roomId)?.name
      onSeated(`${entry.name} seated${name ? ` in ${name}` : ''}.`)
    } catch (caught) {
      setError(caught)
      // A room taken meanwhile: show what is free now.
      void free.refetch()
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <p>
        Party of {entry.party_size}, waiting since {localTime(entry.created_at, zone)}.
      </p>
      <fieldset className="waitlist-rooms">
        <legend>Room</legend>
        {free.isPending && <p role="status">Finding the rooms free now…</p>}
        <ErrorNote error={free.error} />
        {free.data?.length === 0 && <p>No room for {entry.party_size} is free now. You can still seat the party without booking a room.</p>}
        {free.data?.map((r) => (
          <label key={r.room_id} className="waitlist-choice">
            <input type="radio" name="room" value={r.room_id} checked={roomId === r.room_id} onChange={() => setChoice(r.room_id)} />
            {r.name} (up to {r.capacity}), free until {localTime(r.until, zone)}
          </label>
        ))}
        <label className="waitlist-choice">
          <input type="radio" name="room" value={NO_ROOM} checked={roomId === NO_ROOM} onChange={() => setChoice(NO_ROOM)} />
          No room: seat without booking one
        </label>
      </fieldset>
      {roomId && (
        <Field
          key={roomId}
          label="Minutes in the room"
          name="minutes"
          type="number"
          min={room?.min_minutes ?? 1}
          max={room?.max_minutes ?? 1440}
          step={room?.slot_minutes ?? 1}
          hint={
            room ? `Optional: ${room.min_minutes} (the room's minimum) when empty, at most ${room.max_minutes}.` : "Optional: the room's minimum when empty."
          }
        />
      )}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy || free.isPending}>
          {busy ? 'Seating…' : `Seat ${entry.name}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
