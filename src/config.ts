import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')])
const Int = Type.String({ pattern: '^[0-9]+$' })

/** Every setting the process reads. Nothing else in the code touches process.env. */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Optional(Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')])),
  PORT: Type.Optional(Int),
  HOST: Type.Optional(Type.String()),
  // Where people open the links in our emails (password reset, email verification).
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/?#\\s]+(/[^?#\\s]*)?$' })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Optional(Int),
  // `serve`'s processes sharing the port (`--workers N` overrides it); more than 1 needs PostgreSQL (not PGlite).
  WORKERS: Type.Optional(Int),
  // Without DATABASE_URL: PostgreSQL binaries from npm under DATA_DIR/postgres, or PGlite under DATA_DIR/pglite;
  // auto (the default) picks the first that can run here and keeps an existing PGlite database (src/db/embedded.ts).
  EMBEDDED_DATABASE: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('postgres'), Type.Literal('pglite')])),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_MINUTES: Type.Optional(Int),
  REFRESH_TOKEN_DAYS: Type.Optional(Int),
  PAYMENT_GATEWAY: Type.Optional(Type.Union([Type.Literal('fake'), Type.Literal('stripe')])),
  STRIPE_SECRET_KEY: Type.Optional(Type.String({ pattern: '^(sk|rk)_(test|live)_' })),
  STRIPE_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  // Points the Stripe SDK elsewhere (stripe-mock, a local test server); unset means api.stripe.com.
  STRIPE_API_BASE: Type.Optional(Type.String({ pattern: '^https?://' })),
  ALLOW_AUTO_CONFIRM: Type.Optional(Bool),
  HOLD_TTL_MINUTES: Type.Optional(Int),
  AVAILABILITY_CACHE_MS: Type.Optional(Int),
  CORS_ORIGINS: Type.Optional(Type.String()),
  RATE_LIMIT_ANONYMOUS: Type.Optional(Int),
  RATE_LIMIT_AUTHENTICATED: Type.Optional(Int),
  RATE_LIMIT_STAFF: Type.Optional(Int),
  RATE_LIMIT_REGISTER: Type.Optional(Int),
  RATE_LIMIT_REFRESH: Type.Optional(Int),
  RATE_LIMIT_EMAIL_TOKENS: Type.Optional(Int),
  LOGIN_FAILURES_PER_ACCOUNT: Type.Optional(Int),
  LOGIN_FAILURES_PER_ADDRESS: Type.Optional(Int),
  LOGIN_FAILURE_WINDOW_MINUTES: Type.Optional(Int),
  BODY_LIMIT_BYTES: Type.Optional(Int),
  TRUST_PROXY: Type.Optional(Bool),
  SEED_DEMO: Type.Optional(Bool),
  ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  JOBS: Type.Optional(Bool),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  SMTP_FROM: Type.Optional(Type.String({ minLength: 3 })),
  TWILIO_ACCOUNT_SID: Type.Optional(Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' })),
  TWILIO_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  TWILIO_FROM: Type.Optional(Type.String({ minLength: 3 })),
  // Points the Twilio SDK elsewhere (a local stand-in for its API); unset means api.twilio.com.
  TWILIO_API_BASE: Type.Optional(Type.String({ pattern: '^https?://' })),
  NATS_URL: Type.Optional(Type.String({ pattern: '^(nats|tls)://' })),
  // Several deployments (or test runs) sharing one NATS server keep apart by stream and subject prefix.
  NATS_STREAM: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  NATS_SUBJECT_PREFIX: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$' })),
  // Lets webhook subscriptions point at loopback, link-local and private addresses (local development).
  WEBHOOKS_ALLOW_PRIVATE: Type.Optional(Bool),
  WAITLIST_TTL_HOURS: Type.Optional(Int),
  EARNINGS_CLEARING_HOURS: Type.Optional(Int),
  CHAT_EMAIL_DELAY_MINUTES: Type.Optional(Int),
  // `USD=5000,JPY=5000`: the smallest payout per currency, in minor units (5000 for any other).
  PAYOUT_MINIMUMS: Type.Optional(Type.String({ pattern: '^[A-Z]{3}=\\d+(,[A-Z]{3}=\\d+)*$' })),
  // `USD=500000/1000000`: the month's volume past which the 4 % and then the 3 % tier apply.
  COMMISSION_TIERS: Type.Optional(Type.String({ pattern: '^[A-Z]{3}=\\d+/\\d+(,[A-Z]{3}=\\d+/\\d+)*$' })),
  // Uploads (POST /media): the largest file accepted, and S3-compatible storage (R2, AWS) instead of DATA_DIR/media.
  MEDIA_MAX_BYTES: Type.Optional(Int),
  S3_BUCKET: Type.Optional(Type.String({ minLength: 3, maxLength: 63 })),
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  S3_REGION: Type.Optional(Type.String({ minLength: 1 })),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  S3_FORCE_PATH_STYLE: Type.Optional(Bool),
  // LiveKit (video sessions): the server clients connect to, the API key and secret tokens are
  // signed with, and where its server API (egress) is reached when not at the same address.
  LIVEKIT_URL: Type.Optional(Type.String({ pattern: '^wss?://' })),
  LIVEKIT_API_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  LIVEKIT_API_KEY: Type.Optional(Type.String({ minLength: 3 })),
  LIVEKIT_API_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  LOG_LEVEL: Type.Optional(Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)))),
})
type Env = Static<typeof EnvSchema>

