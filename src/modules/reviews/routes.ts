import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import { CreateReviewBody, HideBody, ReplyBody, ReviewListQuery, ReviewOut, ReviewPage } from './schemas.js'
import type { Review, ReviewService } from './service.js'

const reviewOut = (r: Review) => ({
  id: r.id,
  reservation_id: r.reservationId,
  practitioner_id: r.practitionerId,
  service_id: r.serviceId,
  rating: r.rating,
  text: r.text,
  reply: r.reply,
  replied_at: r.repliedAt?.toISOString() ?? null,
  hidden: r.hiddenAt !== null,
  created_at: r.createdAt.toISOString(),
})

export async function reviewRoutes(app: App, { reviews }: { reviews: ReviewService }) {
  const tags = ['reviews']

  app.post(
    '/reviews',
    {
      schema: {
        tags,
        operationId: 'createReview',
        summary: 'Review a completed booking (its customer, once)',
        body: CreateReviewBody,
        response: { 201: ReviewOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(reviewOut(await reviews.create(requireUser(req), req.body))),
  )

  app.post(
    '/reviews/:id/reply',
    {
      schema: {
        tags,
        operationId: 'replyToReview',
        summary: 'Answer a review (the practitioner’s staff, once)',
        params: IdParams,
        body: ReplyBody,
        response: { 200: ReviewOut, ...errorResponses },
      },
    },
    async (req) => reviewOut(await reviews.reply(requireUser(req), req.params.id, req.body.text)),
  )

  app.post(
    '/reviews/:id/hide',
    {
      schema: {
        tags,
        operationId: 'hideReview',
        summary: 'Hide a review from the list and the averages (admin)',
        params: IdParams,
        body: HideBody,
        response: { 200: ReviewOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => reviewOut(await reviews.hide(requireUser(req), req.params.id)),
  )

  app.get(
    '/practitioners/:id/reviews',
    {
      schema: {
        tags,
        operationId: 'listPractitionerReviews',
        summary: 'A practitioner’s reviews, newest first',
        security: [],
        params: IdParams,
        querystring: ReviewListQuery,
        response: { 200: ReviewPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => reviews.ofPractitioner(req.params.id, page), reviewOut),
  )
}
