import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, Page, errorResponses } from '../../http/schemas.js'
import type { Venue } from '../venues/service.js'
import type { QuoteService } from './quotes.js'
import type { PricingRule, PricingRuleService } from './rules.js'
import { PricingRuleBody, PricingRuleListQuery, PricingRuleOut, QuoteAnswer, QuoteBody } from './schemas.js'

interface Services {
  pricingRules: PricingRuleService
  quotes: QuoteService
}

const ruleOut = (r: PricingRule, venue: Venue) => ({
  id: r.id,
  venue_id: r.venueId,
  kind: r.kind,
  name: r.name,
  room_type_id: r.roomTypeId,
  rate_plan_id: r.ratePlanId,
  starts_on: r.startsOn,
  ends_on: r.endsOn,
  weekdays: r.weekdays,
  amount: r.amount === null ? null : { amount: r.amount, currency: venue.currency },
  percent: r.percent,
  priority: r.priority,
  created_at: r.createdAt.toISOString(),
})

export async function pricingRoutes(app: App, { pricingRules, quotes }: Services) {
  const tags = ['pricing']

  app.post(
    '/venues/:id/pricing-rules',
    { schema: { tags, params: IdParams, body: PricingRuleBody, response: { 201: PricingRuleOut, ...errorResponses } } },
    async (req, reply) => {
      const { rule, venue } = await pricingRules.create(requireUser(req), req.params.id, req.body)
      return reply.code(201).send(ruleOut(rule, venue))
    },
  )

  app.get(
    '/venues/:id/pricing-rules',
    { schema: { tags, params: IdParams, querystring: PricingRuleListQuery, response: { 200: Page(PricingRuleOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count, venue } = await pricingRules.list(requireUser(req), req.params.id, page)
      return pageOf(
        req.url,
        page,
        count,
        rows.map((r) => ruleOut(r, venue)),
      )
    },
  )

  app.delete('/pricing-rules/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await pricingRules.remove(requireUser(req), req.params.id)
    return reply.code(204).send(null)
  })

  // A price, not a claim: nothing is held, so no sign-in and no idempotency key are needed.
  app.post('/quotes', { schema: { tags, body: QuoteBody, response: { 200: QuoteAnswer, ...errorResponses }, security: [] } }, async (req) =>
    quotes.quote(req.body),
  )
}
