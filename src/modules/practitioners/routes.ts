import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses, optionalBearer } from '../../http/schemas.js'
import {
  ApplyBody,
  FeatureBody,
  PractitionerListQuery,
  PractitionerOut,
  PractitionerPage,
  RejectBody,
  ScheduleBody,
  ScheduleOut,
  UpdatePractitionerBody,
  VerifyBody,
} from './schemas.js'
import type { PractitionerService } from './service.js'
import { practitionerOut, scheduleOut } from './views.js'

export async function practitionerRoutes(app: App, { practitioners }: { practitioners: PractitionerService }) {
  const tags = ['practitioners']

  app.post(
    '/practitioners/apply',
    {
      schema: {
        tags,
        operationId: 'applyAsPractitioner',
        summary: 'Apply to sell on the marketplace (creates a pending profile and its venue)',
        body: ApplyBody,
        response: { 201: PractitionerOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(practitionerOut(await practitioners.apply(requireUser(req), req.body))),
  )

  app.get(
    '/practitioners',
    {
      schema: {
        tags,
        operationId: 'listPractitioners',
        summary: 'List verified practitioners (admins: by state; a venue’s staff: its own in any state)',
        security: optionalBearer,
        querystring: PractitionerListQuery,
        response: { 200: PractitionerPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => practitioners.list(req.query, page, req.principal ?? undefined), practitionerOut),
  )

  app.get(
    '/practitioners/:id',
    {
      schema: {
        tags,
        operationId: 'getPractitioner',
        summary: 'Read a practitioner’s profile',
        security: optionalBearer,
        params: IdParams,
        response: { 200: PractitionerOut, ...errorResponses },
      },
    },
    async (req) => practitionerOut(await practitioners.get(req.params.id, req.principal ?? undefined)),
  )

  app.put(
    '/practitioners/:id',
    {
      schema: {
        tags,
        operationId: 'updatePractitioner',
        summary: 'Change a practitioner’s profile (its owners and managers)',
        params: IdParams,
        body: UpdatePractitionerBody,
        response: { 200: PractitionerOut, ...errorResponses },
      },
    },
    async (req) => practitionerOut(await practitioners.update(requireUser(req), req.params.id, req.body)),
  )

  app.post(
    '/practitioners/:id/verify',
    {
      schema: {
        tags,
        operationId: 'verifyPractitioner',
        summary: 'Verify a practitioner (admin): the profile becomes public and may publish services',
        params: IdParams,
        body: VerifyBody,
        response: { 200: PractitionerOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => practitionerOut(await practitioners.verify(requireUser(req), req.params.id)),
  )

  app.post(
    '/practitioners/:id/reject',
    {
      schema: {
        tags,
        operationId: 'rejectPractitioner',
        summary: 'Reject a practitioner with a reason (admin)',
        params: IdParams,
        body: RejectBody,
        response: { 200: PractitionerOut, ...errorResponses },
      },
    },
    async (req) => practitionerOut(await practitioners.reject(requireUser(req), req.params.id, req.body.reason)),
  )

  app.put(
    '/practitioners/:id/featured',
    {
      schema: {
        tags,
        operationId: 'featurePractitioner',
        summary: 'Feature a practitioner in listings, or stop (admin)',
        params: IdParams,
        body: FeatureBody,
        response: { 200: PractitionerOut, ...errorResponses },
      },
    },
    async (req) => practitionerOut(await practitioners.feature(requireUser(req), req.params.id, req.body.is_featured)),
  )

  app.post(
    '/practitioners/:id/schedule',
    {
      schema: {
        tags,
        operationId: 'setPractitionerSchedule',
        summary: 'Replace the weekly schedule and its dated exceptions',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: ScheduleOut, ...errorResponses },
      },
    },
    async (req) => scheduleOut(await practitioners.setSchedule(requireUser(req), req.params.id, req.body)),
  )

  app.get(
    '/practitioners/:id/schedule',
    {
      schema: {
        tags,
        operationId: 'getPractitionerSchedule',
        summary: 'Read the weekly schedule and its dated exceptions',
        security: optionalBearer,
        params: IdParams,
        response: { 200: ScheduleOut, ...errorResponses },
      },
    },
    async (req) => scheduleOut(await practitioners.schedule(req.params.id, req.principal ?? undefined)),
  )
}
