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

/** The signed-in caller, or 401. */
export function requireUser(req: FastifyRequest): AccessClaims {
  if (req.principal) return req.principal
  if (req.badToken) throw new AppError('invalid_token', 'The access token is invalid or expired')
  throw new AppError('unauthenticated', 'Sign in to do this')
}
