import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, Page, errorResponses } from '../../http/schemas.js'
import type { Venue } from '../venues/service.js'
import { CreateMenuItemBody, InfoBody, InfoOut, MenuItemOut, MenuQuery, UpdateMenuItemBody } from './schemas.js'
import type { ContentService, InfoView, MenuItem } from './service.js'

const menuItemOut = (i: MenuItem, venue: Venue) => ({
  id: i.id,
  venue_id: i.venueId,
  name: i.name,
  description: i.description,
  price: { amount: i.price, currency: venue.currency },
  category: i.category,
  available: i.available,
  position: i.position,
  created_at: i.createdAt.toISOString(),
  updated_at: i.updatedAt.toISOString(),
})

export async function contentRoutes(app: App, { content }: { content: ContentService }) {
  const tags = ['content']
  const infoOut = (i: InfoView) => ({
    venue_id: i.venueId,
    hours_text: i.hoursText,
    phone: i.phone,
    address: i.address,
    socials: i.socials,
    policies: i.policies,
    updated_at: i.updatedAt?.toISOString() ?? null,
  })

  app.get('/venues/:id/info', { schema: { tags, params: IdParams, response: { 200: InfoOut, ...errorResponses }, security: [] } }, async (req) =>
    infoOut(await content.info(req.params.id)),
  )

  app.put('/venues/:id/info', { schema: { tags, params: IdParams, body: InfoBody, response: { 200: InfoOut, ...errorResponses } } }, async (req) =>
    infoOut(await content.putInfo(requireUser(req), req.params.id, req.body)),
  )

  app.post(
    '/venues/:id/menu',
    { schema: { tags, params: IdParams, body: CreateMenuItemBody, response: { 201: MenuItemOut, ...errorResponses } } },
    async (req, reply) => {
      const { item, venue } = await content.createItem(requireUser(req), req.params.id, req.body)
      return reply.code(201).send(menuItemOut(item, venue))
    },
  )

  app.get(
    '/venues/:id/menu',
    { schema: { tags, params: IdParams, querystring: MenuQuery, response: { 200: Page(MenuItemOut), ...errorResponses }, security: [] } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count, venue } = await content.menu(req.params.id, req.query, page)
      return pageOf(
        req.url,
        page,
        count,
        rows.map((i) => menuItemOut(i, venue)),
      )
    },
  )

  app.patch(
    '/menu-items/:id',
    { schema: { tags, params: IdParams, body: UpdateMenuItemBody, response: { 200: MenuItemOut, ...errorResponses } } },
    async (req) => {
      const { item, venue } = await content.updateItem(requireUser(req), req.params.id, req.body)
      return menuItemOut(item, venue)
    },
  )

  app.delete('/menu-items/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await content.deleteItem(requireUser(req), req.params.id)
    return reply.code(204).send(null)
  })
}