export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  /** The base of links in emails, without a trailing slash. */
  publicUrl: string
  dataDir: string
  databaseUrl: string | undefined
  /** The pool of each process: `serve --workers N` opens N of them. */
  databasePoolSize: number
  /** `serve`'s processes on the one port (node:cluster); 1 is a single process, no cluster. */
  workers: number
  /** The database used when there is no DATABASE_URL (docs/embedded-database.md). */
  embeddedDatabase: 'auto' | 'postgres' | 'pglite'
  jwtSecret: string
  accessTokenMinutes: number
  refreshTokenDays: number
  paymentGateway: 'fake' | 'stripe'
  stripe: { secretKey: string | undefined; webhookSecret: string; apiBase: string | undefined }
  allowAutoConfirm: boolean
  holdTtlMinutes: number
  availabilityCacheMs: number
  corsOrigins: string[]
  /**
   * Requests per hour: per caller by tier; register, refresh and the routes that send or take an
   * emailed token (password reset, email verification) per client address.
   */
  rateLimit: { anonymous: number; authenticated: number; staff: number; register: number; refresh: number; emailTokens: number }
  /** Failed sign-ins allowed per account and per address in a window that starts at the first failure. */
  loginFailures: { perAccount: number; perAddress: number; windowMinutes: number }
  bodyLimitBytes: number
  trustProxy: boolean
  seedDemo: boolean
  admin: { email: string; password: string | undefined }
  jobs: boolean
  logLevel: string
  smtp: { url: string | undefined; from: string }
  twilio: { accountSid: string | undefined; authToken: string | undefined; from: string | undefined; apiBase: string | undefined }
  nats: { url: string | undefined; stream: string; subjectPrefix: string }
  /**
   * LiveKit: `url` is what clients connect to, `apiUrl` the server API (egress) is called at.
   * Null in production without them: video answers 503 `video_unavailable`.
   */
  livekit: { url: string; apiUrl: string; apiKey: string; apiSecret: string } | null
  webhooksAllowPrivate: boolean
  waitlistTtlHours: number
  /**
   * The marketplace's money: hours from completion until an earning can be paid out, the
   * smallest payout and the tier thresholds per currency (minor units; `*` for the rest).
   */
  earnings: { clearingHours: number; payoutMinimums: Record<string, number>; tiers: Record<string, [number, number]> }
  /** Chat: minutes a message stays unread before its recipient is emailed about it (once per conversation). */
  chat: { emailDelayMinutes: number }
  /** Uploads: the size limit, and S3-compatible storage when a bucket is named (else local disk under DATA_DIR/media). */
  media: { maxBytes: number; s3: S3Config | undefined }
}

export interface S3Config {
  bucket: string
  /** Unset means AWS itself; R2 and local stand-ins give theirs. */
  endpoint: string | undefined
  region: string
  /** Unset means the SDK's own credential chain (environment, instance role). */
  accessKeyId: string | undefined
  secretAccessKey: string | undefined
  forcePathStyle: boolean
}

export class ConfigError extends Error {}

