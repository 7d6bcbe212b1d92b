import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AccessClaims } from '../auth/tokens.js'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { idempotent, sendOutcome } from '../../http/idempotency.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, Page, errorResponses } from '../../http/schemas.js'
import type { Deps } from '../../deps.js'
import { nightCount } from '../pricing/stay-price.js'
import type { ReservationQueries } from './queries.js'
import type { CancellationService } from '../payments/cancellation.js'
import { CancelBody } from '../payments/schemas.js'
import { CreateReservationBody, OwnListQuery, ReasonBody, RescheduleBody, ReservationListQuery, ReservationOut } from './schemas.js'
import { actions, moneyActions, type Action, type MoneyAction, type FullReservation, type ReservationItem, type ReservationService } from './service.js'

function itemOut(i: ReservationItem, currency: string) {
  const common = { id: i.id, start: i.startsAt.toISOString(), end: i.endsAt.toISOString(), price: { amount: i.priceAmount, currency } }
  if (i.kind === 'slot') return { ...common, kind: 'slot' as const, room_id: i.roomId! }
  return {
    ...common,
    kind: 'stay' as const,
    room_type_id: i.roomTypeId!,
    rate_plan_id: i.ratePlanId,
    arrival: i.arrival!,
    departure: i.departure!,
    nights: nightCount(i.arrival!, i.departure!),
    quantity: i.quantity,
    guests: i.guests!,
  }
}

export const reservationOut = (r: FullReservation) => ({
  id: r.id,
  venue_id: r.venueId,
  user_id: r.userId,
  status: r.status,
  items: r.items.map((i) => itemOut(i, r.currency)),
  party_size: r.partySize,
  notes: r.notes,
  guest: r.guest ?? null,
  total: { amount: r.totalAmount, currency: r.currency },
  quote: r.quote,
  hold_expires_at: r.holdExpiresAt?.toISOString() ?? null,
  start: r.startsAt.toISOString(),
  end: r.endsAt.toISOString(),
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

interface Services {
  deps: Deps
  reservations: ReservationService
  queries: ReservationQueries
  reschedule: (who: ReturnType<typeof requireUser>, id: string, body: RescheduleBody) => Promise<FullReservation>
  cancellations: CancellationService
  paymentView: (r: FullReservation) => Promise<Record<string, unknown>>
}

export async function reservationRoutes(app: App, { deps, reservations, queries, reschedule, cancellations, paymentView }: Services) {
  const tags = ['reservations']
  const one = { 200: ReservationOut, ...errorResponses }
  const headers = IdempotencyHeaders

  /** Every POST that takes or moves inventory honours Idempotency-Key the same way. */
  async function replayable(
    req: FastifyRequest,
    reply: FastifyReply,
    who: AccessClaims,
    status: number,
    run: () => Promise<FullReservation>,
    withPayment = false,
  ) {
    const outcome = await idempotent(deps, req, `user:${who.userId}`, async () => {
      const r = await run()
      return { status, body: { ...reservationOut(r), ...(withPayment ? await paymentView(r) : {}) } }
    })
    return sendOutcome(reply, outcome)
  }

  app.post(
    '/reservations',
    {
      schema: {
        tags,
        body: CreateReservationBody,
        headers,
        response: { 201: ReservationOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const who = requireUser(req)
      return replayable(req, reply, who, 201, () => reservations.create(who, req.body))
    },
  )

  app.get('/reservations', { schema: { tags, querystring: ReservationListQuery, response: { 200: Page(ReservationOut), ...errorResponses } } }, async (req) => {
    const page = pageParams(req.query)
    const { rows, count } = await queries.list(requireUser(req), req.query, page)
    return pageOf(req.url, page, count, rows.map(reservationOut))
  })

  for (const view of ['upcoming', 'history'] as const) {
    app.get(
      `/reservations/${view}`,
      { schema: { tags, querystring: OwnListQuery, response: { 200: Page(ReservationOut), ...errorResponses } } },
      async (req) => {
        const page = pageParams(req.query)
        const { rows, count } = await queries[view](requireUser(req), page)
        return pageOf(req.url, page, count, rows.map(reservationOut))
      },
    )
  }

  app.get('/reservations/:id', { schema: { tags, params: IdParams, response: one } }, async (req) => {
    const r = await reservations.get(requireUser(req), req.params.id)
    return { ...reservationOut(r), ...(await paymentView(r)) }
  })

  // Cancelling and no-shows move money too: the policy's refund is part of the same change.
  const withMoney = {
    cancel: (who: AccessClaims, id: string, body: CancelBody) => cancellations.cancel(who, id, body),
    'no-show': (who: AccessClaims, id: string, body: CancelBody) => cancellations.noShow(who, id, body.reason ?? null),
  } satisfies Record<MoneyAction, (who: AccessClaims, id: string, body: CancelBody) => Promise<FullReservation>>
  const allActions = { ...actions, ...moneyActions }

  for (const action of Object.keys(allActions) as (Action | MoneyAction)[]) {
    const run = action in withMoney ? withMoney[action as MoneyAction] : undefined
    app.post(
      `/reservations/:id/${action}`,
      {
        schema: {
          tags,
          summary: `→ ${allActions[action].to}`,
          params: IdParams,
          headers,
          body: action === 'cancel' ? CancelBody : ReasonBody,
          response: one,
          'x-body-optional': true,
        },
      },
      async (req, reply) => {
        const who = requireUser(req)
        if (run) return replayable(req, reply, who, 200, () => run(who, req.params.id, req.body), true)
        return replayable(req, reply, who, 200, () => reservations.act(who, req.params.id, action as Action, req.body.reason ?? null))
      },
    )
  }

  app.post('/reservations/:id/reschedule', { schema: { tags, params: IdParams, headers, body: RescheduleBody, response: one } }, async (req, reply) => {
    const who = requireUser(req)
    return replayable(req, reply, who, 200, () => reschedule(who, req.params.id, req.body))
  })
}
