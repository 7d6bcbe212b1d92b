import type * as LiveKitSdk from 'livekit-server-sdk'
import type { Config } from '../../config.js'
import { AppError } from '../../http/errors.js'
import type { RecordingStatus } from './schema.js'

// The SDK (and the protobuf runtime under it) is loaded on the first video request, not at
// start-up: most processes never mint a room token, and server memory is a tracked target.
type Sdk = typeof LiveKitSdk
let loading: Promise<Sdk> | undefined
const sdk = () => (loading ??= import('livekit-server-sdk'))

export type LiveKitConfig = NonNullable<Config['livekit']>

/** The LiveKit settings, or 503 where video is not configured (production without LIVEKIT_*). */
export function livekitOf(config: Config): LiveKitConfig {
  if (!config.livekit) throw new AppError('video_unavailable', 'Video sessions are not configured on this server')
  return config.livekit
}

/** What a room token lets its holder do, and for how long. */
export interface RoomGrant {
  room: string
  identity: string
  name: string
  metadata: string
  host: boolean
  ttlSeconds: number
}

/**
 * A signed join token. The host (the practitioner's staff) administers the room and publishes
 * anything; a participant publishes only camera and microphone, sends no data messages and
 * cannot rewrite its own metadata (which carries the booking the webhook credits the join to).
 */
export async function roomToken(lk: LiveKitConfig, g: RoomGrant): Promise<string> {
  const { AccessToken, TrackSource } = await sdk()
  const token = new AccessToken(lk.apiKey, lk.apiSecret, { identity: g.identity, name: g.name, metadata: g.metadata, ttl: g.ttlSeconds })
  token.addGrant({
    room: g.room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: true,
    canUpdateOwnMetadata: false,
    ...(g.host ? { roomAdmin: true, canPublishData: true } : { canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE], canPublishData: false }),
  })
  return token.toJwt()
}

/** One LiveKit webhook event, as far as we read it. */
export interface LiveKitEvent {
  id: string
  event: string
  room: string | null
  /** When LiveKit says it happened (seconds since the epoch), else null. */
  createdAt: Date | null
  participant: { identity: string; metadata: string } | null
  egress: { egressId: string; status: RecordingStatus; location: string | null; error: string | null } | null
  json: unknown
}

/** Verifies the signed body with the SDK's receiver; throws on a bad or missing signature. */
export async function receiveEvent(lk: LiveKitConfig, body: string, authorization: string | undefined): Promise<LiveKitEvent> {
  const { WebhookReceiver } = await sdk()
  const e = await new WebhookReceiver(lk.apiKey, lk.apiSecret).receive(body, authorization)
  const at = Number(e.createdAt)
  return {
    id: e.id,
    event: e.event,
    room: e.room?.name || e.egressInfo?.roomName || null,
    createdAt: at > 0 ? new Date(at * 1000) : null,
    participant: e.participant ? { identity: e.participant.identity, metadata: e.participant.metadata } : null,
    egress: e.egressInfo ? await egressOf(e.egressInfo) : null,
    json: e.toJson(),
  }
}

type EgressInfo = Awaited<ReturnType<InstanceType<Sdk['EgressClient']>['stopEgress']>>

async function egressOf(info: EgressInfo): Promise<NonNullable<LiveKitEvent['egress']>> {
  const { EgressStatus } = await sdk()
  const statuses: Partial<Record<number, RecordingStatus>> = {
    [EgressStatus.EGRESS_STARTING]: 'starting',
    [EgressStatus.EGRESS_ACTIVE]: 'active',
    [EgressStatus.EGRESS_ENDING]: 'ending',
    [EgressStatus.EGRESS_COMPLETE]: 'complete',
    [EgressStatus.EGRESS_FAILED]: 'failed',
    [EgressStatus.EGRESS_ABORTED]: 'aborted',
    // A recording cut at LiveKit's length limit still wrote its file.
    [EgressStatus.EGRESS_LIMIT_REACHED]: 'complete',
  }
  const file = info.fileResults[0]
  return {
    egressId: info.egressId,
    status: statuses[info.status] ?? 'failed',
    location: file?.location || file?.filename || null,
    error: info.error || null,
  }
}

/** Starts a composite recording of the room into one MP4 file, through LiveKit's egress API. */
export async function startEgress(lk: LiveKitConfig, room: string, filepath: string) {
  const { EgressClient, EncodedFileOutput } = await sdk()
  const client = new EgressClient(lk.apiUrl, lk.apiKey, lk.apiSecret, { failover: false })
  return egressOf(await client.startRoomCompositeEgress(room, { file: new EncodedFileOutput({ filepath }) }, { layout: 'speaker' }))
}

/** Asks LiveKit's egress API to stop a recording; its file is reported when it ends. */
export async function stopEgress(lk: LiveKitConfig, egressId: string) {
  const { EgressClient } = await sdk()
  const client = new EgressClient(lk.apiUrl, lk.apiKey, lk.apiSecret, { failover: false })
  return egressOf(await client.stopEgress(egressId))
}
