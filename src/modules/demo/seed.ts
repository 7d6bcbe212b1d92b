import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Services } from '../../app.js'
import type { Deps } from '../../deps.js'
import { appMeta } from '../../db/meta-table.js'
import { insertRooms } from '../rooms/queries.js'
import { insertMember, insertVenueOnce } from '../venues/queries.js'
import { seedHotel } from './hotel.js'
import { seedKaraokeContent } from './karaoke-content.js'
import { seedPractitioner } from './practitioner.js'

const KARAOKE_ROOMS = [
  { name: 'Booth 1', capacity: 4, hourlyRate: 2500 },
  { name: 'Booth 2', capacity: 6, hourlyRate: 3500 },
  { name: 'Studio', capacity: 8, hourlyRate: 4500 },
  { name: 'Lounge', capacity: 10, hourlyRate: 6000 },
  { name: 'Party Room', capacity: 12, hourlyRate: 7500 },
  { name: 'Grand Hall', capacity: 20, hourlyRate: 12000 },
]

export interface SeedResult {
  seeded: boolean
  admin?: { email: string; password: string | undefined; generated: boolean }
}

/**
 * Loads the demo once per database: a karaoke bar in Denver, open 16:00–02:00, six rooms;
 * a hotel in Lisbon with a year of rooms on sale; a yoga teacher in Berlin; and an admin. A generated admin password is returned so the caller can print it once.
 */
export async function seedDemo(deps: Deps, services: Services): Promise<SeedResult> {
  const [done] = await deps.db.select().from(appMeta).where(eq(appMeta.key, 'demo_seeded'))
  if (done) return { seeded: false }

  const generated = !deps.config.admin.password
  const password = deps.config.admin.password ?? randomBytes(12).toString('base64url')
  const email = deps.config.admin.email
  const existing = await services.auth.findByEmail(email)
  const admin = existing ?? (await services.auth.createUser({ email, password, name: 'Administrator' }, 'admin'))

  await deps.db.transaction(async (tx) => {
    const venue = await insertVenueOnce(tx, {
      name: 'Neon Nights Karaoke',
      slug: 'neon-nights',
      kind: 'venue',
      timezone: 'America/Denver',
      currency: 'USD',
      address: '1600 Blake St, Denver, CO',
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '16:00', close: '02:00' })),
    })
    if (venue) {
      await insertRooms(
        tx,
        KARAOKE_ROOMS.map((r) => ({
          ...r,
          venueId: venue.id,
          slotMinutes: 30,
          minMinutes: 60,
          maxMinutes: 240,
          bufferMinutes: 10,
          amenities: ['karaoke', 'screen'],
        })),
      )
      await insertMember(tx, venue.id, admin.id, 'owner')
      await seedKaraokeContent(tx, venue.id)
    }
    await seedHotel(tx, admin.id, deps.clock())
  })
  // Through the services, which open their own transactions; the flag is set last, so a start
  // that failed before it seeds again (each part is made once).
  await seedPractitioner(services, { userId: admin.id, role: 'admin' }, deps.clock())
  await deps.db.insert(appMeta).values({ key: 'demo_seeded', value: { at: deps.clock().toISOString() } })
  return { seeded: true, admin: { email, password: existing ? undefined : password, generated: generated && !existing } }
}
