import type { CalendarFeed } from './feeds.js'

export const feedOut = (f: CalendarFeed) => ({ id: f.id, kind: f.kind, subject_id: f.subjectId, created_at: f.createdAt.toISOString() })

/** The feed's URLs, under the public base URL: https for Google, webcal for Apple and Outlook. */
export function createdFeedOut(f: CalendarFeed, token: string, publicUrl: string) {
  const url = `${publicUrl}/api/v1/calendar-feeds/${token}.ics`
  return { ...feedOut(f), url, webcal_url: url.replace(/^https?:/, 'webcal:') }
}
