import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { errorResponses } from '../../http/schemas.js'
import { LoginLocked } from './login-limits.js'
import { LoginBody, RefreshBody, RegisterBody, SessionOut, UpdateUserBody, UserOut } from './schemas.js'
import type { AuthService } from './service.js'
import { sessionOut, userOut } from './views.js'

export interface AuthLimits {
  /** Requests per hour per address to register, and to refresh. */
  register: number
  refresh: number
}

export async function authRoutes(app: App, { auth, limits }: { auth: AuthService; limits: AuthLimits }) {
  // Registration and refresh get generous limits of their own, keyed by address alone: a
  // bearer token (any account's) must not buy a fresh bucket. Login is guarded by its failures
  // instead (LoginLimits), which do not count honest sign-ins.
  const perAddress = (name: string, max: number) => ({
    rateLimit: { max, timeWindow: '1 hour', keyGenerator: (req: { ip: string }) => `${name}:${req.ip}` },
  })
  const tags = ['auth']

  app.post(
    '/auth/register',
    {
      config: perAddress('register', limits.register),
      schema: {
        tags,
        operationId: 'register',
        summary: 'Create an account and sign in',
        security: [],
        body: RegisterBody,
        response: { 201: SessionOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(sessionOut(await auth.register(req.body))),
  )

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        operationId: 'login',
        summary: 'Sign in with email and password (failed attempts are limited per account and per address)',
        security: [],
        body: LoginBody,
        response: { 200: SessionOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      try {
        return sessionOut(await auth.login(req.body.email, req.body.password, req.ip))
      } catch (error) {
        // The error handler writes the body; the header is what HTTP clients and proxies read.
        if (error instanceof LoginLocked) void reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      }
    },
  )

  app.post(
    '/auth/token/refresh',
    {
      config: perAddress('refresh', limits.refresh),
      schema: {
        tags,
        operationId: 'refreshToken',
        summary: 'Trade a refresh token for new tokens (the old one is spent)',
        security: [],
        body: RefreshBody,
        response: { 200: SessionOut, ...errorResponses },
      },
    },
    async (req) => sessionOut(await auth.refresh(req.body.refresh)),
  )

  // The refresh token in the body is the credential: revoking it needs no access token.
  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        operationId: 'logout',
        summary: "Revoke a refresh token's family",
        security: [],
        body: RefreshBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.logout(req.body.refresh)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/auth/user',
    { schema: { tags, operationId: 'getCurrentUser', summary: 'Read the signed-in user', response: { 200: UserOut, ...errorResponses } } },
    async (req) => userOut(await auth.getUser(requireUser(req).userId)),
  )

  app.put(
    '/auth/user',
    {
      schema: {
        tags,
        operationId: 'updateCurrentUser',
        summary: "Change the signed-in user's name or phone",
        body: UpdateUserBody,
        response: { 200: UserOut, ...errorResponses },
      },
    },
    async (req) => userOut(await auth.updateUser(requireUser(req).userId, req.body)),
  )
}
