import { parseArgs } from 'node:util'
import { buildServices } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { seedDemo } from './modules/demo/seed.js'
import { makeDeps, openConfiguredDatabase, startServer, startWorker } from './server.js'

const USAGE = `usage: reservoir <command>

  serve                                   start the API (and the jobs, unless JOBS=false)
  worker                                  run the background jobs only
  migrate                                 apply database migrations
  seed-demo                               load the demo venue and admin (once)
  create-admin --email E --password P [--name N]
`

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  })
  const command = positionals[0] ?? 'serve'
  const config = loadConfig()

  switch (command) {
    case 'serve': {
      const running = await startServer(config)
      onSignal(running.stop)
      return
    }
    case 'worker': {
      // The embedded database belongs to one process, which already runs the jobs.
      if (!config.databaseUrl) throw new UsageError('worker needs DATABASE_URL: with the embedded database, serve runs the jobs itself')
      const worker = await startWorker(config)
      onSignal(worker.stop)
      return
    }
    case 'migrate': {
      const database = await openConfiguredDatabase(config)
      await database.close()
      console.log('migrations applied')
      return
    }
    case 'seed-demo':
    case 'create-admin': {
      const database = await openConfiguredDatabase(config)
      try {
        const deps = makeDeps(config, database)
        const services = buildServices(deps)
        if (command === 'seed-demo') {
          const result = await database.exclusive(() => seedDemo(deps, services))
          console.log(result.seeded ? 'demo loaded' : 'demo already loaded')
          if (result.admin?.generated) console.log(`admin: ${result.admin.email} / ${result.admin.password}`)
        } else {
          if (!values.email || !values.password) throw new UsageError('create-admin needs --email and --password')
          if (values.password.length < 10) throw new UsageError('the password needs at least 10 characters')
          const user = await services.auth.createUser({ email: values.email, password: values.password, name: values.name ?? 'Administrator' }, 'admin')
          console.log(`admin created: ${user.email} (${user.id})`)
        }
      } finally {
        await database.close()
      }
      return
    }
    default:
      throw new UsageError(`unknown command: ${command}`)
  }
}

class UsageError extends Error {}

function onSignal(stop: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    })
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message)
  else if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`)
  else console.error(error)
  process.exit(1)
})
