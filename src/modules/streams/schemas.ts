import { Type } from 'typebox'
import { Instant, Page, PageQuery, PatchOf, Uuid, named } from '../../http/schemas.js'

const Visibility = Type.Union([Type.Literal('public'), Type.Literal('customers')], {
  description: 'public: anyone; customers: people with a confirmed, checked-in or completed booking with the practitioner, and their staff',
})
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const PostFields = {
  title: Title,
  body: Type.Optional(Type.String({ maxLength: 10000 })),
  visibility: Type.Optional(Visibility),
  media_ids: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true, description: 'uploads of purpose post, by the caller, in order' })),
}

export const CreatePostBody = Type.Object({ practitioner_id: Uuid, ...PostFields }, { additionalProperties: false })
export const UpdatePostBody = PatchOf(Type.Object(PostFields))
/** Liking and saving take no fields; a bare PUT is fine. */
export const ToggleBody = Type.Object({}, { additionalProperties: false })
export const CommentBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false })

export const FeedQuery = Type.Object(
  {
    page: PageQuery.page,
    page_size: PageQuery.page_size,
    practitioner_id: Type.Optional(Uuid),
    saved: Type.Optional(Type.Boolean({ description: 'only the posts I saved (signed in)' })),
  },
  { additionalProperties: false },
)
export const CommentListQuery = Type.Object({ page: PageQuery.page, page_size: PageQuery.page_size }, { additionalProperties: false })
export const CommentParams = Type.Object({ id: Uuid, comment_id: Uuid })

export const PostOut = named(
  'Post',
  Type.Object({
    id: Uuid,
    practitioner_id: Uuid,
    author_id: Uuid,
    title: Type.String(),
    body: Type.String(),
    visibility: Visibility,
    media_ids: Type.Array(Uuid),
    media_urls: Type.Array(Type.String(), { description: 'where each upload is read, in order' }),
    like_count: Type.Integer(),
    save_count: Type.Integer(),
    comment_count: Type.Integer(),
    liked_by_me: Type.Boolean(),
    saved_by_me: Type.Boolean(),
    created_at: Instant,
    updated_at: Instant,
  }),
)
export const PostPage = Page(PostOut)

export const CommentOut = named('PostComment', Type.Object({ id: Uuid, post_id: Uuid, user_id: Uuid, body: Type.String(), created_at: Instant }))
export const CommentPage = Page(CommentOut)
