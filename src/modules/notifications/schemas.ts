import { Type, type Static } from 'typebox'
import { Instant, Nullable, Ordering, PageQuery, Uuid, named, Page } from '../../http/schemas.js'
import { notificationChannels, notificationStatuses } from './schema.js'
import { templates } from './templates.js'

const Template = Type.Union(templates.map((t) => Type.Literal(t)))

export const InboxQuery = Type.Object(
  {
    ...PageQuery,
    unread: Type.Optional(Type.Boolean({ description: 'only messages not marked read' })),
    ordering: Ordering(['created_at']),
  },
  { additionalProperties: false },
)
export type InboxQuery = Static<typeof InboxQuery>

export const VenueLogQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.Union(notificationStatuses.map((s) => Type.Literal(s)))),
    channel: Type.Optional(Type.Union(notificationChannels.map((c) => Type.Literal(c)))),
    template: Type.Optional(Template),
    ordering: Ordering(['created_at']),
  },
  { additionalProperties: false },
)
export type VenueLogQuery = Static<typeof VenueLogQuery>

/** Marking read takes no fields; a bare POST is fine. */
export const ReadBody = Type.Object({}, { additionalProperties: false })

export const InboxItemOut = named(
  'InboxMessage',
  Type.Object({
    id: Uuid,
    template: Type.String(),
    subject: Nullable(Type.String()),
    body: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
    venue_id: Nullable(Uuid),
    subject_id: Nullable(Uuid),
    created_at: Instant,
    read_at: Nullable(Instant),
  }),
)

export const LogItemOut = named(
  'NotificationLogEntry',
  Type.Object({
    id: Uuid,
    channel: Type.String(),
    recipient: Type.String(),
    template: Type.String(),
    subject: Nullable(Type.String()),
    body: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    last_error: Nullable(Type.String()),
    provider_id: Nullable(Type.String()),
    user_id: Nullable(Uuid),
    subject_id: Nullable(Uuid),
    created_at: Instant,
    next_attempt_at: Nullable(Instant),
    sent_at: Nullable(Instant),
    read_at: Nullable(Instant),
  }),
)

export const InboxItemPage = Page(InboxItemOut)

export const LogItemPage = Page(LogItemOut)
