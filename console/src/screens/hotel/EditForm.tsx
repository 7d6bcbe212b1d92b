import { useState, type FormEvent } from 'react'
import { api, ApiError, data, type Schemas } from '../../api/client'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import type { Venue } from '../../venue'
import { minorDigits } from '../../time'
import { dayLabel, nightsIn, toMinor } from './dates'

/** The room type and nights an edit applies to; the grid's cells pick them too. */
export interface Selection {
  roomTypeId: string
  from: string
  to: string
  /** A first night was just picked in the grid: picking another on its row makes the range. */
  open?: boolean
}

type GridType = Schemas['InventoryGrid']['room_types'][number]
/** What one PATCH may change at most: the grid the API answers spans 366 nights. */
const MAX_EDIT_NIGHTS = 366

/**
 * A range edit: units, closed and min stay go to PATCH /room-types/{id}/inventory; a price
 * becomes an `override` pricing rule of the room type's first rate plan, the plan whose price
 * the grid shows (the inventory calendar itself holds no price).
 */
export function EditForm({
  venue,
  types,
  selection,
  onSelection,
  onSaved,
}: {
  venue: Venue
  types: GridType[]
  selection: Selection
  onSelection: (s: Selection) => void
  onSaved: () => void
}) {
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)
  const [formKey, setFormKey] = useState(0)
  const type = types.find((t) => t.room_type_id === selection.roomTypeId)
  const planId = type?.rate_plan_id ?? null
  const step = (1 / 10 ** minorDigits(venue.currency)).toString()

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const v = formValues(event.currentTarget)
    const found: Record<string, string> = {}
    if (!type) found.room_type = 'Choose a room type.'
    if (selection.from && selection.to && selection.to < selection.from) found.to = 'The last night must not be before the first.'
    else if (selection.from && selection.to && nightsIn(selection.from, selection.to) > MAX_EDIT_NIGHTS)
      found.to = `One edit covers at most ${MAX_EDIT_NIGHTS} nights.`
    const change: { units?: number; closed?: boolean; min_stay?: number } = {}
    if (v.units) change.units = Number(v.units)
    if (v.min_stay) change.min_stay = Number(v.min_stay)
    if (v.closed === 'close') change.closed = true
    if (v.closed === 'open') change.closed = false
    const price = v.price ? toMinor(v.price, venue.currency) : undefined
    if (Object.keys(change).length === 0 && price === undefined) found.change = 'Choose at least one change: units, min stay, open or closed, or a price.'
    setProblems(found)
    setSaved('')
    setError(null)
    if (Object.keys(found).length > 0 || !type) return
    const { from, to } = selection
    setBusy(true)
    try {
      if (Object.keys(change).length > 0) {
        try {
          data(await api.PATCH('/api/v1/room-types/{id}/inventory', { params: { path: { id: type.room_type_id } }, body: { from, to, ...change } }))
        } catch (caught) {
          throw inWords(caught, type.name)
        }
      }
      if (price !== undefined && planId) {
        data(
          await api.POST('/api/v1/venues/{id}/pricing-rules', {
            params: { path: { id: venue.id } },
            body: {
              kind: 'override',
              name: `${type.name}, ${from} to ${to}`,
              room_type_id: type.room_type_id,
              rate_plan_id: planId,
              starts_on: from,
              ends_on: to,
              amount: { amount: price, currency: venue.currency },
            },
          }),
        )
      }
      setSaved(`Saved ${type.name}, ${from === to ? dayLabel(from) : `${dayLabel(from)} to ${dayLabel(to)}`}: ${summary(change, v.price, venue.currency)}.`)
      setFormKey((k) => k + 1)
      onSelection({ ...selection, open: false })
      onSaved()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card hotel-edit" onSubmit={(e) => void submit(e)} aria-labelledby="edit-title">
      <h2 id="edit-title">Change a range of nights</h2>
      <p className="hint">
        Pick a night in the grid (a second pick on the same row makes a range) or type the dates. An empty change keeps what each night has.
      </p>
      <div className="form-row">
        <SelectField
          label="Room type"
          name="room_type"
          required
          value={selection.roomTypeId}
          onChange={(e) => onSelection({ ...selection, roomTypeId: e.target.value, open: false })}
          aria-invalid={problems.room_type ? true : undefined}
        >
          <option value="">Choose…</option>
          {types.map((t) => (
            <option key={t.room_type_id} value={t.room_type_id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="First night"
          name="from"
          type="date"
          required
          value={selection.from}
          onChange={(e) => onSelection({ ...selection, from: e.target.value, open: false })}
        />
        <Field
          label="Last night"
          name="to"
          type="date"
          required
          min={selection.from || undefined}
          value={selection.to}
          error={problems.to}
          onChange={(e) => onSelection({ ...selection, to: e.target.value, open: false })}
        />
      </div>
      <fieldset className="hotel-changes" key={formKey} aria-describedby={problems.change ? 'change-problem' : undefined}>
        <legend>Changes</legend>
        <div className="form-row">
          <Field label="Units" name="units" type="number" min={0} max={10000} step={1} hint="No change when empty" />
          <Field label="Min stay (nights)" name="min_stay" type="number" min={1} max={90} step={1} hint="No change when empty" />
          <SelectField label="Open or closed" name="closed" defaultValue="">
            <option value="">No change</option>
            <option value="close">Close (stop selling)</option>
            <option value="open">Open (sell again)</option>
          </SelectField>
          <Field
            label={`Price per night (${venue.currency})`}
            name="price"
            type="number"
            min={0}
            step={step}
            disabled={Boolean(type) && !planId}
            hint={
              type && !planId ? 'This room type has no rate plan: its price follows its base rate and the pricing rules.' : 'Sets the first rate plan’s price'
            }
          />
        </div>
      </fieldset>
      {problems.change && (
        <p id="change-problem" className="error" role="alert">
          {problems.change}
        </p>
      )}
      {problems.room_type && (
        <p className="error" role="alert">
          {problems.room_type}
        </p>
      )}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Apply to these nights'}
        </button>
        <p role="status" className="ok">
          {saved}
        </p>
      </div>
    </form>
  )
}

/** The change as a sentence: `closed, units 3, price €120.00`. */
function summary(change: { units?: number; closed?: boolean; min_stay?: number }, price: string | undefined, currency: string): string {
  const parts: string[] = []
  if (change.closed === true) parts.push('closed')
  if (change.closed === false) parts.push('open')
  if (change.units !== undefined) parts.push(`units ${change.units}`)
  if (change.min_stay !== undefined) parts.push(`min stay ${change.min_stay}`)
  if (price) parts.push(`price ${Number(price).toFixed(minorDigits(currency))} ${currency}`)
  return parts.join(', ')
}

/** `units_below_sold` names the nights in the way: say which, and why the API refused. */
function inWords(error: unknown, typeName: string): unknown {
  if (!(error instanceof ApiError) || error.code !== 'units_below_sold') return error
  const detail = error.detail as { units?: number; nights?: { night: string; held: number; sold: number }[] } | null
  const nights = (detail?.nights ?? []).map((n) => `${dayLabel(n.night)} (${n.held} held, ${n.sold} sold)`).join('; ')
  return new Error(
    `${typeName} cannot go down to ${detail?.units ?? 'so few'} units: more are already held or sold on ${nights || 'some of these nights'}. Move or cancel those stays first, or choose more units.`,
  )
}
