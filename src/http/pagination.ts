export interface PageParams {
  page: number
  pageSize: number
}

export interface PageResult<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

export function pageParams(query: { page?: number; page_size?: number }): PageParams {
  return { page: query.page ?? 1, pageSize: query.page_size ?? 20 }
}

export const offsetOf = (p: PageParams) => (p.page - 1) * p.pageSize

/** Builds the list envelope; next/previous keep every other query parameter of the request. */
export function pageOf<T>(url: string, p: PageParams, count: number, results: T[]): PageResult<T> {
  const link = (page: number) => {
    const u = new URL(url, 'http://x')
    u.searchParams.set('page', String(page))
    u.searchParams.set('page_size', String(p.pageSize))
    return `${u.pathname}${u.search}`
  }
  return {
    count,
    next: p.page * p.pageSize < count ? link(p.page + 1) : null,
    previous: p.page > 1 ? link(p.page - 1) : null,
    results,
  }
}

/**
 * A list route in one call: reads `?page=&page_size=`, asks `fetch` for that page and shapes
 * each row with `view`, which also gets the whole answer (some views need its venue).
 */
export async function paginate<Row, R, T>(
  req: { url: string; query: { page?: number; page_size?: number } },
  fetch: (page: PageParams) => Promise<{ rows: readonly Row[]; count: number } & R>,
  view: (row: Row, answer: R) => T,
): Promise<PageResult<T>> {
  const page = pageParams(req.query)
  const answer = await fetch(page)
  return pageOf(
    req.url,
    page,
    answer.count,
    answer.rows.map((row) => view(row, answer)),
  )
}

/** `-created_at` → { field: 'created_at', desc: true }. */
export function parseOrdering<F extends string>(ordering: string | undefined, fallback: string): { field: F; desc: boolean } {
  const o = ordering ?? fallback
  return o.startsWith('-') ? { field: o.slice(1) as F, desc: true } : { field: o as F, desc: false }
}
