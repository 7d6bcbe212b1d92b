import { useId } from 'react'
import { localTime } from '../../time'
import type { Schemas } from '../../api/client'
import { ACTIVE, DRAWN, HOLDS, STATUS_WORDS, closedSpans, hourTicks, onGrid, percentOf, timeRange, whoOf, type Reservation, type Room, type Span } from './day'

export interface WalkInPrefill {
  roomId?: string
  start?: number
  end?: number
}

interface Props {
  timeZone: string
  window: Span
  open: Span[]
  closure: Schemas['Closure'] | null
  rooms: Room[]
  reservations: Reservation[]
  free: Schemas['Availability']['rooms']
  now: number
  onOpen: (id: string) => void
  onWalkIn: (prefill: WalkInPrefill) => void
}

/**
 * One row per room across the business day: bookings are buttons named in full for screen
 * readers ("Room A, 18:00–20:00, Alice, confirmed"), free time is a button that starts a
 * walk-in there, and closed hours and buffers are drawn (their words are in the legend).
 */
export function Timeline({ timeZone, window, open, closure, rooms, reservations, free, now, onOpen, onWalkIn }: Props) {
  const closed = closure ? [window] : closedSpans(window, open)
  const hours = (window.end - window.start) / 3_600_000
  const at = (s: number, e: number) => ({ left: `${percentOf(window, s)}%`, width: `${percentOf(window, e) - percentOf(window, s)}%` })
  return (
    <div className="scroll fd-scroll">
      <div className="fd-timeline" style={{ minWidth: `${Math.max(50, hours * 4.5 + 9)}rem` }}>
        <div className="fd-scale" aria-hidden="true">
          <span className="fd-corner" />
          <div className="fd-ticks">
            {hourTicks(window).map((t) => (
              <span key={t} style={{ left: `${percentOf(window, t)}%` }}>
                {localTime(new Date(t), timeZone)}
              </span>
            ))}
          </div>
        </div>
        <ul className="fd-rows">
          {rooms.map((room) => (
            <RoomRow
              key={room.id}
              room={room}
              timeZone={timeZone}
              window={window}
              open={open}
              closed={closed}
              at={at}
              bookings={reservations.filter((r) => (DRAWN as readonly string[]).includes(r.status))}
              free={closure ? [] : (free.find((f) => f.room_id === room.id)?.free ?? [])}
              now={now}
              onOpen={onOpen}
              onWalkIn={onWalkIn}
            />
          ))}
        </ul>
      </div>
    </div>
  )
}

function RoomRow({
  room,
  timeZone,
  window,
  open,
  closed,
  at,
  bookings,
  free,
  now,
  onOpen,
  onWalkIn,
}: {
  room: Room
  timeZone: string
  window: Span
  open: Span[]
  closed: Span[]
  at: (s: number, e: number) => { left: string; width: string }
  bookings: Reservation[]
  free: { start: string; end: string }[]
  now: number
  onOpen: (id: string) => void
  onWalkIn: (prefill: WalkInPrefill) => void
}) {
  const heading = useId()
  const claims = bookings.flatMap((r) =>
    r.items.flatMap((item) =>
      item.kind === 'slot' && item.room_id === room.id
        ? [{ r, item, start: Date.parse(item.start), end: Date.parse(item.end) }].filter((c) => c.end > window.start && c.start < window.end)
        : [],
    ),
  )
  return (
    <li className="fd-row">
      <h3 className="fd-room">
        <span id={heading}>{room.name}</span>
        <small>
          {room.capacity} guests{room.buffer_minutes > 0 ? ` · ${room.buffer_minutes} min buffer` : ''}
        </small>
      </h3>
      <div className="fd-track" role="group" aria-labelledby={heading}>
        {closed.map((c) => (
          <span key={c.start} className="fd-closed" style={at(c.start, c.end)} aria-hidden="true" title="Closed">
            Closed
          </span>
        ))}
        {free.map((f) => {
          const s = Date.parse(f.start)
          const e = Date.parse(f.end)
          const span = open.find((o) => s >= o.start && s < o.end) ?? { start: s, end: e }
          const start = onGrid(Math.max(s, now), span, room.slot_minutes)
          const end = Math.min(e, start + Math.max(room.min_minutes, room.slot_minutes) * 60_000)
          if (end <= start) return null
          return (
            <button
              key={f.start}
              type="button"
              className="fd-free"
              style={at(s, e)}
              aria-label={`${room.name} free ${timeRange(s, e, timeZone)}: new walk-in`}
              onClick={() => onWalkIn({ roomId: room.id, start, end })}
            >
              + Walk-in
            </button>
          )
        })}
        {claims
          .filter((c) => ACTIVE.includes(c.r.status) && room.buffer_minutes > 0)
          .map((c) => (
            <span
              key={`buffer-${c.item.id}`}
              className="fd-buffer"
              style={at(c.end, Math.min(window.end, c.end + room.buffer_minutes * 60_000))}
              aria-hidden="true"
              title="Buffer"
            />
          ))}
        {claims.map(({ r, item, start, end }) => {
          const hold = HOLDS.includes(r.status) && r.hold_expires_at ? ` until ${localTime(r.hold_expires_at, timeZone)}` : ''
          const name = `${room.name}, ${timeRange(start, end, timeZone)}, ${whoOf(r)}, ${STATUS_WORDS[r.status]}${hold}`
          // Named by its own text ("Room A, 18:00–20:00, Alice, confirmed"), the room's name hidden
          // from the eye; the title shows the whole of it to the mouse when the block is narrow.
          return (
            <button key={item.id} type="button" className={`fd-booking fd-${r.status}`} style={at(start, end)} title={name} onClick={() => onOpen(r.id)}>
              <span className="visually-hidden">{room.name}, </span>
              <span className="fd-line">{timeRange(start, end, timeZone)},</span> <strong className="fd-line">{whoOf(r)},</strong>{' '}
              <em className="fd-line">
                {STATUS_WORDS[r.status]}
                {hold}
              </em>
            </button>
          )
        })}
        {now > window.start && <span className="fd-past" style={at(window.start, Math.min(now, window.end))} aria-hidden="true" title="Past" />}
        {now > window.start && now < window.end && <span className="fd-now" style={{ left: `${percentOf(window, now)}%` }} aria-hidden="true" />}
      </div>
    </li>
  )
}

/** What the colours and hatching mean, in words. */
export function Legend() {
  const keys: [string, string][] = [
    ['fd-pending', 'Held (not yet confirmed)'],
    ['fd-confirmed', 'Confirmed'],
    ['fd-checked_in', 'Checked in'],
    ['fd-completed', 'Completed'],
    ['fd-no_show', 'No-show'],
    ['fd-buffer', 'Buffer after a booking'],
    ['fd-closed', 'Closed'],
    ['fd-past', 'Past'],
    ['fd-free', 'Free: click to book a walk-in'],
  ]
  return (
    <ul className="fd-legend" aria-label="Legend">
      {keys.map(([cls, words]) => (
        <li key={cls}>
          <span className={`fd-swatch ${cls}`} aria-hidden="true" /> {words}
        </li>
      ))}
    </ul>
  )
}
