import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, errorResponses } from '../../http/schemas.js'
import type { CancellationService } from '../payments/cancellation.js'
import { CancelBody } from '../payments/schemas.js'
import type { ReservationQueries } from './queries.js'
import {
  CreateReservationBody,
  OwnListQuery,
  ReasonBody,
  RescheduleBody,
  ReservationListQuery,
  ReservationOut,
  ReservationPage,
  TrailQuery,
  TransitionPage,
} from './schemas.js'
import { transitionOut } from './trail.js'
import type { Action, FullReservation, ReservationService } from './service.js'
import { reservationOut } from './views.js'

interface Services {
  reservations: ReservationService
  queries: ReservationQueries
  reschedule: (who: ReturnType<typeof requireUser>, id: string, body: RescheduleBody) => Promise<FullReservation>
  cancellations: CancellationService
  paymentView: (r: FullReservation) => Promise<Record<string, unknown>>
}

type TransitionRequest = FastifyRequest<{ Params: { id: string }; Body: Static<typeof ReasonBody> }>

export async function reservationRoutes(app: App, { reservations, queries, reschedule, cancellations, paymentView }: Services) {
  const tags = ['reservations']
  const one = { 200: ReservationOut, ...errorResponses }
  const headers = IdempotencyHeaders
  // The detail view, and the answers to cancel and no-show (which move money), carry the payment
  // and what cancelling now would refund.
  const withMoney = async (r: FullReservation) => ({ ...reservationOut(r), ...(await paymentView(r)) })
  /** The staff transitions with nothing but a reason: one handler per target status. */
  const transition = (action: Action) => async (req: TransitionRequest, reply: FastifyReply) =>
    reply.idempotent(200, async () => reservationOut(await reservations.act(requireUser(req), req.params.id, action, req.body.reason ?? null)))
  const transitionSchema = (operationId: string, summary: string) => ({
    tags,
    operationId,
    summary,
    params: IdParams,
    headers,
    body: ReasonBody,
    response: one,
    'x-body-optional': true,
  })

  app.post(
    '/reservations',
    {
      schema: {
        tags,
        operationId: 'createReservation',
        summary: 'Hold one or more items (slots, stays) as one reservation',
        body: CreateReservationBody,
        headers,
        response: { 201: ReservationOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.idempotent(
        201,
        async () => reservationOut(await reservations.create(requireUser(req), req.body)),
        (store) => reservations.createKeyed(requireUser(req), req.body, store, reservationOut),
      ),
  )

  app.get(
    '/reservations',
    {
      schema: {
        tags,
        operationId: 'listReservations',
        summary: 'Reservations the caller may see, filtered',
        querystring: ReservationListQuery,
        response: { 200: ReservationPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => queries.list(requireUser(req), req.query, page), reservationOut),
  )

  app.get(
    '/reservations/upcoming',
    {
      schema: {
        tags,
        operationId: 'listUpcomingReservations',
        summary: "The caller's reservations still to come",
        querystring: OwnListQuery,
        response: { 200: ReservationPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => queries.upcoming(requireUser(req), page), reservationOut),
  )

  app.get(
    '/reservations/history',
    {
      schema: {
        tags,
        operationId: 'listPastReservations',
        summary: "The caller's past reservations",
        querystring: OwnListQuery,
        response: { 200: ReservationPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => queries.history(requireUser(req), page), reservationOut),
  )

  app.get(
    '/reservations/:id',
    {
      schema: {
        tags,
        operationId: 'getReservation',
        summary: 'Read a reservation, with its payment and what cancelling now would refund',
        params: IdParams,
        response: one,
      },
    },
    async (req) => withMoney(await reservations.get(requireUser(req), req.params.id)),
  )

  app.get(
    '/reservations/:id/history',
    {
      schema: {
        tags,
        operationId: 'getReservationHistory',
        summary: 'The audit trail: every transition with who, when, from, to and why',
        params: IdParams,
        querystring: TrailQuery,
        response: { 200: TransitionPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => reservations.history(requireUser(req), req.params.id, page), transitionOut),
  )

  app.post('/reservations/:id/confirm', { schema: transitionSchema('confirmReservation', '→ confirmed (staff)') }, transition('confirm'))
  app.post('/reservations/:id/check-in', { schema: transitionSchema('checkInReservation', '→ checked_in (staff)') }, transition('check-in'))
  app.post('/reservations/:id/complete', { schema: transitionSchema('completeReservation', '→ completed (staff)') }, transition('complete'))

  app.post(
    '/reservations/:id/no-show',
    { schema: { ...transitionSchema('markReservationNoShow', '→ no_show (staff); the policy decides what is kept'), body: CancelBody } },
    async (req, reply) => reply.idempotent(200, async () => withMoney(await cancellations.noShow(requireUser(req), req.params.id, req.body.reason ?? null))),
  )

  app.post(
    '/reservations/:id/cancel',
    { schema: { ...transitionSchema('cancelReservation', '→ cancelled, refunding what the policy allows'), body: CancelBody } },
    async (req, reply) => reply.idempotent(200, async () => withMoney(await cancellations.cancel(requireUser(req), req.params.id, req.body))),
  )

  app.post(
    '/reservations/:id/reschedule',
    {
      schema: {
        tags,
        operationId: 'rescheduleReservation',
        summary: 'Move an item to a new time or new dates',
        params: IdParams,
        headers,
        body: RescheduleBody,
        response: one,
      },
    },
    async (req, reply) => reply.idempotent(200, async () => reservationOut(await reschedule(requireUser(req), req.params.id, req.body))),
  )
}
