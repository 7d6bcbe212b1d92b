import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { errorResponses } from '../../http/schemas.js'
import { LoginBody, RefreshBody, RegisterBody, SessionOut, UpdateUserBody, UserOut } from './schemas.js'
import type { AuthService } from './service.js'
import { sessionOut, userOut } from './views.js'

export async function authRoutes(app: App, { auth, loginLimit }: { auth: AuthService; loginLimit: number }) {
  // Credential endpoints get their own, stricter limit, keyed by address alone: a bearer
  // token (any account's) must not buy a fresh bucket for guessing passwords.
  const strict = { rateLimit: { max: loginLimit, timeWindow: '1 hour', keyGenerator: (req: { ip: string }) => `auth:${req.ip}` } }
  const tags = ['auth']

  app.post(
    '/auth/register',
    {
      config: strict,
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
      config: strict,
      schema: {
        tags,
        operationId: 'login',
        summary: 'Sign in with email and password',
        security: [],
        body: LoginBody,
        response: { 200: SessionOut, ...errorResponses },
      },
    },
    async (req) => sessionOut(await auth.login(req.body.email, req.body.password)),
  )

  app.post(
    '/auth/token/refresh',
    {
      config: strict,
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