/** The most processes `serve --workers` forks: far past any machine's cores, short of a typo's 1000. */
export const MAX_WORKERS = 64

const flag = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : v === 'true' || v === '1')
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v))
/** `USD=5000,EUR=4500` → { USD: …, EUR: … }, each value read by `read`. */
const perCurrency = <T>(v: string | undefined, read: (value: string) => T): Record<string, T> =>
  Object.fromEntries(
    (v ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0]!, read(pair.split('=')[1]!)]),
  )

/**
 * Validates the environment once, with a readable list of everything that is wrong.
 * `overrides` lets tests and the CLI build a config without touching process.env.
 */
export function loadConfig(source: Record<string, string | undefined> = readEnv(), overrides: Partial<Config> = {}): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([k, v]) => k in EnvSchema.properties && v !== '')) as Env
  const errors = Value.Errors(EnvSchema, raw)
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const env = raw.NODE_ENV ?? 'development'
  const dataDir = resolve(raw.DATA_DIR ?? './data')
  const port = num(raw.PORT, 3000)
  const config: Config = {
    env,
    port,
    host: raw.HOST ?? '0.0.0.0',
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: num(raw.DATABASE_POOL_SIZE, 20),
    workers: num(raw.WORKERS, 1),
    embeddedDatabase: raw.EMBEDDED_DATABASE ?? 'auto',
    jwtSecret: raw.JWT_SECRET ?? '',
    accessTokenMinutes: num(raw.ACCESS_TOKEN_MINUTES, 60),
    refreshTokenDays: num(raw.REFRESH_TOKEN_DAYS, 7),
    paymentGateway: raw.PAYMENT_GATEWAY ?? 'fake',
    stripe: { secretKey: raw.STRIPE_SECRET_KEY, webhookSecret: raw.STRIPE_WEBHOOK_SECRET ?? '', apiBase: raw.STRIPE_API_BASE },
    // On by default only in development, where the fake gateway makes the whole flow offline.
    allowAutoConfirm: flag(raw.ALLOW_AUTO_CONFIRM, env === 'development'),
    holdTtlMinutes: num(raw.HOLD_TTL_MINUTES, 15),
    availabilityCacheMs: num(raw.AVAILABILITY_CACHE_MS, 1000),
    corsOrigins: (raw.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimit: {
      anonymous: num(raw.RATE_LIMIT_ANONYMOUS, 100),
      authenticated: num(raw.RATE_LIMIT_AUTHENTICATED, 1000),
      staff: num(raw.RATE_LIMIT_STAFF, 2000),
      register: num(raw.RATE_LIMIT_REGISTER, 60),
      refresh: num(raw.RATE_LIMIT_REFRESH, 600),
      emailTokens: num(raw.RATE_LIMIT_EMAIL_TOKENS, 30),
    },
    // An account gets ten guesses per quarter hour; an address (an office behind one NAT) fifty.
    loginFailures: {
      perAccount: num(raw.LOGIN_FAILURES_PER_ACCOUNT, 10),
      perAddress: num(raw.LOGIN_FAILURES_PER_ADDRESS, 50),
      windowMinutes: num(raw.LOGIN_FAILURE_WINDOW_MINUTES, 15),
    },
    bodyLimitBytes: num(raw.BODY_LIMIT_BYTES, 1024 * 1024),
    trustProxy: flag(raw.TRUST_PROXY, false),
    seedDemo: flag(raw.SEED_DEMO, env !== 'production'),
    admin: { email: raw.ADMIN_EMAIL ?? 'admin@reservoir.local', password: raw.ADMIN_PASSWORD },
    jobs: flag(raw.JOBS, true),
    logLevel: raw.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    smtp: { url: raw.SMTP_URL, from: raw.SMTP_FROM ?? 'Reservoir <no-reply@reservoir.local>' },
    twilio: { accountSid: raw.TWILIO_ACCOUNT_SID, authToken: raw.TWILIO_AUTH_TOKEN, from: raw.TWILIO_FROM, apiBase: raw.TWILIO_API_BASE },
    nats: { url: raw.NATS_URL, stream: raw.NATS_STREAM ?? 'RESERVOIR', subjectPrefix: raw.NATS_SUBJECT_PREFIX ?? 'reservoir' },
    webhooksAllowPrivate: flag(raw.WEBHOOKS_ALLOW_PRIVATE, false),
    livekit: livekitOf(raw) ?? developmentLivekit(raw, env, dataDir),
    waitlistTtlHours: num(raw.WAITLIST_TTL_HOURS, 24),
    earnings: {
      clearingHours: num(raw.EARNINGS_CLEARING_HOURS, 48),
      payoutMinimums: { '*': 5000, ...perCurrency(raw.PAYOUT_MINIMUMS, (v) => Number(v)) },
      tiers: {
        '*': [500_000, 1_000_000],
        ...perCurrency(raw.COMMISSION_TIERS, (v) => v.split('/').map(Number) as [number, number]),
      },
    },
    media: {
      maxBytes: num(raw.MEDIA_MAX_BYTES, 10 * 1024 * 1024),
      s3: raw.S3_BUCKET
        ? {
            bucket: raw.S3_BUCKET,
            endpoint: raw.S3_ENDPOINT,
            // R2 takes `auto`; AWS needs the bucket's region.
            region: raw.S3_REGION ?? 'auto',
            accessKeyId: raw.S3_ACCESS_KEY_ID,
            secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
            forcePathStyle: flag(raw.S3_FORCE_PATH_STYLE, false),
          }
        : undefined,
    },
    chat: { emailDelayMinutes: num(raw.CHAT_EMAIL_DELAY_MINUTES, 15) },
    ...overrides,
  }
  checkRanges(config)
  if (!config.jwtSecret) config.jwtSecret = developmentSecret(config, 'jwt-secret', 'JWT_SECRET: required in production (at least 32 characters)')
  if (!config.stripe.webhookSecret && config.env !== 'production') {
    // The fake gateway signs its webhooks with this secret, exactly as Stripe would.
    config.stripe = { ...config.stripe, webhookSecret: `whsec_${developmentSecret(config, 'webhook-secret', 'STRIPE_WEBHOOK_SECRET: required in production')}` }
  }
  refuseUnsafe(config, raw)
  return config
}

