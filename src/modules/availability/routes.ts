import type { App } from '../../app.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import { AvailabilityOut, AvailabilityQuery } from './schemas.js'
import type { AvailabilityService } from './service.js'

export async function availabilityRoutes(app: App, { availability }: { availability: AvailabilityService }) {
  app.get(
    '/venues/:id/availability',
    {
      schema: {
        tags: ['availability'],
        operationId: 'getVenueAvailability',
        summary: 'Free intervals per room for the business day that opens on `date`',
        security: [],
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: AvailabilityOut, ...errorResponses },
      },
    },
    async (req) => availability.forDay(req.params.id, req.query.date, req.query.party_size ?? 1),
  )
}
