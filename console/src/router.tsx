import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

// The console's few screens need a path and a query string, nothing more: the History API and
// one store make deep links, back and forward work without a router library.
const BASE = '/console'
const listeners = new Set<() => void>()
window.addEventListener('popstate', () => listeners.forEach((l) => l()))

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
const snapshot = () => window.location.pathname + window.location.search

/** The current route: the path below /console (`/hotel`) and its query parameters. */
export function useRoute(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(href, window.location.origin)
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : '/'
  return { path: path.length > 1 ? path.replace(/\/$/, '') : path, query: url.searchParams }
}

/** Goes to a console path (`/frontdesk?date=…`), adding to the history unless told to replace. */
export function navigate(to: string, { replace = false } = {}) {
  const href = BASE + to
  if (replace) window.history.replaceState(null, '', href)
  else window.history.pushState(null, '', href)
  listeners.forEach((l) => l())
}

/** A real link (open in a new tab works) that routes in place on a plain click. */
export function Link({ to, ...props }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(event)
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return <a {...props} href={BASE + to} onClick={onClick} />
}
