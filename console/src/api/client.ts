import createClient from 'openapi-fetch'
import type { components, paths } from './schema'
import { session } from '../session'

export type Schemas = components['schemas']

/**
 * The typed client every screen uses: paths, parameters and answers come from the API's own
 * OpenAPI document (schema.ts), so a changed route breaks this app's type check.
 *
 * It signs each request with the session's access token and, when that has expired (401),
 * trades the refresh token once and sends the request again.
 */
export const api = createClient<paths>({ baseUrl: '', fetch: signedFetch })

async function signedFetch(request: Request): Promise<Response> {
  const retry = request.clone()
  const response = await fetch(withToken(request, session.current()?.access))
  if (response.status !== 401 || !session.current()) return response
  const renewed = await session.refresh()
  return renewed ? fetch(withToken(retry, renewed)) : response
}

function withToken(request: Request, token: string | undefined): Request {
  if (token) request.headers.set('authorization', `Bearer ${token}`)
  return request
}

/** A non-2xx answer of the API, carrying its error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: unknown,
  ) {
    super(message)
  }
}

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError in words. Screens call
 * `data(await api.GET(...))` and let the error reach the nearest error note.
 */
export function data<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T
  const body = (result.error ?? {}) as Partial<Schemas['Error']>
  throw new ApiError(result.response.status, body.code ?? 'unknown', body.error ?? `The server answered ${result.response.status}`, body.detail)
}

/** Every Idempotency-Key the console sends: one per user action, so a double click books once. */
export const idempotencyKey = () => ({ 'idempotency-key': crypto.randomUUID() })

/** Reads every page of a paged list (page size 100), for a screen that must show all of it: a day's bookings, a venue's rooms. */
export async function allPages<T>(read: (page: number) => Promise<{ count: number; results: T[] }>): Promise<T[]> {
  const out: T[] = []
  for (let page = 1; ; page++) {
    const { count, results } = await read(page)
    out.push(...results)
    if (results.length === 0 || out.length >= count) return out
  }
}
