import { SubNav } from '../../ui/SubNav'
import { useRoute } from '../../router'
import { Payments } from './Payments'
import { Practitioners } from './Practitioners'
import { Venues } from './Venues'
import './admin.css'

const PARTS = [
  { path: '/admin/venues', label: 'Venues and members', component: Venues },
  { path: '/admin/practitioners', label: 'Practitioner verification', component: Practitioners },
  { path: '/admin/payments', label: 'Payment log', component: Payments },
]

/** The platform administrators' screen (the shell shows it to role `admin` only; the API checks again). */
export function Admin() {
  const { path } = useRoute()
  const part = PARTS.find((p) => p.path === path) ?? PARTS[0]!
  const Part = part.component
  return (
    <section aria-labelledby="page-title" className="admin">
      <h1 id="page-title">Admin — {part.label}</h1>
      <SubNav label="Admin" views={PARTS} current={part} />
      <Part />
    </section>
  )
}
