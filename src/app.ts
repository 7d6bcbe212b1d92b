import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pino } from 'pino'
import { randomUUID } from 'node:crypto'
import type { Deps } from './deps.js'
import { authGuard, authenticateFirst } from './http/auth-guard.js'
import { API_METHODS, clientErrorHandler, frameworkErrorHandler, installErrorHandler } from './http/error-handler.js'
import { AppError } from './http/errors.js'
import { idempotency } from './http/idempotency.js'
import { consolePages } from './http/console.js'
import { redocPage } from './http/redoc.js'
import { sharedSchemas } from './http/schemas.js'
import { buildSerializer } from './http/serialization.js'
import { validatorCompiler } from './http/validation.js'
import { authRoutes } from './modules/auth/routes.js'
import { AuthService } from './modules/auth/service.js'
import { availabilityRoutes } from './modules/availability/routes.js'
import { AvailabilityService } from './modules/availability/service.js'
import { healthRoutes } from './modules/health/routes.js'
import { ReservationQueries } from './modules/reservations/queries.js'
import { reschedule } from './modules/reservations/reschedule.js'
import { reservationRoutes } from './modules/reservations/routes.js'
import { ReservationService } from './modules/reservations/service.js'
import { roomRoutes } from './modules/rooms/routes.js'
import { RoomService } from './modules/rooms/service.js'
import { venueRoutes } from './modules/venues/routes.js'
import { VenueService } from './modules/venues/service.js'
import { isVenueStaffAnywhere } from './modules/venues/access.js'
import { CreditService } from './modules/credits/service.js'
import { creditRoutes } from './modules/credits/routes.js'
import { CancellationService } from './modules/payments/cancellation.js'
import { CheckoutService } from './modules/payments/checkout.js'
import { CreditPurchaseService } from './modules/payments/credit-purchases.js'
import { FakeGateway } from './modules/payments/fake-gateway.js'
import { PaymentQueries } from './modules/payments/history.js'
import { Reconciler } from './modules/payments/reconcile.js'
import { paymentRoutes } from './modules/payments/routes.js'
import { creditPurchaseRoutes } from './modules/payments/credit-purchase-routes.js'
import { Settlement } from './modules/payments/settlement.js'
import { moneyView } from './modules/payments/views.js'
import { WebhookService } from './modules/payments/webhooks.js'
import { pricingRoutes } from './modules/pricing/routes.js'
import { contentRoutes } from './modules/content/routes.js'
import { ContentService } from './modules/content/service.js'
import { PricingRuleService } from './modules/pricing/rules.js'
import { QuoteService } from './modules/pricing/quotes.js'
import { InventoryService } from './modules/stays/inventory.js'
import { StayReports } from './modules/stays/reports.js'
import { RoomTypeService } from './modules/stays/room-types.js'
import { stayRoutes } from './modules/stays/routes.js'
import { StaySearch } from './modules/stays/search.js'
import { LocalRelay, OutboxRelay } from './modules/events/relay.js'
import { BrokerRelay, brokerQueueSink } from './modules/events/broker.js'
import { natsPublisher } from './modules/events/nats.js'
import { notificationRoutes } from './modules/notifications/routes.js'
import { NotificationService } from './modules/notifications/service.js'
import { realtimeSink } from './modules/realtime/channels.js'
import { bookingUpdatesSink } from './modules/realtime/booking-updates.js'
import { RealtimeHub } from './modules/realtime/hub.js'
import { realtimeRoutes } from './modules/realtime/routes.js'
import { waitlistRoutes } from './modules/waitlist/routes.js'
import { WaitlistService } from './modules/waitlist/service.js'
import { outboundWebhookRoutes } from './modules/webhooks/routes.js'
import { AttendanceService } from './modules/catalog/attendance.js'
import { SessionAvailability } from './modules/catalog/availability.js'
import { catalogRoutes } from './modules/catalog/routes.js'
import { CatalogService } from './modules/catalog/service.js'
import { practitionerRoutes } from './modules/practitioners/routes.js'
import { PractitionerService } from './modules/practitioners/service.js'
import { reviewRoutes } from './modules/reviews/routes.js'
import { messagingRoutes } from './modules/messaging/routes.js'
import { MessagingService } from './modules/messaging/service.js'
import { packageRoutes } from './modules/packages/routes.js'
import { earningsRoutes } from './modules/earnings/routes.js'
import { analyticsRoutes } from './modules/analytics/routes.js'
import { subscriptionRoutes } from './modules/subscriptions/routes.js'
import { SubscriptionService } from './modules/subscriptions/service.js'
import { AnalyticsService } from './modules/analytics/service.js'
import { EarningsService } from './modules/earnings/service.js'
import { PackageService } from './modules/packages/service.js'
import { ReviewService } from './modules/reviews/service.js'
import { OutboundWebhooks } from './modules/webhooks/service.js'
import { FeedService } from './modules/ical/feeds.js'
import { calendarFeedRoutes } from './modules/ical/routes.js'
import { messageMediaReadable } from './modules/messaging/access.js'
import { mediaRoutes } from './modules/media/routes.js'
import { MediaService } from './modules/media/service.js'
import { postMediaReadable } from './modules/streams/access.js'
import { CommentService } from './modules/streams/comments.js'
import { streamRoutes } from './modules/streams/routes.js'
import { PostService } from './modules/streams/service.js'
import { videoRoutes } from './modules/video/routes.js'
import { VideoService } from './modules/video/service.js'
import { VideoWebhooks } from './modules/video/webhooks.js'

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>

