import { Type } from 'typebox'
import { Instant, Nullable, Page, PageQuery, Uuid, named } from '../../http/schemas.js'

export const CreateReviewBody = Type.Object(
  { reservation_id: Uuid, rating: Type.Integer({ minimum: 1, maximum: 5 }), text: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
)
export const ReplyBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false })
export const HideBody = Type.Object({}, { additionalProperties: false })
export const ReviewListQuery = Type.Object({ page: PageQuery.page, page_size: PageQuery.page_size }, { additionalProperties: false })

export const ReviewOut = named(
  'Review',
  Type.Object({
    id: Uuid,
    reservation_id: Uuid,
    practitioner_id: Uuid,
    service_id: Uuid,
    rating: Type.Integer(),
    text: Type.String(),
    reply: Nullable(Type.String()),
    replied_at: Nullable(Instant),
    hidden: Type.Boolean(),
    created_at: Instant,
  }),
)
export const ReviewPage = Page(ReviewOut)
