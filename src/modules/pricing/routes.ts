import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import type { QuoteService } from './quotes.js'
import type { PricingRuleService } from './rules.js'
import { PricingRuleBody, PricingRuleListQuery, PricingRuleOut, QuoteAnswer, QuoteBody, PricingRulePage } from './schemas.js'
import { ruleOut } from './views.js'

interface Services {
  pricingRules: PricingRuleService
  quotes: QuoteService
}

export async function pricingRoutes(app: App, { pricingRules, quotes }: Services) {
  const tags = ['pricing']

  app.post(
    '/venues/:id/pricing-rules',
    {
      schema: {
        tags,
        operationId: 'createPricingRule',
        summary: 'Add a pricing rule to a venue',
        params: IdParams,
        body: PricingRuleBody,
        response: { 201: PricingRuleOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { rule, venue } = await pricingRules.create(requireUser(req), req.params.id, req.body)
      return reply.code(201).send(ruleOut(rule, venue))
    },
  )

  app.get(
    '/venues/:id/pricing-rules',
    {
      schema: {
        tags,
        operationId: 'listPricingRules',
        summary: "List a venue's pricing rules",
        params: IdParams,
        querystring: PricingRuleListQuery,
        response: { 200: PricingRulePage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => pricingRules.list(requireUser(req), req.params.id, page),
        (rule, { venue }) => ruleOut(rule, venue),
      ),
  )

  app.delete(
    '/pricing-rules/:id',
    {
      schema: { tags, operationId: 'deletePricingRule', summary: 'Remove a pricing rule', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await pricingRules.remove(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  // A price, not a claim: nothing is held, so no sign-in and no idempotency key are needed.
  app.post(
    '/quotes',
    {
      schema: {
        tags,
        operationId: 'createQuote',
        summary: 'Price items without booking them',
        security: [],
        body: QuoteBody,
        response: { 200: QuoteAnswer, ...errorResponses },
      },
    },
    async (req) => quotes.quote(req.body),
  )
}
