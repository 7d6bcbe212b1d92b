import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { pageOf, pageParams } from '../../http/pagination.js'
import { IdParams, Page, errorResponses } from '../../http/schemas.js'
import { CreateRoomBody, RoomListQuery, RoomOut, UpdateRoomBody } from './schemas.js'
import type { PricedRoom, RoomService } from './service.js'

export async function roomRoutes(app: App, { rooms }: { rooms: RoomService }) {
  const tags = ['rooms']
  const roomOut = (r: PricedRoom) => ({
    id: r.id,
    venue_id: r.venueId,
    name: r.name,
    capacity: r.capacity,
    hourly_rate: { amount: r.hourlyRate, currency: r.currency },
    slot_minutes: r.slotMinutes,
    min_minutes: r.minMinutes,
    max_minutes: r.maxMinutes,
    buffer_minutes: r.bufferMinutes,
    amenities: r.amenities,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  })

  app.post(
    '/venues/:id/rooms',
    { schema: { tags, params: IdParams, body: CreateRoomBody, response: { 201: RoomOut, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(roomOut(await rooms.create(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/rooms',
    { schema: { tags, params: IdParams, querystring: RoomListQuery, response: { 200: Page(RoomOut), ...errorResponses } } },
    async (req) => {
      const page = pageParams(req.query)
      const { rows, count } = await rooms.list(req.params.id, req.query, page)
      return pageOf(req.url, page, count, rows.map(roomOut))
    },
  )

  app.get('/rooms/:id', { schema: { tags, params: IdParams, response: { 200: RoomOut, ...errorResponses } } }, async (req) =>
    roomOut(await rooms.get(req.params.id)),
  )

  app.patch('/rooms/:id', { schema: { tags, params: IdParams, body: UpdateRoomBody, response: { 200: RoomOut, ...errorResponses } } }, async (req) =>
    roomOut(await rooms.update(requireUser(req), req.params.id, req.body)),
  )

  app.delete('/rooms/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await rooms.archive(requireUser(req), req.params.id)
    return reply.code(204).send(null)
  })
}