/** `ws://host` → `http://host`: LiveKit serves its API at the address clients connect to. */
const httpOf = (url: string) => url.replace(/^ws/, 'http')

/**
 * Without LIVEKIT_* outside production: `livekit-server --dev` on this machine, given key
 * `devkey` and a secret generated once under DATA_DIR. In production: none (video is off).
 */
function developmentLivekit(raw: Env, env: Config['env'], dataDir: string): Config['livekit'] {
  if (env === 'production' || raw.LIVEKIT_API_KEY || raw.LIVEKIT_API_SECRET) return null
  const url = raw.LIVEKIT_URL ?? 'ws://localhost:7880'
  return { url, apiUrl: raw.LIVEKIT_API_URL ?? httpOf(url), apiKey: 'devkey', apiSecret: developmentSecret({ env, dataDir }, 'livekit-secret', '') }
}

function livekitOf(raw: Env): Config['livekit'] {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = raw
  if (!url || !apiKey || !apiSecret) return null
  return { url, apiUrl: raw.LIVEKIT_API_URL ?? httpOf(url), apiKey, apiSecret }
}

function checkRanges(config: Config): void {
  const ranges: [string, number, number, number][] = [
    ['PORT', config.port, 0, 65535],
    ['DATABASE_POOL_SIZE', config.databasePoolSize, 1, 1000],
    ['WORKERS', config.workers, 1, MAX_WORKERS],
    ['ACCESS_TOKEN_MINUTES', config.accessTokenMinutes, 1, 1440],
    ['REFRESH_TOKEN_DAYS', config.refreshTokenDays, 1, 365],
    ['HOLD_TTL_MINUTES', config.holdTtlMinutes, 1, 1440],
    ['RATE_LIMIT_ANONYMOUS', config.rateLimit.anonymous, 1, Number.MAX_SAFE_INTEGER],
    ['RATE_LIMIT_AUTHENTICATED', config.rateLimit.authenticated, 1, Number.MAX_SAFE_INTEGER],
    ['RATE_LIMIT_STAFF', config.rateLimit.staff, 1, Number.MAX_SAFE_INTEGER],
    ['RATE_LIMIT_REGISTER', config.rateLimit.register, 1, Number.MAX_SAFE_INTEGER],
    ['RATE_LIMIT_REFRESH', config.rateLimit.refresh, 1, Number.MAX_SAFE_INTEGER],
    ['RATE_LIMIT_EMAIL_TOKENS', config.rateLimit.emailTokens, 1, Number.MAX_SAFE_INTEGER],
    ['LOGIN_FAILURES_PER_ACCOUNT', config.loginFailures.perAccount, 1, 1_000_000],
    ['LOGIN_FAILURES_PER_ADDRESS', config.loginFailures.perAddress, 1, 1_000_000],
    ['LOGIN_FAILURE_WINDOW_MINUTES', config.loginFailures.windowMinutes, 1, 24 * 60],
    ['BODY_LIMIT_BYTES', config.bodyLimitBytes, 1024, 100 * 1024 * 1024],
    ['WAITLIST_TTL_HOURS', config.waitlistTtlHours, 1, 24 * 30],
    ['EARNINGS_CLEARING_HOURS', config.earnings.clearingHours, 0, 24 * 90],
    ['MEDIA_MAX_BYTES', config.media.maxBytes, 1024, 1024 * 1024 * 1024],
    ['CHAT_EMAIL_DELAY_MINUTES', config.chat.emailDelayMinutes, 1, 7 * 24 * 60],
  ]
  const problems = ranges.filter(([, v, min, max]) => !(v >= min && v <= max)).map(([name, , min, max]) => `  ${name}: must be between ${min} and ${max}`)
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
}

