import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdempotencyHeaders, Instant, Money, MoneyOut, Nullable, PageQuery, Uuid, errorResponses, named, Page } from '../../http/schemas.js'
import { planIntervals, subscriptionStatuses } from './schema.js'
import type { Plan, Subscription, SubscriptionService } from './service.js'

const PlanBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    price: Money,
    interval: Type.Enum([...planIntervals]),
    commission_discount_percent: Type.Optional(
      Type.Number({ minimum: 0, maximum: 5, multipleOf: 0.25, description: 'taken off the tier’s rate while active' }),
    ),
    features: Type.Optional(Type.Boolean({ description: 'subscribers are featured in the practitioner listing' })),
  },
  { additionalProperties: false },
)
const PlanOut = named(
  'SubscriptionPlan',
  Type.Object({
    id: Uuid,
    name: Type.String(),
    price: MoneyOut,
    interval: Type.Enum([...planIntervals]),
    commission_discount_percent: Type.Number(),
    features: Type.Boolean(),
    created_at: Instant,
  }),
)
const PlanPage = Page(PlanOut)
const PlanQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
const PractitionerId = Type.Optional(Type.String({ format: 'uuid', description: 'by default your own practitioner profile' }))
const SubscribeBody = Type.Object({ plan_id: Uuid, practitioner_id: PractitionerId }, { additionalProperties: false })
const WhoseQuery = Type.Object({ practitioner_id: PractitionerId }, { additionalProperties: false })
const SubscriptionOut = named(
  'PractitionerSubscription',
  Type.Object({
    id: Uuid,
    practitioner_id: Uuid,
    plan_id: Uuid,
    status: Type.Enum([...subscriptionStatuses]),
    current_period_end: Nullable(Instant),
    client_secret: Type.Optional(Nullable(Type.String({ description: 'on subscribing: pays the first invoice' }))),
    created_at: Instant,
  }),
)

const planOut = (p: Plan) => ({
  id: p.id,
  name: p.name,
  price: { amount: p.amount, currency: p.currency },
  interval: p.interval,
  commission_discount_percent: p.commissionDiscountBp / 100,
  features: p.features,
  created_at: p.createdAt.toISOString(),
})

const subscriptionOut = (s: Subscription) => ({
  id: s.id,
  practitioner_id: s.practitionerId,
  plan_id: s.planId,
  status: s.status,
  current_period_end: s.currentPeriodEnd?.toISOString() ?? null,
  created_at: s.createdAt.toISOString(),
})

export async function subscriptionRoutes(app: App, { subscriptions }: { subscriptions: SubscriptionService }) {
  const tags = ['subscriptions']

  app.post(
    '/subscription-plans',
    {
      schema: {
        tags,
        operationId: 'createSubscriptionPlan',
        summary: 'Define a platform plan for practitioners (admins): a recurring price at Stripe',
        headers: IdempotencyHeaders,
        body: PlanBody,
        response: { 201: PlanOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.idempotent(201, async () => planOut(await subscriptions.createPlan(requireUser(req), req.body))),
  )

  app.get(
    '/subscription-plans',
    {
      schema: {
        tags,
        operationId: 'listSubscriptionPlans',
        summary: 'The plans practitioners can subscribe to',
        security: [],
        querystring: PlanQuery,
        response: { 200: PlanPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => subscriptions.plans(page), planOut),
  )

  app.post(
    '/practitioner/subscription',
    {
      schema: {
        tags,
        operationId: 'subscribePractitioner',
        summary: 'Subscribe the practitioner to a plan (owners, managers); it is active once its first invoice is paid',
        headers: IdempotencyHeaders,
        body: SubscribeBody,
        response: { 201: SubscriptionOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.idempotent(201, async () => {
        const { sub, clientSecret } = await subscriptions.subscribe(requireUser(req), req.body)
        return { ...subscriptionOut(sub), client_secret: clientSecret }
      }),
  )

  app.get(
    '/practitioner/subscription',
    {
      schema: {
        tags,
        operationId: 'getPractitionerSubscription',
        summary: 'The practitioner’s live subscription and its status as Stripe last reported it',
        querystring: WhoseQuery,
        response: { 200: SubscriptionOut, ...errorResponses },
      },
    },
    async (req) => subscriptionOut(await subscriptions.current(requireUser(req), req.query.practitioner_id)),
  )

  app.delete(
    '/practitioner/subscription',
    {
      schema: {
        tags,
        operationId: 'cancelPractitionerSubscription',
        summary: 'Cancel the practitioner’s subscription at Stripe (owners, managers); the webhook ends it here',
        querystring: WhoseQuery,
        response: { 200: SubscriptionOut, ...errorResponses },
      },
    },
    async (req) => subscriptionOut(await subscriptions.cancel(requireUser(req), req.query.practitioner_id)),
  )
}
