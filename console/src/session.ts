import type { components } from './api/schema'

type User = components['schemas']['User']
export interface Session {
  access: string
  refresh: string
  user: User
}

// Per tab (sessionStorage): closing the tab signs the desk out, and two staff can share a
// tablet's browser in two tabs without sharing a login.
const KEY = 'reservoir.session'
const listeners = new Set<() => void>()
let current: Session | null = read()
let refreshing: Promise<string | null> | null = null

function read(): Session | null {
  try {
    const text = sessionStorage.getItem(KEY)
    return text ? (JSON.parse(text) as Session) : null
  } catch {
    return null
  }
}

function write(next: Session | null) {
  current = next
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next))
  else sessionStorage.removeItem(KEY)
  for (const listener of listeners) listener()
}

/** The signed-in staff member, shared by the client (tokens) and the screens (who is here). */
export const session = {
  current: () => current,
  subscribe: (listener: () => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  start: (next: Session) => write(next),
  end: () => write(null),
  /** A new access token from the refresh token (once at a time), or null and signed out. */
  refresh: (): Promise<string | null> => {
    refreshing ??= (async () => {
      const response = await fetch('/api/v1/auth/token/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh: current?.refresh }),
      })
      if (!response.ok) {
        write(null)
        return null
      }
      const next = (await response.json()) as Session
      write(next)
      return next.access
    })().finally(() => {
      refreshing = null
    })
    return refreshing
  },
}
