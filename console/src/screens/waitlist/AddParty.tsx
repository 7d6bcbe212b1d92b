import { useState, type FormEvent } from 'react'
import { api, data } from '../../api/client'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import type { Venue } from '../../venue'

// The API's own rules (JoinBody), checked by the browser before anything is sent. Chromium
// reads `pattern` with the `v` flag, hence the escapes inside the character class.
const PHONE = '\\+?[0-9 \\(\\)\\-]{5,20}'
const VISIBLE = '.*\\S.*'

/** Staff add a walk-in party to the queue: who, how many, how to reach them, the wait quoted. */
export function AddParty({ venue, onAdded }: { venue: Venue; onAdded: (message: string) => void }) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const v = formValues(form)
    setBusy(true)
    setError(null)
    try {
      const added = data(
        await api.POST('/api/v1/venues/{id}/waitlist', {
          params: { path: { id: venue.id } },
          body: {
            name: (v.name ?? '').trim(),
            phone: (v.phone ?? '').trim(),
            party_size: Number(v.party_size),
            notes: v.notes?.trim() || null,
            quoted_wait_minutes: v.quoted_wait_minutes ? Number(v.quoted_wait_minutes) : null,
          },
        }),
      )
      form.reset()
      // Ready for the next walk-in at the door.
      const name = form.elements.namedItem('name')
      if (name instanceof HTMLInputElement) name.focus()
      onAdded(`${added.name} (${added.party_size}) added${added.position ? `, number ${added.position} in the queue` : ''}.`)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card" aria-labelledby="add-party-title" onSubmit={(e) => void submit(e)}>
      <h2 id="add-party-title">Add a party</h2>
      <div className="form-row">
        <Field label="Name" name="name" required maxLength={120} pattern={VISIBLE} autoComplete="off" />
        <Field label="Phone" name="phone" type="tel" required pattern={PHONE} hint="Digits, + ( ) -" autoComplete="off" />
        <Field label="Party size" name="party_size" type="number" required min={1} max={1000} step={1} inputMode="numeric" />
        <Field label="Quoted wait (min)" name="quoted_wait_minutes" type="number" min={0} max={1440} step={1} inputMode="numeric" />
        <Field label="Notes" name="notes" maxLength={1000} hint="Optional" />
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add to the queue'}
      </button>
    </form>
  )
}
