import { IANAZone } from '../../luxon.js'
import { invalidInput } from '../../http/errors.js'
import type { users } from './schema.js'

/** Preferences are a client's small settings, not a document store: at most 4 KiB of JSON, 4 levels deep. */
export const PREFERENCES_MAX_BYTES = 4096
export const PREFERENCES_MAX_DEPTH = 4

/** What `PUT /auth/user` may change; everything else about an account is someone else's to set. */
export interface ProfilePatch {
  name?: string
  phone?: string | null
  bio?: string | null
  avatar_url?: string | null
  avatar_media_id?: string | null
  timezone?: string | null
  location?: string | null
  preferences?: Record<string, unknown>
}

type ProfileColumns = Partial<
  Pick<typeof users.$inferInsert, 'name' | 'phone' | 'bio' | 'avatarUrl' | 'avatarMediaId' | 'timezone' | 'location' | 'preferences'>
>

/** The columns a profile change writes, after the checks its schema cannot make (400 otherwise). */
export function profileColumns(patch: ProfilePatch): ProfileColumns {
  if (patch.timezone != null && !IANAZone.isValidZone(patch.timezone)) {
    throw invalidInput('Unknown time zone', { field: 'timezone', value: patch.timezone })
  }
  if (patch.preferences !== undefined) checkPreferences(patch.preferences)
  if (patch.avatar_url != null && patch.avatar_media_id != null) {
    throw invalidInput('An avatar is a URL or an upload, not both', { field: 'avatar_media_id' })
  }
  return {
    name: patch.name,
    phone: patch.phone,
    bio: patch.bio,
    // A profile has one avatar: setting either kind clears the other.
    avatarUrl: patch.avatar_media_id != null ? null : patch.avatar_url,
    avatarMediaId: patch.avatar_url != null ? null : patch.avatar_media_id,
    timezone: patch.timezone,
    location: patch.location,
    preferences: patch.preferences,
  }
}

function checkPreferences(preferences: Record<string, unknown>): void {
  // Depth first, without recursion: a body may nest far deeper than a call stack.
  if (nestsDeeperThan(preferences, PREFERENCES_MAX_DEPTH)) {
    throw invalidInput(`Preferences may nest at most ${PREFERENCES_MAX_DEPTH} levels deep`, { field: 'preferences', max_depth: PREFERENCES_MAX_DEPTH })
  }
  if (Buffer.byteLength(JSON.stringify(preferences)) > PREFERENCES_MAX_BYTES) {
    throw invalidInput(`Preferences may hold at most ${PREFERENCES_MAX_BYTES} bytes of JSON`, { field: 'preferences', max_bytes: PREFERENCES_MAX_BYTES })
  }
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object'

/** Whether objects and arrays nest more than `limit` levels: `{}` is one level, `{"a": []}` two. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  let level = [value].filter(isContainer)
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > limit) return true
    level = level.flatMap((c): unknown[] => (Array.isArray(c) ? (c as unknown[]) : Object.values(c))).filter(isContainer)
  }
  return false
}