/** The use cases, built once per process and shared by routes and jobs. */
export function buildServices(deps: Deps) {
  const venues = new VenueService(deps)
  const localRelay = new LocalRelay()
  const reservations = new ReservationService(deps, venues, localRelay)
  const settlement = new Settlement(reservations)
  const creditPurchases = new CreditPurchaseService(deps)
  const reconciler = new Reconciler(deps, settlement, creditPurchases)
  const cancellations = new CancellationService(deps, reservations, venues, reconciler)
  const paymentQueries = new PaymentQueries(deps, venues)
  const roomTypes = new RoomTypeService(deps, venues)
  const notifications = new NotificationService(deps)
  const outboundWebhooks = new OutboundWebhooks(deps, venues)
  // With a broker configured, the relay queues every event for it and a loop of its own publishes them.
  const broker = deps.config.nats.url ? new BrokerRelay(deps, natsPublisher({ ...deps.config.nats, url: deps.config.nats.url })) : undefined
  const earnings = new EarningsService(deps)
  const sinks = [outboundWebhooks.sink, notifications.sink, realtimeSink, bookingUpdatesSink, earnings.sink, ...(broker ? [brokerQueueSink] : [])]
  // This process's WebSocket subscribers; it opens its LISTEN connections only once a socket joins.
  const practitioners = new PractitionerService(deps, venues)
  const catalog = new CatalogService(deps, venues)
  const checkout = new CheckoutService(deps, reservations, venues)
  const realtime = new RealtimeHub(deps, pino({ level: deps.config.logLevel, name: 'realtime' }))
  const posts = new PostService(deps)
  // Each purpose's upload is read like the object using it; that object's module says who may.
  const media = new MediaService(deps, { avatar: async () => true, post: postMediaReadable, message: messageMediaReadable })
  const messaging = new MessagingService(deps)
  const attendance = new AttendanceService(deps)
  return {
    auth: new AuthService(deps),
    venues,
    rooms: new RoomService(deps, venues),
    roomTypes,
    inventory: new InventoryService(deps, venues, roomTypes),
    staySearch: new StaySearch(deps, venues),
    stayReports: new StayReports(deps, venues),
    pricingRules: new PricingRuleService(deps, venues),
    quotes: new QuoteService(deps, venues),
    content: new ContentService(deps, venues),
    availability: new AvailabilityService(deps, venues),
    reservations,
    queries: new ReservationQueries(deps, venues),
    reschedule: (who: Parameters<typeof reschedule>[3], id: string, body: Parameters<typeof reschedule>[5]) =>
      reschedule(deps, venues, reservations, who, id, body),
    checkout,
    webhooks: new WebhookService(deps, settlement, localRelay),
    reconciler,
    cancellations,
    paymentQueries,
    credits: new CreditService(deps),
    creditPurchases,
    paymentView: moneyView(deps, venues, paymentQueries, cancellations),
    waitlist: new WaitlistService(deps, venues),
    practitioners,
    catalog,
    sessions: new SessionAvailability(deps, practitioners, venues, catalog),
    attendance,
    reviews: new ReviewService(deps),
    messaging,
    packages: new PackageService(deps, venues, reservations, checkout),
    earnings,
    analytics: new AnalyticsService(deps, venues),
    subscriptions: new SubscriptionService(deps),
    media,
    posts,
    comments: new CommentService(deps, posts),
    video: new VideoService(deps, reservations),
    videoWebhooks: new VideoWebhooks(deps, reservations, attendance),
    notifications,
    calendarFeeds: new FeedService(deps),
    outboundWebhooks,
    relay: new OutboxRelay(deps, sinks),
    localRelay,
    broker,
    realtime,
    // Connections the services hold open beyond the database pool: the hub's LISTEN, the NATS client.
    close: async () => {
      await realtime.close()
      messaging.presence.stop()
      await broker?.close()
    },
  }
}
export type Services = ReturnType<typeof buildServices>

