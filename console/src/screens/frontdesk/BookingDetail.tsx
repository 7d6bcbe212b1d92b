import { useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { api, data, idempotencyKey, type Schemas } from '../../api/client'
import { session } from '../../session'
import { localDateTime, localTime, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import { deskKey, useMembers, useReloadDesk } from './data'
import { HOLDS, STATUS_WORDS, wallClock, whoOf, type Reservation, type Room } from './day'
import { checkSlot, lengthHint } from './WalkInForm'

type Mode = 'view' | 'cancel' | 'no-show' | 'reschedule'
type Simple = 'confirm' | 'check-in' | 'complete'

/** What the desk may do from each state (the API's transition table, as buttons). */
const ACTIONS: Partial<Record<Reservation['status'], (Simple | Exclude<Mode, 'view'>)[]>> = {
  pending: ['confirm', 'reschedule', 'cancel'],
  awaiting_payment: ['confirm', 'cancel'],
  confirmed: ['check-in', 'reschedule', 'no-show', 'cancel'],
  checked_in: ['complete'],
}
const LABELS = { confirm: 'Confirm', 'check-in': 'Check in', complete: 'Complete', reschedule: 'Reschedule…', 'no-show': 'No-show…', cancel: 'Cancel booking…' }
const DONE = { confirm: 'Confirmed.', 'check-in': 'Checked in.', complete: 'Completed.' }

/**
 * A booking in full: who, what, when, its money and what cancelling now would give back, its
 * history, and the actions its state allows. Cancel and no-show ask first, showing the refund.
 */
export function BookingDetail({ id, venue, rooms }: { id: string; venue: Schemas['Venue']; rooms: Room[] }) {
  const tz = venue.timezone
  const reload = useReloadDesk(venue.id)
  const [mode, setMode] = useState<Mode>('view')
  const [done, setDone] = useState<string | null>(null)
  const detail = useQuery({
    queryKey: [...deskKey(venue.id), 'reservation', id],
    queryFn: async () => data(await api.GET('/api/v1/reservations/{id}', { params: { path: { id } } })),
  })
  const simple = useMutation({
    mutationFn: async (action: Simple) => {
      const params = { params: { path: { id }, header: idempotencyKey() }, body: {} }
      if (action === 'confirm') data(await api.POST('/api/v1/reservations/{id}/confirm', params))
      else if (action === 'check-in') data(await api.POST('/api/v1/reservations/{id}/check-in', params))
      else data(await api.POST('/api/v1/reservations/{id}/complete', params))
      return action
    },
    onSuccess: (action) => {
      setDone(DONE[action])
      reload()
    },
  })
  const r = detail.data
  if (!r) return detail.error ? <ErrorNote error={detail.error} /> : <p>Loading…</p>
  const roomName = (roomId: string) => rooms.find((room) => room.id === roomId)?.name ?? 'A room no longer listed'
  const back = (message?: string) => {
    if (message) setDone(message)
    setMode('view')
  }
  return (
    <div className="fd-detail">
      <dl className="facts">
        <dt>Guest</dt>
        <dd>
          {whoOf(r)}
          {r.guest?.phone && ` · ${r.guest.phone}`}
          {r.guest?.email && ` · ${r.guest.email}`}
          {!r.guest && ' (booked with a customer account)'}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`fd-status fd-${r.status}`}>{STATUS_WORDS[r.status]}</span>
          {HOLDS.includes(r.status) && r.hold_expires_at && ` until ${localDateTime(r.hold_expires_at, tz)}`}
        </dd>
        <dt>Party</dt>
        <dd>{r.party_size}</dd>
        <dt>Booked</dt>
        <dd>
          <ul className="fd-items">
            {r.items.map((item) => (
              <li key={item.id}>
                {item.kind === 'slot' ? roomName(item.room_id) : item.kind}, {localDateTime(item.start, tz)}–{localTime(item.end, tz)} (
                {money(item.price.amount, item.price.currency)})
              </li>
            ))}
          </ul>
        </dd>
        <dt>Total</dt>
        <dd>{money(r.total.amount, r.total.currency)}</dd>
        {r.notes && (
          <>
            <dt>Notes</dt>
            <dd>{r.notes}</dd>
          </>
        )}
        <dt>Payment</dt>
        <dd>
          <PaymentFacts r={r} />
        </dd>
        {r.refund_preview && (
          <>
            <dt>Cancelling now</dt>
            <dd>
              <RefundWords preview={r.refund_preview} timeZone={tz} />
            </dd>
          </>
        )}
      </dl>

      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      {mode === 'view' && (
        <>
          <ErrorNote error={simple.error} />
          <div className="actions">
            {(ACTIONS[r.status] ?? []).map((action) =>
              action === 'confirm' || action === 'check-in' || action === 'complete' ? (
                <button key={action} type="button" disabled={simple.isPending} onClick={() => simple.mutate(action)}>
                  {LABELS[action]}
                </button>
              ) : (
                <button
                  key={action}
                  type="button"
                  className={action === 'cancel' || action === 'no-show' ? 'danger' : 'secondary'}
                  onClick={() => {
                    setDone(null)
                    simple.reset()
                    setMode(action)
                  }}
                >
                  {LABELS[action]}
                </button>
              ),
            )}
            {!ACTIONS[r.status] && <p className="hint">A {STATUS_WORDS[r.status]} booking has nothing left to do.</p>}
          </div>
        </>
      )}
      {mode === 'cancel' && <CancelPanel r={r} timeZone={tz} onDone={back} />}
      {mode === 'no-show' && <NoShowPanel r={r} onDone={back} />}
      {mode === 'reschedule' && <ReschedulePanel r={r} venue={venue} rooms={rooms} onDone={back} />}

      <History id={id} venueId={venue.id} timeZone={tz} />
    </div>
  )
}

function PaymentFacts({ r }: { r: Reservation }) {
  const p = r.payment
  if (!p) return <>Nothing paid online (pay at the door)</>
  const m = (x: Schemas['Money']) => money(x.amount, x.currency)
  return (
    <>
      {p.status.replace('_', ' ')}: {m(p.captured)} captured
      {p.refunded.amount > 0 && `, ${m(p.refunded)} refunded`}
      {p.card?.last4 && ` · ${p.card.brand ?? 'card'} ending ${p.card.last4}`}
      {p.refunds.length > 0 && (
        <ul className="fd-items">
          {p.refunds.map((f) => (
            <li key={f.id}>
              Refund {m(f.amount)} ({f.status}, {f.source}
              {f.reason ? `: ${f.reason}` : ''})
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function RefundWords({ preview, timeZone }: { preview: Schemas['RefundPreview']; timeZone: string }) {
  return (
    <>
      refunds <strong>{money(preview.amount.amount, preview.amount.currency)}</strong> ({preview.percent} % under the cancellation policy
      {preview.deadline ? `, until ${localDateTime(preview.deadline, timeZone)}` : ''})
    </>
  )
}

/** A panel that takes the focus when it opens, so keyboard and screen-reader users land in it. */
function Panel({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="fd-panel" aria-label={title}>
      <h3 ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  )
}

function CancelPanel({ r, timeZone, onDone }: { r: Reservation; timeZone: string; onDone: (message?: string) => void }) {
  const reload = useReloadDesk(r.venue_id)
  const cancel = useMutation({
    mutationFn: async (reason: string) =>
      data(
        await api.POST('/api/v1/reservations/{id}/cancel', {
          params: { path: { id: r.id }, header: idempotencyKey() },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: (after) => {
      reload()
      const refunded = after.payment?.refunded
      onDone(refunded && refunded.amount > 0 ? `Cancelled; ${money(refunded.amount, refunded.currency)} refunded.` : 'Cancelled; nothing to refund.')
    },
  })
  const preview = r.refund_preview
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    cancel.mutate(formValues(event.currentTarget).reason?.trim() ?? '')
  }
  return (
    <Panel title="Cancel this booking?">
      <p>
        {preview ? (
          <>
            Cancelling now <RefundWords preview={preview} timeZone={timeZone} />.
          </>
        ) : (
          'Nothing has been paid online, so nothing is refunded.'
        )}
      </p>
      <form onSubmit={submit}>
        <Field label="Reason (optional)" name="reason" maxLength={500} />
        <ErrorNote error={cancel.error} />
        <div className="actions">
          <button type="submit" className="danger" disabled={cancel.isPending}>
            {preview && preview.amount.amount > 0 ? `Cancel and refund ${money(preview.amount.amount, preview.amount.currency)}` : 'Cancel booking'}
          </button>
          <button type="button" className="secondary" onClick={() => onDone()}>
            Keep booking
          </button>
        </div>
      </form>
    </Panel>
  )
}

function NoShowPanel({ r, onDone }: { r: Reservation; onDone: (message?: string) => void }) {
  const reload = useReloadDesk(r.venue_id)
  const noShow = useMutation({
    mutationFn: async (reason: string) =>
      data(await api.POST('/api/v1/reservations/{id}/no-show', { params: { path: { id: r.id }, header: idempotencyKey() }, body: reason ? { reason } : {} })),
    onSuccess: () => {
      reload()
      onDone('Marked as a no-show.')
    },
  })
  return (
    <Panel title="Mark as a no-show?">
      <p>The room is released; the cancellation policy’s no-show share ({r.payment ? 'of what was paid' : 'nothing was paid'}) is refunded.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          noShow.mutate(formValues(event.currentTarget).reason?.trim() ?? '')
        }}
      >
        <Field label="Reason (optional)" name="reason" maxLength={500} />
        <ErrorNote error={noShow.error} />
        <div className="actions">
          <button type="submit" className="danger" disabled={noShow.isPending}>
            Mark no-show
          </button>
          <button type="button" className="secondary" onClick={() => onDone()}>
            Back
          </button>
        </div>
      </form>
    </Panel>
  )
}

function ReschedulePanel({ r, venue, rooms, onDone }: { r: Reservation; venue: Schemas['Venue']; rooms: Room[]; onDone: (message?: string) => void }) {
  const item = r.items.find((i) => i.kind === 'slot')
  const [roomId, setRoomId] = useState(item?.kind === 'slot' ? item.room_id : '')
  const [errors, setErrors] = useState<ReturnType<typeof checkSlot>['errors']>({})
  const reload = useReloadDesk(venue.id)
  const room = rooms.find((x) => x.id === roomId)
  const move = useMutation({
    mutationFn: async ({ start, end }: { start: Date; end: Date }) =>
      data(
        await api.POST('/api/v1/reservations/{id}/reschedule', {
          params: { path: { id: r.id }, header: idempotencyKey() },
          body: { item_id: item!.id, room_id: roomId, start: start.toISOString(), end: end.toISOString() },
        }),
      ),
    onSuccess: () => {
      reload()
      onDone('Rescheduled.')
    },
  })
  if (!item) return <p>Only room bookings are rescheduled here.</p>
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const { errors: found, start, end } = checkSlot(event.currentTarget, room, venue.timezone)
    setErrors(found)
    if (Object.keys(found).length === 0 && start && end) move.mutate({ start, end })
  }
  return (
    <Panel title="Reschedule">
      {r.status === 'confirmed' && <p className="hint">A confirmed booking moves only at the same price.</p>}
      <form onSubmit={submit} noValidate>
        <SelectField label="Room" name="room" value={roomId} onChange={(e) => setRoomId(e.target.value)}>
          {rooms.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <Field label="New start" name="start" type="datetime-local" required defaultValue={wallClock(item.start, venue.timezone)} error={errors.start} />
          <Field
            label="New end"
            name="end"
            type="datetime-local"
            required
            defaultValue={wallClock(item.end, venue.timezone)}
            hint={lengthHint(room)}
            error={errors.end}
          />
        </div>
        <ErrorNote error={move.error} />
        <div className="actions">
          <button type="submit" disabled={move.isPending}>
            Move booking
          </button>
          <button type="button" className="secondary" onClick={() => onDone()}>
            Back
          </button>
        </div>
      </form>
    </Panel>
  )
}

/** Every move of the booking: when, from, to, who and why, paged. */
function History({ id, venueId, timeZone }: { id: string; venueId: string; timeZone: string }) {
  const [page, setPage] = useState(1)
  const members = useMembers(venueId)
  const trail = useQuery({
    queryKey: [...deskKey(venueId), 'history', id, page],
    queryFn: async () => data(await api.GET('/api/v1/reservations/{id}/history', { params: { path: { id }, query: { page, page_size: PAGE_SIZE } } })),
  })
  const who = (actor: string | null) => {
    if (!actor) return 'the system'
    if (actor === session.current()?.user.id) return 'you'
    return members.data?.get(actor) ?? 'the customer'
  }
  const word = (status: string | null) => (status ? (STATUS_WORDS[status as Reservation['status']] ?? status) : 'new')
  return (
    <section aria-labelledby={`history-${id}`}>
      <h3 id={`history-${id}`}>History</h3>
      <ErrorNote error={trail.error} />
      {trail.data && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">By</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {trail.data.results.map((t) => (
                <tr key={t.id}>
                  <td>{localDateTime(t.at, timeZone)}</td>
                  <td>
                    {word(t.from)} → {word(t.to)}
                  </td>
                  <td>{who(t.actor_id)}</td>
                  <td>{t.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={PAGE_SIZE} count={trail.data.count} onPage={setPage} label="History" />
        </>
      )}
    </section>
  )
}
