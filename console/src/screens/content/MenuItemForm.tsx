import { useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import type { Venue } from '../../venue'
import { VISIBLE, minorUnits } from './patterns'
import { TextArea } from './TextArea'

export type MenuItem = Schemas['MenuItem']

// The API's bounds: a price up to 5,000,000 minor units, a position up to 10,000.
const MAX_AMOUNT = 5_000_000
const MAX_POSITION = 10_000

/**
 * A menu item's form, new (POST) or existing (PATCH). The price is typed in the currency's
 * major unit (12.50) and sent in minor units (1250), as the API counts money.
 */
export function MenuItemForm({
  venue,
  item,
  categories,
  onSaved,
  onCancel,
}: {
  venue: Venue
  item: MenuItem | null
  categories: readonly string[]
  onSaved: (saved: MenuItem, message: string) => void
  onCancel: () => void
}) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const unit = minorUnits(venue.currency)
  const digits = Math.round(Math.log10(unit))

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const v = formValues(event.currentTarget)
    const body = {
      name: (v.name ?? '').trim(),
      category: (v.category ?? '').trim(),
      description: v.description?.trim() || null,
      price: { amount: Math.round(Number(v.price) * unit), currency: venue.currency },
      available: v.available === 'on',
      ...(v.position ? { position: Number(v.position) } : {}),
    }
    setBusy(true)
    setError(null)
    try {
      const saved = item
        ? data(await api.PATCH('/api/v1/menu-items/{id}', { params: { path: { id: item.id } }, body }))
        : data(await api.POST('/api/v1/venues/{id}/menu', { params: { path: { id: venue.id } }, body }))
      onSaved(saved, `${saved.name} ${item ? 'saved' : 'added to the menu'}.`)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <div className="form-row">
        <Field label="Name" name="name" required maxLength={200} pattern={VISIBLE} defaultValue={item?.name} />
        <Field
          label="Category"
          name="category"
          required
          maxLength={80}
          pattern={VISIBLE}
          defaultValue={item?.category}
          list="menu-categories"
          hint="e.g. Drinks, Snacks"
        />
      </div>
      <datalist id="menu-categories">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="form-row">
        <Field
          label={`Price (${venue.currency})`}
          name="price"
          type="number"
          required
          min={0}
          max={MAX_AMOUNT / unit}
          step={1 / unit}
          inputMode="decimal"
          defaultValue={item ? (item.price.amount / unit).toFixed(digits) : undefined}
        />
        <Field
          label="Position"
          name="position"
          type="number"
          min={0}
          max={MAX_POSITION}
          step={1}
          inputMode="numeric"
          required={item !== null}
          defaultValue={item?.position}
          hint={item ? 'Order within the category' : 'Order within the category; last when empty'}
        />
      </div>
      <TextArea label="Description" name="description" maxLength={2000} defaultValue={item?.description ?? ''} />
      <label className="content-check">
        <input type="checkbox" name="available" defaultChecked={item?.available ?? true} /> Available (guests can order it)
      </label>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : item ? 'Save item' : 'Add item'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
