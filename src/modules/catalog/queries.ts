import { eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { services } from './schema.js'
import type { Service } from './service.js'

/** Adds a review's rating to the service's average (sign 1), or takes it out (-1). */
export async function moveServiceRating(ex: Executor, id: string, rating: number, sign: 1 | -1): Promise<void> {
  await ex
    .update(services)
    .set({ ratingCount: sql`${services.ratingCount} + ${sign}`, ratingTotal: sql`${services.ratingTotal} + ${sign * rating}` })
    .where(eq(services.id, id))
}

/** Services by id, whatever their state (a package shows what it holds, archived or not). */
export async function servicesByIds(ex: Executor, ids: readonly string[]): Promise<Map<string, Service>> {
  if (ids.length === 0) return new Map()
  const rows = await ex
    .select()
    .from(services)
    .where(inArray(services.id, [...new Set(ids)]))
  return new Map(rows.map((s) => [s.id, s]))
}
