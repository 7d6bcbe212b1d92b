import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import { InboxItemOut, InboxQuery, ReadBody, VenueLogQuery, InboxItemPage, LogItemPage } from './schemas.js'
import type { NotificationService } from './service.js'
import { inboxItem, logItem } from './views.js'

export async function notificationRoutes(app: App, { notifications }: { notifications: NotificationService }) {
  const tags = ['notifications']

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        operationId: 'listMyNotifications',
        summary: "The caller's in-app inbox",
        querystring: InboxQuery,
        response: { 200: InboxItemPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => notifications.inbox(requireUser(req), req.query, page), inboxItem),
  )

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        operationId: 'markNotificationRead',
        summary: 'Mark a message of the inbox as read',
        params: IdParams,
        body: ReadBody,
        response: { 200: InboxItemOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => inboxItem(await notifications.markRead(requireUser(req), req.params.id)),
  )

  app.get(
    '/venues/:id/notifications',
    {
      schema: {
        tags,
        operationId: 'listVenueNotifications',
        summary: "The venue's message log (staff)",
        params: IdParams,
        querystring: VenueLogQuery,
        response: { 200: LogItemPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => notifications.venueLog(requireUser(req), req.params.id, req.query, page), logItem),
  )
}
