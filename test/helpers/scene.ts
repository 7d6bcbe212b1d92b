import type { Config } from '../../src/config.js'
import type { Room } from '../../src/modules/rooms/service.js'
import type { Venue } from '../../src/modules/venues/service.js'
import { buildTestApp, type TestContext } from './context.js'
import { factories, type Actor } from './factories.js'
import { stayFactories } from './stays.js'

export type Factories = ReturnType<typeof factories>
export type StayFactories = ReturnType<typeof stayFactories>

/** What a test file's scene holds besides the app; each is made only when the spec asks for it. */
export interface SceneSpec<C extends Record<string, string>> {
  /** Where the test clock starts. */
  at?: string | Date
  config?: Partial<Config>
  /** A venue (options as `newVenue`'s). */
  venue?: Parameters<Factories['newVenue']>[0]
  /** A room in that venue (options as `newRoom`'s). */
  room?: Parameters<Factories['newRoom']>[1]
  /** A member of that venue, in this role. */
  staff?: 'owner' | 'manager' | 'staff'
  /** Customers, in this order: each key becomes a field of the scene, its value is the customer's name. */
  customers?: C
  /** A platform admin. */
  admin?: boolean
}

export type Scene<C extends Record<string, string>> = SceneParts & { [K in keyof C]: Actor }

export interface SceneParts {
  ctx: TestContext
  f: Factories
  stays: StayFactories
  venue: Venue
  room: Room
  staff: Actor
  admin: Actor
}

/**
 * The set-up most test files begin with: an app on a database of the file's own, its clock,
 * and the venue, room, staff, customers and admin the file names, made in that order (so ids
 * and created_at orders are the same in every file). Call it from `beforeAll`:
 *
 *   beforeAll(async () => ({ ctx, venue, staff, alice } = await scene({ at: NOW, venue: {}, staff: 'staff', customers: { alice: 'Alice' } })))
 *   afterAll(() => ctx.close())
 *
 * Reading a part the spec did not ask for throws, saying which option makes it.
 */
export async function scene<const C extends Record<string, string> = Record<never, string>>(spec: SceneSpec<C> = {}): Promise<Scene<C>> {
  const ctx = await buildTestApp(spec.config)
  if (spec.at !== undefined) ctx.clock.set(spec.at)
  const f = factories(ctx)
  const venue = spec.venue !== undefined || spec.room !== undefined || spec.staff !== undefined ? await f.newVenue(spec.venue) : undefined
  const room = spec.room !== undefined ? await f.newRoom(venue!, spec.room) : undefined
  const staff = spec.staff !== undefined ? await f.newStaff(venue!, spec.staff) : undefined
  const customers: Record<string, Actor> = {}
  for (const [key, name] of Object.entries(spec.customers ?? {})) customers[key] = await f.newCustomer(name)
  const admin = spec.admin ? await f.newAdmin() : undefined

  const present = <T>(value: T | undefined, option: string): T => {
    if (value === undefined) throw new Error(`this scene has no ${option}: ask for it with scene({ ${option}: … })`)
    return value
  }
  const parts: SceneParts = {
    ctx,
    f,
    stays: stayFactories(ctx),
    get venue() {
      return present(venue, 'venue')
    },
    get room() {
      return present(room, 'room')
    },
    get staff() {
      return present(staff, 'staff')
    },
    get admin() {
      return present(admin, 'admin')
    },
  }
  return Object.assign(parts, customers) as Scene<C>
}
