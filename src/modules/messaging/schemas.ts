import { Type, type Static } from 'typebox'
import { Instant, Nullable, Page, PageQuery, Uuid, named } from '../../http/schemas.js'
import { MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH } from './schema.js'

const Text = Type.String({ maxLength: MAX_MESSAGE_LENGTH, description: `at most ${MAX_MESSAGE_LENGTH} characters` })
const MediaIds = Type.Array(Uuid, {
  maxItems: MAX_ATTACHMENTS,
  uniqueItems: true,
  description: `uploads of purpose \`message\` made by the sender, at most ${MAX_ATTACHMENTS}`,
})

/** A message: text, attachments or both (an empty one is refused). */
export const SendBody = Type.Object({ text: Type.Optional(Text), media_ids: Type.Optional(MediaIds) }, { additionalProperties: false })
export type SendBody = Static<typeof SendBody>

export const OpenBody = Type.Object(
  {
    venue_id: Type.Optional(Uuid),
    practitioner_id: Type.Optional(Type.Unsafe<string>({ ...Uuid, description: 'instead of venue_id: the practitioner’s business' })),
    customer_id: Type.Optional(Type.Unsafe<string>({ ...Uuid, description: 'staff only, with venue_id: a customer who has booked at the venue' })),
    text: Type.Optional(Text),
    media_ids: Type.Optional(MediaIds),
  },
  { additionalProperties: false },
)
export type OpenBody = Static<typeof OpenBody>

export const ReadBody = Type.Object(
  { message_id: Type.Optional(Type.Unsafe<string>({ ...Uuid, description: 'read up to this message; the latest by default' })) },
  { additionalProperties: false },
)

export const ConversationListQuery = Type.Object({ page: PageQuery.page, page_size: PageQuery.page_size }, { additionalProperties: false })
export const HistoryQuery = Type.Object(
  {
    before: Type.Optional(Type.Unsafe<string>({ ...Uuid, description: 'a message id: the messages sent before it' })),
    page_size: PageQuery.page_size,
  },
  { additionalProperties: false },
)

const Side = Type.Union([Type.Literal('customer'), Type.Literal('venue')])

export const MessageOut = named(
  'Message',
  Type.Object({
    id: Uuid,
    conversation_id: Uuid,
    sender_id: Uuid,
    sender_side: Side,
    text: Type.String(),
    media_ids: Type.Array(Uuid),
    created_at: Instant,
  }),
)

export const ConversationOut = named(
  'Conversation',
  Type.Object({
    id: Uuid,
    customer: Type.Object({ id: Uuid, name: Type.String() }),
    venue: Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }),
    my_side: Side,
    last_message: Nullable(MessageOut),
    unread_count: Type.Integer({ minimum: 0, description: 'messages of the other side after my read marker' }),
    created_at: Instant,
  }),
)
export const ConversationPage = Page(ConversationOut)
export const MessagePage = Page(MessageOut)

export const ReadOut = Type.Object({
  conversation_id: Uuid,
  read_through: Nullable(Type.Unsafe<string>({ ...Uuid, description: 'the last message read' })),
  unread_count: Type.Integer({ minimum: 0 }),
})
