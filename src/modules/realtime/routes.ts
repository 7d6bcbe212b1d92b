import websocket from '@fastify/websocket'
import type { FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'
import type { WebSocket } from 'ws'
import type { App } from '../../app.js'
import type { Deps } from '../../deps.js'
import { AppError } from '../../http/errors.js'
import { Uuid, errorResponses } from '../../http/schemas.js'
import type { VerifiedAccess } from '../auth/tokens.js'
import type { MessagingService } from '../messaging/service.js'
import { requireVenueRole } from '../venues/access.js'
import type { VenueService } from '../venues/service.js'
import type { Feed, RealtimeHub } from './hub.js'

// Browsers cannot set headers on a WebSocket, hence the token in the query (SPEC §8).
const Token = Type.String({ minLength: 1, maxLength: 4096, description: 'the access token' })
// Optional in the schema so that a missing token is a 401 like a missing Authorization header.
const VenueFeedQuery = Type.Object({ venue_id: Uuid, token: Type.Optional(Token) }, { additionalProperties: false })
const UserFeedQuery = Type.Object({ token: Type.Optional(Token) }, { additionalProperties: false })
const ChatParams = Type.Object({ conversation_id: Uuid })
const Upgrade = {
  101: Type.Null({
    description:
      'Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds, and a customer’s own bookings) or `{"type":"notification","notification":{…}}` or, on a chat, `{"type":"message","message":{…}}` (a Message; `{id, truncated: true}` when too big to push: read it over HTTP).',
  }),
  ...errorResponses,
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller of a WebSocket handshake. */
    socketClaims?: VerifiedAccess
  }
}

/**
 * Live feeds over WebSocket, fed from the outbox relay through LISTEN/NOTIFY: staff
 * dashboards of a venue (`reservations`, `inventory`, read-only), a user's own
 * notifications and a conversation's new messages (its participants only). The handshake is
 * refused with the API's usual 401/403/404 before upgrading.
 */
export async function realtimeRoutes(
  app: App,
  { deps, venues, realtime, messaging }: { deps: Deps; venues: VenueService; realtime: RealtimeHub; messaging: MessagingService },
) {
  await app.register(websocket, { options: { maxPayload: 4096 } })
  const tags = ['realtime']

  const authenticate = async (token: string | undefined): Promise<VerifiedAccess> => {
    if (!token) throw new AppError('unauthenticated', 'Sign in: pass the access token as ?token=')
    const claims = await deps.tokens.verifyAccess(token, deps.clock())
    if (!claims) throw new AppError('invalid_token', 'The access token is invalid or expired')
    return claims
  }

  /** A venue feed's handshake: the venue exists and the caller is on its staff. */
  const staffOnly = async (req: FastifyRequest<{ Querystring: Static<typeof VenueFeedQuery> }>) => {
    req.socketClaims = await authenticate(req.query.token)
    await venues.get(req.query.venue_id)
    await requireVenueRole(deps.db, req.socketClaims, req.query.venue_id)
  }
  const venueFeed = (feed: Feed) => (socket: WebSocket, req: FastifyRequest<{ Querystring: Static<typeof VenueFeedQuery> }>) =>
    subscribe(realtime, feed, req.query.venue_id, socket, req.socketClaims!, deps)
  /** A user feed's handshake: any signed-in caller, whose own feed it is. */
  const signedIn = async (req: FastifyRequest<{ Querystring: Static<typeof UserFeedQuery> }>) => {
    req.socketClaims = await authenticate(req.query.token)
  }
  const userFeed = (feed: Feed) => (socket: WebSocket, req: FastifyRequest) =>
    subscribe(realtime, feed, req.socketClaims!.userId, socket, req.socketClaims!, deps)

  // `wsHandler` with an HTTP `handler` rather than `websocket: true`, which would hide the
  // route from the OpenAPI document and answer a plain GET with an empty 404.
  app.route({
    method: 'GET',
    url: '/ws/reservations',
    schema: {
      tags,
      operationId: 'streamVenueReservations',
      summary: 'Live reservations feed of a venue (its staff only)',
      querystring: VenueFeedQuery,
      response: Upgrade,
      security: [],
    },
    preHandler: staffOnly,
    handler: notUpgraded,
    wsHandler: venueFeed('reservations'),
  })

  app.route({
    method: 'GET',
    url: '/ws/inventory',
    schema: {
      tags,
      operationId: 'streamVenueInventory',
      summary: 'Live inventory feed of a venue (its staff only)',
      querystring: VenueFeedQuery,
      response: Upgrade,
      security: [],
    },
    preHandler: staffOnly,
    handler: notUpgraded,
    wsHandler: venueFeed('inventory'),
  })

  app.route({
    method: 'GET',
    url: '/ws/notifications',
    schema: {
      tags,
      operationId: 'streamMyNotifications',
      summary: "The caller's own in-app notifications, live",
      querystring: UserFeedQuery,
      response: Upgrade,
      security: [],
    },
    preHandler: signedIn,
    handler: notUpgraded,
    wsHandler: userFeed('notifications'),
  })

  // The caller's own bookings, keyed by the verified token's user: the events reach it only
  // if the reservation they are about was booked by that user (see booking-updates.ts).
  app.route({
    method: 'GET',
    url: '/ws/booking-updates',
    schema: {
      tags,
      operationId: 'streamMyBookingUpdates',
      summary: "The caller's own bookings as they change (confirmed, cancelled, expired, refunded, rescheduled, video room open), live",
      querystring: UserFeedQuery,
      response: Upgrade,
      security: [],
    },
    preHandler: signedIn,
    handler: notUpgraded,
    wsHandler: userFeed('bookings'),
  })

  app.route({
    method: 'GET',
    url: '/ws/chat/:conversation_id',
    schema: {
      tags,
      operationId: 'streamConversation',
      summary: 'New messages of a conversation, live (its participants only; send over HTTP)',
      params: ChatParams,
      querystring: UserFeedQuery,
      response: Upgrade,
      security: [],
    },
    preHandler: async (req) => {
      req.socketClaims = await authenticate(req.query.token)
      // 404 for a conversation that does not exist and for one the caller is not part of alike.
      await messaging.participant(req.socketClaims.userId, req.params.conversation_id)
    },
    handler: notUpgraded,
    wsHandler: (socket, req) => {
      const claims = req.socketClaims!
      const id = req.params.conversation_id
      // Present before the socket is told `ready`: from then on a message reaches it, and its
      // user is not also sent an in-app notification for it.
      const entered = messaging.presence.enter(id, claims.userId)
      socket.on('close', () => void entered.then((leave) => leave()).catch(() => {}))
      entered.then(
        () => {
          if (socket.readyState === socket.OPEN) subscribe(realtime, 'chat', id, socket, claims, deps)
        },
        () => socket.close(1011, 'feed unavailable'),
      )
    },
  })
}

/** A plain GET that passed every check but asked for no WebSocket. */
async function notUpgraded(): Promise<never> {
  throw new AppError('upgrade_required', 'This is a WebSocket endpoint: connect with Upgrade: websocket')
}

/** Subscribes, and closes the socket when its token expires: a feed lives no longer than its access. */
function subscribe(hub: RealtimeHub, feed: Feed, key: string, socket: WebSocket, claims: VerifiedAccess, deps: Deps): void {
  const timer = setTimeout(() => socket.close(4401, 'token expired'), Math.max(0, claims.expiresAt.getTime() - deps.clock().getTime()))
  timer.unref()
  socket.on('close', () => clearTimeout(timer))
  hub.add(feed, key, socket).catch(() => socket.close(1011, 'feed unavailable'))
}
