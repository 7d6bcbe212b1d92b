import type { Venue } from '../venues/service.js'
import { firstName, type EntryView } from './service.js'

const iso = (d: Date | null) => d?.toISOString() ?? null

function estimateOut(v: EntryView) {
  return {
    position: v.estimate?.position ?? null,
    estimated_wait_minutes: v.estimate?.waitMinutes ?? null,
    estimated_ready_at: iso(v.estimate?.readyAt ?? null),
  }
}

/** An entry as the venue's staff see it. */
export const entryOut = (v: EntryView) => {
  const e = v.entry
  return {
    id: e.id,
    venue_id: e.venueId,
    user_id: e.userId,
    name: e.name,
    phone: e.phone,
    party_size: e.partySize,
    notes: e.notes,
    quoted_wait_minutes: e.quotedWaitMinutes,
    status: e.status,
    ...estimateOut(v),
    room_id: e.roomId,
    reservation_id: e.reservationId,
    notified_at: iso(e.notifiedAt),
    seated_at: iso(e.seatedAt),
    ended_at: iso(e.endedAt),
    archived_at: iso(e.archivedAt),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  }
}

export const statusUrl = (token: string) => `/api/v1/waitlist/status/${token}`

/** The answer to joining: the entry, and the link the party follows its place with. */
export const joinOut = (v: EntryView) => ({ ...entryOut(v), token: v.entry.token, status_url: statusUrl(v.entry.token) })

/** What the status link shows anyone holding it: no phone, no notes, the first name only. */
export const statusOut = (v: EntryView & { venue: Venue }) => ({
  venue_id: v.venue.id,
  venue_name: v.venue.name,
  name: firstName(v.entry.name),
  party_size: v.entry.partySize,
  status: v.entry.status,
  ...estimateOut(v),
  quoted_wait_minutes: v.entry.quotedWaitMinutes,
  joined_at: v.entry.createdAt.toISOString(),
})
