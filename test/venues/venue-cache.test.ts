import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { VENUE_CACHE_MS } from '../../src/modules/venues/service.js'
import type { TestContext } from '../helpers/context.js'
import { everyDay } from '../helpers/factories.js'
import { scene, type Factories } from '../helpers/scene.js'

let ctx: TestContext, f: Factories

beforeAll(async () => ({ ctx, f } = await scene()))
afterAll(() => ctx.close())
afterEach(() => vi.restoreAllMocks())

const admin = { userId: '00000000-0000-4000-8000-000000000000', role: 'admin' as const }
/** A change made behind the service's back, as another process's would be. */
const renameInSql = (id: string, name: string) => ctx.database.raw.query('update venues set name = $2 where id = $1', [id, name])

describe("a venue's row kept for the hot paths (VenueService.cached)", () => {
  it('answers the same copy within VENUE_CACHE_MS, and reads the venue again after it', async () => {
    const venue = await f.newVenue()
    const now = Date.now()
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now)
    const first = await ctx.services.venues.cached(venue.id)
    await renameInSql(venue.id, 'Changed elsewhere')
    expect(await ctx.services.venues.cached(venue.id)).toBe(first)
    clock.mockReturnValue(now + VENUE_CACHE_MS - 1)
    expect((await ctx.services.venues.cached(venue.id)).name).toBe(venue.name)
    clock.mockReturnValue(now + VENUE_CACHE_MS)
    expect((await ctx.services.venues.cached(venue.id)).name).toBe('Changed elsewhere')
  })

  it('drops the copy at once when this process changes the venue or its hours', async () => {
    const venue = await f.newVenue()
    vi.spyOn(Date, 'now').mockReturnValue(Date.now())
    await ctx.services.venues.cached(venue.id)
    await ctx.services.venues.update(admin, venue.id, { name: 'After', hold_ttl_minutes: 5 })
    expect(await ctx.services.venues.cached(venue.id)).toMatchObject({ name: 'After', holdTtlMinutes: 5 })
    await ctx.services.venues.setHours(admin, venue.id, everyDay('09:00', '12:00'))
    expect((await ctx.services.venues.cached(venue.id)).openingHours).toHaveLength(7)
    expect((await ctx.services.venues.cached(venue.id)).openingHours[0]).toMatchObject({ open: '09:00', close: '12:00' })
  })

  it('does not keep a failure: a venue that is not there is asked for again', async () => {
    const missing = '00000000-0000-4000-8000-00000000beef'
    const read = vi.spyOn(ctx.services.venues, 'get')
    await expect(ctx.services.venues.cached(missing)).rejects.toMatchObject({ code: 'not_found' })
    await expect(ctx.services.venues.cached(missing)).rejects.toMatchObject({ code: 'not_found' })
    expect(read).toHaveBeenCalledTimes(2)
  })
})
