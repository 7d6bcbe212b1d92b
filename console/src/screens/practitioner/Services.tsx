import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { navigate, useRoute } from '../../router'
import { localDateTime, localTime, money } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import type { DeskProps } from '.'

type Service = Schemas['Service']
type Occurrence = Schemas['Occurrence']
const TYPES: Record<Service['type'], string> = { session: '1:1 session', workshop: 'Workshop', course: 'Course' }

/**
 * The services on sale, a chosen service's occurrences, and a chosen occurrence's participants
 * with their attendance. The choice lives in the address (?service=&occurrence=), so a reload
 * or a shared link opens the same register.
 */
export function Services({ practitioner }: DeskProps) {
  const { query } = useRoute()
  const [page, setPage] = useState(1)
  const serviceId = query.get('service')
  const occurrenceId = query.get('occurrence')
  const services = useQuery({
    queryKey: ['practitioner-services', practitioner.id, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      data(await api.GET('/api/v1/practitioners/{id}/services', { params: { path: { id: practitioner.id }, query: { page, page_size: PAGE_SIZE } } })),
  })
  const chosen = services.data?.results.find((s) => s.id === serviceId)
  return (
    <div className="panes">
      <section className="card" aria-labelledby="services-title">
        <h2 id="services-title">Services</h2>
        <ErrorNote error={services.error} />
        {services.data?.count === 0 && <p>No services on sale.</p>}
        {services.data && services.data.count > 0 && (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Type</th>
                  <th scope="col">Price</th>
                </tr>
              </thead>
              <tbody>
                {services.data.results.map((s) => (
                  <tr key={s.id} aria-selected={s.id === serviceId}>
                    <td>
                      <button type="button" className="link" onClick={() => navigate(`/practitioner/services?service=${s.id}`)}>
                        {s.title}
                      </button>
                      <br />
                      <small className="hint">
                        {s.duration_minutes} min · {s.max_participants} {s.max_participants === 1 ? 'seat' : 'seats'}
                        {s.is_virtual ? ' · virtual' : ''}
                      </small>
                    </td>
                    <td>{TYPES[s.type]}</td>
                    <td>{money(s.price.amount, s.price.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {services.data && <Pager page={page} pageSize={PAGE_SIZE} count={services.data.count} onPage={setPage} label="Services" />}
      </section>
      {serviceId && <Occurrences key={serviceId} serviceId={serviceId} service={chosen} occurrenceId={occurrenceId} timeZone={practitioner.timezone} />}
    </div>
  )
}

function Occurrences({
  serviceId,
  service,
  occurrenceId,
  timeZone,
}: {
  serviceId: string
  service: Service | undefined
  occurrenceId: string | null
  timeZone: string
}) {
  const [page, setPage] = useState(1)
  const occurrences = useQuery({
    queryKey: ['service-occurrences', serviceId, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/services/{id}/schedule', { params: { path: { id: serviceId }, query: { page, page_size: PAGE_SIZE } } })),
  })
  const chosen = occurrences.data?.results.find((o) => o.id === occurrenceId)
  return (
    <div>
      <section className="card" aria-labelledby="occurrences-title">
        <h2 id="occurrences-title">Occurrences{service ? ` of ${service.title}` : ''}</h2>
        <ErrorNote error={occurrences.error} />
        {occurrences.data?.count === 0 && <p>{service?.type === 'session' ? 'Sessions are booked one by one: see Bookings.' : 'None scheduled.'}</p>}
        {occurrences.data && occurrences.data.count > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">When ({timeZone})</th>
                <th scope="col">Seats taken</th>
              </tr>
            </thead>
            <tbody>
              {occurrences.data.results.map((o) => (
                <tr key={o.id} aria-selected={o.id === occurrenceId}>
                  <td>
                    <button type="button" className="link" onClick={() => navigate(`/practitioner/services?service=${serviceId}&occurrence=${o.id}`)}>
                      {localDateTime(o.start, timeZone)}–{localTime(o.end, timeZone)}
                    </button>
                  </td>
                  <td>
                    {o.taken} of {o.capacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {occurrences.data && <Pager page={page} pageSize={PAGE_SIZE} count={occurrences.data.count} onPage={setPage} label="Occurrences" />}
      </section>
      {occurrenceId && <Participants key={occurrenceId} occurrenceId={occurrenceId} occurrence={chosen} timeZone={timeZone} />}
    </div>
  )
}

/** The register: who holds a seat, and whether they came, marked one by one. */
function Participants({ occurrenceId, occurrence, timeZone }: { occurrenceId: string; occurrence: Occurrence | undefined; timeZone: string }) {
  const queries = useQueryClient()
  const key = ['occurrence-participants', occurrenceId]
  const participants = useQuery({
    queryKey: key,
    queryFn: async () => data(await api.GET('/api/v1/occurrences/{id}/participants', { params: { path: { id: occurrenceId } } })).participants,
  })
  const mark = useMutation({
    mutationFn: async (body: { participant_id: string; attended: boolean }) =>
      data(await api.PUT('/api/v1/occurrences/{id}/attendance', { params: { path: { id: occurrenceId } }, body })),
    onSuccess: (marked) => queries.setQueryData(key, (old: Schemas['Attendee'][] | undefined) => old?.map((p) => (p.id === marked.id ? marked : p))),
  })
  const title = occurrence ? `Participants on ${localDateTime(occurrence.start, timeZone)}` : 'Participants'
  return (
    <section className="card" aria-labelledby="participants-title">
      <h2 id="participants-title">{title}</h2>
      <ErrorNote error={participants.error ?? mark.error} />
      {participants.data?.length === 0 && <p>Nobody holds a seat yet.</p>}
      {participants.data && participants.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Attendance</th>
              <th scope="col">Mark</th>
            </tr>
          </thead>
          <tbody>
            {participants.data.map((p, i) => {
              const name = p.name ?? p.email ?? `Seat ${i + 1}`
              return (
                <tr key={p.id}>
                  <td>
                    {name}
                    {p.email && p.name ? (
                      <>
                        <br />
                        <small className="hint">{p.email}</small>
                      </>
                    ) : null}
                  </td>
                  <td>{p.attended === null ? 'Not marked' : p.attended ? 'Attended' : 'Did not come'}</td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        aria-label={`Mark ${name} attended`}
                        aria-pressed={p.attended === true}
                        disabled={mark.isPending}
                        onClick={() => mark.mutate({ participant_id: p.id, attended: true })}
                      >
                        Attended
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Mark ${name} absent`}
                        aria-pressed={p.attended === false}
                        disabled={mark.isPending}
                        onClick={() => mark.mutate({ participant_id: p.id, attended: false })}
                      >
                        Absent
                      </button>
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
