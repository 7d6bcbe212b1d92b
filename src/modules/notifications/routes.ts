import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, Page, errorResponses } from '../../http/schemas.js'
import { InboxItemOut, InboxQuery, LogItemOut, ReadBody, VenueLogQuery } from './schemas.js'
import type { NotificationService } from './service.js'
import { inboxItem, logItem } from './views.js'

export async function notificationRoutes(app: App, { notifications }: { notifications: NotificationService }) {
  const tags = ['notifications']

  app.get(
    '/notifications',
    { schema: { tags, summary: "the caller's in-app inbox", querystring: InboxQuery, response: { 200: Page(InboxItemOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await notifications.inbox(requireUser(req), req.query, page)
      return pageOf(req.url, page, count, rows.map(inboxItem))
    },
  )

  app.post(
    '/notifications/:id/read',
    { schema: { tags, params: IdParams, body: ReadBody, response: { 200: InboxItemOut, ...errorResponses }, 'x-body-optional': true } },
    async (req) => inboxItem(await notifications.markRead(requireUser(req), req.params.id)),
  )

  app.get(
    '/venues/:id/notifications',
    {
      schema: {
        tags,
        summary: "the venue's message log (staff)",
        params: IdParams,
        querystring: VenueLogQuery,
        response: { 200: Page(LogItemOut), ...errorResponses },
      },
    },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await notifications.venueLog(requireUser(req), req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(logItem))
    },
  )
}
