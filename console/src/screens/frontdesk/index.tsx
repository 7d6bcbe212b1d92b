import { useEffect, useMemo, useState } from 'react'
import { LiveBadge, useLiveFeed } from '../../live'
import { navigate, useRoute } from '../../router'
import { addDays, localDate, money } from '../../time'
import { Dialog } from '../../ui/Dialog'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import { useVenue, type Venue } from '../../venue'
import { BookingDetail } from './BookingDetail'
import { useDay, useReloadDesk, useRooms } from './data'
import { STATUS_WORDS, onGrid, openingSpans, timeRange, timelineWindow, whoOf, type Reservation, type Room, type Span } from './day'
import { Legend, Timeline, type WalkInPrefill } from './Timeline'
import { WalkInForm } from './WalkInForm'
import './frontdesk.css'

/** The front desk of a room venue: the day's timeline per room, live, with bookings and walk-ins. */
export function FrontDesk() {
  const venue = useVenue()
  return venue ? <Desk venue={venue} /> : null
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function Desk({ venue }: { venue: Venue }) {
  const tz = venue.timezone
  const { query } = useRoute()
  const now = useNow()
  const today = localDate(new Date(now), tz)
  const asked = query.get('date')
  const date = asked && DATE.test(asked) ? asked : today
  const goTo = (d: string) => navigate(d === today ? '/frontdesk' : `/frontdesk?date=${d}`)

  // Every event of the venue's feed (and each reconnection) reloads the day: the feed is a
  // signal, the API the truth, so a missed event costs nothing.
  const reload = useReloadDesk(venue.id)
  const live = useLiveFeed('reservations', venue.id, reload)
  const rooms = useRooms(venue.id)
  const day = useDay(venue.id, date)
  const [openId, setOpenId] = useState<string | null>(null)
  const [walkIn, setWalkIn] = useState<WalkInPrefill | null>(null)

  const open = useMemo(() => openingSpans(date, venue.hours, tz), [date, venue.hours, tz])
  const frame = useMemo(() => timelineWindow(date, open, tz), [date, open, tz])
  const roomList = useMemo(() => [...(rooms.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [rooms.data])
  const bookings = (day.data?.reservations ?? []).filter((r) => Date.parse(r.end) > frame.start && Date.parse(r.start) < frame.end)
  const closure = day.data?.closure ?? null

  return (
    <section aria-labelledby="page-title" className="fd">
      <div className="fd-head">
        <h1 id="page-title">Front desk</h1>
        <LiveBadge status={live} />
      </div>
      <div className="toolbar" role="group" aria-label="Choose the day">
        <button type="button" className="secondary" onClick={() => goTo(addDays(date, -1))}>
          Previous day
        </button>
        <Field label="Date" type="date" value={date} required onChange={(e) => DATE.test(e.target.value) && goTo(e.target.value)} />
        <button type="button" className="secondary" onClick={() => goTo(addDays(date, 1))}>
          Next day
        </button>
        {date !== today && (
          <button type="button" className="secondary" onClick={() => goTo(today)}>
            Today
          </button>
        )}
        <button type="button" onClick={() => setWalkIn(defaultWalkIn(roomList[0], open, now))} disabled={roomList.length === 0}>
          New walk-in
        </button>
      </div>
      <p className="fd-hours">
        <DayWords date={date} today={today} open={open} closure={closure} timeZone={tz} />
      </p>

      <ErrorNote error={rooms.error ?? day.error} />
      {rooms.data && roomList.length === 0 && <p>This venue has no rooms yet.</p>}
      {day.data && roomList.length > 0 && (
        <>
          <h2 id="timeline-title">Timeline</h2>
          <Legend />
          <Timeline
            timeZone={tz}
            window={frame}
            open={open}
            closure={closure}
            rooms={roomList}
            reservations={bookings}
            free={day.data.availability.rooms}
            now={now}
            onOpen={setOpenId}
            onWalkIn={setWalkIn}
          />
          <DayList bookings={bookings} rooms={roomList} timeZone={tz} onOpen={setOpenId} />
        </>
      )}
      {!day.data && !day.error && <p>Loading the day…</p>}

      <Dialog title="New walk-in" open={walkIn !== null} onClose={() => setWalkIn(null)}>
        {walkIn && (
          <WalkInForm
            venue={venue}
            rooms={roomList}
            prefill={walkIn}
            onCancel={() => setWalkIn(null)}
            onBooked={(id) => {
              setWalkIn(null)
              setOpenId(id)
            }}
          />
        )}
      </Dialog>
      <Dialog title="Booking" open={openId !== null} onClose={() => setOpenId(null)}>
        {openId && <BookingDetail key={openId} id={openId} venue={venue} rooms={roomList} />}
      </Dialog>
    </section>
  )
}

/** The clock, to the minute: the "now" line and what "today" is move on their own. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

function defaultWalkIn(room: Room | undefined, open: Span[], now: number): WalkInPrefill {
  if (!room) return {}
  const span = open.find((s) => s.end > now) ?? open[0]
  if (!span) return { roomId: room.id }
  const start = onGrid(Math.max(now, span.start), span, room.slot_minutes)
  return { roomId: room.id, start, end: start + Math.max(room.min_minutes, room.slot_minutes) * 60_000 }
}

function DayWords({
  date,
  today,
  open,
  closure,
  timeZone,
}: {
  date: string
  today: string
  open: Span[]
  closure: { reason: string | null } | null
  timeZone: string
}) {
  const label = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  )
  const hours = closure
    ? `closed${closure.reason ? `: ${closure.reason}` : ''}`
    : open.length === 0
      ? 'closed (no opening hours)'
      : `open ${open.map((s) => timeRange(s.start, s.end, timeZone)).join(', ')}`
  return (
    <>
      <strong>{label}</strong>
      {date === today ? ' (today)' : ''}: {hours} · times in {timeZone}
    </>
  )
}

/** The day's bookings as a table, every state included (cancelled ones are not drawn), paged. */
function DayList({ bookings, rooms, timeZone, onOpen }: { bookings: Reservation[]; rooms: Room[]; timeZone: string; onOpen: (id: string) => void }) {
  const [page, setPage] = useState(1)
  const shown = bookings.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const roomsOf = (r: Reservation) =>
    r.items
      .map((i) => (i.kind === 'slot' ? (rooms.find((room) => room.id === i.room_id)?.name ?? 'Other room') : i.kind))
      .filter((name, index, all) => all.indexOf(name) === index)
      .join(', ')
  return (
    <section aria-labelledby="day-list">
      <h2 id="day-list">Bookings of the day</h2>
      {bookings.length === 0 ? (
        <p>No bookings on this day yet.</p>
      ) : (
        <>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Room</th>
                  <th scope="col">Guest</th>
                  <th scope="col">Party</th>
                  <th scope="col">Status</th>
                  <th scope="col">Total</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.id}>
                    <td>{timeRange(r.start, r.end, timeZone)}</td>
                    <td>{roomsOf(r)}</td>
                    <td>{whoOf(r)}</td>
                    <td>{r.party_size}</td>
                    <td>
                      <span className={`fd-status fd-${r.status}`}>{STATUS_WORDS[r.status]}</span>
                    </td>
                    <td>{money(r.total.amount, r.total.currency)}</td>
                    <td>
                      <button type="button" className="link" onClick={() => onOpen(r.id)}>
                        Details
                        <span className="visually-hidden">
                          {' '}
                          of {whoOf(r)}, {timeRange(r.start, r.end, timeZone)}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} count={bookings.length} onPage={setPage} label="Bookings of the day" />
        </>
      )}
    </section>
  )
}
