import { Type } from 'typebox'
import type { App } from '../../app.js'
import type { Database } from '../../db/client.js'
import { AppError } from '../../http/errors.js'
import { errorResponses } from '../../http/schemas.js'

export async function healthRoutes(app: App, { database }: { database: Database }) {
  const Health = Type.Object({ status: Type.Literal('ok'), database: Type.String() })

  app.get(
    '/health',
    {
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
