import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses, optionalBearer } from '../../http/schemas.js'
import { mediaUrl } from '../media/views.js'
import type { Post } from './access.js'
import type { Comment, CommentService } from './comments.js'
import type { PostExtras } from './queries.js'
import {
  CommentBody,
  CommentListQuery,
  CommentOut,
  CommentPage,
  CommentParams,
  CreatePostBody,
  FeedQuery,
  PostOut,
  PostPage,
  ToggleBody,
  UpdatePostBody,
} from './schemas.js'
import type { PostService, PostsOut } from './service.js'

const postOut = (p: Post, extras: PostExtras) => {
  const media = extras.media.get(p.id) ?? []
  return {
    id: p.id,
    practitioner_id: p.practitionerId,
    author_id: p.authorId,
    title: p.title,
    body: p.body,
    visibility: p.visibility,
    media_ids: media,
    media_urls: media.map(mediaUrl),
    like_count: p.likeCount,
    save_count: p.saveCount,
    comment_count: p.commentCount,
    liked_by_me: extras.liked.has(p.id),
    saved_by_me: extras.saved.has(p.id),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  }
}
const onePost = (out: PostsOut) => postOut(out.rows[0]!, out)

const commentOut = (c: Comment) => ({ id: c.id, post_id: c.postId, user_id: c.userId, body: c.body, created_at: c.createdAt.toISOString() })

export async function streamRoutes(app: App, { posts, comments }: { posts: PostService; comments: CommentService }) {
  const tags = ['streams']

  app.post(
    '/streams',
    {
      schema: {
        tags,
        operationId: 'createPost',
        summary: 'Publish a post in a verified practitioner’s stream (their staff)',
        body: CreatePostBody,
        response: { 201: PostOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(onePost(await posts.create(requireUser(req), req.body))),
  )

  app.get(
    '/streams',
    {
      schema: {
        tags,
        operationId: 'listPosts',
        summary: 'The feed: posts I may read, newest first; one practitioner’s, or the ones I saved',
        security: optionalBearer,
        querystring: FeedQuery,
        response: { 200: PostPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => posts.feed(req.principal ?? undefined, req.query, page), postOut),
  )

  app.get(
    '/streams/:id',
    {
      schema: {
        tags,
        operationId: 'getPost',
        summary: 'Read a post (customers-only posts: the practitioner’s customers and staff; others get 404)',
        security: optionalBearer,
        params: IdParams,
        response: { 200: PostOut, ...errorResponses },
      },
    },
    async (req) => onePost(await posts.get(req.principal ?? undefined, req.params.id)),
  )

  app.put(
    '/streams/:id',
    {
      schema: {
        tags,
        operationId: 'updatePost',
        summary: 'Change a post (the practitioner’s staff); media_ids replaces its uploads',
        params: IdParams,
        body: UpdatePostBody,
        response: { 200: PostOut, ...errorResponses },
      },
    },
    async (req) => onePost(await posts.update(requireUser(req), req.params.id, req.body)),
  )

  app.delete(
    '/streams/:id',
    {
      schema: {
        tags,
        operationId: 'deletePost',
        summary: 'Delete a post with its likes, saves and comments (the practitioner’s staff)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await posts.remove(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.put(
    '/streams/:id/like',
    {
      schema: {
        tags,
        operationId: 'likePost',
        summary: 'Like a post (idempotent: liking twice is one like)',
        params: IdParams,
        body: ToggleBody,
        'x-body-optional': true,
        response: { 200: PostOut, ...errorResponses },
      },
    },
    async (req) => onePost(await posts.toggle(requireUser(req), req.params.id, 'like', true)),
  )

  app.delete(
    '/streams/:id/like',
    {
      schema: {
        tags,
        operationId: 'unlikePost',
        summary: 'Take back my like (idempotent)',
        params: IdParams,
        response: { 200: PostOut, ...errorResponses },
      },
    },
    async (req) => onePost(await posts.toggle(requireUser(req), req.params.id, 'like', false)),
  )

  app.put(
    '/streams/:id/save',
    {
      schema: {
        tags,
        operationId: 'savePost',
        summary: 'Save a post to my saved feed (idempotent)',
        params: IdParams,
        body: ToggleBody,
        'x-body-optional': true,
        response: { 200: PostOut, ...errorResponses },
      },
    },
    async (req) => onePost(await posts.toggle(requireUser(req), req.params.id, 'save', true)),
  )

  app.delete(
    '/streams/:id/save',
    {
      schema: {
        tags,
        operationId: 'unsavePost',
        summary: 'Take a post out of my saved feed (idempotent)',
        params: IdParams,
        response: { 200: PostOut, ...errorResponses },
      },
    },
    async (req) => onePost(await posts.toggle(requireUser(req), req.params.id, 'save', false)),
  )

  app.get(
    '/streams/:id/comments',
    {
      schema: {
        tags,
        operationId: 'listPostComments',
        summary: 'A post’s comments, oldest first',
        security: optionalBearer,
        params: IdParams,
        querystring: CommentListQuery,
        response: { 200: CommentPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => comments.list(req.principal ?? undefined, req.params.id, page), commentOut),
  )

  app.post(
    '/streams/:id/comments',
    {
      schema: {
        tags,
        operationId: 'commentOnPost',
        summary: 'Comment on a post I may read; the practitioner is told in their inbox',
        params: IdParams,
        body: CommentBody,
        response: { 201: CommentOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(commentOut(await comments.add(requireUser(req), req.params.id, req.body.body))),
  )

  app.delete(
    '/streams/:id/comments/:comment_id',
    {
      schema: {
        tags,
        operationId: 'deletePostComment',
        summary: 'Remove a comment (its author, or the practitioner’s staff moderating)',
        params: CommentParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await comments.remove(requireUser(req), req.params.id, req.params.comment_id)
      return reply.code(204).send(null)
    },
  )
}
