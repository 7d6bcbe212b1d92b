import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { allPages, api, data } from '../../api/client'
import { addDays } from '../../time'
import type { Reservation, Room } from './day'

/** Every query of this screen starts with this key, so one live event reloads them all. */
export const deskKey = (venueId: string) => ['frontdesk', venueId] as const

/** Reloads what the desk shows of a venue: after an action here, or an event from the feed. */
export function useReloadDesk(venueId: string) {
  const queries = useQueryClient()
  return useCallback(() => void queries.invalidateQueries({ queryKey: deskKey(venueId) }), [queries, venueId])
}

export function useRooms(venueId: string) {
  return useQuery({
    queryKey: [...deskKey(venueId), 'rooms'],
    queryFn: () =>
      allPages<Room>(async (page) => data(await api.GET('/api/v1/venues/{id}/rooms', { params: { path: { id: venueId }, query: { page, page_size: 100 } } }))),
  })
}

/**
 * A business day: free time per room, the reservations that touch it (one that opens on `date`
 * may run past midnight, so the next calendar day is asked for too) and the closure, if any.
 */
export function useDay(venueId: string, date: string) {
  return useQuery({
    queryKey: [...deskKey(venueId), 'day', date],
    queryFn: async () => {
      const [availability, reservations, closures] = await Promise.all([
        api.GET('/api/v1/venues/{id}/availability', { params: { path: { id: venueId }, query: { date } } }).then(data),
        allPages<Reservation>(async (page) =>
          data(
            await api.GET('/api/v1/reservations', {
              params: { query: { venue: venueId, from: date, to: addDays(date, 1), ordering: 'start', page, page_size: 100 } },
            }),
          ),
        ),
        api.GET('/api/v1/venues/{id}/closures', { params: { path: { id: venueId }, query: { from: date, to: date } } }).then(data),
      ])
      return { availability, reservations, closure: closures.results[0] ?? null }
    },
  })
}

/** The venue's staff by user id, to say who moved a booking in its history. */
export function useMembers(venueId: string) {
  return useQuery({
    queryKey: [...deskKey(venueId), 'members'],
    queryFn: async () => {
      const page = data(await api.GET('/api/v1/venues/{id}/members', { params: { path: { id: venueId }, query: { page_size: 100 } } }))
      return new Map(page.results.map((m) => [m.user_id, m.name]))
    },
  })
}
