import { useEffect, useRef, useState } from 'react'
import { session } from './session'

export type LiveStatus = 'connecting' | 'live' | 'offline'
export interface LiveEvent {
  id: string
  type: string
  aggregate_id: string
  venue_id: string
  occurred_at: string
  data: Record<string, unknown>
}

/**
 * A venue's live feed (/ws/reservations or /ws/inventory): calls `onEvent` for each event and
 * reconnects with a growing pause when the socket drops, renewing the token first. Screens
 * use the events as a signal to reload what they show, so a missed event costs nothing once
 * the feed is back (the reload on `ready` catches up).
 */
export function useLiveFeed(feed: 'reservations' | 'inventory', venueId: string | undefined, onEvent: (event: LiveEvent | null) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const handler = useRef(onEvent)
  handler.current = onEvent
  useEffect(() => {
    if (!venueId) return
    let socket: WebSocket | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    let attempt = 0
    let stopped = false
    const open = () => {
      const token = session.current()?.access ?? ''
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
      const params = new URLSearchParams({ venue_id: venueId, token })
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/ws/${feed}?${params}`)
      socket.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as { type: string; event?: LiveEvent }
        if (frame.type === 'ready') {
          attempt = 0
          setStatus('live')
          handler.current(null)
        } else if (frame.type === 'event' && frame.event) handler.current(frame.event)
      }
      socket.onclose = () => {
        if (stopped) return
        setStatus('offline')
        attempt += 1
        timer = setTimeout(
          () => {
            // A refused handshake is most often an expired access token.
            void session.refresh().then(() => !stopped && open())
          },
          Math.min(30_000, 500 * 2 ** attempt),
        )
      }
    }
    setStatus('connecting')
    open()
    return () => {
      stopped = true
      clearTimeout(timer)
      socket?.close()
    }
  }, [feed, venueId])
  return status
}

/** The feed's state in words, for a status line that screen readers hear when it changes. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  const words = { connecting: 'Connecting…', live: 'Live', offline: 'Offline: reconnecting' }[status]
  return (
    <span className={`live live-${status}`} role="status">
      {words}
    </span>
  )
}
