import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, Page, errorResponses } from '../../http/schemas.js'
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
} from './schemas.js'
import type { Closure, Venue, VenueService } from './service.js'
import { DEFAULT_POLICY } from '../pricing/cancellation-policy.js'

export async function venueRoutes(app: App, { venues, defaultHoldTtl }: { venues: VenueService; defaultHoldTtl: number }) {
  const tags = ['venues']
  const venueOut = (v: Venue) => ({
    id: v.id,
    name: v.name,
    slug: v.slug,
    kind: v.kind,
    timezone: v.timezone,
    currency: v.currency,
    address: v.address,
    hours: v.openingHours,
    hold_ttl_minutes: v.holdTtlMinutes ?? defaultHoldTtl,
    cancellation_policy: v.cancellationPolicy ?? DEFAULT_POLICY,
    deposit_percent: v.depositPercent,
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
  })
  const closureOut = (c: Closure) => ({ id: c.id, venue_id: c.venueId, date: c.date, reason: c.reason })

  app.post('/venues', { schema: { tags, body: CreateVenueBody, response: { 201: VenueOut, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(venueOut(await venues.create(requireUser(req), req.body))),
  )

  app.get('/venues', { schema: { tags, querystring: VenueListQuery, response: { 200: Page(VenueOut), ...errorResponses } } }, async (req) => {
    const page = pageParams(req.query)
    const { rows, count } = await venues.list(req.query, page)
    return pageOf(req.url, page, count, rows.map(venueOut))
  })

  app.get('/venues/:id', { schema: { tags, params: IdParams, response: { 200: VenueOut, ...errorResponses } } }, async (req) =>
    venueOut(await venues.get(req.params.id)),
  )

  app.patch('/venues/:id', { schema: { tags, params: IdParams, body: UpdateVenueBody, response: { 200: VenueOut, ...errorResponses } } }, async (req) =>
    venueOut(await venues.update(requireUser(req), req.params.id, req.body)),
  )

  app.put('/venues/:id/hours', { schema: { tags, params: IdParams, body: HoursBody, response: { 200: VenueOut, ...errorResponses } } }, async (req) =>
    venueOut(await venues.setHours(requireUser(req), req.params.id, req.body.hours)),
  )

  app.post(
    '/venues/:id/closures',
    { schema: { tags, params: IdParams, body: ClosureBody, response: { 201: ClosureOut, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(closureOut(await venues.addClosure(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/closures',
    { schema: { tags, params: IdParams, querystring: ClosureListQuery, response: { 200: Page(ClosureOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await venues.listClosures(req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(closureOut))
    },
  )

  type Member = Awaited<ReturnType<VenueService['addMember']>>
  const memberOut = (m: Member) => ({
    venue_id: m.venueId,
    user_id: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    created_at: m.createdAt.toISOString(),
  })

  app.post(
    '/venues/:id/members',
    { schema: { tags, params: IdParams, body: MemberBody, response: { 201: MemberOut, ...errorResponses } } },
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
    { schema: { tags, params: IdParams, querystring: MemberListQuery, response: { 200: Page(MemberOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await venues.listMembers(requireUser(req), req.params.id, page)
      return pageOf(req.url, page, count, rows.map(memberOut))
    },
  )
}
