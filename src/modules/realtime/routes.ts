import websocket from '@fastify/websocket'
import { Type } from 'typebox'
import type { WebSocket } from 'ws'
import type { App } from '../../app.js'
import type { Deps } from '../../deps.js'
import { AppError } from '../../http/errors.js'
import { Uuid, errorResponses } from '../../http/schemas.js'
import type { AccessClaims } from '../auth/tokens.js'
import { requireVenueRole } from '../venues/access.js'
import type { VenueService } from '../venues/service.js'
import { RealtimeHub, type Feed } from './hub.js'

// Browsers cannot set headers on a WebSocket, hence the token in the query (SPEC §8).
const Token = Type.String({ minLength: 1, maxLength: 4096, description: 'the access token' })
// Optional in the schema so that a missing token is a 401 like a missing Authorization header.
const VenueFeedQuery = Type.Object({ venue_id: Uuid, token: Type.Optional(Token) }, { additionalProperties: false })
const UserFeedQuery = Type.Object({ token: Type.Optional(Token) }, { additionalProperties: false })
const Upgrade = {
  101: Type.Null({
    description:
      'Switching to WebSocket. Frames are JSON: `{"type":"ready"}` once subscribed, then `{"type":"event","event":{id,type,version,aggregate_id,venue_id,occurred_at,data}}` (venue feeds) or `{"type":"notification","notification":{…}}`.',
  }),
  ...errorResponses,
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller of a WebSocket handshake. */
    socketClaims?: AccessClaims
  }
}

/**
 * Live feeds over WebSocket, fed from the outbox relay through LISTEN/NOTIFY: staff
 * dashboards of a venue (`reservations`, `inventory`, read-only) and a user's own
 * notifications. The handshake is refused with the API's usual 401/403 before upgrading.
 */
export async function realtimeRoutes(app: App, { deps, venues }: { deps: Deps; venues: VenueService }) {
  await app.register(websocket, { options: { maxPayload: 4096 } })
  const hub = new RealtimeHub(deps, app.log)
  app.addHook('onClose', () => hub.close())
  const tags = ['realtime']

  const authenticate = async (token: string | undefined): Promise<AccessClaims> => {
    if (!token) throw new AppError('unauthenticated', 'Sign in: pass the access token as ?token=')
    const claims = await deps.tokens.verifyAccess(token, deps.clock())
    if (!claims) throw new AppError('invalid_token', 'The access token is invalid or expired')
    return claims
  }

  // `wsHandler` with an HTTP `handler` rather than `websocket: true`, which would hide the
  // route from the OpenAPI document and answer a plain GET with an empty 404.
  for (const feed of ['reservations', 'inventory'] as const) {
    app.route({
      method: 'GET',
      url: `/ws/${feed}`,
      schema: { tags, querystring: VenueFeedQuery, response: Upgrade, security: [], summary: `Live ${feed} feed of a venue (its staff only)` },
      preHandler: async (req) => {
        req.socketClaims = await authenticate(req.query.token)
        await venues.get(req.query.venue_id)
        await requireVenueRole(deps.db, req.socketClaims, req.query.venue_id)
      },
      handler: notUpgraded,
      wsHandler: (socket, req) => void subscribe(hub, feed, req.query.venue_id, socket, req.query.token!, deps),
    })
  }

  app.route({
    method: 'GET',
    url: '/ws/notifications',
    schema: { tags, querystring: UserFeedQuery, response: Upgrade, security: [], summary: "The caller's own in-app notifications, live" },
    preHandler: async (req) => {
      req.socketClaims = await authenticate(req.query.token)
    },
    handler: notUpgraded,
    wsHandler: (socket, req) => void subscribe(hub, 'notifications', req.socketClaims!.userId, socket, req.query.token!, deps),
  })
}

/** A plain GET that passed every check but asked for no WebSocket. */
async function notUpgraded(): Promise<never> {
  throw new AppError('upgrade_required', 'This is a WebSocket endpoint: connect with Upgrade: websocket')
}

/** Subscribes, and closes the socket when its token expires: a feed lives no longer than its access. */
async function subscribe(hub: RealtimeHub, feed: Feed, key: string, socket: WebSocket, token: string, deps: Deps) {
  const expiresAt = tokenExpiry(token)
  if (expiresAt !== null) {
    const timer = setTimeout(() => socket.close(4401, 'token expired'), Math.max(0, expiresAt - deps.clock().getTime()))
    timer.unref()
    socket.on('close', () => clearTimeout(timer))
  }
  await hub.add(feed, key, socket).catch(() => socket.close(1011, 'feed unavailable'))
}

/** The `exp` of a token that has already been verified. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null
  } catch {
    return null
  }
}
