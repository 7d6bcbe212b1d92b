import type { FastifyRequest } from 'fastify'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { AppError } from '../../http/errors.js'
import { idempotent, sendOutcome } from '../../http/idempotency.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, Page, errorResponses } from '../../http/schemas.js'
import type { AccessClaims } from '../auth/tokens.js'
import { EntryOut, JoinBody, JoinOut, ListQuery, NotifyBody, RemoveBody, SeatBody, StatusOut, TokenParams } from './schemas.js'
import { firstName, type EntryView, type WaitlistService } from './service.js'

const iso = (d: Date | null) => d?.toISOString() ?? null

function estimateOut(v: EntryView) {
  return {
    position: v.estimate?.position ?? null,
    estimated_wait_minutes: v.estimate?.waitMinutes ?? null,
    estimated_ready_at: iso(v.estimate?.readyAt ?? null),
  }
}

export const entryOut = (v: EntryView) => {
  const e = v.entry
  return {
    id: e.id,
    venue_id: e.venueId,
    user_id: e.userId,
    name: e.name,
    phone: e.phone,
    party_size: e.partySize,
    notes: e.notes,
    quoted_wait_minutes: e.quotedWaitMinutes,
    status: e.status,
    ...estimateOut(v),
    room_id: e.roomId,
    reservation_id: e.reservationId,
    notified_at: iso(e.notifiedAt),
    seated_at: iso(e.seatedAt),
    ended_at: iso(e.endedAt),
    archived_at: iso(e.archivedAt),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  }
}

export const statusUrl = (token: string) => `/api/v1/waitlist/status/${token}`

/**
 * The caller on a public route: signed in, anonymous, or — a token that does not verify —
 * refused, rather than quietly treated as anonymous.
 */
function optionalUser(req: FastifyRequest): AccessClaims | null {
  if (req.badToken) throw new AppError('invalid_token', 'The access token is invalid or expired')
  return req.principal
}

export async function waitlistRoutes(app: App, { waitlist }: { waitlist: WaitlistService }) {
  const tags = ['waitlist']
  const one = { 200: EntryOut, ...errorResponses }

  app.post(
    '/venues/:id/waitlist',
    { schema: { tags, params: IdParams, body: JoinBody, response: { 201: JoinOut, ...errorResponses }, security: [] } },
    async (req, reply) => {
      const view = await waitlist.join(optionalUser(req), req.params.id, req.body)
      return reply.code(201).send({ ...entryOut(view), token: view.entry.token, status_url: statusUrl(view.entry.token) })
    },
  )

  app.get(
    '/venues/:id/waitlist',
    { schema: { tags, params: IdParams, querystring: ListQuery, response: { 200: Page(EntryOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await waitlist.list(requireUser(req), req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(entryOut))
    },
  )

  app.get('/waitlist/status/:token', { schema: { tags, params: TokenParams, response: { 200: StatusOut, ...errorResponses }, security: [] } }, async (req) => {
    const view = await waitlist.status(req.params.token)
    return {
      venue_id: view.venue.id,
      venue_name: view.venue.name,
      name: firstName(view.entry.name),
      party_size: view.entry.partySize,
      status: view.entry.status,
      ...estimateOut(view),
      quoted_wait_minutes: view.entry.quotedWaitMinutes,
      joined_at: view.entry.createdAt.toISOString(),
    }
  })

  app.post(
    '/waitlist/:id/notify',
    { schema: { tags, summary: '→ notified (texts the party)', params: IdParams, body: NotifyBody, response: one, 'x-body-optional': true } },
    async (req) => entryOut(await waitlist.notify(requireUser(req), req.params.id)),
  )

  app.post(
    '/waitlist/:id/remove',
    { schema: { tags, summary: '→ left | no_show', params: IdParams, body: RemoveBody, response: one, 'x-body-optional': true } },
    async (req) => entryOut(await waitlist.remove(requireUser(req), req.params.id, req.body.reason)),
  )

  // Seating into a room books it, so the POST honours Idempotency-Key like every booking.
  app.post(
    '/waitlist/:id/seat',
    {
      schema: {
        tags,
        summary: '→ seated (optionally into a room, as a checked-in reservation)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: SeatBody,
        response: one,
        'x-body-optional': true,
      },
    },
    async (req, reply) => {
      const who = requireUser(req)
      const outcome = await idempotent(waitlist.deps, req, `user:${who.userId}`, async () => ({
        status: 200,
        body: entryOut(await waitlist.seat(who, req.params.id, req.body)),
      }))
      return sendOutcome(reply, outcome)
    },
  )
}
