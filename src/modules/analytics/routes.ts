import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, Instant, LocalDate, MoneyOut, PageQuery, errorResponses, named, Page } from '../../http/schemas.js'
import type { AnalyticsService, Period } from './service.js'

const Range = {
  from: LocalDate,
  to: LocalDate,
  interval: Type.Optional(Type.Enum(['day', 'week', 'month'], { description: 'weeks start on Monday; default day' })),
  ...PageQuery,
}
const VenueAnalyticsQuery = Type.Object(Range, { additionalProperties: false })
const PractitionerAnalyticsQuery = Type.Object(
  { ...Range, practitioner_id: Type.Optional(Type.String({ format: 'uuid', description: 'by default your own practitioner profile' })) },
  { additionalProperties: false },
)

const periodFields = {
  period: Type.String({ description: 'the local date the period starts on' }),
  start: Instant,
  end: Instant,
  bookings: Type.Integer(),
  revenue: MoneyOut,
  cancellations: Type.Integer(),
}
const PeriodOut = named('AnalyticsPeriod', Type.Object(periodFields))
const PractitionerPeriodOut = named(
  'PractitionerAnalyticsPeriod',
  Type.Object({ ...periodFields, earnings: Type.Object({ gross: MoneyOut, commission: MoneyOut, net: MoneyOut }) }),
)
const PeriodPage = Page(PeriodOut)
const PractitionerPeriodPage = Page(PractitionerPeriodOut)

const periodOut = (p: Period, currency: string) => ({
  period: p.period,
  start: p.start.toISOString(),
  end: p.end.toISOString(),
  bookings: p.bookings,
  revenue: { amount: p.revenue, currency },
  cancellations: p.cancellations,
})

export async function analyticsRoutes(app: App, { analytics }: { analytics: AnalyticsService }) {
  const tags = ['analytics']

  app.get(
    '/venues/:id/analytics',
    {
      schema: {
        tags,
        operationId: 'getVenueAnalytics',
        summary: 'Bookings, revenue and cancellations per local day, week or month (staff)',
        params: IdParams,
        querystring: VenueAnalyticsQuery,
        response: { 200: PeriodPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => analytics.venue(requireUser(req), req.params.id, req.query, page),
        (p, answer) => periodOut(p, answer.currency),
      ),
  )

  app.get(
    '/practitioner/analytics',
    {
      schema: {
        tags,
        operationId: 'getPractitionerAnalytics',
        summary: 'The practitioner’s bookings, revenue, cancellations and earnings per local day, week or month (their staff)',
        querystring: PractitionerAnalyticsQuery,
        response: { 200: PractitionerPeriodPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => analytics.practitioner(requireUser(req), req.query.practitioner_id, req.query, page),
        (p, answer) => {
          const e = p.earnings
          const money = (amount: number) => ({ amount, currency: answer.currency })
          return { ...periodOut(p, answer.currency), earnings: { gross: money(e.gross), commission: money(e.commission), net: money(e.net) } }
        },
      ),
  )
}
