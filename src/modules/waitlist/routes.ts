import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, errorResponses, optionalBearer } from '../../http/schemas.js'
import { EntryOut, JoinBody, JoinOut, ListQuery, NotifyBody, RemoveBody, SeatBody, StatusOut, TokenParams, EntryPage } from './schemas.js'
import type { WaitlistService } from './service.js'
import { entryOut, joinOut, statusOut } from './views.js'

export async function waitlistRoutes(app: App, { waitlist }: { waitlist: WaitlistService }) {
  const tags = ['waitlist']
  const one = { 200: EntryOut, ...errorResponses }

  // Walk-ins join anonymously; a signed-in caller is identified (staff add parties for others).
  app.post(
    '/venues/:id/waitlist',
    {
      schema: {
        tags,
        operationId: 'joinWaitlist',
        summary: "Join a venue's walk-in queue",
        security: optionalBearer,
        params: IdParams,
        body: JoinBody,
        response: { 201: JoinOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(joinOut(await waitlist.join(req.principal, req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/waitlist',
    {
      schema: {
        tags,
        operationId: 'listWaitlist',
        summary: "A venue's walk-in queue (staff)",
        params: IdParams,
        querystring: ListQuery,
        response: { 200: EntryPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => waitlist.list(requireUser(req), req.params.id, req.query, page), entryOut),
  )

  app.get(
    '/waitlist/status/:token',
    {
      schema: {
        tags,
        operationId: 'getWaitlistStatus',
        summary: "A party's place in the queue, by its status link",
        security: [],
        params: TokenParams,
        response: { 200: StatusOut, ...errorResponses },
      },
    },
    async (req) => statusOut(await waitlist.status(req.params.token)),
  )

  app.post(
    '/waitlist/:id/notify',
    {
      schema: {
        tags,
        operationId: 'notifyWaitlistParty',
        summary: '→ notified (texts the party)',
        params: IdParams,
        body: NotifyBody,
        response: one,
        'x-body-optional': true,
      },
    },
    async (req) => entryOut(await waitlist.notify(requireUser(req), req.params.id)),
  )

  app.post(
    '/waitlist/:id/remove',
    {
      schema: {
        tags,
        operationId: 'removeWaitlistParty',
        summary: '→ left | no_show',
        params: IdParams,
        body: RemoveBody,
        response: one,
        'x-body-optional': true,
      },
    },
    async (req) => entryOut(await waitlist.remove(requireUser(req), req.params.id, req.body.reason)),
  )

  // Seating into a room books it, so the POST honours Idempotency-Key like every booking.
  app.post(
    '/waitlist/:id/seat',
    {
      schema: {
        tags,
        operationId: 'seatWaitlistParty',
        summary: '→ seated (optionally into a room, as a checked-in reservation)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: SeatBody,
        response: one,
        'x-body-optional': true,
      },
    },
    async (req, reply) => reply.idempotent(200, async () => entryOut(await waitlist.seat(requireUser(req), req.params.id, req.body))),
  )
}
