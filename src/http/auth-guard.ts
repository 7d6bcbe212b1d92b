import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Deps } from '../deps.js'
import type { AccessClaims } from '../modules/auth/tokens.js'
import { AppError } from './errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: AccessClaims | null
    /** A bearer token was sent but did not verify. */
    badToken: boolean
  }
}

/** Reads the bearer token on every request, before rate limiting, which keys on the caller. */
export const authGuard = fp(
  async (app, deps: Deps) => {
    app.decorateRequest('principal', null)
    app.decorateRequest('badToken', false)
    app.addHook('onRequest', async (req) => {
      const header = req.headers.authorization
      if (!header) return
      const [scheme, token] = header.split(' ')
      const claims = scheme?.toLowerCase() === 'bearer' && token ? await deps.tokens.verifyAccess(token, deps.clock()) : undefined
      if (claims) req.principal = claims
      else req.badToken = true
    })
  },
  { name: 'auth-guard' },
)

/**
 * Who may call a route, read from its declared `security`, the same declaration the OpenAPI
 * document shows: `[]` is public (a token is not looked at), `[{}, { bearer: [] }]` is public
 * but a token identifies the caller, and no declaration is the document's global `bearer`.
 */
export type Access = 'public' | 'optional' | 'signed-in'

export function accessOf(schema: unknown): Access {
  const security = (schema as { security?: ReadonlyArray<Record<string, unknown>> } | undefined)?.security
  if (!security) return 'signed-in'
  if (security.length === 0) return 'public'
  return security.some((requirement) => Object.keys(requirement).length === 0) ? 'optional' : 'signed-in'
}

/**
 * A `preParsing` hook: the caller is checked before the body is read or any input validated,
 * so an anonymous request to a protected route is a 401 whatever it sent. (It runs after the
 * `onRequest` hooks, so rate limiting still counts the request.)
 */
export async function authenticateFirst(req: FastifyRequest): Promise<void> {
  const access = accessOf(req.routeOptions.schema)
  if (access === 'public') return
  // A token that does not verify is refused rather than quietly treated as anonymous.
  if (req.badToken) throw new AppError('invalid_token', 'The access token is invalid or expired')
  if (access === 'signed-in' && !req.principal) throw new AppError('unauthenticated', 'Sign in to do this')
}

/** The signed-in caller. `authenticateFirst` has refused anonymous callers already: this narrows the type. */
export function requireUser(req: FastifyRequest): AccessClaims {
  if (req.principal) return req.principal
  if (req.badToken) throw new AppError('invalid_token', 'The access token is invalid or expired')
  throw new AppError('unauthenticated', 'Sign in to do this')
}
