import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { navigate, useRoute } from '../../router'
import { localDate } from '../../time'
import { Dialog } from '../../ui/Dialog'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'

type Venue = Schemas['Venue']
type Kind = Venue['kind']
type Role = Schemas['Member']['role']
const KINDS: Kind[] = ['venue', 'hotel', 'practitioner']
const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []

/** Every venue on the platform, searchable and paged; a chosen one (?venue=) shows its members. */
export function Venues() {
  const { query } = useRoute()
  const chosenId = query.get('venue')
  const [filter, setFilter] = useState<{ search: string; kind: string }>({ search: '', kind: '' })
  const [page, setPage] = useState(1)
  const [creating, setCreating] = useState(false)
  const venues = useQuery({
    queryKey: ['admin-venues', filter, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      data(
        await api.GET('/api/v1/venues', {
          params: { query: { page, page_size: PAGE_SIZE, ...(filter.search && { search: filter.search }), ...(filter.kind && { kind: filter.kind as Kind }) } },
        }),
      ),
  })
  const chosen = venues.data?.results.find((v) => v.id === chosenId)
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const values = formValues(event.currentTarget)
    setPage(1)
    setFilter({ search: values.search?.trim() ?? '', kind: values.kind ?? '' })
  }
  return (
    <div className="panes">
      <section className="card" aria-labelledby="venues-title">
        <h2 id="venues-title">Venues</h2>
        <form className="toolbar" onSubmit={search} role="search" aria-label="Find venues">
          <Field label="Name contains" name="search" type="search" maxLength={200} defaultValue={filter.search} />
          <SelectField label="Kind" name="kind" defaultValue={filter.kind}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </SelectField>
          <button type="submit">Search</button>
          <button type="button" className="secondary" onClick={() => setCreating(true)}>
            New venue
          </button>
        </form>
        <ErrorNote error={venues.error} />
        {venues.data?.count === 0 && <p>No venues match.</p>}
        {venues.data && venues.data.count > 0 && (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {venues.data.results.map((v) => (
                  <tr key={v.id} aria-selected={v.id === chosenId}>
                    <td>
                      <button type="button" className="link" onClick={() => navigate(`/admin/venues?venue=${v.id}`)}>
                        {v.name}
                      </button>
                    </td>
                    <td>{v.kind}</td>
                    <td>{v.timezone}</td>
                    <td>{localDate(v.created_at, v.timezone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {venues.data && <Pager page={page} pageSize={PAGE_SIZE} count={venues.data.count} onPage={setPage} label="Venues" />}
      </section>
      {chosenId && <Members key={chosenId} venueId={chosenId} venue={chosen} />}
      <Dialog title="New venue" open={creating} onClose={() => setCreating(false)}>
        <NewVenue
          onCreated={(v) => {
            setCreating(false)
            navigate(`/admin/venues?venue=${v.id}`)
          }}
        />
      </Dialog>
    </div>
  )
}

function NewVenue({ onCreated }: { onCreated: (venue: Venue) => void }) {
  const queries = useQueryClient()
  const create = useMutation({
    mutationFn: async (body: { name: string; kind: Kind; timezone: string; currency: string; address?: string }) =>
      data(await api.POST('/api/v1/venues', { body })),
    onSuccess: (venue) => {
      void queries.invalidateQueries({ queryKey: ['admin-venues'] })
      onCreated(venue)
    },
  })
  const [zoneError, setZoneError] = useState<string | undefined>()
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const v = formValues(event.currentTarget)
    // The browser knows the IANA zones too: a typo is caught before the server refuses it.
    if (ZONES.length > 0 && !ZONES.includes(v.timezone!)) return setZoneError('Choose a time zone from the list, e.g. Europe/Lisbon')
    setZoneError(undefined)
    create.mutate({
      name: v.name!.trim(),
      kind: v.kind as Kind,
      timezone: v.timezone!,
      currency: v.currency!,
      ...(v.address?.trim() && { address: v.address.trim() }),
    })
  }
  return (
    <form onSubmit={submit}>
      <Field label="Name" name="name" required maxLength={200} />
      <div className="form-row">
        <SelectField label="Kind" name="kind" defaultValue="venue">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectField>
        <Field label="Currency" name="currency" required pattern="[A-Z]{3}" maxLength={3} hint="ISO code in capitals, e.g. EUR" />
      </div>
      <Field label="Time zone" name="timezone" required list="admin-zones" maxLength={64} error={zoneError} hint="IANA name, e.g. America/Denver" />
      <datalist id="admin-zones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field label="Address" name="address" maxLength={500} />
      <ErrorNote error={create.error} />
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create venue'}
        </button>
      </div>
    </form>
  )
}

/** A venue's staff: listed (paged), added by email with a role, removed after a confirmation. */
function Members({ venueId, venue }: { venueId: string; venue: Venue | undefined }) {
  const queries = useQueryClient()
  const [page, setPage] = useState(1)
  const [removing, setRemoving] = useState<Schemas['Member'] | null>(null)
  const members = useQuery({
    queryKey: ['admin-members', venueId, page],
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.GET('/api/v1/venues/{id}/members', { params: { path: { id: venueId }, query: { page, page_size: PAGE_SIZE } } })),
  })
  const refresh = () => queries.invalidateQueries({ queryKey: ['admin-members', venueId] })
  const add = useMutation({
    mutationFn: async (body: { email: string; role: Role }) => data(await api.POST('/api/v1/venues/{id}/members', { params: { path: { id: venueId } }, body })),
    onSuccess: () => void refresh(),
  })
  const remove = useMutation({
    mutationFn: async (userId: string) => {
      const { response, error } = await api.DELETE('/api/v1/venues/{id}/members/{user_id}', { params: { path: { id: venueId, user_id: userId } } })
      if (!response.ok) data({ response, error })
    },
    onSuccess: () => {
      setRemoving(null)
      void refresh()
    },
  })
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const v = formValues(form)
    add.mutate({ email: v.email!.trim(), role: v.role as Role }, { onSuccess: () => form.reset() })
  }
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members of {venue?.name ?? 'the venue'}</h2>
      <ErrorNote error={members.error} />
      {members.data?.count === 0 && <p>Nobody works here yet.</p>}
      {members.data && members.data.count > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.results.map((m) => (
              <tr key={m.user_id}>
                <td>
                  {m.name}
                  <br />
                  <small className="hint">{m.email}</small>
                </td>
                <td>{m.role}</td>
                <td>
                  <button type="button" className="secondary" aria-label={`Remove ${m.name} (${m.email})`} onClick={() => setRemoving(m)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {members.data && <Pager page={page} pageSize={PAGE_SIZE} count={members.data.count} onPage={setPage} label="Members" />}
      <form onSubmit={submit} aria-labelledby="add-member-title">
        <h3 id="add-member-title">Add a member</h3>
        <div className="form-row">
          <Field label="Email of the member" name="email" type="email" required maxLength={254} hint="They need an account already" />
          <SelectField label="Role" name="role" defaultValue="staff">
            <option value="staff">staff</option>
            <option value="manager">manager</option>
            <option value="owner">owner</option>
          </SelectField>
        </div>
        <ErrorNote error={add.error} />
        {add.data && (
          <p role="status" className="ok">
            {add.data.name} is now {add.data.role}.
          </p>
        )}
        <button type="submit" disabled={add.isPending}>
          Add member
        </button>
      </form>
      <Dialog title="Remove member" open={removing !== null} onClose={() => setRemoving(null)}>
        {removing && (
          <>
            <p>
              {removing.name} ({removing.email}) loses access to {venue?.name ?? 'this venue'} at once.
            </p>
            <ErrorNote error={remove.error} />
            <div className="actions">
              <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(removing.user_id)}>
                Remove {removing.name}
              </button>
              <button type="button" className="secondary" onClick={() => setRemoving(null)}>
                Keep
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  )
}
