import type { FastifyBaseLogger } from 'fastify'
import { describe, expect, it } from 'vitest'
import { DatabaseAway, OutageGate } from '../../src/modules/jobs/outage-gate.js'

/** A logger that keeps what it was told. */
function recorder() {
  const lines: Array<[string, string]> = []
  const at = (level: string) => (_obj: unknown, msg: string) => void lines.push([level, msg])
  return { lines, log: { warn: at('warn'), info: at('info'), error: at('error') } as unknown as FastifyBaseLogger }
}

const lost = () => Promise.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))

describe("the job queue's outage gate", () => {
  it('after a connection failure refuses at once, without querying, until a doubling wait has passed', async () => {
    let now = 0
    const { lines, log } = recorder()
    const gate = new OutageGate(log, () => now)
    let asked = 0
    const down = () => {
      asked += 1
      return lost()
    }
    await expect(gate.run(down)).rejects.toMatchObject({ code: '57P01' })
    expect(gate.away).toBe(true)
    // Within the first wait (0.5–1 s): refused, and the database is not asked.
    now = 400
    await expect(gate.run(down)).rejects.toBeInstanceOf(DatabaseAway)
    expect(asked).toBe(1)
    // After it: one probe, which fails again, and the next wait is longer (1–2 s).
    now = 1_000
    await expect(gate.run(down)).rejects.toMatchObject({ code: '57P01' })
    expect(asked).toBe(2)
    now = 1_000 + 999
    await expect(gate.run(down)).rejects.toBeInstanceOf(DatabaseAway)
    expect(asked).toBe(2)
    // The database is back: the probe goes through and the gate opens.
    now = 1_000 + 2_000
    await expect(gate.run(async () => 'ok')).resolves.toBe('ok')
    expect(gate.away).toBe(false)
    await expect(gate.run(async () => 'again')).resolves.toBe('again')
    // One warning for the outage, one line when it ended; not one per refused query.
    expect(lines).toEqual([
      ['warn', 'job queue: database unavailable, backing off'],
      ['info', 'job queue: database reachable again'],
    ])
  })

  it('lets other errors through without closing', async () => {
    const gate = new OutageGate(recorder().log, () => 0)
    await expect(gate.run(() => Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' })))).rejects.toMatchObject({ code: '23505' })
    expect(gate.away).toBe(false)
    await expect(gate.run(async () => 1)).resolves.toBe(1)
  })
})
