import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import {
  ConversationListQuery,
  ConversationOut,
  ConversationPage,
  HistoryQuery,
  MessageOut,
  MessagePage,
  OpenBody,
  ReadBody,
  ReadOut,
  SendBody,
} from './schemas.js'
import type { MessagingService } from './service.js'
import type { ConversationSummary } from './summaries.js'

const conversationOut = (s: ConversationSummary) => ({
  id: s.conversation.id,
  customer: { id: s.conversation.customerId, name: s.customerName },
  venue: { id: s.conversation.venueId, name: s.venue.name, kind: s.venue.kind },
  my_side: s.side,
  last_message: s.lastMessage,
  unread_count: s.unread,
  created_at: s.conversation.createdAt.toISOString(),
})

/** The link to the page of messages before `id`, keeping the request's other parameters. */
const olderThan = (url: string, id: string, pageSize: number) => {
  const u = new URL(url, 'http://x')
  u.searchParams.set('before', id)
  u.searchParams.set('page_size', String(pageSize))
  return `${u.pathname}${u.search}`
}

export async function messagingRoutes(app: App, { messaging }: { messaging: MessagingService }) {
  const tags = ['messaging']

  app.post(
    '/conversations',
    {
      schema: {
        tags,
        operationId: 'openConversation',
        summary: 'Open (or find) the conversation with a venue or practitioner, or, as staff, with a customer who booked',
        body: OpenBody,
        response: { 200: ConversationOut, 201: ConversationOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const who = requireUser(req)
      const { conversation, created } = await messaging.open(who, req.body)
      return reply.code(created ? 201 : 200).send(conversationOut(await messaging.summary(who, conversation)))
    },
  )

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        operationId: 'listMyConversations',
        summary: "The caller's conversations, as a customer and as staff, the most recently active first",
        querystring: ConversationListQuery,
        response: { 200: ConversationPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => messaging.list(requireUser(req), page), conversationOut),
  )

  app.get(
    '/conversations/:id',
    {
      schema: {
        tags,
        operationId: 'getConversation',
        summary: 'One of the caller’s conversations, with its last message and their unread count',
        params: IdParams,
        response: { 200: ConversationOut, ...errorResponses },
      },
    },
    async (req) => conversationOut(await messaging.get(requireUser(req), req.params.id)),
  )

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        operationId: 'listConversationMessages',
        summary: 'A conversation’s messages, newest first; `next` pages to older ones',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: MessagePage, ...errorResponses },
      },
    },
    async (req) => {
      const page = await messaging.history(requireUser(req), req.params.id, req.query)
      const oldest = page.results.at(-1)
      return { count: page.count, next: page.more && oldest ? olderThan(req.url, oldest.id, page.pageSize) : null, previous: null, results: page.results }
    },
  )

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        operationId: 'sendMessage',
        summary: 'Send a message as the caller’s side of the conversation',
        params: IdParams,
        body: SendBody,
        response: { 201: MessageOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await messaging.send(requireUser(req), req.params.id, req.body)),
  )

  app.post(
    '/conversations/:id/read',
    {
      schema: {
        tags,
        operationId: 'markConversationRead',
        summary: 'Move the caller’s read marker (to the latest message by default)',
        params: IdParams,
        body: ReadBody,
        response: { 200: ReadOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req) => messaging.markRead(requireUser(req), req.params.id, req.body.message_id),
  )
}
