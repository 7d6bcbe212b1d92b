import { localTime } from '../../time'
import type { Venue } from '../../venue'
import type { Entry, Room } from './types'

const STATUS: Record<Entry['status'], string> = {
  waiting: 'Waiting',
  notified: 'Notified',
  seated: 'Seated',
  left: 'Left',
  no_show: 'No-show',
  archived: 'Archived',
}

/** `12 min`, `1 h 05 min`. */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes))
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
}

const queued = (e: Entry) => e.status === 'waiting' || e.status === 'notified'

/** One party on the board, with the actions its state allows. */
export function EntryRow({
  entry,
  venue,
  now,
  rooms,
  onNotify,
  onSeat,
  onRemove,
}: {
  entry: Entry
  venue: Venue
  now: number
  rooms: readonly Room[]
  onNotify: () => void
  onSeat: () => void
  onRemove: () => void
}) {
  const zone = venue.timezone
  const joined = Date.parse(entry.created_at)
  // In the queue the wait is still running; once out of it, it stopped when they left it.
  const waited = ((entry.ended_at ? Date.parse(entry.ended_at) : now) - joined) / 60_000
  const room = entry.room_id ? (rooms.find((r) => r.id === entry.room_id)?.name ?? 'a room') : null
  return (
    <tr className={`waitlist-${entry.status}`}>
      <td>{entry.position ?? '—'}</td>
      <td>
        <strong>{entry.name}</strong>
        {entry.notes && <div className="hint">{entry.notes}</div>}
      </td>
      <td>{entry.party_size}</td>
      <td>
        <a href={`tel:${entry.phone}`}>{entry.phone}</a>
      </td>
      <td>
        {entry.quoted_wait_minutes != null && <div>Quoted {duration(entry.quoted_wait_minutes)}</div>}
        {queued(entry) &&
          (entry.estimated_ready_at && entry.estimated_wait_minutes != null ? (
            <div className="hint">
              {entry.estimated_wait_minutes === 0
                ? 'A room is free now'
                : `Estimate ${duration(entry.estimated_wait_minutes)} (${localTime(entry.estimated_ready_at, zone)})`}
            </div>
          ) : (
            <div className="hint">No room holds this party</div>
          ))}
      </td>
      <td>
        <time dateTime={entry.created_at}>{localTime(entry.created_at, zone)}</time>
        <div className="hint">
          {queued(entry) ? 'waiting' : 'waited'} {duration(waited)}
        </div>
      </td>
      <td>
        <span className={`waitlist-status waitlist-status-${entry.status}`}>{STATUS[entry.status]}</span>
        {entry.status === 'notified' && entry.notified_at && <div className="hint">at {localTime(entry.notified_at, zone)}</div>}
        {entry.status === 'seated' && entry.seated_at && (
          <div className="hint">
            at {localTime(entry.seated_at, zone)}
            {room ? ` in ${room}` : ''}
          </div>
        )}
      </td>
      <td>
        {queued(entry) && (
          <div className="waitlist-actions">
            <button
              type="button"
              className="secondary"
              aria-label={`${entry.status === 'notified' ? 'Notify again' : 'Notify'} ${entry.name}`}
              onClick={onNotify}
            >
              {entry.status === 'notified' ? 'Notify again' : 'Notify'}
            </button>
            <button type="button" aria-label={`Seat ${entry.name}`} onClick={onSeat}>
              Seat…
            </button>
            <button type="button" className="secondary" aria-label={`Remove ${entry.name}`} onClick={onRemove}>
              Remove…
            </button>
          </div>
        )}
      </td>
    </tr>
  )
}
