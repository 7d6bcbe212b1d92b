import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the browser's own <dialog>: focus moves into it, Escape closes it, and the
 * page behind is inert, with nothing to re-implement.
 */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} aria-label={title} onClose={onClose}>
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="link" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {open && children}
    </dialog>
  )
}
