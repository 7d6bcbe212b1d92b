import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, IdempotencyHeaders, errorResponses } from '../../http/schemas.js'
import type { ReservationQueries } from '../reservations/queries.js'
import { ReservationPage } from '../reservations/schemas.js'
import { reservationOut } from '../reservations/views.js'
import type { InventoryService } from './inventory.js'
import type { StayReports } from './reports.js'
import type { RoomTypeService } from './room-types.js'
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
  RatePlanPage,
  RoomTypePage,
} from './schemas.js'
import type { StaySearch } from './search.js'
import { ratePlanOut, roomTypeOut } from './views.js'

interface Services {
  roomTypes: RoomTypeService
  inventory: InventoryService
  staySearch: StaySearch
  stayReports: StayReports
  queries: ReservationQueries
}

type FrontDeskRequest = FastifyRequest<{ Params: { id: string }; Querystring: Static<typeof DayQuery> }>

export async function stayRoutes(app: App, { roomTypes, inventory, staySearch, stayReports, queries }: Services) {
  const tags = ['stays']
  /** The front desk's day: who arrives, or who leaves, on `date`. */
  const frontDesk = (which: 'arrival' | 'departure') => async (req: FrontDeskRequest) =>
    paginate(req, (page) => queries.frontDesk(requireUser(req), req.params.id, req.query.date, which, page), reservationOut)
  const frontDeskSchema = (operationId: string, summary: string) => ({
    tags,
    operationId,
    summary,
    params: IdParams,
    querystring: DayQuery,
    response: { 200: ReservationPage, ...errorResponses },
  })

  app.post(
    '/venues/:id/room-types',
    {
      schema: {
        tags,
        operationId: 'createRoomType',
        summary: 'Add a room type to a hotel',
        params: IdParams,
        body: CreateRoomTypeBody,
        response: { 201: RoomTypeOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(roomTypeOut(await roomTypes.create(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/room-types',
    {
      schema: {
        tags,
        operationId: 'listRoomTypes',
        summary: "List a hotel's room types",
        security: [],
        params: IdParams,
        querystring: RoomTypeListQuery,
        response: { 200: RoomTypePage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => roomTypes.list(req.params.id, req.query, page), roomTypeOut),
  )

  app.get(
    '/room-types/:id',
    {
      schema: {
        tags,
        operationId: 'getRoomType',
        summary: 'Read a room type',
        security: [],
        params: IdParams,
        response: { 200: RoomTypeOut, ...errorResponses },
      },
    },
    async (req) => roomTypeOut(await roomTypes.get(req.params.id)),
  )

  app.patch(
    '/room-types/:id',
    {
      schema: {
        tags,
        operationId: 'updateRoomType',
        summary: 'Change a room type',
        params: IdParams,
        body: UpdateRoomTypeBody,
        response: { 200: RoomTypeOut, ...errorResponses },
      },
    },
    async (req) => roomTypeOut(await roomTypes.update(requireUser(req), req.params.id, req.body)),
  )

  app.post(
    '/room-types/:id/rate-plans',
    {
      schema: {
        tags,
        operationId: 'createRatePlan',
        summary: 'Add a rate plan to a room type',
        params: IdParams,
        body: CreateRatePlanBody,
        response: { 201: RatePlanOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { plan, venue } = await roomTypes.createPlan(requireUser(req), req.params.id, req.body)
      return reply.code(201).send(ratePlanOut(plan, venue))
    },
  )

  app.get(
    '/room-types/:id/rate-plans',
    {
      schema: {
        tags,
        operationId: 'listRatePlans',
        summary: "List a room type's rate plans, the default first",
        security: [],
        params: IdParams,
        querystring: PageOnlyQuery,
        response: { 200: RatePlanPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => roomTypes.listPlans(req.params.id, page),
        (plan, { venue }) => ratePlanOut(plan, venue),
      ),
  )

  app.post(
    '/venues/:id/inventory/preload',
    {
      schema: {
        tags,
        operationId: 'preloadInventory',
        summary: "Fill a hotel's inventory calendar for a range of nights",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: NightRange,
        response: { 200: PreloadOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.idempotent(200, () => inventory.preload(requireUser(req), req.params.id, req.body)),
  )

  app.patch(
    '/room-types/:id/inventory',
    {
      schema: {
        tags,
        operationId: 'editInventory',
        summary: "Change a room type's units, closures or minimum stay over a range of nights",
        params: IdParams,
        body: InventoryEditBody,
        response: { 200: InventoryOut, ...errorResponses },
      },
    },
    async (req) => inventory.edit(requireUser(req), req.params.id, req.body),
  )

  app.get(
    '/venues/:id/inventory',
    {
      schema: {
        tags,
        operationId: 'getInventory',
        summary: "A hotel's inventory calendar over a range of nights",
        params: IdParams,
        querystring: NightRange,
        response: { 200: InventoryOut, ...errorResponses },
      },
    },
    async (req) => inventory.grid(requireUser(req), req.params.id, req.query),
  )

  app.get(
    '/stays/search',
    {
      schema: {
        tags,
        operationId: 'searchStays',
        summary: 'Hotels with rooms for the dates and guests, priced',
        security: [],
        querystring: StaySearchQuery,
        response: { 200: StaySearchOut, ...errorResponses },
      },
    },
    async (req) => staySearch.search(req.query, req.url),
  )

  app.get('/venues/:id/arrivals', { schema: frontDeskSchema('listArrivals', 'Stays arriving on a date (staff)') }, frontDesk('arrival'))
  app.get('/venues/:id/departures', { schema: frontDeskSchema('listDepartures', 'Stays leaving on a date (staff)') }, frontDesk('departure'))

  app.get(
    '/venues/:id/reports/occupancy',
    {
      schema: {
        tags,
        operationId: 'getOccupancyReport',
        summary: 'Occupancy, ADR and RevPAR over a range of nights',
        params: IdParams,
        querystring: NightRange,
        response: { 200: OccupancyOut, ...errorResponses },
      },
    },
    async (req) => stayReports.occupancy(requireUser(req), req.params.id, req.query),
  )
}
