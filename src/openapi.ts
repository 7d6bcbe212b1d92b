import { writeFile } from 'node:fs/promises'
import { buildApp, buildServices } from './app.js'
import { loadConfig } from './config.js'
import { openDatabase } from './db/client.js'
import { makeDeps } from './server.js'

/**
 * Writes the OpenAPI document the app serves at /api/v1/openapi.json to a file (or stdout), so
 * that CI can lint exactly what clients get. The document depends only on the routes, so an
 * empty in-memory database is enough: nothing is queried.
 */
async function main(out: string | undefined): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { jobs: false })
  const database = await openDatabase({})
  const services = buildServices(makeDeps(config, database))
  const app = await buildApp(makeDeps(config, database), services)
  try {
    await app.ready()
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`
    if (out) await writeFile(out, text)
    else process.stdout.write(text)
  } finally {
    await app.close()
    await services.close()
    await database.close()
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
