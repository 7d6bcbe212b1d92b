import { Type, type Static } from 'typebox'
import { Instant, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import { feedKinds } from './schema.js'

const Kind = Type.Enum([...feedKinds], {
  description: 'customer: your own bookings; room: a room you staff; practitioner: a practitioner you work for',
})

export const FeedBody = Type.Object(
  {
    kind: Kind,
    id: Type.Optional({ ...Uuid, description: 'the room or practitioner (for a practitioner, default: your own profile)' }),
  },
  { additionalProperties: false },
)
export type FeedBody = Static<typeof FeedBody>

export const FeedListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

const feedFields = {
  id: Uuid,
  kind: Kind,
  subject_id: { ...Uuid, description: 'whose bookings it lists: your user id, the room, the practitioner' },
  created_at: Instant,
}

export const FeedOut = named('CalendarFeed', Type.Object(feedFields))
export const FeedPage = Page(FeedOut)

export const CreatedFeedOut = named(
  'CreatedCalendarFeed',
  Type.Object({
    ...feedFields,
    url: Type.String({ description: 'the private feed URL, shown this once: subscribe to it from a calendar app' }),
    webcal_url: Type.String({ description: 'the same URL with webcal://, which Apple Calendar and Outlook open as a subscription' }),
  }),
)

/** The secret part of a feed URL: 32 random bytes, base64url. */
export const FeedTokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) }, { additionalProperties: false })
