import { eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { services } from './schema.js'

/** Adds a review's rating to the service's average (sign 1), or takes it out (-1). */
export async function moveServiceRating(ex: Executor, id: string, rating: number, sign: 1 | -1): Promise<void> {
  await ex
    .update(services)
    .set({ ratingCount: sql`${services.ratingCount} + ${sign}`, ratingTotal: sql`${services.ratingTotal} + ${sign * rating}` })
    .where(eq(services.id, id))
}
