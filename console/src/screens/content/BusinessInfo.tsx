import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState, type FormEvent } from 'react'
import { api, data, type Schemas } from '../../api/client'
import { localDateTime } from '../../time'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, formValues } from '../../ui/Field'
import type { Venue } from '../../venue'
import { MAX_SOCIALS, NETWORK, PHONE, WEB_URL } from './patterns'
import { TextArea } from './TextArea'

type Info = Schemas['VenueInfo']
interface Social {
  key: number
  network: string
  url: string
}

/** What the venue tells its guests: phone, address, hours, links, policies. Saved as a whole (PUT). */
export function BusinessInfo({ venue }: { venue: Venue }) {
  const info = useQuery({
    queryKey: ['content', venue.id, 'info'],
    queryFn: async () => data(await api.GET('/api/v1/venues/{id}/info', { params: { path: { id: venue.id } } })),
  })
  return (
    <section className="card" aria-labelledby="info-title">
      <h2 id="info-title">Business info</h2>
      <ErrorNote error={info.error} />
      {info.isPending && <p role="status">Loading…</p>}
      {/* The form starts from what the server held when it loaded; saving keeps what it shows. */}
      {info.data && <InfoForm venue={venue} info={info.data} />}
    </section>
  )
}

function InfoForm({ venue, info }: { venue: Venue; info: Info }) {
  const queries = useQueryClient()
  const next = useRef(0)
  const [socials, setSocials] = useState<Social[]>(() => Object.entries(info.socials).map(([network, url]) => ({ key: next.current++, network, url })))
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState('')
  // The link row just added, whose first input takes the focus.
  const [added, setAdded] = useState<number | null>(null)
  const linksId = useId()
  const addLink = useRef<HTMLButtonElement>(null)

  const edit = (key: number, change: Partial<Social>) => setSocials((all) => all.map((s) => (s.key === key ? { ...s, ...change } : s)))

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    // The one rule the browser cannot check by itself: a network named twice.
    const seen = new Set<string>()
    for (const s of socials) {
      const input = form.elements.namedItem(`network-${s.key}`)
      if (!(input instanceof HTMLInputElement)) continue
      input.setCustomValidity(seen.has(s.network) ? `${s.network} is already listed` : '')
      seen.add(s.network)
    }
    if (!form.reportValidity()) return
    const v = formValues(form)
    const text = (name: string) => v[name]?.trim() || null
    setBusy(true)
    setError(null)
    setSaid('')
    try {
      const saved = data(
        await api.PUT('/api/v1/venues/{id}/info', {
          params: { path: { id: venue.id } },
          body: {
            phone: text('phone'),
            address: text('address'),
            hours_text: text('hours_text'),
            policies: text('policies'),
            socials: Object.fromEntries(socials.map((s) => [s.network, s.url.trim()])),
          },
        }),
      )
      setSaid('Business info saved.')
      queries.setQueryData(['content', venue.id, 'info'], saved)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <p className="hint">{info.updated_at ? `Last saved ${localDateTime(info.updated_at, venue.timezone)}.` : 'Not written yet: guests see nothing.'}</p>
      <div className="form-row">
        <Field label="Phone" name="phone" type="tel" pattern={PHONE} defaultValue={info.phone ?? ''} hint="Digits, + ( ) -" />
        <Field label="Address" name="address" maxLength={500} defaultValue={info.address ?? ''} />
      </div>
      <TextArea
        label="Opening hours, as guests read them"
        name="hours_text"
        maxLength={2000}
        defaultValue={info.hours_text ?? ''}
        hint="Free text, e.g. Mon–Thu 4 pm–2 am"
      />
      <TextArea label="Policies" name="policies" maxLength={10000} rows={5} defaultValue={info.policies ?? ''} hint="House rules, cancellations, age limits…" />

      <fieldset className="content-links" aria-describedby={`${linksId}-hint`}>
        <legend>Links</legend>
        <p id={`${linksId}-hint`} className="hint">
          Social networks and other pages, up to {MAX_SOCIALS}. The name in lower case (instagram, tiktok); the address starting with https://.
        </p>
        {socials.map((s, i) => (
          <div key={s.key} className="content-link">
            <Field
              label={`Network ${i + 1}`}
              name={`network-${s.key}`}
              required
              pattern={NETWORK}
              maxLength={30}
              autoFocus={s.key === added}
              value={s.network}
              onChange={(e) => {
                e.target.setCustomValidity('')
                edit(s.key, { network: e.target.value })
              }}
            />
            <Field
              label={`Address ${i + 1}`}
              name={`url-${s.key}`}
              type="url"
              required
              pattern={WEB_URL}
              maxLength={500}
              value={s.url}
              onChange={(e) => edit(s.key, { url: e.target.value })}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setSocials((all) => all.filter((x) => x.key !== s.key))
                // The row and its button are gone: the focus goes somewhere that stays.
                addLink.current?.focus()
              }}
              aria-label={`Remove link ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          ref={addLink}
          type="button"
          className="secondary"
          disabled={socials.length >= MAX_SOCIALS}
          onClick={() => {
            const key = next.current++
            setAdded(key)
            setSocials((all) => [...all, { key, network: '', url: '' }])
          }}
        >
          Add a link
        </button>
      </fieldset>

      <ErrorNote error={error} />
      <p role="status" className="ok content-said">
        {said}
      </p>
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save business info'}
      </button>
    </form>
  )
}
