import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { errorResponses } from '../../http/schemas.js'
import { RetryLater } from './login-limits.js'
import {
  LoginBody,
  NoticeOut,
  PasswordResetBody,
  PasswordResetConfirmBody,
  RefreshBody,
  RegisterBody,
  ResendBody,
  SessionOut,
  UpdateUserBody,
  UserOut,
  VerifyEmailBody,
} from './schemas.js'
import type { AuthService } from './service.js'
import { sessionOut, userOut } from './views.js'

export interface AuthLimits {
  /** Requests per hour per address to register, to refresh, and to each route that sends or takes an emailed token. */
  register: number
  refresh: number
  emailTokens: number
}

/** The same words whether or not an account has the address: the answer must not tell. */
const RESET_REQUESTED = 'If an account uses this address, a link to reset its password is on its way. The link works once, within an hour.'

/** Runs `work`; a RetryLater it throws also sets Retry-After (the error handler writes the body). */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RetryLater) void reply.header('retry-after', String(error.retryAfterSeconds))
    throw error
  }
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
    async (req, reply) => withRetryAfter(reply, async () => sessionOut(await auth.login(req.body.email, req.body.password, req.ip))),
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
        summary: "Change the signed-in user's profile: name, phone, bio, avatar, time zone, location, preferences",
        body: UpdateUserBody,
        response: { 200: UserOut, ...errorResponses },
      },
    },
    async (req) => userOut(await auth.updateUser(requireUser(req).userId, req.body)),
  )

  await accountRoutes(app, { auth, limits })
}

/** Password reset and email verification: the routes that send or take a token by email. */
async function accountRoutes(app: App, { auth, limits }: { auth: AuthService; limits: AuthLimits }) {
  const perAddress = (name: string) => ({
    rateLimit: { max: limits.emailTokens, timeWindow: '1 hour', keyGenerator: (req: { ip: string }) => `${name}:${req.ip}` },
  })
  const tags = ['auth']

  app.post(
    '/auth/password/reset',
    {
      config: perAddress('password-reset'),
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        summary: 'Email a password reset link (the answer is the same whether or not the address has an account)',
        security: [],
        body: PasswordResetBody,
        response: { 202: NoticeOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.accounts.requestPasswordReset(req.body.email)
      return reply.code(202).send({ message: RESET_REQUESTED })
    },
  )

  app.post(
    '/auth/password/reset/confirm',
    {
      config: perAddress('password-reset-confirm'),
      schema: {
        tags,
        operationId: 'confirmPasswordReset',
        summary: "Set a new password with a reset link's token (signs the account out everywhere)",
        security: [],
        body: PasswordResetConfirmBody,
        response: { 200: NoticeOut, ...errorResponses },
      },
    },
    async (req) => {
      await auth.accounts.confirmPasswordReset(req.body.token, req.body.password)
      return { message: 'Your password is changed and every session of the account is signed out. Sign in with the new password.' }
    },
  )

  app.post(
    '/auth/verify-email',
    {
      config: perAddress('verify-email'),
      schema: {
        tags,
        operationId: 'verifyEmail',
        summary: "Verify an email address with a verification link's token",
        security: [],
        body: VerifyEmailBody,
        response: { 200: NoticeOut, ...errorResponses },
      },
    },
    async (req) => {
      await auth.accounts.verifyEmail(req.body.token)
      return { message: 'Your email address is verified.' }
    },
  )

  // Keyed by account: the caller is signed in, and an address may be shared by many.
  app.post(
    '/auth/verify-email/resend',
    {
      config: {
        rateLimit: {
          max: limits.emailTokens,
          timeWindow: '1 hour',
          keyGenerator: (req: { ip: string; principal: { userId: string } | null }) => `verify-resend:${req.principal?.userId ?? req.ip}`,
        },
      },
      schema: {
        tags,
        operationId: 'resendVerificationEmail',
        summary: 'Email the signed-in user a new verification link',
        body: ResendBody,
        response: { 202: NoticeOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req, reply) =>
      withRetryAfter(reply, async () => {
        await auth.accounts.resendVerification(requireUser(req).userId)
        return reply.code(202).send({ message: 'A new verification link is on its way.' })
      }),
  )
}
