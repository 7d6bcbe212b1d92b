import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { api, data } from '../../api/client'
import { money } from '../../time'
import { Dialog } from '../../ui/Dialog'
import { ErrorNote } from '../../ui/ErrorNote'
import { Field, SelectField, formValues } from '../../ui/Field'
import { PAGE_SIZE, Pager } from '../../ui/Pager'
import type { Venue } from '../../venue'
import { MenuItemForm, type MenuItem } from './MenuItemForm'

type Shown = 'all' | 'available' | 'unavailable'
type Open = { kind: 'add' } | { kind: 'edit'; item: MenuItem } | { kind: 'remove'; item: MenuItem } | null

/** The venue's menu, by category then position, paged: add, edit and remove items. */
export function Menu({ venue }: { venue: Venue }) {
  const queries = useQueryClient()
  const [page, setPage] = useState(1)
  const [search, setSearch] = useState('')
  const [shown, setShown] = useState<Shown>('all')
  const [open, setOpen] = useState<Open>(null)
  const [said, setSaid] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)

  const menu = useQuery({
    queryKey: ['content', venue.id, 'menu', page, search, shown],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/venues/{id}/menu', {
          params: {
            path: { id: venue.id },
            query: { page, page_size: PAGE_SIZE, ...(search ? { search } : {}), ...(shown === 'all' ? {} : { available: shown === 'available' }) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  })
  const items = menu.data?.results ?? []
  const categories = [...new Set(items.map((i) => i.category))]

  const done = (message: string) => {
    setOpen(null)
    setSaid(message)
    void queries.invalidateQueries({ queryKey: ['content', venue.id, 'menu'] })
  }
  const removed = (message: string) => {
    done(message)
    // The row and the button that opened the dialog are gone: the focus goes back to the menu.
    requestAnimationFrame(() => heading.current?.focus())
  }
  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSearch((formValues(event.currentTarget).search ?? '').trim())
    setPage(1)
  }

  return (
    <section className="card" aria-labelledby="menu-title">
      <div className="content-heading">
        <h2 id="menu-title" ref={heading} tabIndex={-1}>
          Menu
        </h2>
        <button type="button" onClick={() => setOpen({ kind: 'add' })}>
          Add an item
        </button>
      </div>
      <form className="toolbar" role="search" aria-label="Menu" onSubmit={find}>
        <Field label="Name" name="search" type="search" maxLength={200} defaultValue={search} />
        <button type="submit" className="secondary">
          Search
        </button>
        <SelectField
          label="Show"
          value={shown}
          onChange={(e) => {
            setShown(e.target.value as Shown)
            setPage(1)
          }}
        >
          <option value="all">Every item</option>
          <option value="available">Available only</option>
          <option value="unavailable">Unavailable only</option>
        </SelectField>
      </form>
      <p role="status" className="ok content-said">
        {said}
      </p>
      <ErrorNote error={menu.error} />
      {menu.isPending && <p>Loading…</p>}
      {menu.data && items.length === 0 && <p>{search || shown !== 'all' ? 'No item matches.' : 'The menu is empty: add its first item.'}</p>}
      {items.length > 0 && (
        <div className="scroll">
          <table aria-labelledby="menu-title">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Category</th>
                <th scope="col" className="content-number">
                  Price
                </th>
                <th scope="col">Available</th>
                <th scope="col" className="content-number">
                  Position
                </th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <strong>{item.name}</strong>
                    {item.description && <div className="hint">{item.description}</div>}
                  </td>
                  <td>{item.category}</td>
                  <td className="content-number">{money(item.price.amount, item.price.currency)}</td>
                  <td>{item.available ? 'Yes' : 'No'}</td>
                  <td className="content-number">{item.position}</td>
                  <td>
                    <div className="content-actions">
                      <button type="button" className="secondary" aria-label={`Edit ${item.name}`} onClick={() => setOpen({ kind: 'edit', item })}>
                        Edit…
                      </button>
                      <button type="button" className="secondary" aria-label={`Remove ${item.name}`} onClick={() => setOpen({ kind: 'remove', item })}>
                        Remove…
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {menu.data && <Pager page={page} pageSize={PAGE_SIZE} count={menu.data.count} onPage={setPage} label="Menu" />}

      <Dialog
        title={open?.kind === 'edit' ? `Edit ${open.item.name}` : 'Add a menu item'}
        open={open?.kind === 'add' || open?.kind === 'edit'}
        onClose={() => setOpen(null)}
      >
        {(open?.kind === 'add' || open?.kind === 'edit') && (
          <MenuItemForm
            key={open.kind === 'edit' ? open.item.id : 'new'}
            venue={venue}
            item={open.kind === 'edit' ? open.item : null}
            categories={categories}
            onSaved={(_saved, message) => done(message)}
            onCancel={() => setOpen(null)}
          />
        )}
      </Dialog>
      <Dialog title={open?.kind === 'remove' ? `Remove ${open.item.name}` : 'Remove'} open={open?.kind === 'remove'} onClose={() => setOpen(null)}>
        {open?.kind === 'remove' && <RemoveItem item={open.item} onRemoved={removed} onCancel={() => setOpen(null)} />}
      </Dialog>
    </section>
  )
}

/** Removing deletes the item for good (nothing else refers to it), so it is asked first. */
function RemoveItem({ item, onRemoved, onCancel }: { item: MenuItem; onRemoved: (message: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      data(await api.DELETE('/api/v1/menu-items/{id}', { params: { path: { id: item.id } } }))
      onRemoved(`${item.name} removed from the menu.`)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <p>
        {item.name} ({item.category}, {money(item.price.amount, item.price.currency)}) leaves the menu for good. To take it off for a while, edit it and untick
        “Available” instead.
      </p>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          {busy ? 'Removing…' : `Remove ${item.name}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          Keep it
        </button>
      </div>
    </>
  )
}
