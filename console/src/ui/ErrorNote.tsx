import { ApiError } from '../api/client'

/** An error in words, announced to screen readers as it appears. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p role="alert" className="error">
      {describe(error)}
    </p>
  )
}

export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const field = fieldOf(error.detail)
    return `${error.message}${field ? ` (${field})` : ''}${error.status >= 500 ? ' — try again, or tell whoever runs the server.' : ''}`
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check the connection and try again.'
  return error instanceof Error ? error.message : String(error)
}

function fieldOf(detail: unknown): string | undefined {
  if (detail && typeof detail === 'object' && 'field' in detail && typeof detail.field === 'string') return detail.field
  if (Array.isArray(detail)) {
    const fields = detail.flatMap((d: unknown) => (d && typeof d === 'object' && 'field' in d && typeof d.field === 'string' ? [d.field] : []))
    return fields.length > 0 ? fields.join(', ') : undefined
  }
  return undefined
}
