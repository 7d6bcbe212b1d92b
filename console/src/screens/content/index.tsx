import { useVenue } from '../../venue'
import { BusinessInfo } from './BusinessInfo'
import { Menu } from './Menu'
import './content.css'

/** What a venue of any kind tells its guests (SPEC §8): business info and the menu. */
export function Content() {
  const venue = useVenue()
  if (!venue) return null
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Business info and menu</h1>
      <p className="hint">Public: guests read these on the venue's page; the venue's staff edit them here.</p>
      <div className="content-columns">
        <BusinessInfo venue={venue} />
        <Menu venue={venue} />
      </div>
    </section>
  )
}
