/** Previous / next through a paged list of the API (`page`, `count`), with where we are. */
export function Pager({
  page,
  pageSize,
  count,
  onPage,
  label,
}: {
  page: number
  pageSize: number
  count: number
  onPage: (page: number) => void
  label: string
}) {
  const pages = Math.max(1, Math.ceil(count / pageSize))
  if (count <= pageSize && page === 1) return null
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {pages} ({count} in all)
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  )
}

/** The API's page size for the console's lists. */
export const PAGE_SIZE = 20
