import { SubNav } from '../../ui/SubNav'
import { useQuery } from '@tanstack/react-query'
import { api, data, type Schemas } from '../../api/client'
import { useRoute } from '../../router'
import { ErrorNote } from '../../ui/ErrorNote'
import { useVenue, useVenues } from '../../venue'
import { Bookings } from './Bookings'
import { Earnings } from './Earnings'
import { Schedule } from './Schedule'
import { Services } from './Services'
import './practitioner.css'

export type Practitioner = Schemas['Practitioner']

/** What each part of the desk gets: the practitioner, and whether the signed-in person may change things. */
export interface DeskProps {
  practitioner: Practitioner
  /** Owners and managers edit the schedule and request payouts; staff read and mark attendance. */
  manager: boolean
}

const PARTS = [
  { path: '/practitioner', label: 'Schedule', component: Schedule },
  { path: '/practitioner/services', label: 'Services and attendance', component: Services },
  { path: '/practitioner/bookings', label: 'Bookings', component: Bookings },
  { path: '/practitioner/earnings', label: 'Earnings and payouts', component: Earnings },
]

/**
 * The practitioner's desk. A practitioner's business is a venue of kind `practitioner`; its
 * profile is found by that venue (GET /practitioners?venue=, which shows a venue's staff their
 * own profile in any state), and every part below works on that profile's id.
 */
export function Practitioner() {
  const venue = useVenue()
  const { current } = useVenues()
  const { path } = useRoute()
  const found = useQuery({
    queryKey: ['practitioner-of-venue', venue?.id],
    enabled: !!venue,
    queryFn: async () => data(await api.GET('/api/v1/practitioners', { params: { query: { venue: venue!.id, page_size: 1 } } })).results[0] ?? null,
  })
  const part = PARTS.find((p) => p.path === path) ?? PARTS[0]!
  const practitioner = found.data
  const Part = part.component
  return (
    <section aria-labelledby="page-title" className="practice">
      <h1 id="page-title">
        Practice{practitioner ? `: ${practitioner.display_name}` : ''} — {part.label}
      </h1>
      <SubNav label="Practice" views={PARTS} current={part} />
      <ErrorNote error={found.error} />
      {found.isPending && venue && <p>Loading the practitioner…</p>}
      {practitioner === null && <p>This venue has no practitioner profile.</p>}
      {practitioner && practitioner.verification_status !== 'verified' && (
        <p className="note" role="status">
          {practitioner.verification_status === 'pending'
            ? 'The profile is waiting for verification: until an administrator verifies it, it is not public and cannot publish services.'
            : `The profile was not verified${practitioner.rejection_reason ? `: ${practitioner.rejection_reason}` : ''}.`}
        </p>
      )}
      {practitioner && <Part practitioner={practitioner} manager={current?.role === 'owner' || current?.role === 'manager'} />}
    </section>
  )
}
