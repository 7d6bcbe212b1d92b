import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { errorResponses } from '../../http/schemas.js'
import { LoginBody, RefreshBody, RegisterBody, SessionOut, UpdateUserBody, UserOut, sessionOut, userOut } from './schemas.js'
import type { AuthService } from './service.js'

export async function authRoutes(app: App, { auth, loginLimit }: { auth: AuthService; loginLimit: number }) {
  // Credential endpoints get their own, stricter limit, keyed by address alone: a bearer
  // token (any account's) must not buy a fresh bucket for guessing passwords.
  const strict = { rateLimit: { max: loginLimit, timeWindow: '1 hour', keyGenerator: (req: { ip: string }) => `auth:${req.ip}` } }
  const tags = ['auth']

  app.post('/auth/register', { config: strict, schema: { tags, body: RegisterBody, response: { 201: SessionOut, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(sessionOut(await auth.register(req.body))),
  )

  app.post('/auth/login', { config: strict, schema: { tags, body: LoginBody, response: { 200: SessionOut, ...errorResponses } } }, async (req) =>
    sessionOut(await auth.login(req.body.email, req.body.password)),
  )

  app.post('/auth/token/refresh', { config: strict, schema: { tags, body: RefreshBody, response: { 200: SessionOut, ...errorResponses } } }, async (req) =>
    sessionOut(await auth.refresh(req.body.refresh)),
  )

  app.post('/auth/logout', { schema: { tags, body: RefreshBody, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await auth.logout(req.body.refresh)
    return reply.code(204).send(null)
  })

  app.get('/auth/user', { schema: { tags, response: { 200: UserOut, ...errorResponses } } }, async (req) =>
    userOut(await auth.getUser(requireUser(req).userId)),
  )

  app.put('/auth/user', { schema: { tags, body: UpdateUserBody, response: { 200: UserOut, ...errorResponses } } }, async (req) =>
    userOut(await auth.updateUser(requireUser(req).userId, req.body)),
  )
}
