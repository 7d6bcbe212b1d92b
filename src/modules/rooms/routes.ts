import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { paginate } from '../../http/pagination.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import { CreateRoomBody, RoomListQuery, RoomOut, UpdateRoomBody, RoomPage } from './schemas.js'
import type { RoomService } from './service.js'
import { roomOut } from './views.js'

export async function roomRoutes(app: App, { rooms }: { rooms: RoomService }) {
  const tags = ['rooms']

  app.post(
    '/venues/:id/rooms',
    {
      schema: {
        tags,
        operationId: 'createVenueRoom',
        summary: 'Add a room to a venue',
        params: IdParams,
        body: CreateRoomBody,
        response: { 201: RoomOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(roomOut(await rooms.create(requireUser(req), req.params.id, req.body))),
  )

  app.get(
    '/venues/:id/rooms',
    {
      schema: {
        tags,
        operationId: 'listVenueRooms',
        summary: "List a venue's rooms",
        security: [],
        params: IdParams,
        querystring: RoomListQuery,
        response: { 200: RoomPage, ...errorResponses },
      },
    },
    async (req) => paginate(req, (page) => rooms.list(req.params.id, req.query, page), roomOut),
  )

  app.get(
    '/rooms/:id',
    { schema: { tags, operationId: 'getRoom', summary: 'Read a room', security: [], params: IdParams, response: { 200: RoomOut, ...errorResponses } } },
    async (req) => roomOut(await rooms.get(req.params.id)),
  )

  app.patch(
    '/rooms/:id',
    {
      schema: {
        tags,
        operationId: 'updateRoom',
        summary: 'Change a room',
        params: IdParams,
        body: UpdateRoomBody,
        response: { 200: RoomOut, ...errorResponses },
      },
    },
    async (req) => roomOut(await rooms.update(requireUser(req), req.params.id, req.body)),
  )

  app.delete(
    '/rooms/:id',
    {
      schema: {
        tags,
        operationId: 'archiveRoom',
        summary: 'Archive a room (it keeps its past reservations)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await rooms.archive(requireUser(req), req.params.id)
      return reply.code(204).send(null)
    },
  )
}
