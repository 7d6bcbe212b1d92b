import { EventEmitter } from 'node:events'
import type { FastifyBaseLogger } from 'fastify'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import type { Deps } from '../../src/deps.js'
import { EVENTS_CHANNEL, USER_CHANNEL } from '../../src/modules/realtime/channels.js'
import { RealtimeHub } from '../../src/modules/realtime/hub.js'

/** A socket that records what the hub sends it and how it was closed. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1
  readyState = 1
  bufferedAmount = 0
  sent: Array<{ type: string }> = []
  closed: number | null = null
  send(frame: string) {
    this.sent.push(JSON.parse(frame) as { type: string })
  }
  close(code: number) {
    this.closed = code
    this.readyState = 3
    this.emit('close')
  }
  ping() {}
  terminate() {}
}

/** A database whose LISTEN connections the test drops and brings back by hand. */
function fakeDatabase() {
  const channels = new Map<string, { notice: (p: string) => void; resume: () => void; lost: () => void }>()
  const database = {
    listen: async (channel: string, notice: (p: string) => void, resume?: () => void, lost?: () => void) => {
      channels.set(channel, { notice, resume: resume!, lost: lost! })
      return async () => {}
    },
  }
  return { channels, deps: { database } as unknown as Deps }
}

const log = { warn: () => {} } as unknown as FastifyBaseLogger
const notification = (userId: string) => JSON.stringify({ user_id: userId, message: { id: 'n1' } })

describe('the realtime hub across a lost LISTEN connection', () => {
  it('says ready only once every channel is back; sockets ready before are told to reconnect (1012)', async () => {
    const { channels, deps } = fakeDatabase()
    const hub = new RealtimeHub(deps, log)
    const before = new FakeSocket()
    await hub.add('notifications', 'u1', before as unknown as WebSocket)
    expect(before.sent).toEqual([{ type: 'ready', feed: 'notifications', key: 'u1' }])

    // Both connections drop; a dashboard connects meanwhile and must not be told it is live.
    channels.get(EVENTS_CHANNEL)!.lost()
    channels.get(USER_CHANNEL)!.lost()
    const during = new FakeSocket()
    await hub.add('notifications', 'u1', during as unknown as WebSocket)
    expect(during.sent).toEqual([])

    // One is back: the old socket may have missed notices and is closed; the new one still waits.
    channels.get(USER_CHANNEL)!.resume()
    expect(before.closed).toBe(1012)
    expect(during.closed).toBeNull()
    channels.get(USER_CHANNEL)!.notice(notification('u1'))
    expect(during.sent).toEqual([])

    // Both are back: the waiting socket is ready and hears what follows.
    channels.get(EVENTS_CHANNEL)!.resume()
    expect(during.closed).toBeNull()
    expect(during.sent).toEqual([{ type: 'ready', feed: 'notifications', key: 'u1' }])
    channels.get(USER_CHANNEL)!.notice(notification('u1'))
    expect(during.sent).toEqual([
      { type: 'ready', feed: 'notifications', key: 'u1' },
      { type: 'notification', notification: { id: 'n1' } },
    ])
    await hub.close()
    expect(during.closed).toBe(1001)
  })

  it('closes a socket still waiting when the server shuts down', async () => {
    const { channels, deps } = fakeDatabase()
    const hub = new RealtimeHub(deps, log)
    await hub.add('notifications', 'u1', new FakeSocket() as unknown as WebSocket)
    channels.get(EVENTS_CHANNEL)!.lost()
    const waiting = new FakeSocket()
    await hub.add('notifications', 'u2', waiting as unknown as WebSocket)
    await hub.close()
    expect(waiting.closed).toBe(1001)
  })
})
