import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import { CreateMenuItemBody, InfoBody, InfoOut, MenuItemOut, MenuQuery, UpdateMenuItemBody, MenuItemPage } from './schemas.js'
import type { ContentService } from './service.js'
import { infoOut, menuItemOut } from './views.js'

export async function contentRoutes(app: App, { content }: { content: ContentService }) {
  const tags = ['content']

  app.get(
    '/venues/:id/info',
    {
      schema: {
        tags,
        operationId: 'getVenueInfo',
        summary: "Read a venue's business info",
        security: [],
        params: IdParams,
        response: { 200: InfoOut, ...errorResponses },
      },
    },
    async (req) => infoOut(await content.info(req.params.id)),
  )

  app.put(
    '/venues/:id/info',
    {
      schema: {
        tags,
        operationId: 'setVenueInfo',
        summary: "Replace a venue's business info (staff)",
        params: IdParams,
        body: InfoBody,
        response: { 200: InfoOut, ...errorResponses },
      },
    },
    async (req) => infoOut(await content.putInfo(requireUser(req), req.params.id, req.body)),
  )

  app.post(
    '/venues/:id/menu',
    {
      schema: {
        tags,
        operationId: 'createMenuItem',
        summary: "Add an item to a venue's menu (staff)",
        params: IdParams,
        body: CreateMenuItemBody,
        response: { 201: MenuItemOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { item, venue } = await content.createItem(requireUser(req), req.params.id, req.body)
      return reply.code(201).send(menuItemOut(item, venue))
    },
  )

  app.get(
    '/venues/:id/menu',
    {
      schema: {
        tags,
        operationId: 'listMenuItems',
        summary: "List a venue's menu",
        security: [],
        params: IdParams,
        querystring: MenuQuery,
        response: { 200: MenuItemPage, ...errorResponses },
      },
    },
    async (req) =>
      paginate(
        req,
        (page) => content.menu(req.params.id, req.query, page),
        (item, { venue }) => menuItemOut(item, venue),
      ),
  )

  app.patch(
    '/menu-items/:id',
    {
      schema: {
        tags,
        operationId: 'updateMenuItem',
        summary: 'Change a menu item (staff)',
        params: IdParams,
        body: UpdateMenuItemBody,
        response: { 200: MenuItemOut, ...errorResponses },
      },
    },
    async (req) => {
      const { item, venue } = await content.updateItem(requireUser(req), req.params.id, req.body)
      return menuItemOut(item, venue)
    },
  )

  app.delete(
    '/menu-items/:id',
    {
      schema: {
        tags,
        operationId: 'deleteMenuItem',
        summary: 'Remove a menu item (staff)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await content.deleteItem(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )
}
