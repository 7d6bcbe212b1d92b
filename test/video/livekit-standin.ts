import { TokenVerifier } from 'livekit-server-sdk'
import { localServer } from '../helpers/receiver.js'

/** A call the SDK made to LiveKit's Twirp API, with the claims of its verified bearer token. */
export interface TwirpCall {
  method: string
  body: Record<string, any>
  claims: Record<string, any> | null
}

/**
 * A local HTTP server standing in for LiveKit's server API (Twirp over JSON): it verifies each
 * request's bearer token with the key and secret LiveKit would (401 otherwise), records the call,
 * and answers egress starts and stops as LiveKit does. `fail` makes it answer 503.
 */
export async function liveKitStandIn(apiKey: string, apiSecret: string) {
  const calls: TwirpCall[] = []
  const state = { fail: false, egresses: 0 }
  const verifier = new TokenVerifier(apiKey, apiSecret)
  const server = await localServer((req, raw, res) => {
    void (async () => {
      const method = /^\/twirp\/livekit\.Egress\/(\w+)$/.exec(req.url ?? '')?.[1]
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const claims = bearer ? ((await verifier.verify(bearer).catch(() => null)) as Record<string, any> | null) : null
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (!method) return answer(404, { code: 'bad_route', msg: 'no such method' })
      if (!claims?.video?.roomRecord) return answer(401, { code: 'unauthenticated', msg: 'permissions denied' })
      const body = JSON.parse(raw) as Record<string, any>
      calls.push({ method, body, claims })
      if (state.fail) return answer(503, { code: 'unavailable', msg: 'egress is down' })
      if (method === 'StartRoomCompositeEgress') {
        state.egresses += 1
        return answer(200, { egressId: `EG_${state.egresses}`, roomName: body.roomName, status: 'EGRESS_STARTING' })
      }
      if (method === 'StopEgress') return answer(200, { egressId: body.egressId, status: 'EGRESS_ENDING' })
      return answer(404, { code: 'bad_route', msg: 'not stood in for' })
    })()
  })
  return { calls, state, base: server.base, close: server.close }
}
