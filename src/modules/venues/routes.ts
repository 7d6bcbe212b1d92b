import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import {
  ClosureBody,
  ClosureListQuery,
  ClosureOut,
  CreateVenueBody,
  HoursBody,
  MemberBody,
  MemberListQuery,
  MemberOut,
  MemberParams,
  UpdateVenueBody,
  VenueListQuery,
  VenueOut,
  ClosurePage,
  MemberPage,
  VenuePage,
  StaffVenuePage,
} from './schemas.js'
import type { Venue, VenueService } from './service.js'
import { closureOut, memberOut, venueOut } from './views.js'

export async function venueRoutes(app: App, { venues, defaultHoldTtl }: { venues: VenueService; defaultHoldTtl: number }) {
  const tags = ['venues']
  const venue = (v: Venue) => venueOut(v, defaultHoldTtl)

  app.post(
    '/venues',
    { schema: { tags, operationId: 'createVenue', summary: 'Create a venue (admins)', body: CreateVenueBody, response: { 201: VenueOut, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(venue(await venues.create(requireUser(req), req.body))),
  )

  app.get(
    '/venues',
    {
      schema: {
        tags,
        operationId: 'listVenues',
        summary: 'List venues',
        security: [],
        querystring: VenueListQuery,
        response: { 200: VenuePage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => venues.list(req.query, page), venue),
  )

  app.get(
    '/venues/mine',
    {
      schema: {
        tags,
        operationId: 'listMyVenues',
        summary: 'The venues where the caller is staff, with their role at each',
        querystring: MemberListQuery,
        response: { 200: StaffVenuePage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => venues.listMine(requireUser(req), page),
        (row) => ({ role: row.role, venue: venue(row.venue) }),
      ),
  )

  app.get(
    '/venues/:id',
    { schema: { tags, operationId: 'getVenue', summary: 'Read a venue', security: [], params: IdParams, response: { 200: VenueOut, ...errorResponses } } },
    async (req) => venue(await venues.get(req.params.id)),
  )

  app.patch(
    '/venues/:id',
    {
      schema: {
        tags,
        operationId: 'updateVenue',
        summary: 'Change a venue (owners and managers)',
        params: IdParams,
        body: UpdateVenueBody,
        response: { 200: VenueOut, ...errorResponses },
      },
    },
    async (req) => venue(await venues.update(requireUser(req), req.params.id, req.body)),
  )

  app.put(
    '/venues/:id/hours',
    {
      schema: {
        tags,
        operationId: 'setVenueHours',
        summary: "Replace a venue's weekly opening hours",
        params: IdParams,
        body: HoursBody,
        response: { 200: VenueOut, ...errorResponses },
      },
    },
    async (req) => venue(await venues.setHours(requireUser(req), req.params.id, req.body.hours)),
  )

  app.post(
    '/venues/:id/closures',
    {
      schema: {
        tags,
        operationId: 'addVenueClosure',
        summary: 'Close a venue on a date',
        params: IdParams,
        body: ClosureBody,
        response: { 201: ClosureOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(closureOut(await venues.addClosure(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/closures',
    {
      schema: {
        tags,
        operationId: 'listVenueClosures',
        summary: "List a venue's closures",
        security: [],
        params: IdParams,
        querystring: ClosureListQuery,
        response: { 200: ClosurePage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => venues.listClosures(req.params.id, req.query, page), closureOut),
  )

  app.post(
    '/venues/:id/members',
    {
      schema: {
        tags,
        operationId: 'addVenueMember',
        summary: 'Give a user a staff role at a venue',
        params: IdParams,
        body: MemberBody,
        response: { 201: MemberOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(memberOut(await venues.addMember(requireUser(req), req.params.id, req.body))),
  )

  app.delete(
    '/venues/:id/members/:user_id',
    {
      schema: {
        tags,
        summary: 'Remove a member (owners: anyone but the last owner; managers: staff)',
        operationId: 'removeVenueMember',
        params: MemberParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await venues.removeMember(requireUser(req), req.params.id, req.params.user_id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/venues/:id/members',
    {
      schema: {
        tags,
        operationId: 'listVenueMembers',
        summary: "List a venue's staff",
        params: IdParams,
        querystring: MemberListQuery,
        response: { 200: MemberPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => venues.listMembers(requireUser(req), req.params.id, page), memberOut),
  )
}
