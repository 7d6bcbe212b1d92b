import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import type { FeedService } from './feeds.js'
import { CreatedFeedOut, FeedBody, FeedListQuery, FeedPage, FeedTokenParams } from './schemas.js'
import { createdFeedOut, feedOut } from './views.js'

export async function calendarFeedRoutes(app: App, { feeds, publicUrl }: { feeds: FeedService; publicUrl: string }) {
  const tags = ['calendars']

  app.post(
    '/calendar-feeds',
    {
      schema: {
        tags,
        operationId: 'createCalendarFeed',
        summary: 'Make a private iCalendar feed URL of your bookings, a room’s or a practitioner’s (the URL is shown once)',
        body: FeedBody,
        response: { 201: CreatedFeedOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { feed, token } = await feeds.create(requireUser(req), req.body.kind, req.body.id)
      return reply.code(201).send(createdFeedOut(feed, token, publicUrl))
    },
  )

  app.get(
    '/calendar-feeds',
    {
      schema: {
        tags,
        operationId: 'listCalendarFeeds',
        summary: 'Your calendar feeds that still work (without their URLs)',
        querystring: FeedListQuery,
        response: { 200: FeedPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => feeds.mine(requireUser(req), page), feedOut),
  )

  app.delete(
    '/calendar-feeds/:id',
    {
      schema: {
        tags,
        operationId: 'revokeCalendarFeed',
        summary: 'Revoke a calendar feed: its URL answers 404 from now on',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await feeds.revoke(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  // Public: calendar apps fetch it with no account, so the unguessable token is the credential.
  app.get(
    '/calendar-feeds/:token.ics',
    {
      schema: {
        tags,
        operationId: 'getCalendarFeed',
        summary: 'A calendar feed (text/calendar) for Google, Apple or Outlook calendars to subscribe to',
        security: [],
        params: FeedTokenParams,
        response: { 200: { description: 'an iCalendar object (RFC 5545)', content: { 'text/calendar': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (req, reply) => reply.type('text/calendar; charset=utf-8').send(await feeds.render(req.params.token)),
  )
}
