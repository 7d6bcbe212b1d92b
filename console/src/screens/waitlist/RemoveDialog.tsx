import { useState, type FormEvent } from 'react'
import { api, data } from '../../api/client'
import { Dialog } from '../../ui/Dialog'
import { ErrorNote } from '../../ui/ErrorNote'
import { formValues } from '../../ui/Field'
import type { Entry } from './types'

/** Takes a party out of the queue, saying why: they left, or did not come when called. */
export function RemoveDialog({ entry, onClose, onRemoved }: { entry: Entry | null; onClose: () => void; onRemoved: (message: string) => void }) {
  return (
    <Dialog title={entry ? `Remove ${entry.name}` : 'Remove'} open={entry !== null} onClose={onClose}>
      {entry && <RemoveForm entry={entry} onRemoved={onRemoved} onCancel={onClose} />}
    </Dialog>
  )
}

function RemoveForm({ entry, onRemoved, onCancel }: { entry: Entry; onRemoved: (message: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const reason = formValues(event.currentTarget).reason === 'no_show' ? 'no_show' : 'left'
    setBusy(true)
    setError(null)
    try {
      data(await api.POST('/api/v1/waitlist/{id}/remove', { params: { path: { id: entry.id } }, body: { reason } }))
      onRemoved(`${entry.name} removed from the queue (${reason === 'left' ? 'left' : 'no-show'}).`)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <fieldset className="waitlist-rooms">
        <legend>Why is {entry.name} leaving the queue?</legend>
        <label className="waitlist-choice">
          <input type="radio" name="reason" value="left" defaultChecked /> They left
        </label>
        <label className="waitlist-choice">
          <input type="radio" name="reason" value="no_show" /> No-show: they did not come when called
        </label>
      </fieldset>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>
          {busy ? 'Removing…' : `Remove ${entry.name}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Keep in the queue
        </button>
      </div>
    </form>
  )
}