/** Registers plugins in a fixed order: platform plugins, then auth, then the API's routes. */
export async function buildApp(deps: Deps, services: Services = buildServices(deps)): Promise<App> {
  const { config } = deps
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization'],
      // WebSocket handshakes carry the access token in the query (?token=): never log it.
      serializers: {
        req: (req) => ({ method: req.method, url: redactToken(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
      },
    },
    bodyLimit: config.bodyLimitBytes,
    // Behind a load balancer the client address comes from X-Forwarded-For; only when told so.
    trustProxy: config.trustProxy,
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: { buildSerializer } },
    // Errors met before a route runs answer in the API's error shape too, without quoting the request.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // The named shapes (Money, Error, Reservation, …): routes reference them by `$ref`, the
  // validator and serializer resolve them, and the document lists them under components.
  const shapes = sharedSchemas()
  for (const schema of shapes) app.addSchema(schema)
  app.setValidatorCompiler(validatorCompiler(shapes))
  // The API speaks JSON only; anything else is 415 rather than a confusing validation error.
  app.removeContentTypeParser('text/plain')
  installErrorHandler(app)
  // Routes marked x-body-optional take a bare POST as an empty body (OpenAPI says so too, below).
  app.addHook('preValidation', async (req) => {
    if ((req.routeOptions.schema as Record<string, unknown> | undefined)?.['x-body-optional']) req.body ??= {}
  })
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
    // Answers carry tokens and guests' personal data, so no cache (browser, proxy, CDN) may
    // keep one: every answer is no-store unless its route set a Cache-Control of its own on a
    // success. The docs page's static files are left to the plugin that serves them.
    if (req.url === '/docs' || req.url.startsWith('/docs/')) return
    if (reply.statusCode >= 400 || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  })

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"] },
    },
  })
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    // Every method a route uses (the plugin's default stops at GET, HEAD and POST).
    methods: [...API_METHODS],
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Reservoir',
        version: '0.1.0',
        description: 'Booking and reservation engine',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Paths carry their /api/v1 prefix, so the server is the origin the document came from.
      servers: [{ url: '/', description: 'this server' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    // A shared shape keeps its name in components.schemas (the default would call it def-N).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    // Routes marked x-body-optional accept a bare POST; the plugin would call the body required.
    transformObject: (document) => {
      if (!('openapiObject' in document)) return document.swaggerObject
      const { openapiObject } = document
      for (const path of Object.values(openapiObject.paths ?? {})) {
        for (const op of Object.values(path as Record<string, Record<string, unknown>>)) {
          if (op && op['x-body-optional']) {
            delete op['x-body-optional']
            ;(op.requestBody as { required: boolean }).required = false
          }
        }
      }
      return openapiObject
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: false } })
  await app.register(redocPage, { specUrl: '/api/v1/openapi.json' })
  await app.register(consolePages)
  await app.register(authGuard, deps)
  await app.register(idempotency, deps)
  await app.register(rateLimit, {
    global: true,
    // The caller's tier decides the limit: staff dashboards poll more than anonymous visitors.
    max: async (req) => {
      if (!req.principal) return config.rateLimit.anonymous
      if (req.principal.role === 'admin') return config.rateLimit.staff
      return (await isVenueStaffAnywhere(deps.db, req.principal.userId)) ? config.rateLimit.staff : config.rateLimit.authenticated
    },
    timeWindow: '1 hour',
    keyGenerator: (req) => (req.principal ? `user:${req.principal.userId}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', 'Too many requests, slow down', { retry_after_seconds: Math.ceil(ctx.ttl / 1000) }),
  })

  await app.register(
    async (api) => {
      // Every API route: its declared `security` decides who may call it, before its input is read.
      api.addHook('preParsing', authenticateFirst)
      await api.register(healthRoutes, { database: deps.database })
      await api.register(authRoutes, { auth: services.auth, limits: config.rateLimit })
      await api.register(venueRoutes, { venues: services.venues, defaultHoldTtl: config.holdTtlMinutes })
      await api.register(roomRoutes, { rooms: services.rooms })
      await api.register(availabilityRoutes, { availability: services.availability })
      await api.register(stayRoutes, services)
      await api.register(pricingRoutes, services)
      await api.register(contentRoutes, services)
      await api.register(reservationRoutes, services)
      await api.register(paymentRoutes, services)
      await api.register(creditPurchaseRoutes, services)
      await api.register(creditRoutes, { credits: services.credits })
      await api.register(waitlistRoutes, services)
      await api.register(notificationRoutes, services)
      await api.register(calendarFeedRoutes, { feeds: services.calendarFeeds, publicUrl: config.publicUrl })
      await api.register(outboundWebhookRoutes, services)
      await api.register(practitionerRoutes, services)
      await api.register(catalogRoutes, services)
      await api.register(reviewRoutes, services)
      await api.register(packageRoutes, services)
      await api.register(earningsRoutes, services)
      await api.register(analyticsRoutes, services)
      await api.register(subscriptionRoutes, services)
      await api.register(mediaRoutes, { media: services.media, maxBytes: config.media.maxBytes })
      await api.register(streamRoutes, services)
      await api.register(messagingRoutes, services)
      await api.register(realtimeRoutes, { deps, venues: services.venues, realtime: services.realtime, messaging: services.messaging })
      await api.register(videoRoutes, services)
      // The one answer that is the same for everyone and holds nothing private: caches may keep it a while.
      api.get('/openapi.json', { schema: { hide: true, security: [] } }, async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=300')
        return app.swagger()
      })
    },
    { prefix: '/api/v1' },
  )
  // A shape named after the loop above (say, a Page built inside a route plugin) would be
  // referenced but never registered: fail at start-up rather than on the first request.
  const late = sharedSchemas().filter((schema) => !shapes.includes(schema))
  if (late.length > 0) throw new Error(`Shared schemas named after the app registered them: ${late.map((s) => s.$id).join(', ')}`)
  if (deps.gateway instanceof FakeGateway) connectFake(app, deps.gateway)
  return app
}

/** A URL as logged: the value of a `token` query parameter is replaced. */
export const redactToken = (url: string) => url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]')

/** The fake gateway delivers its signed webhooks through the real endpoint, in-process. */
function connectFake(app: App, gateway: FakeGateway): void {
  gateway.connect(async (payload, signature) => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhook',
      payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    })
  })
  app.addHook('onClose', async () => gateway.connect(null))
}
