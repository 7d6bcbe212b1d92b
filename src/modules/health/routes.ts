import { Type } from 'typebox'
import type { App } from '../../app.js'
import type { Database } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { errorResponses } from '../../http/schemas.js'

export async function healthRoutes(app: App, { database }: { database: Database }) {
  const Health = Type.Object({ status: Type.Literal('ok'), database: Type.String() })
  // Load balancers and orchestrators probe every few seconds from one address: counted like
  // an anonymous caller, they would be refused (429) within the hour and take the instance out.
  const probe = { rateLimit: false } as const

  app.get(
    '/health',
    {
      config: probe,
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'The process lives and reaches its database',
        security: [],
        response: { 200: Health, ...errorResponses },
      },
    },
    async () => {
      try {
        await database.raw.query('select 1')
      } catch {
        throw new AppError('database_unavailable', 'The database is unavailable')
      }
      return { status: 'ok' as const, database: database.kind }
    },
  )

  // No I/O at all: the floor every other route is measured against in the benchmark.
  app.get(
    '/ping',
    {
      config: probe,
      schema: {
        tags: ['health'],
        operationId: 'ping',
        summary: 'Answers at once, touching nothing',
        security: [],
        response: { 200: Type.Object({ pong: Type.Boolean() }), ...errorResponses },
      },
    },
    async () => ({ pong: true }),
  )
}
