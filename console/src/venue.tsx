import { useQuery } from '@tanstack/react-query'
import { createContext, useContext, useState, type ReactNode } from 'react'
import { api, data, type Schemas } from './api/client'

export type Venue = Schemas['Venue']
export type StaffVenue = Schemas['StaffVenue']

interface VenueChoice {
  /** Every venue where the signed-in person works (the first 100, by name). */
  mine: StaffVenue[]
  /** The one the screens show; the first by default. */
  current: StaffVenue | undefined
  choose: (id: string) => void
  /** Whether the list has come (or failed): until then no screen can be chosen for the person. */
  loaded: boolean
}

const Context = createContext<VenueChoice>({ mine: [], current: undefined, choose: () => {}, loaded: false })
const KEY = 'reservoir.venue'

/** Loads the staff member's venues and remembers which one this tab works on. */
export function VenueProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState(() => sessionStorage.getItem(KEY))
  const { data: page, isPending } = useQuery({
    queryKey: ['venues', 'mine'],
    queryFn: async () => data(await api.GET('/api/v1/venues/mine', { params: { query: { page_size: 100 } } })),
  })
  const mine = page?.results ?? []
  const current = mine.find((m) => m.venue.id === chosen) ?? mine[0]
  const choose = (id: string) => {
    sessionStorage.setItem(KEY, id)
    setChosen(id)
  }
  return <Context.Provider value={{ mine, current, choose, loaded: !isPending }}>{children}</Context.Provider>
}

export const useVenues = () => useContext(Context)

/** The venue the screens show, for screens that need one (they render nothing until it loads). */
export function useVenue(): Venue | undefined {
  return useContext(Context).current?.venue
}
