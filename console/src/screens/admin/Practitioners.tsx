import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { localDateTime } from '../../time'
import { Dialog } from '../../ui/Dialog'
import { ErrorNote } from '../../ui/ErrorNote'
import { SelectField, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'

type Practitioner = Schemas['Practitioner']
type Status = Practitioner['verification_status']

/**
 * Applications to verify: the pending ones by default, oldest first (GET /practitioners with the
 * admin-only `status`), each verified or rejected with a reason the applicant will read.
 */
export function Practitioners() {
  const queries = useQueryClient()
  const [status, setStatus] = useState<Status>('pending')
  const [page, setPage] = useState(1)
  const [rejecting, setRejecting] = useState<Practitioner | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const list = useQuery({
    queryKey: ['admin-practitioners', status, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/practitioners', { params: { query: { status, page, page_size: PAGE_SIZE, ordering: 'created_at' } } })),
  })
  const decided = (p: Practitioner) => {
    setDone(`${p.display_name} is now ${p.verification_status}.`)
    setRejecting(null)
    void queries.invalidateQueries({ queryKey: ['admin-practitioners'] })
  }
  const verify = useMutation({
    mutationFn: async (id: string) => data(await api.POST('/api/v1/practitioners/{id}/verify', { params: { path: { id } }, body: {} })),
    onSuccess: decided,
  })
  const reject = useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      data(await api.POST('/api/v1/practitioners/{id}/reject', { params: { path: { id } }, body: { reason } })),
    onSuccess: decided,
  })
  const submitReject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const reason = (formValues(event.currentTarget).reason ?? '').trim()
    if (rejecting && reason) reject.mutate({ id: rejecting.id, reason })
  }
  return (
    <section className="card" aria-labelledby="applications-title">
      <h2 id="applications-title">Practitioners</h2>
      <div className="toolbar">
        <SelectField
          label="Show"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status)
            setPage(1)
          }}
        >
          <option value="pending">Waiting for verification</option>
          <option value="rejected">Rejected</option>
          <option value="verified">Verified</option>
        </SelectField>
      </div>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      <ErrorNote error={list.error ?? verify.error} />
      {list.data?.count === 0 && <p>None.</p>}
      {list.data && list.data.count > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Practitioner</th>
                <th scope="col">Specializations and certificates</th>
                <th scope="col">Where</th>
                <th scope="col">Applied</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {list.data.results.map((p) => (
                <tr key={p.id}>
                  <td>
                    <strong>{p.display_name}</strong>
                    {p.bio && (
                      <>
                        <br />
                        <small className="hint">{p.bio.length > 160 ? `${p.bio.slice(0, 160)}…` : p.bio}</small>
                      </>
                    )}
                  </td>
                  <td>
                    <ul className="tags">
                      {p.specializations.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                      {p.certifications.map((c) => (
                        <li key={c}>Certificate: {c}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {p.locations.map((l) => (l.is_virtual ? 'Online' : [l.city, l.address].filter(Boolean).join(', '))).join('; ')}
                    <br />
                    <small className="hint">
                      {p.timezone}, {p.currency}
                    </small>
                  </td>
                  <td>{localDateTime(p.created_at, p.timezone)}</td>
                  <td>
                    {p.verification_status === 'rejected' && p.rejection_reason && <p>Reason: {p.rejection_reason}</p>}
                    {p.verification_status === 'verified' && p.verified_at && <p>Verified {localDateTime(p.verified_at, p.timezone)}</p>}
                    <div className="actions">
                      {p.verification_status !== 'verified' && (
                        <button type="button" aria-label={`Verify ${p.display_name}`} disabled={verify.isPending} onClick={() => verify.mutate(p.id)}>
                          Verify
                        </button>
                      )}
                      {p.verification_status !== 'rejected' && (
                        <button type="button" className="danger" aria-label={`Reject ${p.display_name}`} onClick={() => setRejecting(p)}>
                          Reject
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} count={list.data.count} onPage={setPage} label="Practitioners" />}
      <Dialog title={`Reject ${rejecting?.display_name ?? ''}`} open={rejecting !== null} onClose={() => setRejecting(null)}>
        <form onSubmit={submitReject}>
          <div className="field">
            <label htmlFor="reject-reason">Reason (the applicant reads it)</label>
            <textarea id="reject-reason" name="reason" required minLength={1} maxLength={1000} rows={4} />
          </div>
          <ErrorNote error={reject.error} />
          <div className="actions">
            <button type="submit" className="danger" disabled={reject.isPending}>
              Reject application
            </button>
            <button type="button" className="secondary" onClick={() => setRejecting(null)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  )
}
