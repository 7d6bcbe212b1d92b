import { SubNav } from '../../ui/SubNav'
import { useRoute } from '../../router'
import { useVenue } from '../../venue'
import { ArrivalsDepartures } from './ArrivalsDepartures'
import { InventoryScreen } from './Inventory'
import { ReportsScreen } from './Reports'
import './hotel.css'

/** The hotel's three views, each a path of its own so a link or a reload lands on it. */
const VIEWS = [
  { path: '/hotel', label: 'Inventory', component: InventoryScreen },
  { path: '/hotel/arrivals', label: 'Arrivals and departures', component: ArrivalsDepartures },
  { path: '/hotel/reports', label: 'Occupancy report', component: ReportsScreen },
] as const

export function Hotel() {
  const venue = useVenue()
  const { path } = useRoute()
  const view = VIEWS.find((v) => v.path === path) ?? VIEWS[0]
  const View = view.component
  return (
    <section aria-labelledby="page-title" className="hotel">
      <h1 id="page-title">
        {view.label}
        {venue && <span className="hotel-venue"> · {venue.name}</span>}
      </h1>
      <SubNav label="Hotel views" views={VIEWS} current={view} />
      {venue ? <View venue={venue} /> : <p>Loading the venue…</p>}
    </section>
  )
}
