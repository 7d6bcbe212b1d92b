import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses, optionalBearer } from '../../http/schemas.js'
import { AvailabilityQuery, PractitionerAvailabilityOut } from '../practitioners/schemas.js'
import type { AttendanceService, Attendee } from './attendance.js'
import type { SessionAvailability } from './availability.js'
import {
  AttendanceBody,
  AttendeeOut,
  AttendeesOut,
  CategoryPage,
  CategoryQuery,
  CreateServiceBody,
  OccurrenceListQuery,
  OccurrencePage,
  OccurrencesOut,
  PractitionerServicesQuery,
  ScheduleOccurrencesBody,
  ServiceListQuery,
  ServiceOut,
  ServicePage,
  UpdateServiceBody,
} from './schemas.js'
import type { CatalogService } from './service.js'
import { occurrenceOut, serviceOut } from './views.js'

export async function catalogRoutes(
  app: App,
  { catalog, sessions, attendance }: { catalog: CatalogService; sessions: SessionAvailability; attendance: AttendanceService },
) {
  const tags = ['services']

  app.post(
    '/services',
    {
      schema: {
        tags,
        operationId: 'createService',
        summary: 'Publish a service (a verified practitioner’s staff)',
        body: CreateServiceBody,
        response: { 201: ServiceOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(serviceOut(await catalog.create(requireUser(req), req.body))),
  )

  app.get(
    '/services',
    {
      schema: {
        tags,
        operationId: 'listServices',
        summary: 'Discover services',
        security: [],
        querystring: ServiceListQuery,
        response: { 200: ServicePage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => catalog.list(req.query, page, (s, from, to) => sessions.anyBetween(s, from, to)), serviceOut),
  )

  app.get(
    '/services/categories',
    {
      schema: {
        tags,
        operationId: 'listServiceCategories',
        summary: 'Categories of listed services, with how many each has',
        security: [],
        querystring: CategoryQuery,
        response: { 200: CategoryPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => catalog.categories(page),
        (c) => c,
      ),
  )

  app.get(
    '/services/:id',
    {
      schema: {
        tags,
        operationId: 'getService',
        summary: 'Read a service',
        security: optionalBearer,
        params: IdParams,
        response: { 200: ServiceOut, ...errorResponses },
      },
    },
    async (req) => serviceOut(await catalog.get(req.params.id, req.principal ?? undefined)),
  )

  app.put(
    '/services/:id',
    {
      schema: {
        tags,
        operationId: 'updateService',
        summary: 'Change a service',
        params: IdParams,
        body: UpdateServiceBody,
        response: { 200: ServiceOut, ...errorResponses },
      },
    },
    async (req) => serviceOut(await catalog.update(requireUser(req), req.params.id, req.body)),
  )

  app.delete(
    '/services/:id',
    {
      schema: {
        tags,
        operationId: 'archiveService',
        summary: 'Archive a service (no longer sold; bookings keep it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await catalog.archive(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/services/:id/schedule',
    {
      schema: {
        tags,
        operationId: 'scheduleServiceOccurrences',
        summary: 'Schedule occurrences of a workshop, or all sessions of a course',
        params: IdParams,
        body: ScheduleOccurrencesBody,
        response: { 201: OccurrencesOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send({ occurrences: (await catalog.schedule(requireUser(req), req.params.id, req.body)).map(occurrenceOut) }),
  )

  app.get(
    '/services/:id/schedule',
    {
      schema: {
        tags,
        operationId: 'listServiceOccurrences',
        summary: 'A service’s occurrences with their seats',
        security: optionalBearer,
        params: IdParams,
        querystring: OccurrenceListQuery,
        response: { 200: OccurrencePage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => catalog.occurrences(req.params.id, req.principal ?? undefined, req.query, page), occurrenceOut),
  )

  app.get(
    '/practitioners/:id/services',
    {
      schema: {
        tags,
        operationId: 'listPractitionerServices',
        summary: 'A practitioner’s listed services',
        security: [],
        params: IdParams,
        querystring: PractitionerServicesQuery,
        response: { 200: ServicePage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => catalog.ofPractitioner(req.params.id, page), serviceOut),
  )

  app.get(
    '/practitioners/:id/availability',
    {
      schema: {
        tags: ['practitioners'],
        operationId: 'getPractitionerAvailability',
        summary: 'When a 1:1 session of a service can start on a date',
        security: optionalBearer,
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: PractitionerAvailabilityOut, ...errorResponses },
      },
    },
    async (req) => sessions.forDate(req.params.id, req.query.service_id, req.query.date, req.principal ?? undefined),
  )

  const attendeeOut = (a: Attendee) => ({ id: a.id, reservation_id: a.reservationId, name: a.name, email: a.email, user_id: a.userId, attended: a.attended })

  app.get(
    '/occurrences/:id/participants',
    {
      schema: {
        tags,
        operationId: 'listOccurrenceParticipants',
        summary: 'Who holds seats in an occurrence, and whether they came (the practitioner’s staff)',
        params: IdParams,
        response: { 200: AttendeesOut, ...errorResponses },
      },
    },
    async (req) => ({ participants: (await attendance.list(requireUser(req), req.params.id)).map(attendeeOut) }),
  )

  app.put(
    '/occurrences/:id/attendance',
    {
      schema: {
        tags,
        operationId: 'markOccurrenceAttendance',
        summary: 'Mark whether a participant came to an occurrence',
        params: IdParams,
        body: AttendanceBody,
        response: { 200: AttendeeOut, ...errorResponses },
      },
    },
    async (req) => attendeeOut(await attendance.mark(requireUser(req), req.params.id, req.body.participant_id, req.body.attended)),
  )
}
