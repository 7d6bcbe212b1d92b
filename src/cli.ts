import cluster from 'node:cluster'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Services } from './app.js'
import { ConfigError, loadConfig, MAX_WORKERS, type Config } from './config.js'
import type { Database } from './db/client.js'
import { processIsRunning } from './db/process-alive.js'
import type { Deps } from './deps.js'
import { tuneHeapForServing } from './heap.js'
import { AppError } from './http/errors.js'
import { emailProblem, passwordProblem } from './modules/auth/schemas.js'

/*
 * reservoir <command> [flags]. Exit status: 0 done, 1 failed (configuration, database, a
 * refused change), 2 usage (no command, an unknown command or flag, a missing or bad value).
 * Usage is checked before the configuration is read or a database opened, so a typo costs
 * nothing and touches nothing; the server's modules are imported only by a command that runs,
 * which keeps --help and usage errors quick.
 */

interface Flag {
  /** How the value is shown in the usage, e.g. E. */
  value: string
  help: string
  required?: boolean
  check?: (value: string) => string | undefined
}

interface Command {
  summary: string
  /** More for `reservoir <command> --help`. */
  details?: string
  flags: Record<string, Flag>
  run(values: Record<string, string | undefined>): Promise<void>
}

const workersProblem = (value: string) =>
  /^[0-9]+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_WORKERS ? undefined : `"${value}" is not a whole number from 1 to ${MAX_WORKERS}`

const email: Flag = { value: 'E', help: "the account's email", required: true, check: emailProblem }
const password: Flag = { value: 'P', help: '10 to 200 characters, as at registration', required: true, check: passwordProblem }

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'start the API on PORT (default 3000), and the jobs unless JOBS=false',
    details: `--workers N forks N processes that share PORT (node:cluster), each with a pool of
DATABASE_POOL_SIZE connections; the jobs run in the first of them. PostgreSQL only, a server's
or the embedded one: where the embedded database is PGlite, more than 1 is refused (exit 2).
WORKERS sets the default, else 1 (one process).`,
    flags: { workers: { value: 'N', help: `processes serving PORT, 1 to ${MAX_WORKERS}`, check: workersProblem } },
    run: async (v) => {
      tuneHeapForServing()
      if (cluster.isWorker) {
        // A worker forked by the primary below: it takes its configuration from the primary.
        const { startClusterWorker } = await import('./cluster.js')
        return onSignal((await startClusterWorker()).stop)
      }
      const config = loadConfig()
      const workers = v.workers === undefined ? config.workers : Number(v.workers)
      if (workers > 1 && !config.databaseUrl) {
        // Embedded PostgreSQL can serve several processes; PGlite lives inside one.
        const { chooseEmbedded } = await import('./db/embedded.js')
        const choice = await chooseEmbedded(config)
        if (choice.engine === 'pglite') {
          const setting = v.workers === undefined ? `WORKERS=${workers}` : `--workers ${workers}`
          throw new UsageError(`${setting} needs PostgreSQL, and the embedded database here is PGlite (${choice.why}), which belongs to one process`, 'serve')
        }
      }
      claimEmbeddedDatabase(config)
      if (workers > 1) {
        const [{ startCluster }, { pino }] = await Promise.all([import('./cluster.js'), import('pino')])
        return onSignal((await startCluster(config, workers, pino({ level: config.logLevel }))).stop)
      }
      const { startServer } = await import('./server.js')
      const running = await startServer(config)
      onSignal(running.stop)
    },
  },
  worker: {
    summary: 'run the jobs, relay and senders without HTTP (PostgreSQL only)',
    flags: {},
    run: async () => {
      tuneHeapForServing()
      const config = loadConfig()
      // The embedded database belongs to one process, which already runs the jobs.
      if (!config.databaseUrl) throw new Failure('worker needs DATABASE_URL: with the embedded database, serve runs the jobs itself')
      const { startWorker } = await import('./server.js')
      const worker = await startWorker(config)
      onSignal(worker.stop)
    },
  },
  migrate: {
    summary: 'apply the database migrations',
    flags: {},
    run: () => withServices(async () => console.log('migrations applied')),
  },
  'seed-demo': {
    summary: 'load the demo venues and their admin, once',
    flags: {},
    run: () =>
      withServices(async (deps, services, database) => {
        const { seedDemo } = await import('./modules/demo/seed.js')
        const result = await database.exclusive(() => seedDemo(deps, services))
        console.log(result.seeded ? 'demo loaded' : 'demo already loaded')
        if (result.admin?.generated) console.log(`admin: ${result.admin.email} / ${result.admin.password}`)
      }),
  },
  'create-admin': {
    summary: 'create a platform admin',
    flags: { email, password, name: { value: 'N', help: 'display name (default: Administrator)' } },
    run: (v) =>
      withServices(async (_deps, services) => {
        const user = await services.auth.createUser({ email: v.email!, password: v.password!, name: v.name ?? 'Administrator' }, 'admin')
        console.log(`admin created: ${user.email} (${user.id})`)
      }),
  },
  'set-password': {
    summary: "set a user's password and end their sessions",
    details:
      'For any account, e.g. a lost demo admin password. Refresh tokens are revoked at once;\naccess tokens already issued lapse within ACCESS_TOKEN_MINUTES.',
    flags: { email, password },
    run: (v) =>
      withServices(async (_deps, services) => {
        const { user, sessionsEnded } = await services.auth.setPassword(v.email!, v.password!).catch((error: unknown) => {
          throw error instanceof AppError && error.code === 'not_found' ? new Failure(`no account has the email ${v.email}`) : error
        })
        console.log(`password set for ${user.email}; ${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended`)
      }),
  },
}

