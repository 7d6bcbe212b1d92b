import { useEffect, useSyncExternalStore, type ComponentType } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { api } from './api/client'
import { Link, navigate, useRoute } from './router'
import { session } from './session'
import { Login } from './screens/Login'
import { Admin } from './screens/admin'
import { Content } from './screens/content'
import { FrontDesk } from './screens/frontdesk'
import { Hotel } from './screens/hotel'
import { Practitioner } from './screens/practitioner'
import { Waitlist } from './screens/waitlist'
import { VenueProvider, useVenues, type StaffVenue } from './venue'

interface Screen {
  path: string
  label: string
  component: ComponentType
  /** Shown when the chosen venue is of these kinds (any venue when absent). */
  kinds?: StaffVenue['venue']['kind'][]
  adminOnly?: boolean
}

/** Every screen of the console, in the order of the navigation. */
const SCREENS: Screen[] = [
  { path: '/frontdesk', label: 'Front desk', component: FrontDesk, kinds: ['venue'] },
  { path: '/waitlist', label: 'Waitlist', component: Waitlist, kinds: ['venue'] },
  { path: '/hotel', label: 'Hotel', component: Hotel, kinds: ['hotel'] },
  { path: '/practitioner', label: 'Practice', component: Practitioner, kinds: ['practitioner'] },
  { path: '/content', label: 'Business info', component: Content },
  { path: '/admin', label: 'Admin', component: Admin, adminOnly: true },
]

export function App() {
  const signedIn = useSyncExternalStore(session.subscribe, session.current)
  const queries = useQueryClient()
  // Whatever the last person saw is theirs: forget it when the session ends.
  useEffect(() => {
    if (!signedIn) queries.clear()
  }, [signedIn, queries])
  if (!signedIn) return <Login />
  return (
    <VenueProvider>
      <Shell />
    </VenueProvider>
  )
}

/** Revokes the refresh token at the server, then forgets the session here whatever it answered. */
async function signOut() {
  const refresh = session.current()?.refresh
  if (refresh) await api.POST('/api/v1/auth/logout', { body: { refresh } }).catch(() => undefined)
  session.end()
}

function Shell() {
  const { path } = useRoute()
  const { mine, current, choose, loaded } = useVenues()
  const user = session.current()?.user
  const admin = user?.role === 'admin'
  const screens = SCREENS.filter((s) => (s.adminOnly ? admin : current !== undefined && (!s.kinds || s.kinds.includes(current.venue.kind))))
  const screen = screens.find((s) => path === s.path || path.startsWith(`${s.path}/`))
  useEffect(() => {
    // The home page is the first screen the chosen venue has.
    // Only once the venues are known: an admin who also runs a venue starts at its desk, not at Admin.
    if (loaded && !screen && screens[0]) navigate(screens[0].path, { replace: true })
  }, [loaded, screen, screens])
  const Page = screen?.component
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Reservoir</span>
        <nav aria-label="Screens">
          <ul>
            {screens.map((s) => (
              <li key={s.path}>
                <Link to={s.path} aria-current={s === screen ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {mine.length > 0 && (
          <label className="venue-picker">
            Venue{' '}
            <select value={current?.venue.id} onChange={(e) => choose(e.target.value)}>
              {mine.map((m) => (
                <option key={m.venue.id} value={m.venue.id}>
                  {m.venue.name} ({m.role})
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="who">{user?.name}</span>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {Page ? <Page key={current?.venue.id} /> : loaded && mine.length === 0 && !admin ? <p>This account is not on the staff of any venue.</p> : null}
      </main>
    </>
  )
}
