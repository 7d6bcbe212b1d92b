import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, idempotencyKey, type Schemas } from '../../api/client'
import { ErrorNote, describe } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import { useReloadDesk } from './data'
import { wallClock, zonedInstant, type Room } from './day'
import type { WalkInPrefill } from './Timeline'

type Errors = Partial<Record<'name' | 'phone' | 'party_size' | 'start' | 'end', string>>

/**
 * Checks a slot in the browser before the API sees it: the inputs' own rules (required, min,
 * max, pattern) in the browser's words, then end after start, the room's length limits and grid.
 */
export function checkSlot(form: HTMLFormElement, room: Room | undefined, timeZone: string): { errors: Errors; start?: Date; end?: Date } {
  const errors: Errors = {}
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement) || !element.name) continue
    if (!element.validity.valid) errors[element.name as keyof Errors] = element.validationMessage
  }
  const v = formValues(form)
  if (errors.start || errors.end || !v.start || !v.end) return { errors }
  const start = zonedInstant(v.start, timeZone)
  const end = zonedInstant(v.end, timeZone)
  const minutes = (end.getTime() - start.getTime()) / 60_000
  if (minutes <= 0) errors.end = 'The end must be after the start.'
  else if (room && minutes < room.min_minutes) errors.end = `${room.name} is booked for at least ${room.min_minutes} minutes.`
  else if (room && minutes > room.max_minutes) errors.end = `${room.name} is booked for at most ${room.max_minutes} minutes.`
  else if (room && minutes % room.slot_minutes !== 0) errors.end = `${room.name} is booked in steps of ${room.slot_minutes} minutes.`
  if (start.getTime() < Date.now() - 60_000) errors.start = 'The start has passed.'
  return { errors, start, end }
}

export const lengthHint = (room: Room | undefined) =>
  room ? `${room.name}: ${room.min_minutes}–${room.max_minutes} minutes, in steps of ${room.slot_minutes}; up to ${room.capacity} guests.` : undefined

/**
 * A walk-in at the desk: the guest's name and phone, the room and the time. The API takes it as
 * a hold (`guest`, no customer account), then the desk confirms it at once: staff may confirm a
 * hold, the guest pays at the door.
 */
export function WalkInForm({
  venue,
  rooms,
  prefill,
  onBooked,
  onCancel,
}: {
  venue: Schemas['Venue']
  rooms: Room[]
  prefill: WalkInPrefill
  onBooked: (id: string) => void
  onCancel: () => void
}) {
  const [roomId, setRoomId] = useState(prefill.roomId ?? rooms[0]?.id ?? '')
  const [errors, setErrors] = useState<Errors>({})
  const room = rooms.find((r) => r.id === roomId)
  const reload = useReloadDesk(venue.id)
  const book = useMutation({
    mutationFn: async (body: { name: string; phone?: string; party_size: number; start: Date; end: Date }) => {
      const created = data(
        await api.POST('/api/v1/reservations', {
          params: { header: idempotencyKey() },
          body: {
            venue_id: venue.id,
            party_size: body.party_size,
            guest: { name: body.name, ...(body.phone ? { phone: body.phone } : {}) },
            items: [{ kind: 'slot', room_id: roomId, start: body.start.toISOString(), end: body.end.toISOString() }],
          },
        }),
      )
      try {
        data(
          await api.POST('/api/v1/reservations/{id}/confirm', { params: { path: { id: created.id }, header: idempotencyKey() }, body: { reason: 'walk-in' } }),
        )
      } catch (error) {
        reload()
        throw new Error(`The room is held for ${body.name}, but confirming it failed: ${describe(error)} Open the booking on the timeline to try again.`, {
          cause: error,
        })
      }
      return created.id
    },
    onSuccess: (id) => {
      reload()
      onBooked(id)
    },
  })

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const { errors: found, start, end } = checkSlot(form, room, venue.timezone)
    setErrors(found)
    if (Object.keys(found).length > 0 || !start || !end) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    const v = formValues(form)
    book.mutate({ name: v.name!.trim(), phone: v.phone?.trim() || undefined, party_size: Number(v.party_size), start, end })
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New walk-in">
      <div className="form-row">
        <Field label="Guest name" name="name" required maxLength={120} autoComplete="off" error={errors.name} />
        <Field label="Phone" name="phone" type="tel" pattern="\+?[0-9 ()\-]{5,20}" hint="Optional, for a call when it is time" error={errors.phone} />
      </div>
      <div className="form-row">
        <SelectField label="Room" name="room" value={roomId} onChange={(e) => setRoomId(e.target.value)} required>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} (up to {r.capacity})
            </option>
          ))}
        </SelectField>
        <Field
          label="Party size"
          name="party_size"
          type="number"
          required
          min={1}
          max={room?.capacity ?? 1000}
          defaultValue={Math.min(2, room?.capacity ?? 2)}
          error={errors.party_size}
        />
      </div>
      <div className="form-row">
        <Field
          label="Start"
          name="start"
          type="datetime-local"
          required
          defaultValue={prefill.start ? wallClock(prefill.start, venue.timezone) : undefined}
          hint={`Venue time (${venue.timezone})`}
          error={errors.start}
        />
        <Field
          label="End"
          name="end"
          type="datetime-local"
          required
          defaultValue={prefill.end ? wallClock(prefill.end, venue.timezone) : undefined}
          hint={lengthHint(room)}
          error={errors.end}
        />
      </div>
      <ErrorNote error={book.error} />
      <div className="actions">
        <button type="submit" disabled={book.isPending}>
          {book.isPending ? 'Booking…' : 'Book and confirm'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
