import { inArray } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { waitlistEntries } from './schema.js'
import type { WaitlistEntry } from './service.js'

/** The waitlist entries with these ids: how other modules read them (notifications text the party). */
export function entriesByIds(ex: Executor, ids: readonly string[]): Promise<WaitlistEntry[]> {
  if (ids.length === 0) return Promise.resolve([])
  return ex
    .select()
    .from(waitlistEntries)
    .where(inArray(waitlistEntries.id, [...new Set(ids)]))
}
