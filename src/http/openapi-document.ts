import { buildApp, buildServices } from '../app.js'
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { makeDeps } from '../server.js'

/**
 * The OpenAPI document the app serves at /api/v1/openapi.json. It depends only on the routes,
 * so an empty in-memory database is enough: nothing is queried.
 */
export async function openApiDocument(): Promise<unknown> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { jobs: false })
  const database = await openDatabase({})
  const services = buildServices(makeDeps(config, database))
  const app = await buildApp(makeDeps(config, database), services)
  try {
    await app.ready()
    return app.swagger()
  } finally {
    await app.close()
    await services.close()
    await database.close()
  }
}
