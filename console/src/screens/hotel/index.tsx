import { Link, useRoute } from '../../router'
import { useVenue } from '../../venue'
import { FrontDeskDay } from './front-desk'
import { InventoryScreen } from './inventory'
import { ReportsScreen } from './reports'
import './hotel.css'

/** The hotel's three views, each a path of its own so a link or a reload lands on it. */
const VIEWS = [
  { path: '/hotel', label: 'Inventory', component: InventoryScreen },
  { path: '/hotel/arrivals', label: 'Arrivals and departures', component: FrontDeskDay },
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
      <nav aria-label="Hotel views" className="hotel-tabs">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.path}>
              <Link to={v.path} aria-current={v === view ? 'page' : undefined}>
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {venue ? <View venue={venue} /> : <p>Loading the venue…</p>}
    </section>
  )
}
