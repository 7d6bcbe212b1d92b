import { Link } from '../router'

/** A screen's own views (Inventory, Arrivals, …) as tabs: real links, the current one marked for screen readers. */
export function SubNav<T extends { path: string; label: string }>({ label, views, current }: { label: string; views: readonly T[]; current: T }) {
  return (
    <nav aria-label={label} className="subnav">
      <ul>
        {views.map((v) => (
          <li key={v.path}>
            <Link to={v.path} aria-current={v === current ? 'page' : undefined}>
              {v.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
