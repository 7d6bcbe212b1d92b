import { Type } from 'typebox'
import type { App } from '../../app.js'
import { requireUser } from '../../http/auth-guard.js'
import { IdParams, errorResponses } from '../../http/schemas.js'
import { LiveKitEventBody, RecordingList, RecordingOut, RoomPassOut, VideoWebhookOut } from './schemas.js'
import type { Recording, VideoService } from './service.js'
import type { VideoWebhooks } from './webhooks.js'

const recordingOut = (r: Recording) => ({
  id: r.id,
  room: r.room,
  egress_id: r.egressId,
  status: r.status,
  location: r.location,
  error: r.error,
  started_by: r.startedBy,
  started_at: r.startedAt.toISOString(),
  ended_at: r.endedAt?.toISOString() ?? null,
})

/** Video rooms of virtual bookings (LiveKit), their recordings, and LiveKit's webhook. */
export async function videoRoutes(app: App, { video, videoWebhooks }: { video: VideoService; videoWebhooks: VideoWebhooks }) {
  const tags = ['video']

  app.get(
    '/reservations/:id/video',
    {
      schema: {
        tags,
        operationId: 'joinReservationVideo',
        summary: 'A token to join the booking’s video room, from 15 minutes before the start until the end (its customer, the practitioner’s staff)',
        params: IdParams,
        response: { 200: RoomPassOut, ...errorResponses },
      },
    },
    async (req) => {
      const pass = await video.join(requireUser(req), req.params.id)
      return {
        url: pass.url,
        room: pass.room,
        token: pass.token,
        identity: pass.identity,
        role: pass.host ? ('host' as const) : ('participant' as const),
        starts_at: pass.session.startsAt.toISOString(),
        ends_at: pass.session.endsAt.toISOString(),
        occurrence_id: pass.session.occurrenceId,
        expires_at: pass.expiresAt.toISOString(),
      }
    },
  )

  app.post(
    '/reservations/:id/video/recording',
    {
      schema: {
        tags,
        operationId: 'startReservationRecording',
        summary: 'Start recording the booking’s open video room (the practitioner’s staff)',
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 201: RecordingOut, ...errorResponses },
        'x-body-optional': true,
      },
    },
    async (req, reply) => reply.code(201).send(recordingOut(await video.startRecording(requireUser(req), req.params.id))),
  )

  app.delete(
    '/reservations/:id/video/recording',
    {
      schema: {
        tags,
        operationId: 'stopReservationRecording',
        summary: 'Stop the recording running in the booking’s video room (the practitioner’s staff)',
        params: IdParams,
        response: { 200: RecordingOut, ...errorResponses },
      },
    },
    async (req) => recordingOut(await video.stopRecording(requireUser(req), req.params.id)),
  )

  app.get(
    '/reservations/:id/video/recording',
    {
      schema: {
        tags,
        operationId: 'listReservationRecordings',
        summary: 'Recordings of the booking’s video rooms with their files’ locations, newest first (the practitioner’s staff)',
        params: IdParams,
        response: { 200: RecordingList, ...errorResponses },
      },
    },
    async (req) => ({ recordings: (await video.recordings(requireUser(req), req.params.id)).map(recordingOut) }),
  )

  // The webhook reads its body as text: the signature covers its sha256 exactly as sent.
  await app.register(async (hook: App) => {
    const json = hook.getDefaultJsonParser('error', 'error')
    const keepRaw = (req: { rawText?: string }, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      req.rawText = body as string
      void json(req as never, body as string, done)
    }
    // LiveKit sends application/webhook+json; plain JSON is taken too (proxies and tools).
    hook.addContentTypeParser('application/webhook+json', { parseAs: 'string' }, keepRaw)
    hook.addContentTypeParser('application/json', { parseAs: 'string' }, keepRaw)
    hook.post(
      '/video/webhook',
      {
        schema: {
          tags,
          operationId: 'receiveLiveKitWebhook',
          summary: 'LiveKit webhook (signed: Authorization is a JWT over the body’s sha256)',
          security: [],
          headers: Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 4000 })) }),
          body: LiveKitEventBody,
          response: { 200: VideoWebhookOut, ...errorResponses },
        },
        // LiveKit signs every call and retries on its own; a per-address limit would only drop real events.
        config: { rateLimit: false },
      },
      async (req) => videoWebhooks.receive(req.rawText!, req.headers.authorization),
    )
  })
}

declare module 'fastify' {
  interface FastifyRequest {
    rawText?: string
  }
}