const synopsis = (name: string) =>
  [name, ...Object.entries(COMMANDS[name]!.flags).map(([flag, f]) => (f.required ? `--${flag} ${f.value}` : `[--${flag} ${f.value}]`))].join(' ')

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => {
    const left = synopsis(name)
    return left.length <= 40 ? `  ${left.padEnd(40)}${c.summary}` : `  ${left}\n  ${''.padEnd(40)}${c.summary}`
  })
  return `Usage: reservoir <command> [flags]

Commands:
${rows.join('\n')}

Flags:
  -h, --help                              this help; reservoir <command> --help for a command's

Settings come from the environment and ./.env (.env.example lists them). On the embedded
database (no DATABASE_URL) one process at a time may open DATA_DIR: stop the server before
migrate, seed-demo, create-admin or set-password.

Exit status: 0 done, 1 failed, 2 usage error (also when no command is given).
`
}

function commandUsage(name: string): string {
  const flags = Object.entries(COMMANDS[name]!.flags).map(([flag, f]) => `  ${`--${flag} ${f.value}`.padEnd(16)}${f.help}`)
  const { summary, details } = COMMANDS[name]!
  const text = `${summary[0]!.toUpperCase()}${summary.slice(1)}.${details ? `\n${details}` : ''}`
  return `Usage: reservoir ${synopsis(name)}\n\n${text}\n${flags.length > 0 ? `\n${flags.join('\n')}\n` : ''}`
}

/** A mistake in the command line: exit 2 with a one-line message and a pointer to the help. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message)
  }
}

/** A command that could not do its work: exit 1 with its message, no stack. */
class Failure extends Error {}

/** Reads the flags of `name` strictly: unknown flags, stray arguments and missing values are usage errors. */
function parseFlags(name: string, args: string[]): Record<string, string | undefined> | 'help' {
  const { flags } = COMMANDS[name]!
  const options = { help: { type: 'boolean' as const, short: 'h' }, ...Object.fromEntries(Object.keys(flags).map((f) => [f, { type: 'string' as const }])) }
  // Tokens rather than strict mode: strict mode's messages are paragraphs about positionals.
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true })
  const values: Record<string, string | undefined> = {}
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`unexpected argument "${token.value}" for ${name}`, name)
    if (token.kind !== 'option') continue
    if (token.name === 'help') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`, name)
      return 'help'
    }
    if (!(token.name in flags)) throw new UsageError(`unknown flag ${token.rawName} for ${name}`, name)
    // `--email --password x` would read "--password" as the email; a value that looks like a
    // flag must be written --email=-x.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) throw new UsageError(`${token.rawName} needs a value`, name)
    values[token.name] = token.value
  }
  for (const [flag, spec] of Object.entries(flags)) {
    const value = values[flag]
    if (value === undefined) {
      if (spec.required) throw new UsageError(`${name} needs --${flag}`, name)
      continue
    }
    const problem = spec.check?.(value)
    if (problem) throw new UsageError(`--${flag}: ${problem}`, name)
  }
  return values
}

async function main(argv: string[]): Promise<void> {
  const [first, ...rest] = argv
  if (first === undefined) {
    process.stderr.write(usage())
    process.exitCode = 2
    return
  }
  if (first === '--help' || first === '-h') return void process.stdout.write(usage())
  if (first.startsWith('-')) throw new UsageError(`unknown flag ${first}`)
  if (!Object.hasOwn(COMMANDS, first)) throw new UsageError(`unknown command "${first}"`)
  const values = parseFlags(first, rest)
  if (values === 'help') return void process.stdout.write(commandUsage(first))
  await COMMANDS[first]!.run(values)
}

/** Opens the configured database for one command, with the services, and closes it after. */
async function withServices(work: (deps: Deps, services: Services, database: Database) => Promise<void>): Promise<void> {
  const config = loadConfig()
  claimEmbeddedDatabase(config)
  const [{ buildServices }, { makeDeps, openConfiguredDatabase }] = await Promise.all([import('./app.js'), import('./server.js')])
  const database = await openConfiguredDatabase(config)
  try {
    const deps = makeDeps(config, database)
    await work(deps, buildServices(deps), database)
  } finally {
    await database.close()
  }
}

/**
 * PGlite keeps the database in DATA_DIR with no lock of its own: a second process opening it
 * (set-password while the server runs) would write under the server's cached pages. A pid
 * file claims the directory for this process; one left by a process that is gone is taken over.
 */
function claimEmbeddedDatabase(config: Config): void {
  if (config.databaseUrl) return
  const file = join(config.dataDir, 'reservoir.pid')
  mkdirSync(config.dataDir, { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
      process.once('exit', () => rmSync(file, { force: true }))
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(file, 'utf8').trim())
      if (owner && owner !== process.pid && processIsRunning(owner)) {
        throw new Failure(
          `the embedded database in ${config.dataDir} is open in process ${owner} (a running server?); stop it first (if nothing runs, delete ${file})`,
        )
      }
      rmSync(file, { force: true })
    }
  }
  throw new Failure(`could not claim ${file}`)
}

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
  if (error instanceof UsageError) {
    console.error(`reservoir: ${error.message}\nRun 'reservoir ${error.command ? `${error.command} ` : ''}--help' for usage.`)
    process.exit(2)
  }
  if (error instanceof ConfigError) console.error(error.message)
  else if (error instanceof Failure) console.error(`reservoir: ${error.message}`)
  // A refused change (an email taken, no such user): the service's own words.
  else if (error instanceof AppError) console.error(`reservoir: ${error.message}`)
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`reservoir: ${(error as Error).message}; set PORT to another port`)
  else console.error(error)
  process.exit(1)
})