/** Production refuses settings that are only meant for a developer's machine. */
function refuseUnsafe(config: Config, raw: Env): void {
  const stripeKey = '  STRIPE_SECRET_KEY: required with the stripe gateway'
  const twilio = [config.twilio.accountSid, config.twilio.authToken, config.twilio.from]
  const livekit = [raw.LIVEKIT_API_KEY, raw.LIVEKIT_API_SECRET]
  const livekitPartial =
    livekit.some(Boolean) && !(livekit.every(Boolean) && raw.LIVEKIT_URL) ? '  LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET: set all three or none' : null
  const twilioPartial = twilio.some(Boolean) && !twilio.every(Boolean) ? '  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM: set all three or none' : null
  const s3 = config.media.s3
  const s3Keys = s3 && !!s3.accessKeyId !== !!s3.secretAccessKey ? '  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither' : null
  if (config.env !== 'production') {
    const problems = [config.paymentGateway === 'stripe' && !config.stripe.secretKey ? stripeKey : null, twilioPartial, s3Keys, livekitPartial].filter(Boolean)
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
    return
  }
  const problems: string[] = []
  if (config.allowAutoConfirm) problems.push('  ALLOW_AUTO_CONFIRM: must be false in production')
  if (config.paymentGateway === 'fake') problems.push('  PAYMENT_GATEWAY: the fake gateway is not allowed in production')
  if (config.seedDemo) problems.push('  SEED_DEMO: demo data is not loaded in production')
  if (!config.stripe.webhookSecret) problems.push('  STRIPE_WEBHOOK_SECRET: required in production')
  if (config.paymentGateway === 'stripe' && !config.stripe.secretKey) problems.push(stripeKey)
  if (config.stripe.secretKey?.includes('_test_')) problems.push('  STRIPE_SECRET_KEY: a test key in production')
  if (twilioPartial) problems.push(twilioPartial)
  if (s3Keys) problems.push(s3Keys)
  if (livekitPartial) problems.push(livekitPartial)
  if (config.webhooksAllowPrivate) problems.push('  WEBHOOKS_ALLOW_PRIVATE: must be false in production')
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`)
}

/** In development a secret is generated once and kept under DATA_DIR, so it survives restarts. */
function developmentSecret(config: Pick<Config, 'env' | 'dataDir'>, name: string, requiredMessage: string): string {
  if (config.env === 'production') throw new ConfigError(`Invalid configuration:\n  ${requiredMessage}`)
  if (config.env === 'test') return randomBytes(32).toString('hex')
  const file = join(config.dataDir, name)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(config.dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

function readEnv(): Record<string, string | undefined> {
  // A .env file fills in what the real environment leaves unset.
  if (existsSync('.env')) process.loadEnvFile('.env')
  return process.env
}
