import type { App } from '../../app.js'
import type { Deps } from '../../deps.js'
import { requireUser } from '../../http/auth-guard.js'
import { idempotent, sendOutcome } from '../../http/idempotency.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, Page, errorResponses } from '../../http/schemas.js'
import { DEFAULT_POLICY } from '../pricing/cancellation-policy.js'
import type { ReservationQueries } from '../reservations/queries.js'
import { reservationOut } from '../reservations/routes.js'
import { ReservationOut } from '../reservations/schemas.js'
import type { InventoryService } from './inventory.js'
import type { StayReports } from './reports.js'
import type { RatePlan, RoomTypeService, VenueRoomType } from './room-types.js'
import {
  CreateRatePlanBody,
  CreateRoomTypeBody,
  DayQuery,
  InventoryEditBody,
  InventoryOut,
  NightRange,
  OccupancyOut,
  PageOnlyQuery,
  PreloadOut,
  RatePlanOut,
  RoomTypeListQuery,
  RoomTypeOut,
  StaySearchOut,
  StaySearchQuery,
  UpdateRoomTypeBody,
} from './schemas.js'
import type { StaySearch } from './search.js'
import type { Venue } from '../venues/service.js'

interface Services {
  deps: Deps
  roomTypes: RoomTypeService
  inventory: InventoryService
  staySearch: StaySearch
  stayReports: StayReports
  queries: ReservationQueries
}

export const roomTypeOut = (t: VenueRoomType) => ({
  id: t.id,
  venue_id: t.venueId,
  name: t.name,
  total_units: t.totalUnits,
  max_occupancy: t.maxOccupancy,
  base_rate: { amount: t.baseRate, currency: t.venue.currency },
  amenities: t.amenities,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
})

const ratePlanOut = (p: RatePlan, venue: Venue) => ({
  id: p.id,
  room_type_id: p.roomTypeId,
  name: p.name,
  description: p.description,
  cancellation_policy: p.cancellationPolicy ?? venue.cancellationPolicy ?? DEFAULT_POLICY,
  own_policy: p.cancellationPolicy !== null,
  adjustment_percent: p.adjustmentPercent,
  created_at: p.createdAt.toISOString(),
})

export async function stayRoutes(app: App, { deps, roomTypes, inventory, staySearch, stayReports, queries }: Services) {
  const tags = ['stays']

  app.post(
    '/venues/:id/room-types',
    { schema: { tags, params: IdParams, body: CreateRoomTypeBody, response: { 201: RoomTypeOut, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(roomTypeOut(await roomTypes.create(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/room-types',
    { schema: { tags, params: IdParams, querystring: RoomTypeListQuery, response: { 200: Page(RoomTypeOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await roomTypes.list(req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(roomTypeOut))
    },
  )

  app.get('/room-types/:id', { schema: { tags, params: IdParams, response: { 200: RoomTypeOut, ...errorResponses } } }, async (req) =>
    roomTypeOut(await roomTypes.get(req.params.id)),
  )

  app.patch(
    '/room-types/:id',
    { schema: { tags, params: IdParams, body: UpdateRoomTypeBody, response: { 200: RoomTypeOut, ...errorResponses } } },
    async (req) => roomTypeOut(await roomTypes.update(requireUser(req), req.params.id, req.body)),
  )

  app.post(
    '/room-types/:id/rate-plans',
    { schema: { tags, params: IdParams, body: CreateRatePlanBody, response: { 201: RatePlanOut, ...errorResponses } } },
    async (req, reply) => {
      const { plan, venue } = await roomTypes.createPlan(requireUser(req), req.params.id, req.body)
      return reply.code(201).send(ratePlanOut(plan, venue))
    },
  )

  app.get(
    '/room-types/:id/rate-plans',
    { schema: { tags, params: IdParams, querystring: PageOnlyQuery, response: { 200: Page(RatePlanOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { plans, count, venue } = await roomTypes.listPlans(req.params.id, page)
      return pageOf(
        req.url,
        page,
        count,
        plans.map((p) => ratePlanOut(p, venue)),
      )
    },
  )

  app.post(
    '/venues/:id/inventory/preload',
    { schema: { tags, params: IdParams, headers: IdempotencyHeaders, body: NightRange, response: { 200: PreloadOut, ...errorResponses } } },
    async (req, reply) => {
      const who = requireUser(req)
      const outcome = await idempotent(deps, req, `user:${who.userId}`, async () => ({
        status: 200,
        body: await inventory.preload(who, req.params.id, req.body),
      }))
      return sendOutcome(reply, outcome)
    },
  )

  app.patch(
    '/room-types/:id/inventory',
    { schema: { tags, params: IdParams, body: InventoryEditBody, response: { 200: InventoryOut, ...errorResponses } } },
    async (req) => inventory.edit(requireUser(req), req.params.id, req.body),
  )

  app.get(
    '/venues/:id/inventory',
    { schema: { tags, params: IdParams, querystring: NightRange, response: { 200: InventoryOut, ...errorResponses } } },
    async (req) => inventory.grid(requireUser(req), req.params.id, req.query),
  )

  app.get('/stays/search', { schema: { tags, querystring: StaySearchQuery, response: { 200: StaySearchOut, ...errorResponses }, security: [] } }, async (req) =>
    staySearch.search(req.query, req.url),
  )

  for (const which of ['arrival', 'departure'] as const) {
    app.get(
      `/venues/:id/${which}s`,
      { schema: { tags, params: IdParams, querystring: DayQuery, response: { 200: Page(ReservationOut), ...errorResponses } } },
      async (req) => {
        const page = pageParams(req.query)
        const { rows, count } = await queries.frontDesk(requireUser(req), req.params.id, req.query.date, which, page)
        return pageOf(req.url, page, count, rows.map(reservationOut))
      },
    )
  }

  app.get(
    '/venues/:id/reports/occupancy',
    { schema: { tags, params: IdParams, querystring: NightRange, response: { 200: OccupancyOut, ...errorResponses } } },
    async (req) => stayReports.occupancy(requireUser(req), req.params.id, req.query),
  )
}
